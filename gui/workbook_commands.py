"""A whole workbook import as ONE undo step: redo applies the plan (one transaction), undo puts
every study it touched back exactly as it was (one transaction).  The core does both."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtGui import QUndoCommand

from abstractor.errors import AbstractorError
from abstractor.storage.workbook_undo import ImportUndo, apply_undoable, undo_import
from gui.context import AppContext


class ImportWorkbookCommand(QUndoCommand):
    """``refresh(study_ids)`` is called after every apply or undo (the list and the open study)."""

    def __init__(self, ctx: AppContext, plan, name: str, refresh: Callable[[list[str]], None]):
        super().__init__(f"Import workbook {name}")
        self.ctx, self.plan, self.refresh = ctx, plan, refresh
        self.record: Optional[ImportUndo] = None
        self.failed = False

    def redo(self) -> None:
        try:
            self.record = apply_undoable(self.ctx.store, self.plan)
        except AbstractorError as exc:
            self._fail("The workbook was not imported", exc)
            return
        self.refresh(self.record.study_ids)

    def undo(self) -> None:
        if self.record is None:
            return
        try:
            undo_import(self.ctx.store, self.record)
        except AbstractorError as exc:
            self._fail("The import was not undone", exc)
            return
        self.refresh(self.record.study_ids)

    def _fail(self, title: str, exc: AbstractorError) -> None:
        self.failed = True
        self.setObsolete(True)  # the stack drops it: nothing half-done remains to undo
        self.ctx.report_error(title, f"{exc}\n\nNothing was changed.")
