"""User actions as core operations: each ``do`` and each ``undo`` is one transaction.

An action that takes several stores (a value, its evidence and the proposals it settles) either
happens whole or not at all, so a failure never leaves half an edit behind and the message the
window shows ("not saved") is true.  The window's undo commands hold one of these and only call
``do`` and ``undo`` (git-cola's commands, Anki's collection operations).  Every operation returns
the Change (or None) that tells the screens what to refresh.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from abstractor import suggestions as sg
from abstractor.errors import AbstractorError
from abstractor.review import workflow
from abstractor.storage import review_ops, suggestion_store as ss
from abstractor.storage.records import Change, EvidenceSpan, RowSnapshot


@dataclass(frozen=True)
class Span:
    """A selection in a stored document: evidence for a value."""

    document_id: Optional[str]
    start: int
    end: int


@dataclass
class SetField:
    """One field's new value; on the study or its escalation design the typed value settles open
    proposals for that field (accepted when the same, edited when not)."""

    study_id: str
    entity: str
    row_id: str
    field: str
    new: Any
    old: Any
    settled: dict[str, str] = field(default_factory=dict)  # proposal id -> its state before

    def _settle(self, store, value) -> None:
        if self.entity not in ("study", "escalation"):
            return
        before = sg.settle_by_user_value(store, self.study_id, self.entity, self.field, value,
                                         ids=list(self.settled) or None)
        for sid, state in before.items():
            self.settled.setdefault(sid, state)

    def do(self, store) -> Change:
        with store.transaction():
            change = store.set_value(self.study_id, self.entity, self.row_id, self.field, self.new,
                                     expected=self.old)  # changed by another meanwhile: StaleWrite
            self._settle(store, self.new)
        return change

    def resettle(self, store) -> None:
        """Typing went on in the same field: settle the proposals again for the whole value."""
        with store.transaction():
            self._settle(store, self.new if self.new != self.old else None)

    def undo(self, store) -> Change:
        with store.transaction():
            change = store.set_value(self.study_id, self.entity, self.row_id, self.field, self.old,
                                     expected=self.new)
            if self.settled:
                sg.restore_states(store, self.settled)
        return change


@dataclass
class FillFromSelection:
    """A value and its evidence, saved together (or only the evidence: ``set_value`` False)."""

    study_id: str
    entity: str
    row_id: str
    field: str
    new: Any
    old: Any
    span: Span
    old_evidence: Optional[EvidenceSpan] = None
    set_value: bool = True
    settled: dict[str, str] = field(default_factory=dict)

    def do(self, store) -> Change:
        with store.transaction():
            if self.set_value:
                store.set_value(self.study_id, self.entity, self.row_id, self.field, self.new)
                if self.entity in ("study", "escalation"):
                    self.settled = sg.settle_by_user_value(store, self.study_id, self.entity, self.field, self.new)
            return store.set_evidence(self.study_id, self.entity, self.row_id, self.field, self.span.document_id,
                                      self.span.start, self.span.end)

    def undo(self, store) -> None:
        with store.transaction():
            if self.set_value:
                store.set_value(self.study_id, self.entity, self.row_id, self.field, self.old)
                if self.settled:
                    sg.restore_states(store, self.settled)
            e = self.old_evidence
            if e is None:
                store.clear_evidence(self.study_id, self.entity, self.row_id, self.field)
            else:
                store.set_evidence(self.study_id, self.entity, self.row_id, self.field, e.document_id, e.start, e.end)


@dataclass
class AddRow:
    """A new repeated row with evidence for some of its fields; the open proposal for the same row
    is settled.  Redo after undo re-creates the row with the same id."""

    study_id: str
    entity: str
    values: dict
    position: Optional[int] = None
    evidence: list[tuple[str, Span]] = field(default_factory=list)
    row_id: Optional[str] = None
    settled: dict[str, str] = field(default_factory=dict)

    def do(self, store) -> Change:
        with store.transaction():
            change = store.add_row(self.study_id, self.entity, self.values, position=self.position,
                                   row_id=self.row_id)
            self.row_id = change.row_id
            for fld, span in self.evidence:
                store.set_evidence(self.study_id, self.entity, self.row_id, fld, span.document_id, span.start,
                                   span.end)
            self.settled = sg.settle_rows_by_user(store, self.study_id, self.entity, self.values, self.row_id)
        return change

    def undo(self, store) -> RowSnapshot:
        with store.transaction():
            snap = store.delete_row(self.study_id, self.entity, self.row_id)
            sg.restore_states(store, self.settled)
        return snap


@dataclass
class DeleteRows:
    """Remove exactly these rows; undo puts each back where it was, with its evidence and links."""

    study_id: str
    entity: str
    row_ids: list[str]
    snapshots: list[RowSnapshot] = field(default_factory=list)

    def do(self, store) -> None:
        with store.transaction():
            self.snapshots = [store.delete_row(self.study_id, self.entity, rid) for rid in self.row_ids]

    def undo(self, store) -> Optional[Change]:
        change = None
        with store.transaction():
            for snap in reversed(self.snapshots):  # the last removed goes back first: positions hold
                change = store.restore_row(snap)
        return change


@dataclass
class MoveRow:
    study_id: str
    entity: str
    row_id: str
    old_position: int
    new_position: int

    def do(self, store) -> Change:
        return store.move_row(self.study_id, self.entity, self.row_id, self.new_position)

    def undo(self, store) -> Change:
        return store.move_row(self.study_id, self.entity, self.row_id, self.old_position)


@dataclass
class AcceptSuggestions:
    """Accept proposals (one, a section, all) in one transaction.  One the core refuses (it would
    overwrite a value) stays open and is listed in ``refused``; when every one is refused the
    operation fails with the core's message."""

    study_id: str
    ids: list[str]
    edited: dict = field(default_factory=dict)  # suggestion id -> the value the user made of it
    done: list = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    row_ids: dict[str, str] = field(default_factory=dict)  # rows keep their ids across undo and redo

    def do(self, store) -> None:
        with store.transaction():
            self.done, self.refused = [], []
            for sid in self.ids:
                try:
                    with store.transaction():  # a savepoint: a refused one leaves nothing behind
                        d = sg.accept(store, sid, self.edited.get(sid), row_id=self.row_ids.get(sid))
                except AbstractorError as exc:
                    if not _refusal(exc):
                        raise
                    self.refused.append(str(exc))
                    continue
                self.done.append(d)
                if d.field is None:
                    self.row_ids[sid] = d.row_id
            if not self.done and self.refused:
                raise AbstractorError(self.refused[0] if len(self.refused) == 1 else
                                      f"none of the {len(self.refused)} proposals was accepted: "
                                      + "; ".join(self.refused[:5]))

    def undo(self, store) -> None:
        with store.transaction():
            for d in reversed(self.done):
                sg.undo_accept(store, d)


def _refusal(exc: AbstractorError) -> bool:
    """A decision the core refused (a value already there, a duplicate, a value that does not fit),
    not a storage failure, which fails the whole action."""
    from abstractor.errors import StoreError

    return not isinstance(exc, StoreError)


@dataclass
class RejectSuggestions:
    study_id: str
    ids: list[str]
    rejected: list[str] = field(default_factory=list)

    def do(self, store) -> None:
        with store.transaction():
            self.rejected = []
            for sid in self.ids:
                if ss.get_suggestion(store, sid).state != "OPEN":  # (raises a plain StoreError when gone)
                    continue
                sg.reject(store, sid)
                self.rejected.append(sid)

    def undo(self, store) -> None:
        with store.transaction():
            for sid in reversed(self.rejected):
                sg.reopen(store, sid)


@dataclass
class SetReview:
    """A field's or row's review mark, with an optional comment (a query's question)."""

    study_id: str
    target: tuple
    status: Any
    old: Any
    comment: Optional[str] = None
    comment_id: Optional[str] = None

    def __post_init__(self) -> None:
        if self.comment and self.comment_id is None:
            self.comment_id = review_ops.new_comment_id()  # so that undo takes back that one

    def do(self, store) -> Change:
        return review_ops.set_review(store, self.study_id, self.target, self.status, self.comment,
                                     comment_id=self.comment_id)

    def undo(self, store) -> Change:
        with store.transaction():
            if self.comment_id:
                review_ops.delete_comment(store, self.study_id, self.comment_id)
            return review_ops.set_review(store, self.study_id, self.target, self.old)


@dataclass
class SetStatus:
    """Move a study along the workflow (abstractor.review.workflow refuses moves it does not allow).
    Undo puts the old status back as a plain audited edit: the way back is not always a move the
    workflow offers (in review -> submitted)."""

    study_id: str
    new: Any
    old: Any
    comment: Optional[str] = None

    def do(self, store) -> Change:
        comment, self.comment = self.comment, None  # a redo does not write the comment twice
        return workflow.set_status(store, self.study_id, self.new, comment)

    def undo(self, store) -> Change:
        return store.set_value(self.study_id, "study", self.study_id, "status", getattr(self.old, "value", self.old),
                               origin=review_ops.ORIGIN)


def page_position(store, study_id: str, entity: str, document_id: Optional[str], start: int) -> Optional[int]:
    """Where a row read from ``start`` of a document goes so the rows stay in page order: before the
    first row whose own evidence in that document starts later; None (the end) when none does."""
    name = sg.ROW_NAME.get(entity)
    later = {e.row_id for e in store.evidence(study_id)
             if e.entity == entity and e.field == name and e.document_id == document_id and e.start > start}
    if not later:
        return None
    kind = sg.BY_LIST_BY_ENTITY[entity]
    ab = store.get_study(study_id)
    rows = getattr(ab.study, kind.json_list[6:]) if kind.json_list.startswith("study.") else getattr(ab, kind.json_list)
    if kind.model is None:
        return None  # plain lists (conditions) keep no evidence per row id here: at the end
    return next((i for i, r in enumerate(rows) if r.id in later), None)


@dataclass
class AddRows:
    """Rows read from a selection (several criteria, say), each with its evidence, in page order,
    in one transaction and one undo step."""

    study_id: str
    entity: str
    items: list[tuple[dict, list[tuple[str, Span]]]]
    done: list[AddRow] = field(default_factory=list)

    def do(self, store) -> Optional[Change]:
        change = None
        with store.transaction():
            if not self.done:  # the first time: the rows' place in the page; a redo keeps ids and places
                pos = None
                for k, (values, evidence) in enumerate(self.items):
                    if k == 0:  # the selection's lines come in page order: the rest follow the first
                        first = min((sp for _f, sp in evidence), key=lambda sp: sp.start, default=None)
                        pos = page_position(store, self.study_id, self.entity, first.document_id, first.start) \
                            if first else None
                    elif pos is not None:
                        pos += 1
                    op = AddRow(self.study_id, self.entity, values, pos, evidence)
                    change = op.do(store)
                    self.done.append(op)
            else:
                for op in self.done:
                    change = op.do(store)
        return change

    def undo(self, store) -> None:
        with store.transaction():
            for op in reversed(self.done):
                op.undo(store)

    @property
    def row_ids(self) -> list[str]:
        return [op.row_id for op in self.done]
