"""Importing files off the GUI thread, with a progress dialog that can be cancelled."""
from __future__ import annotations

import threading
from typing import Optional

from PySide6.QtCore import QObject, QThread, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from abstractor.errors import AbstractorError
from abstractor.importer import import_files
from abstractor.storage import Store


class ImportWorker(QObject):
    progress = Signal(int, str)  # files done, file now being read
    finished = Signal(list)  # FileResult list
    failed = Signal(str)  # a plain-words message

    def __init__(self, store: Store, paths: list[str], into: Optional[str] = None):
        super().__init__()
        self.store, self.paths, self.into = store, paths, into
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        def step(i: int, path: str) -> bool:
            self.progress.emit(i, path)
            return not self._cancel.is_set()

        try:
            results = import_files(self.store, self.paths, into=self.into, progress=step, suggest=True)
        except AbstractorError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - reported, logged by the caller's hook
            self.failed.emit(f"the import stopped unexpectedly ({type(exc).__name__}: {exc})")
            return
        self.finished.emit(results)


class ImportJob(QObject):
    """Runs one ImportWorker in its own thread and shows its progress; emits ``done(results)``."""

    done = Signal(list)
    failed = Signal(str)

    def __init__(self, store: Store, paths: list[str], parent: QWidget, into: Optional[str] = None):
        super().__init__(parent)
        self.paths = paths
        self.thread = QThread(self)
        self.worker = ImportWorker(store, paths, into)
        self.worker.moveToThread(self.thread)
        self.dialog = QProgressDialog("Importing…", "Cancel", 0, len(paths), parent)
        self.dialog.setWindowTitle("Import documents")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # a quick import of one file shows no dialog at all
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        # Not connected to the worker's slot: that would queue to the worker's busy thread.
        self.dialog.canceled.connect(self.cancel)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.results: Optional[list] = None

    def cancel(self) -> None:
        self.worker.cancel()  # a threading.Event: safe from this thread

    def start(self) -> None:
        self.thread.start()

    def _progress(self, i: int, path: str) -> None:
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        self.dialog.setLabelText(f"Reading {name} ({i + 1} of {len(self.paths)})")
        self.dialog.setValue(i)

    def _stop(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.thread.quit()
        self.thread.wait()

    def _finished(self, results: list) -> None:
        self.results = results
        self._stop()
        self.done.emit(results)

    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)
