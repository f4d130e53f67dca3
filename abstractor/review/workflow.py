"""The review workflow: which status a study may move to, and when it may be approved.

The rules live here, in the review package; storage only reads and writes the status
(abstractor.storage.review_ops), and a move is one transaction: the check and the write.
"""
from __future__ import annotations

from typing import Optional

from models.enums import AbstractionStatus
from abstractor.errors import AbstractorError
from abstractor.storage import review_ops
from abstractor.storage.records import Change

S = AbstractionStatus
# Who may move a study where.  Returned and approved work can be reopened.
TRANSITIONS: dict[AbstractionStatus, tuple[AbstractionStatus, ...]] = {
    S.IN_PROGRESS: (S.SUBMITTED,),
    S.SUBMITTED: (S.IN_REVIEW, S.IN_PROGRESS),
    S.IN_REVIEW: (S.RETURNED, S.APPROVED),
    S.RETURNED: (S.SUBMITTED, S.IN_PROGRESS),
    S.APPROVED: (S.IN_REVIEW,),
}


class TransitionNotAllowed(AbstractorError):
    """A status change the workflow does not allow (the message says which are)."""


def allowed_statuses(current: AbstractionStatus | str) -> tuple[AbstractionStatus, ...]:
    return TRANSITIONS[AbstractionStatus(current)]


def check_move(old: AbstractionStatus, new: AbstractionStatus, open_queries: int,
               allow_open_queries: bool = False) -> None:
    if new not in TRANSITIONS[old]:
        allowed = ", ".join(s.value for s in TRANSITIONS[old])
        raise TransitionNotAllowed(f"a study that is {old.value} cannot become {new.value} (it can become: {allowed})")
    if new == S.APPROVED and open_queries and not allow_open_queries:
        raise TransitionNotAllowed(f"the study still has {open_queries} open "
                                   f"quer{'y' if open_queries == 1 else 'ies'}; settle them before approving")


def set_status(store, study_id: str, new: AbstractionStatus | str, comment: Optional[str] = None,
               allow_open_queries: bool = False) -> Change:
    """Move a study along the workflow; refuses moves the workflow does not allow, and approving
    while queries are open (unless ``allow_open_queries``)."""
    new = AbstractionStatus(new)
    with store.transaction():
        check_move(review_ops.study_status(store, study_id), new, review_ops.open_query_count(store, study_id),
                   allow_open_queries)
        return review_ops.write_status(store, study_id, new, comment)
