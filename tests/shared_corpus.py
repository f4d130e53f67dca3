"""Where ../shared is (beside the checkout in development and CI, never on a user's machine).

Tests that need it call ``need_shared()``: without it they skip here, and fail under CI=true,
where a missing ../shared is a broken run, not a reason to pass.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score.py"


def need_shared(path: Path = CORPUS) -> Path:
    if path.exists():
        return path
    message = f"{path} is not here (../shared beside the checkout)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + "; with CI=true the tests that need it must run")
    pytest.skip(message)
