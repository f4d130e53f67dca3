"""Undo commands for the review: a field's or row's mark, and the study's workflow status.

Both call abstractor.storage.review_ops (which audits) and then tell the session,
like every other StoreCommand.  Undoing a query puts the old mark back and takes
its question out of the thread (the audit trail records both); redo asks it again.
"""
from __future__ import annotations

from typing import Optional

from abstractor.storage import review_ops
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
        self.target, self.status, self.old = target, ReviewState(status), ReviewState(old)
        self.comment = comment
        self.comment_id = review_ops.new_comment_id() if comment else None

    def _redo(self):
        return review_ops.set_review(self.ctx.store, self.study_id, self.target, self.status, self.comment,
                                     comment_id=self.comment_id)

    def _undo(self):
        if self.comment_id:
            review_ops.delete_comment(self.ctx.store, self.study_id, self.comment_id)
        return review_ops.set_review(self.ctx.store, self.study_id, self.target, self.old)


class SetStatusCommand(StoreCommand):
    """Move the study along the workflow (the core refuses moves it does not allow).

    Undo puts the old status back as a plain audited edit: the way back is not
    always a move the workflow offers (in review -> submitted)."""

    def __init__(self, ctx: AppContext, study_id: str, new: AbstractionStatus, old: AbstractionStatus,
                 comment: Optional[str] = None):
        super().__init__(ctx, study_id, f"Status: {status_words(new)}")
        self.new, self.old, self.comment = AbstractionStatus(new), AbstractionStatus(old), comment

    def _redo(self):
        comment, self.comment = self.comment, None
        return review_ops.set_status(self.ctx.store, self.study_id, self.new, comment)

    def _undo(self):
        return self.ctx.store.set_value(self.study_id, "study", self.study_id, "status", self.old.value,
                                        origin=review_ops.ORIGIN)


def status_words(status) -> str:
    return AbstractionStatus(status).value.replace("_", " ").lower()
