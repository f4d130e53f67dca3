"""Workbook work off the GUI thread: one core call in a gui.jobs.Job, its progress in a dialog.

    job = WorkbookJob(lambda progress: export_workbook(store, path, ids, progress=progress),
                      parent, "Export workbook", "Writing the workbook…", ctx.jobs)
    job.done.connect(...)       # the call's result
    job.failed.connect(...)     # a plain-words message (AbstractorError's text)
    job.cancelled.connect(...)  # Cancel pressed: the call stopped at its next progress step

``progress(done, total)`` raises gui.jobs.JobCancelled once Cancel was pressed; the core's writers
work on a temporary file or in one transaction, so a cancelled call leaves nothing behind.
"""
from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtWidgets import QWidget

from gui.jobs import Job, JobRegistry


class WorkbookJob(Job):
    def __init__(self, fn: Callable[[Callable[[int, int], None]], Any], parent: QWidget, title: str, label: str,
                 registry: Optional[JobRegistry] = None):
        super().__init__(registry, lambda control: fn(control.step), parent, title, label, show_after_ms=400)


def run_in_transaction(store, fn: Callable[[Callable[[int, int], None]], Any], parent: QWidget, title: str,
                       label: str, registry: Optional[JobRegistry] = None, unit: str = "studies") -> tuple[str, Any]:
    """Run ``fn(progress)`` (core calls) in one transaction on a worker thread while the window keeps
    painting; ``progress(done, total)`` moves the dialog's bar ("12 of 40 studies", a percentage) and
    raises once Cancel is pressed, which rolls the whole transaction back at the next study.
    Returns (outcome, result or message) as Job.run_modal."""
    def call(control):
        def progress(done: int, total: int) -> None:
            control.step(done, total, f"{label}\n{done:,} of {total:,} {unit}")

        with store.transaction():
            result = fn(progress)
            control.check()  # cancelled meanwhile: raising here rolls everything back
            control.finish()  # (a Cancel pressed during the commit itself is too late)
        return result

    # The dialog shows at once: it is window-modal, so no key reaches the window (and its undo stack,
    # which is in the middle of this step) until the call has ended.
    return Job(registry, call, parent, title, label, show_after_ms=0).run_modal()
