"""Undo commands for suggestions: accept (undo: take it back exactly) and reject (undo: reopen).

One command may decide several proposals ("accept all of a section"): one undo step.
"""
from __future__ import annotations

from typing import Optional

from abstractor import suggestions as sg
from abstractor.errors import AbstractorError
from abstractor.storage import suggestion_store as ss
from gui.commands import StoreCommand
from gui.context import AppContext


class AcceptSuggestionsCommand(StoreCommand):
    """Accept proposals.  One the core refuses (it would overwrite a value) stays open and is
    listed in ``refused``; when all are refused the command fails with the core's message."""

    def __init__(self, ctx: AppContext, study_id: str, ids: list[str], text: str, edited: Optional[dict] = None):
        super().__init__(ctx, study_id, text)
        self.ids = list(ids)
        self.edited = edited or {}  # suggestion id -> the value the user made of it (stored as EDITED)
        self.done: list[sg.Accepted] = []
        self.refused: list[str] = []
        self.row_ids: dict[str, str] = {}  # rows keep their ids across undo and redo

    def _redo(self):
        store = self.ctx.store
        self.done, self.refused = [], []
        for sid in self.ids:
            try:
                d = sg.accept(store, sid, self.edited.get(sid), row_id=self.row_ids.get(sid))
            except AbstractorError as exc:
                self.refused.append(str(exc))
                continue
            self.done.append(d)
            if d.field is None:
                self.row_ids[sid] = d.row_id
        if not self.done and self.refused:
            raise AbstractorError(self.refused[0] if len(self.refused) == 1 else
                                  f"none of the {len(self.refused)} proposals was accepted: "
                                  + "; ".join(self.refused[:5]))
        return None

    def _undo(self):
        for d in reversed(self.done):
            sg.undo_accept(self.ctx.store, d)
        return None


class RejectSuggestionsCommand(StoreCommand):
    def __init__(self, ctx: AppContext, study_id: str, ids: list[str], text: str):
        super().__init__(ctx, study_id, text)
        self.ids = list(ids)
        self.rejected: list[str] = []

    def _redo(self):
        store = self.ctx.store
        self.rejected = []
        for sid in self.ids:
            if ss.get_suggestion(store, sid).state != "OPEN":  # (raises a plain StoreError when gone)
                continue
            sg.reject(store, sid)
            self.rejected.append(sid)
        return None

    def _undo(self):
        for sid in reversed(self.rejected):
            sg.reopen(self.ctx.store, sid)
        return None
