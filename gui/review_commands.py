"""Undo commands for the review: a field's or row's mark, and the study's workflow status.

Both call a core operation (abstractor.operations, which audits) and then tell the session,
like every other StoreCommand.  Undoing a query puts the old mark back and takes
its question out of the thread (the audit trail records both); redo asks it again.
"""
from __future__ import annotations

from typing import Optional

from abstractor import operations as ops
from gui.commands import StoreCommand
from gui.context import AppContext, FieldTarget
from models.enums import AbstractionStatus, ReviewState

MARK_WORDS = {ReviewState.VERIFIED: "Verify", ReviewState.QUERIED: "Query", ReviewState.UNCHECKED: "Clear the mark of"}


def review_target(target: FieldTarget) -> tuple[str, str, str]:
    """What a mark names: a study or escalation field, or a whole repeated row (field "")."""
    if target.entity in ("study", "escalation"):
        return target.entity, target.row_id, target.field
    return target.entity, target.row_id, ""


class SetReviewCommand(StoreCommand):
    """Mark a field or row verified / queried / unchecked, with an optional comment (the question)."""

    def __init__(self, ctx: AppContext, study_id: str, target: tuple[str, str, str], status: ReviewState,
                 old: ReviewState, comment: Optional[str] = None, label: str = ""):
        label = label or target[2] or target[0]
        label = label if len(label) <= 32 else label[:31] + "…"  # the undo menu and toolbar show it
        super().__init__(ctx, study_id, f"{MARK_WORDS[ReviewState(status)]} {label}")
        self.target = target
        self.op = ops.SetReview(study_id, target, ReviewState(status), ReviewState(old), comment)

    def _redo(self):
        return self.op.do(self.ctx.store)

    def _undo(self):
        return self.op.undo(self.ctx.store)


class SetStatusCommand(StoreCommand):
    """Move the study along the workflow (abstractor.operations.SetStatus)."""

    def __init__(self, ctx: AppContext, study_id: str, new: AbstractionStatus, old: AbstractionStatus,
                 comment: Optional[str] = None):
        super().__init__(ctx, study_id, f"Status: {status_words(new)}")
        self.op = ops.SetStatus(study_id, AbstractionStatus(new), AbstractionStatus(old), comment)

    def _redo(self):
        return self.op.do(self.ctx.store)

    def _undo(self):
        return self.op.undo(self.ctx.store)


def status_words(status) -> str:
    return AbstractionStatus(status).value.replace("_", " ").lower()
