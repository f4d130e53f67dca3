"""Computing suggestions for a study off the GUI thread (studies imported before suggestions existed)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject, Signal

from gui.jobs import Job, JobRegistry


class SuggestJob(QObject):
    """Runs suggest_for_study in a gui.jobs.Job; ``done(study_id, open_count)`` or ``failed(message)``.
    Stopping (closing the window, another database) takes effect after the document being read."""

    done = Signal(str, int)
    failed = Signal(str)
    abandoned = Signal()  # stopped without a result (window closing, another database)

    def __init__(self, store, study_id: str, parent=None, registry: Optional[JobRegistry] = None):
        super().__init__(parent)
        from abstractor.suggestions import suggest_for_study

        self.study_id = study_id
        self.job = Job(registry, lambda control: suggest_for_study(store, study_id, control.is_cancelled),
                       self, "Suggestions", dialog=False)
        self.job.done.connect(lambda n: self.done.emit(study_id, n))
        self.job.cancelled.connect(lambda n: self.done.emit(study_id, n or 0))
        self.job.failed.connect(self.failed.emit)
        self.job.ended.connect(lambda: self.abandoned.emit() if self.job.abandoned else None)

    def start(self) -> None:
        self.job.start()

    def stop(self) -> None:
        """Stop at the next document and wait for it; no result is reported."""
        self.job.abandon()
        self.job.wait()
        self.job._outcome()
