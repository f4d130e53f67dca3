"""Starting the window (a plain placeholder until the workbench lands)."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def run_gui(args) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

    from abstractor.errors import AbstractorError
    from abstractor.paths import default_database
    from abstractor.storage import Store

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Protocol Abstractor")
    try:
        if args.demo:
            store = open_demo(args.user)
        else:
            store = Store.open_path(Path(args.db).expanduser() if args.db else default_database(), user=args.user)
    except AbstractorError as exc:
        QMessageBox.critical(None, "Cannot open the database", str(exc))
        return 1
    window = QMainWindow()
    window.setWindowTitle(f"Protocol Abstractor — {store.label}")
    rows = store.list_studies()
    lines = [f"{r.registry_id or '—'}  {r.title or '(untitled)'}  [{r.status}]" for r in rows[:200]]
    window.setCentralWidget(QLabel("\n".join(lines) or "No studies yet: import documents with main.py import."))
    window.resize(900, 600)
    window.show()
    return app.exec()


def open_demo(user=None):
    """A fresh temporary database holding the demo documents from resources/demo."""
    from abstractor.importer import import_files
    from abstractor.storage import Store

    folder = tempfile.mkdtemp(prefix="abstractor-demo-")
    store = Store.open_path(os.path.join(folder, "demo.db"), user=user)
    import_files(store, sorted((RESOURCES / "demo").glob("*.*")))
    return store
