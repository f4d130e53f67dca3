"""Undo command for deleting a whole study: the core keeps a snapshot, undo puts it back
with the same ids (documents, suggestions, evidence and review threads too)."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from abstractor.errors import AbstractorError
from abstractor.storage.study_removal import delete_study, restore_study
from gui.context import AppContext


class DeleteStudyCommand(QUndoCommand):
    def __init__(self, ctx: AppContext, study_id: str, label: str):
        super().__init__(f"Delete study {label if len(label) <= 40 else label[:39] + '…'}")
        self.ctx, self.study_id = ctx, study_id
        self.snapshot = None
        self.failed = False

    def _run(self, fn) -> bool:
        try:
            fn()
        except AbstractorError as exc:
            self.failed = True
            self.setObsolete(True)
            self.ctx.report_error("The change was not saved", str(exc))
            return False
        return True

    def redo(self) -> None:
        def go():
            self.snapshot = delete_study(self.ctx.store, self.study_id)

        if self._run(go):
            self.ctx.session.study_removed(self.study_id)

    def undo(self) -> None:
        if self._run(lambda: restore_study(self.ctx.store, self.snapshot)):
            self.ctx.session.study_restored(self.study_id)
