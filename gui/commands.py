"""Undo commands: each calls the core (which saves at once) and then tells the session.

A command whose core call fails reports the plain-words message and makes
itself obsolete, so the undo stack drops it and nothing half-done remains.
"""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtGui import QUndoCommand

from abstractor.errors import AbstractorError
from gui.context import AppContext, FieldTarget, Selection

MERGE_TYPING = 1001


class StoreCommand(QUndoCommand):
    def __init__(self, ctx: AppContext, study_id: str, text: str):
        super().__init__(text)
        self.ctx = ctx
        self.study_id = study_id
        self.failed = False

    def redo(self) -> None:
        self._run(self._redo)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, fn) -> None:
        try:
            change = fn()
        except AbstractorError as exc:
            self.failed = True
            self.setObsolete(True)
            self.ctx.report_error("The change was not saved", str(exc))
            return
        self.ctx.session.after_change(self.study_id, change)

    def _redo(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def _undo(self):  # pragma: no cover - abstract
        raise NotImplementedError


def _label(field: str) -> str:
    return field.replace("_", " ")


class SetValueCommand(StoreCommand):
    """One field's new value.  Typing in one field (same ``typing_session``) is one undo step.

    A study or escalation field with an open proposal: the value the user typed settles
    it (accepted when the same, edited when not; abstractor.suggestions), in the same
    undo step, so undo reopens it."""

    def __init__(self, ctx: AppContext, study_id: str, target: FieldTarget, new: Any, old: Any,
                 typing_session: Optional[int] = None):
        super().__init__(ctx, study_id, f"Edit {_label(target.field)}")
        self.target, self.new, self.old = target, new, old
        self.typing_session = typing_session
        self.settled: dict[str, str] = {}  # proposal id -> its state before this edit

    def _set(self, value):
        t = self.target
        return self.ctx.store.set_value(self.study_id, t.entity, t.row_id, t.field, value)

    def _settle(self, value) -> None:
        t = self.target
        if t.entity not in ("study", "escalation"):
            return
        from abstractor.suggestions import settle_by_user_value

        before = settle_by_user_value(self.ctx.store, self.study_id, t.entity, t.field, value,
                                      ids=list(self.settled) or None)
        for sid, state in before.items():
            self.settled.setdefault(sid, state)

    def _redo(self):
        change = self._set(self.new)
        self._settle(self.new)
        return change

    def _undo(self):
        change = self._set(self.old)
        if self.settled:
            from abstractor.suggestions import restore_states

            restore_states(self.ctx.store, self.settled)
        return change

    def id(self) -> int:
        return MERGE_TYPING if self.typing_session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetValueCommand) and other.target == self.target
                and other.typing_session == self.typing_session and not other.failed):
            return False
        self.new = other.new
        for sid, state in other.settled.items():
            self.settled.setdefault(sid, state)
        if self.settled and not other.settled:
            # The proposal was settled by the first keystroke: settle it again for the whole value
            # (typed on to the proposed value: accepted; deleted back: open again).
            self._run(lambda: self._settle(self.new if self.new != self.old else None))
        if self.new == self.old:
            self.setObsolete(True)  # typed and deleted back to where it was: no step at all
        return True


class FillFromSelectionCommand(StoreCommand):
    """A value and its evidence, saved together; undo puts back both old ones."""

    def __init__(self, ctx: AppContext, study_id: str, target: FieldTarget, new: Any, old: Any,
                 selection: Selection, set_value: bool = True):
        super().__init__(ctx, study_id, f"Fill {_label(target.field)} from the document")
        self.target, self.new, self.old, self.sel = target, new, old, selection
        self.set_value = set_value
        self.old_evidence = ctx.session.evidence_for(target)
        self.settled: dict[str, str] = {}

    def _redo(self):
        t, store = self.target, self.ctx.store
        if self.set_value:
            store.set_value(self.study_id, t.entity, t.row_id, t.field, self.new)
            if t.entity in ("study", "escalation"):  # the user's own value settles an open proposal
                from abstractor.suggestions import settle_by_user_value

                self.settled = settle_by_user_value(store, self.study_id, t.entity, t.field, self.new)
        return store.set_evidence(self.study_id, t.entity, t.row_id, t.field, self.sel.document_id,
                                  self.sel.start, self.sel.end)

    def _undo(self):
        t, store = self.target, self.ctx.store
        if self.set_value:
            store.set_value(self.study_id, t.entity, t.row_id, t.field, self.old)
            if self.settled:
                from abstractor.suggestions import restore_states

                restore_states(store, self.settled)
        e = self.old_evidence
        if e is None:
            store.clear_evidence(self.study_id, t.entity, t.row_id, t.field)
        else:
            store.set_evidence(self.study_id, t.entity, t.row_id, t.field, e.document_id, e.start, e.end)


class AddRowCommand(StoreCommand):
    """A new repeated row (criterion, outcome ...), optionally with evidence for some fields.

    ``evidence``: [(field, Selection)].  Redo after undo re-creates the row with
    the same id, so later commands that name it still find it.
    """

    def __init__(self, ctx: AppContext, study_id: str, entity: str, values: dict, position: Optional[int] = None,
                 evidence: Optional[list[tuple[str, Selection]]] = None, text: Optional[str] = None):
        super().__init__(ctx, study_id, text or f"Add {entity.replace('_', ' ')}")
        self.entity, self.values, self.position = entity, values, position
        self.evidence = evidence or []
        self.row_id: Optional[str] = None

    def _redo(self):
        store = self.ctx.store
        change = store.add_row(self.study_id, self.entity, self.values, position=self.position, row_id=self.row_id)
        self.row_id = change.row_id
        for field, sel in self.evidence:
            store.set_evidence(self.study_id, self.entity, self.row_id, field, sel.document_id, sel.start, sel.end)
        from abstractor.suggestions import settle_rows_by_user

        self.settled = settle_rows_by_user(store, self.study_id, self.entity, self.values, self.row_id)
        return change

    def _undo(self):
        from abstractor.suggestions import restore_states

        change = self.ctx.store.delete_row(self.study_id, self.entity, self.row_id)
        restore_states(self.ctx.store, getattr(self, "settled", {}))
        return change


class DeleteRowCommand(StoreCommand):
    def __init__(self, ctx: AppContext, study_id: str, entity: str, row_id: str):
        super().__init__(ctx, study_id, f"Remove {entity.replace('_', ' ')}")
        self.entity, self.row_id = entity, row_id
        self.snapshot = None

    def _redo(self):
        self.snapshot = self.ctx.store.delete_row(self.study_id, self.entity, self.row_id)
        return None

    def _undo(self):
        return self.ctx.store.restore_row(self.snapshot)


class MoveRowCommand(StoreCommand):
    def __init__(self, ctx: AppContext, study_id: str, entity: str, row_id: str, old_position: int,
                 new_position: int):
        super().__init__(ctx, study_id, f"Move {entity.replace('_', ' ')}")
        self.entity, self.row_id, self.old_position, self.new_position = entity, row_id, old_position, new_position

    def _redo(self):
        return self.ctx.store.move_row(self.study_id, self.entity, self.row_id, self.new_position)

    def _undo(self):
        return self.ctx.store.move_row(self.study_id, self.entity, self.row_id, self.old_position)
