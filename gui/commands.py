"""Undo commands: each calls the core (which saves at once) and then tells the session.

A command whose core call fails reports the plain-words message and makes
itself obsolete, so the undo stack drops it and nothing half-done remains.
"""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtGui import QUndoCommand

from abstractor import operations as ops
from abstractor.errors import AbstractorError, StaleWrite
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
        self._run(self._undo, "The change was not undone")

    def _run(self, fn, failed: str = "The change was not saved") -> None:
        # One core operation, one transaction: when it fails nothing of it was stored, so the
        # message is true and the command leaves the stack (the stack keeps what did happen).
        try:
            change = fn()
        except AbstractorError as exc:
            self.failed = True
            self.setObsolete(True)
            if not (isinstance(exc, StaleWrite) and self.stale(exc)):
                self.ctx.report_error(failed, str(exc))
            return
        self.ctx.session.after_change(self.study_id, change)

    def stale(self, exc: StaleWrite) -> bool:
        """Someone else changed the value meanwhile: True when this command showed it its own way."""
        return False

    def _redo(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def _undo(self):  # pragma: no cover - abstract
        raise NotImplementedError


def _label(field: str) -> str:
    return field.replace("_", " ")


class SetValueCommand(StoreCommand):
    """One field's new value (abstractor.operations.SetField).  Typing in one field (same
    ``typing_session``) is one undo step; the typed value settles the field's open proposals in
    the same step, so undo reopens them."""

    def __init__(self, ctx: AppContext, study_id: str, target: FieldTarget, new: Any, old: Any,
                 typing_session: Optional[int] = None):
        super().__init__(ctx, study_id, f"Edit {_label(target.field)}")
        self.target = target
        self.op = ops.SetField(study_id, target.entity, target.row_id, target.field, new, old)
        self.typing_session = typing_session

    @property
    def new(self):
        return self.op.new

    @property
    def old(self):
        return self.op.old

    def _redo(self):
        return self.op.do(self.ctx.store)

    def _undo(self):
        return self.op.undo(self.ctx.store)

    def stale(self, exc: StaleWrite) -> bool:
        from gui import stale_write  # their value, who and when; the typed value kept to re-apply

        def reapply() -> None:
            # Their value is the one seen now: writing over it is not stale (unless a third person
            # changed it meanwhile, which is refused again and said so).
            self.ctx.undo_stack.push(SetValueCommand(self.ctx, self.study_id, self.target, exc.mine, exc.theirs))

        stale_write.offer(self.ctx, self.study_id, self.target, exc, reapply)
        return True

    def id(self) -> int:
        return MERGE_TYPING if self.typing_session is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetValueCommand) and other.target == self.target
                and other.typing_session == self.typing_session and not other.failed):
            return False
        self.op.new = other.op.new
        for sid, state in other.op.settled.items():
            self.op.settled.setdefault(sid, state)
        if self.op.settled and not other.op.settled:
            # The proposal was settled by the first keystroke: settle it again for the whole value
            # (typed on to the proposed value: accepted; deleted back: open again).
            self._run(lambda: self.op.resettle(self.ctx.store))
        if self.op.new == self.op.old:
            self.setObsolete(True)  # typed and deleted back to where it was: no step at all
        return True


class FillFromSelectionCommand(StoreCommand):
    """A value and its evidence, saved together in one transaction; undo puts back both old ones."""

    def __init__(self, ctx: AppContext, study_id: str, target: FieldTarget, new: Any, old: Any,
                 selection: Selection, set_value: bool = True):
        super().__init__(ctx, study_id, f"Fill {_label(target.field)} from the document")
        self.target = target
        self.op = ops.FillFromSelection(study_id, target.entity, target.row_id, target.field, new, old,
                                        _span(selection), ctx.session.evidence_for(target), set_value)

    def _redo(self):
        return self.op.do(self.ctx.store)

    def _undo(self):
        return self.op.undo(self.ctx.store)


def _span(sel: Selection) -> ops.Span:
    return ops.Span(sel.document_id, sel.start, sel.end)


class AddRowCommand(StoreCommand):
    """A new repeated row (criterion, outcome ...), optionally with evidence for some fields
    (``evidence``: [(field, Selection)]), in one transaction (abstractor.operations.AddRow)."""

    def __init__(self, ctx: AppContext, study_id: str, entity: str, values: dict, position: Optional[int] = None,
                 evidence: Optional[list[tuple[str, Selection]]] = None, text: Optional[str] = None):
        super().__init__(ctx, study_id, text or f"Add {entity.replace('_', ' ')}")
        self.entity, self.values = entity, values
        self.op = ops.AddRow(study_id, entity, values, position, [(f, _span(s)) for f, s in evidence or []])

    @property
    def row_id(self) -> Optional[str]:
        return self.op.row_id

    def _redo(self):
        return self.op.do(self.ctx.store)

    def _undo(self):
        return self.op.undo(self.ctx.store)


class AddRowsCommand(StoreCommand):
    """Rows read from a selection, in page order, in one transaction (abstractor.operations.AddRows)."""

    def __init__(self, ctx: AppContext, study_id: str, entity: str,
                 items: list[tuple[dict, list[tuple[str, Selection]]]], text: str):
        super().__init__(ctx, study_id, text)
        self.op = ops.AddRows(study_id, entity, [(v, [(f, _span(s)) for f, s in ev]) for v, ev in items])

    @property
    def row_ids(self) -> list[str]:
        return self.op.row_ids

    def _redo(self):
        return self.op.do(self.ctx.store)

    def _undo(self):
        self.op.undo(self.ctx.store)


class DeleteRowCommand(StoreCommand):
    """Remove rows of one kind (exactly those given); undo puts them all back."""

    def __init__(self, ctx: AppContext, study_id: str, entity: str, row_id: str | list[str]):
        ids = [row_id] if isinstance(row_id, str) else list(row_id)
        what = entity.replace("_", " ")
        super().__init__(ctx, study_id, f"Remove {what}" if len(ids) == 1 else f"Remove {len(ids)} {what}s")
        self.entity = entity
        self.op = ops.DeleteRows(study_id, entity, ids)

    @property
    def row_id(self) -> str:
        return self.op.row_ids[0]

    def _redo(self):
        self.op.do(self.ctx.store)
        return None

    def _undo(self):
        return self.op.undo(self.ctx.store)


class MoveRowCommand(StoreCommand):
    def __init__(self, ctx: AppContext, study_id: str, entity: str, row_id: str, old_position: int,
                 new_position: int):
        super().__init__(ctx, study_id, f"Move {entity.replace('_', ' ')}")
        self.entity, self.row_id, self.old_position, self.new_position = entity, row_id, old_position, new_position

        self.op = ops.MoveRow(study_id, entity, row_id, old_position, new_position)

    def _redo(self):
        return self.op.do(self.ctx.store)

    def _undo(self):
        return self.op.undo(self.ctx.store)
