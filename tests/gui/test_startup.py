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
