"""A whole workbook import as ONE undo step: redo applies the plan (one transaction), undo puts
every study it touched back exactly as it was (one transaction).  The core does both, on a worker
thread (gui.workbook_jobs.run_in_transaction): the window keeps painting, shows progress, and
Cancel rolls the step back as if it had not been asked for."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoCommand

from abstractor.storage.workbook_undo import ImportUndo, apply_undoable, undo_import
from gui.context import AppContext
from gui.workbook_jobs import run_in_transaction


class ImportWorkbookCommand(QUndoCommand):
    """``refresh(study_ids)`` is called after every apply or undo (the list and the open study);
    ``parent`` is the window the progress dialog belongs to."""

    def __init__(self, ctx: AppContext, plan, name: str, refresh: Callable[[list[str]], None], parent=None):
        super().__init__(f"Import workbook {name}")
        self.ctx, self.plan, self.name, self.refresh, self.parent = ctx, plan, name, refresh, parent
        self.record: Optional[ImportUndo] = None
        self.failed = False
        self.cancelled = False
        self._pushed = False  # the first redo is the push itself
        self._skip = False  # a cancelled step put back on the stack: its redo/undo does nothing

    def _run(self, fn, label: str):
        store = self.ctx.store
        return run_in_transaction(store, lambda progress: fn(store, progress), self.parent, "Import workbook",
                                  label, self.ctx.jobs)

    def redo(self) -> None:
        if self._skip:
            self._skip = False
            return
        first, self._pushed = not self._pushed, True
        kind, value = self._run(lambda store, progress: apply_undoable(store, self.plan, progress=progress),
                                f"Applying {self.name}…")
        if kind == "done":
            self.record = value
            self.refresh(self.record.study_ids)
        elif kind == "failed":
            self._fail("The workbook was not imported", value)
        elif first:
            self.cancelled = True
            self.setObsolete(True)  # nothing was applied: nothing to undo
        else:
            self._put_back(-1)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        if self.record is None:
            return
        record = self.record
        kind, value = self._run(lambda store, progress: undo_import(store, record, progress=progress),
                                f"Taking {self.name} back…")
        if kind == "done":
            self.refresh(record.study_ids)
        elif kind == "failed":
            self._fail("The import was not undone", value)
        else:
            self._put_back(+1)

    def _put_back(self, step: int) -> None:
        """Cancelled: the stack has moved already; move it back once it is done (a no-op step)."""
        self.cancelled = True
        self._skip = True
        stack = self.ctx.undo_stack
        QTimer.singleShot(0, lambda: stack.setIndex(stack.index() + step))

    def _fail(self, title: str, message: str) -> None:
        self.failed = True
        self.setObsolete(True)  # the stack drops it: nothing half-done remains to undo
        self.ctx.report_error(title, f"{message}\n\nNothing was changed.")
