"""Computing suggestions for a study off the GUI thread (studies imported before suggestions existed)."""
from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal, Slot

from abstractor.errors import AbstractorError
from abstractor.suggestions import suggest_for_study


class _Worker(QObject):
    finished = Signal(int)
    failed = Signal(str)

    def __init__(self, store, study_id: str):
        super().__init__()
        self.store, self.study_id = store, study_id

    @Slot()
    def run(self) -> None:
        try:
            n = suggest_for_study(self.store, self.study_id)
        except AbstractorError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - told to the user in plain words
            self.failed.emit(f"the extractors stopped unexpectedly ({type(exc).__name__}: {exc})")
            return
        self.finished.emit(n)


class SuggestJob(QObject):
    """Runs suggest_for_study in its own thread; ``done(study_id, open_count)`` or ``failed(message)``."""

    done = Signal(str, int)
    failed = Signal(str)

    def __init__(self, store, study_id: str, parent=None):
        super().__init__(parent)
        self.study_id = study_id
        self.thread = QThread(self)
        self.worker = _Worker(store, study_id)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.thread.quit()
        self.thread.wait()

    def _finished(self, n: int) -> None:
        self.stop()
        self.done.emit(self.study_id, n)

    def _failed(self, message: str) -> None:
        self.stop()
        self.failed.emit(message)
