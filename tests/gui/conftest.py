"""GUI tests: the real window, offscreen, on a temporary database and temporary settings."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import: no display needed

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
DEMO = ROOT / "resources" / "demo"
REGISTRY_PAGE = DEMO / "demo_cd7_cart_registry_page.txt"


class Dialogs:
    """Replaces gui.ask: records what the program would have shown, answers as told."""

    def __init__(self):
        self.shown: list[tuple[str, str, str]] = []
        self.files: list[str] = []
        self.save_path = None
        self.open_path = None  # ask.open_file's answer (a real file dialog would wait forever offscreen)
        self.answer_text = None
        self.located_pdf = None
        self.destination = "new"  # the answer to "new studies or this study?" for dropped files
        self.destination_asked: list[tuple[list, str]] = []
        self.choice = 0  # ask.choose: the index picked (None: cancelled)
        self.choices_offered: list[list[str]] = []
        self.edit_value = None  # ask.edit_value: a function (form value -> new value), None: cancelled

    def messages(self, kind=None):
        return [m for k, _t, m in self.shown if kind is None or k == kind]


@pytest.fixture(autouse=True)
def dialogs(monkeypatch):
    from gui import ask

    d = Dialogs()
    monkeypatch.setattr(ask, "error", lambda parent, title, msg: d.shown.append(("error", title, msg)))
    monkeypatch.setattr(ask, "info", lambda parent, title, msg: d.shown.append(("info", title, msg)))
    monkeypatch.setattr(ask, "confirm", lambda parent, title, msg: True)
    monkeypatch.setattr(ask, "text", lambda parent, title, label, value="": d.answer_text)
    monkeypatch.setattr(ask, "open_documents", lambda parent, folder="": list(d.files))
    monkeypatch.setattr(ask, "save_file", lambda parent, title, suggested, flt: d.save_path)
    monkeypatch.setattr(ask, "open_file", lambda parent, title, folder, flt: d.open_path)
    monkeypatch.setattr(ask, "locate_pdf", lambda parent, name: d.located_pdf)
    monkeypatch.setattr(ask, "choose", lambda parent, title, label, items: d.choices_offered.append(items) or d.choice)
    monkeypatch.setattr(ask, "edit_value",
                        lambda parent, title, label, value: d.edit_value(value) if d.edit_value else None)
    monkeypatch.setattr(ask, "import_destination",
                        lambda parent, names, label: d.destination_asked.append((names, label)) or d.destination)
    return d


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "work.db"


@pytest.fixture
def registry_page(tmp_path):
    dst = tmp_path / REGISTRY_PAGE.name
    shutil.copy(REGISTRY_PAGE, dst)
    return dst


@pytest.fixture
def open_window(qtbot, settings, db_path):
    """open_window() -> a shown MainWindow on the test database; closed (and its store too) at the end."""
    from gui.app import create_window, open_store

    opened = []

    def _open(path=None):
        store = open_store(path or db_path, user="tester")
        w = create_window(store, settings)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        opened.append(w)
        return w

    yield _open
    for w in opened:
        if w.isVisible():
            w.close()
        w.ctx.store.close()


def import_and_wait(qtbot, window, paths):
    job = window.import_paths([str(p) for p in paths])
    assert job is not None
    qtbot.waitUntil(lambda: window.import_job is None, timeout=15000)
    return job


def stored_rows(panel) -> list[dict]:
    """A table's stored rows (the table also shows open proposals as rows, after them)."""
    return [r for r in panel.model.rows if "_proposal" not in r]


def typing_saved(qtbot, window, timeout: int = 2000) -> None:
    """Typing is written within 300 ms and shown everywhere once it pauses (gui.edit_coalescer):
    wait for both."""
    qtbot.waitUntil(lambda: not window.ctx.edits.busy, timeout=timeout)
