"""Start-up: the study list's first page is painted with the frame, read by sqlite3 alone
(abstractor.storage.first_page) before the core loads; the real list then takes its place."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.gui.conftest import import_and_wait

ROOT = Path(__file__).resolve().parents[2]


def test_the_first_page_is_what_the_real_list_shows_first(qtbot, open_window, registry_page, tmp_path, settings,
                                                          db_path):
    from abstractor.storage.first_page import first_page
    from gui.main_window import MainWindow

    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    w.import_paths([str(p) for p in sorted((ROOT / "resources" / "demo").glob("*.txt"))])
    qtbot.waitUntil(lambda: w.import_job is None, timeout=30000)
    model = w.study_list.model
    rows = first_page(db_path)
    assert rows and len(rows) == len(model.ids)
    shown = [[model.data(model.index(r, c)) for c in range(3)] for r in range(model.rowCount())]
    assert [[p.registry_id, p.title, p.status.replace("_", " ").lower()] for p in rows] == shown
    assert [p.id for p in rows] == model.ids

    frame = MainWindow(settings, "work.db", rows)  # the frame as start-up builds it
    qtbot.addWidget(frame)
    from PySide6.QtWidgets import QTableWidget

    table = frame.findChild(QTableWidget, "studyListPreview")
    assert table is not None and table.rowCount() == len(rows)
    assert [table.item(r, 1).text() for r in range(table.rowCount())] == [p.title for p in rows]


def test_first_page_reads_without_sqlalchemy_and_never_creates_a_file(tmp_path):
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from abstractor.storage.first_page import first_page\n"
            "assert first_page(%r) is None\n"
            "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'pydantic', 'PySide6') if m in sys.modules))\n"
            ) % (str(ROOT), str(tmp_path / "missing #1.db"))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
    assert not (tmp_path / "missing #1.db").exists()


def test_first_page_of_an_odd_name_and_of_a_foreign_file(tmp_path):
    from abstractor.storage import Store
    from abstractor.storage.first_page import first_page

    odd = tmp_path / "trial?x #1 100%.db"
    Store.open_path(odd, user="t").close()
    assert first_page(odd) == []  # opened exactly that file (empty), not "trial"
    foreign = tmp_path / "notes.db"
    foreign.write_bytes(b"not a database at all" * 100)
    assert first_page(foreign) is None
    assert foreign.read_bytes() == b"not a database at all" * 100


def _studies(n: int, path) -> None:
    from abstractor.storage import Store
    from models import schema

    with Store.open_path(path, user="t") as store:
        for i in range(n):
            store.add_study(schema.Abstraction(study=schema.StudyFields(title=f"Study {i}",
                                                                        registry_ids=[f"NCT{i:08d}"])), [])


def test_a_study_clicked_on_the_first_page_while_the_core_loads_is_the_one_opened(qtbot, settings, db_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableWidget

    from abstractor.storage.first_page import first_page
    from gui.app import attach, open_store
    from gui.main_window import MainWindow

    _studies(6, db_path)
    rows = first_page(db_path)
    frame = MainWindow(settings, "work.db", rows)  # the frame as start-up shows it before the core loads
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    table = frame.findChild(QTableWidget, "studyListPreview")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(4, 1)).center())
    store = open_store(db_path, user="tester")
    try:
        attach(frame, store, settings)  # the core is there: the clicked study opens, not the newest
        assert frame.ctx.session.study_id == rows[4].id
        assert frame.study_list.selected_ids() == [rows[4].id]
        assert frame.form.design.fields[("study", "title")].editor.text() == "Study 4"
    finally:
        frame.close()
        store.close()


def test_without_a_click_the_newest_study_opens_as_before(qtbot, settings, db_path):
    from abstractor.storage.first_page import first_page
    from gui.app import attach, open_store
    from gui.main_window import MainWindow

    _studies(3, db_path)
    frame = MainWindow(settings, "work.db", first_page(db_path))
    qtbot.addWidget(frame)
    store = open_store(db_path, user="tester")
    try:
        attach(frame, store, settings)
        assert frame.ctx.session.study_id == frame.study_list.model.ids[0]
    finally:
        frame.close()
        store.close()


def test_the_study_list_reads_its_ids_once_when_built(qtbot, open_window, db_path, monkeypatch):
    """Setting the view's first sort order used to re-read (and re-sort) every id twice more."""
    import gui.study_list_model as m

    _studies(3, db_path)
    calls = []
    real = m.study_ids
    monkeypatch.setattr(m, "study_ids", lambda *a, **k: (calls.append(a[1:]), real(*a, **k))[1])
    w = open_window()
    assert len(calls) == 1 and len(w.study_list.model.ids) == 3
    w.study_list.view.sortByColumn(1, Qt_order("desc"))  # a click on a header still sorts
    assert w.study_list.model.data(w.study_list.model.index(0, 1)) == "Study 2"


def Qt_order(which: str):
    from PySide6.QtCore import Qt

    return Qt.SortOrder.DescendingOrder if which == "desc" else Qt.SortOrder.AscendingOrder


def test_the_core_loads_on_a_worker_thread_while_the_window_runs_its_events():
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from PySide6.QtCore import QTimer\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "ticks = []\n"
            "timer = QTimer(interval=1)\n"
            "timer.timeout.connect(lambda: ticks.append(1))\n"
            "timer.start()\n"
            "from gui.core_loader import MODULES, start_loading, wait_for\n"
            "assert 'sqlalchemy' not in sys.modules and 'models.tables' not in sys.modules\n"
            "wait_for(start_loading())\n"
            "print(len(ticks) > 0, [m for m in MODULES if m not in sys.modules])\n") % str(ROOT)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "True []"  # the timer fired during the imports; every module is there


def test_closing_the_window_while_the_core_loads_ends_the_program(tmp_path):
    _studies(2, tmp_path / "work.db")
    code = ("import sys; sys.path.insert(0, %r)\n"
            "from PySide6.QtCore import QEvent, QObject, QTimer\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "def close():\n"
            "    w = next(x for x in app.topLevelWidgets() if x.objectName() == 'mainWindow')\n"
            "    print('loaded' if 'gui.review_actions' in sys.modules else 'loading', flush=True)\n"
            "    w.close()\n"
            "class Closer(QObject):  # once the first page is painted: the next events are the wait for the core\n"
            "    def eventFilter(self, obj, ev):\n"
            "        if ev.type() == QEvent.Type.Paint and obj.parent() is not None \\\n"
            "                and obj.parent().objectName() == 'studyListPreview':\n"
            "            app.removeEventFilter(self)\n"
            "            QTimer.singleShot(0, close)\n"
            "        return False\n"
            "closer = Closer()\n"
            "app.installEventFilter(closer)\n"
            "import main\n"
            "print('exit', main.main(['--db', %r, '--user', 't']))\n") % (str(ROOT), str(tmp_path / "work.db"))
    import os

    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)})
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["loading", "exit", "0"]  # closed before the core was there; no hang, no error
