"""Shared fixtures.  Qt, when a test needs it, runs offscreen (no display in CI)."""
import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "study.db"


@pytest.fixture
def store(db_path):
    from abstractor.storage import Store

    s = Store.open_path(db_path, user="tester")
    yield s
    s.close()


@pytest.fixture
def data_dir():
    return DATA
