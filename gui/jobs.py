"""Background jobs: one core call in its own thread, its progress shown, cancellable, known to the window.

    job = Job(ctx.jobs, lambda control: export_workbook(store, path, ids, progress=control.step),
              parent=window, title="Export workbook", label="Writing…")
    job.done.connect(...)       # the call's result
    job.failed.connect(...)     # a plain-words message (unexpected errors also go to errors.log)
    job.cancelled.connect(...)  # the user pressed Cancel and the call stopped
    job.start()

The call is told to stop through ``control``: ``control.step(done, total)`` raises JobCancelled once
a cancel was asked, and core calls that take a callback get ``control.is_cancelled``.  ``ctx.jobs``
(JobRegistry) knows every running job: closing the window and opening another database abandon
them (cancel, and their results are dropped) and wait for their threads, so no thread outlives its
window and none writes to a database that is no longer open.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, Optional

from PySide6.QtCore import QEventLoop, QObject, QThread, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from abstractor.errors import AbstractorError


class JobCancelled(Exception):
    """Raised inside a job's call (by ``control.step``) once the job was cancelled."""


class JobControl:
    """What a job's call gets: progress reporting and the cancel flag (both thread-safe)."""

    def __init__(self, emit: Callable[[int, int, str], None]):
        self._emit = emit
        self._cancel = threading.Event()
        self.finished = False
        self._shown = (-1, -1, "")  # the last (per mille, total, text) sent to the window

    def is_cancelled(self) -> bool:
        return self._cancel.is_set() and not self.finished

    def finish(self) -> None:
        """The call is past its point of no return (committed): a Cancel pressed now changes nothing."""
        self.finished = True

    def step(self, done: int, total: int, text: str = "") -> None:
        """Report progress; raises JobCancelled when the job was cancelled (the core call unwinds).
        Cheap enough to call per study: the window hears of it only when the bar would move."""
        self.check()
        shown = (1000 * done // total if total > 0 else -1, total, text)
        if shown != self._shown:
            self._shown = shown
            self._emit(done, total, text)

    def check(self) -> None:
        if self.is_cancelled():
            raise JobCancelled()


class _Runner(QThread):
    """Runs the call in ``run`` (no event loop in the thread: it ends when the call returns)."""

    progressed = Signal(int, int, str)
    outcome = Signal()  # the call returned: ``final`` holds ("done"/"failed"/"cancelled", result or message)

    def __init__(self, fn: Callable[[JobControl], Any], title: str):
        super().__init__()
        self.fn, self.title = fn, title
        self.control = JobControl(self.progressed.emit)
        self.final: tuple[str, Any] = ("", None)

    def run(self) -> None:
        self.final = self._call()
        self.outcome.emit()

    def _call(self) -> tuple[str, Any]:
        try:
            result = self.fn(self.control)
        except JobCancelled:
            return "cancelled", None
        except AbstractorError as exc:
            return "failed", str(exc)
        except Exception as exc:  # noqa: BLE001 - logged with its traceback, told in plain words
            from gui.crash import log_exception

            where = log_exception(f"background job {self.title!r}", exc)
            return "failed", (f"{self.title} stopped unexpectedly ({type(exc).__name__}: {exc}). "
                              f"The details were written to {where}.")
        return ("cancelled" if self.control.is_cancelled() else "done"), result


class Job(QObject):
    """One background call.  Exactly one of done / failed / cancelled is emitted, then ``ended``
    (none of the first three once the job was abandoned)."""

    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal(object)  # what the call returned before it stopped (None when it raised)
    ended = Signal()

    def __init__(self, registry: Optional["JobRegistry"], fn: Callable[[JobControl], Any], parent: QWidget,
                 title: str, label: str = "", *, cancellable: bool = True, dialog: bool = True,
                 show_after_ms: int = 300):
        super().__init__(parent)
        self.registry, self.title = registry, title
        self.runner = _Runner(fn, title)
        self.runner.progressed.connect(self._progress)
        self.runner.outcome.connect(self._outcome)
        self.abandoned = False
        self.result: tuple[str, Any] = ("", None)
        self.running = False
        self.dialog: Optional[QProgressDialog] = None
        if dialog:
            d = QProgressDialog(label or title, "Cancel" if cancellable else "", 0, 0, parent)
            d.setWindowTitle(title)
            if not cancellable:
                d.setCancelButton(None)
            d.setWindowModality(Qt.WindowModality.WindowModal)
            d.setMinimumDuration(show_after_ms)  # a quick job shows no dialog at all
            d.setAutoClose(False)
            d.setAutoReset(False)
            d.canceled.connect(self.cancel)
            self.dialog = d

    # --- control (GUI thread) --------------------------------------------------------------------
    def start(self) -> None:
        self.running = True
        if self.registry is not None:
            self.registry.add(self)
        if self.dialog is not None:
            self.dialog.setValue(0)  # starts the dialog's show-after timer
        self.runner.start()

    def cancel(self) -> None:
        """Ask the call to stop at its next step (thread-safe flag)."""
        self.runner.control._cancel.set()
        if self.dialog is not None and self.running:
            self.dialog.setLabelText("Stopping…")

    def abandon(self) -> None:
        """Cancel and drop the result: the window is closing or another database is being opened."""
        self.abandoned = True
        self.cancel()

    def wait(self) -> None:
        """Block until the call has returned (after ``abandon`` it stops at its next step)."""
        self.runner.wait()

    def run_modal(self) -> tuple[str, Any]:
        """Start and return (outcome, result or message) once the call has ended; the GUI thread keeps
        painting meanwhile (a local event loop), and the window-modal dialog keeps edits out."""
        loop = QEventLoop()
        self.ended.connect(loop.quit)
        self.start()
        if self.running:
            loop.exec()
        return self.result

    # --- from the thread (queued to the GUI thread) ------------------------------------------------
    def _progress(self, done: int, total: int, text: str) -> None:
        if self.dialog is None or not self.running or self.abandoned:
            return
        if text:  # (first: setValue lets a window-modal dialog process events)
            self.dialog.setLabelText(text)
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total > 0 else 0)

    def _outcome(self) -> None:
        if not self.running:  # already handled (JobRegistry.stop_all)
            return
        self.runner.wait()  # the call has returned; the thread ends at once
        self.running = False
        kind, value = self.result = self.runner.final
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
        if self.registry is not None:
            self.registry.remove(self)
        if not self.abandoned:
            {"done": self.done, "failed": self.failed, "cancelled": self.cancelled}[kind].emit(value)
        self.ended.emit()


class JobRegistry(QObject):
    """Every running job of one window (AppContext.jobs)."""

    idle = Signal()  # the last running job ended

    def __init__(self):
        super().__init__()
        self.jobs: list[Job] = []

    @property
    def busy(self) -> bool:
        return bool(self.jobs)

    def titles(self) -> list[str]:
        return [j.title for j in self.jobs]

    def add(self, job: Job) -> None:
        self.jobs.append(job)

    def remove(self, job: Job) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
            if not self.jobs:
                self.idle.emit()

    def abandon_all(self) -> None:
        for job in list(self.jobs):
            job.abandon()

    def stop_all(self) -> None:
        """Abandon every job and wait until each call has returned (nothing runs on after this).
        Their ends are then handled at once, so the registry is empty on return."""
        for job in list(self.jobs):
            job.abandon()
        for job in list(self.jobs):
            job.wait()
            job._outcome()
