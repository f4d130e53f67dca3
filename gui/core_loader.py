"""Start-up: import the core and the window's panels on a worker thread while the frame and the
study list's first page are on screen.

The imports (SQLAlchemy, SQLModel, pydantic, the models, the panels' modules) are most of the wait
for a working window.  Done on the GUI thread they freeze it: a click on the first page is lost,
the window does not repaint.  Here the GUI thread keeps running its event loop: the first page
scrolls and takes a click (the study clicked is opened once the core is there: MainWindow.attach).
Only module imports happen on the thread (class definitions, no widgets, no database); the
database is opened and the panels built on the GUI thread as before.
"""
from __future__ import annotations

import gc
import importlib

# What attach() and the first study's opening import, heaviest first.  A name missing here is
# imported on the GUI thread when first used: only slower, never wrong.
# SQLAlchemy and the ORM tables come with the storage modules (only storage names them).
MODULES = ("models.schema", "abstractor.storage.engine", "abstractor.storage.store",
           "abstractor.storage.window_queries", "abstractor.operations", "abstractor.checkout",
           "gui.context", "gui.server_login", "gui.crash", "gui.jobs", "gui.edit_coalescer",
           "gui.study_list_panel", "gui.document_view", "gui.form", "gui.capture", "gui.navigation",
           "gui.undo_texts", "gui.workbook_actions", "gui.codebook_actions", "gui.codebook_form",
           "gui.team_offline", "gui.suggestions_ui", "gui.review_actions")


def start_loading():
    """Start importing MODULES on a worker thread; wait_for(the result) before using the core."""
    from PySide6.QtCore import QThread

    class Loader(QThread):
        def run(self) -> None:
            # The imports make a few hundred thousand long-lived objects (classes, schemas): the cyclic
            # collector walking them cost ~15% of the import time.  Paused meanwhile; afterwards they
            # are moved out of its sight (gc.freeze), which also spares every later collection.
            gc.disable()
            try:
                for name in MODULES:
                    try:
                        importlib.import_module(name)
                    except Exception:  # noqa: BLE001 - reported by the GUI thread's own import
                        pass
            finally:
                gc.freeze()
                gc.enable()

    loader = Loader()
    loader.start()
    return loader


def wait_for(loader) -> None:
    """Return once the imports are done, running the GUI thread's events meanwhile (the window
    paints, scrolls and takes clicks).  An import that failed on the thread is left to fail again,
    with its message, where the window imports it."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    loader.finished.connect(loop.quit)  # (emitted by Qt itself, queued to this thread)
    if not loader.isFinished():
        loop.exec()
    loader.wait()
