"""Workbook work off the GUI thread: one core call in a QThread, its progress in a dialog.

    job = WorkbookJob(lambda progress: export_workbook(store, path, ids, progress=progress),
                      parent, "Export workbook", "Writing the workbook…")
    job.done.connect(...)    # the call's result
    job.failed.connect(...)  # a plain-words message (AbstractorError's text)
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from abstractor.errors import AbstractorError


class _Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any]):
        super().__init__()
        self.fn = fn

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(lambda done, total: self.progress.emit(done, total))
        except AbstractorError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown in plain words; the file is left as it was
            self.failed.emit(f"stopped unexpectedly ({type(exc).__name__}: {exc})")
            return
        self.finished.emit(result)


class WorkbookJob(QObject):
    """Runs ``fn(progress)`` in its own thread; emits ``done(result)`` or ``failed(message)``."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any], parent: QWidget, title: str, label: str):
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = _Worker(fn)
        self.worker.moveToThread(self.thread)
        self.dialog = QProgressDialog(label, "", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setCancelButton(None)  # the core cannot stop half-way; it is quick or writes atomically
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.thread.started.connect(self.worker.run)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.thread.start()

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _stop(self) -> None:
        self.running = False
        self.dialog.reset()
        self.dialog.hide()
        self.thread.quit()
        self.thread.wait()

    def _finished(self, result: Any) -> None:
        self._stop()
        self.done.emit(result)

    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)

    def wait(self, ms: int = 5000) -> None:
        """Closing the window: let the thread end (the core call cannot be interrupted)."""
        self.thread.quit()
        self.thread.wait(ms)
