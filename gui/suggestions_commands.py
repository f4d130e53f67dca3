"""Undo commands for suggestions: accept (undo: take it back exactly) and reject (undo: reopen).

One command may decide several proposals ("accept all of a section"): one undo step.
"""
from __future__ import annotations

from typing import Optional

from abstractor import operations as ops
from gui.commands import StoreCommand
from gui.context import AppContext


class AcceptSuggestionsCommand(StoreCommand):
    """Accept proposals in one transaction (abstractor.operations.AcceptSuggestions).  One the core
    refuses (it would overwrite a value) stays open and is listed in ``refused``."""

    def __init__(self, ctx: AppContext, study_id: str, ids: list[str], text: str, edited: Optional[dict] = None):
        super().__init__(ctx, study_id, text)
        self.op = ops.AcceptSuggestions(study_id, list(ids), dict(edited or {}))

    @property
    def refused(self) -> list[str]:
        return self.op.refused

    @property
    def done(self) -> list:
        return self.op.done

    def _redo(self):
        self.op.do(self.ctx.store)

    def _undo(self):
        self.op.undo(self.ctx.store)


class RejectSuggestionsCommand(StoreCommand):
    def __init__(self, ctx: AppContext, study_id: str, ids: list[str], text: str):
        super().__init__(ctx, study_id, text)
        self.op = ops.RejectSuggestions(study_id, list(ids))

    @property
    def rejected(self) -> list[str]:
        return self.op.rejected

    def _redo(self):
        self.op.do(self.ctx.store)

    def _undo(self):
        self.op.undo(self.ctx.store)
