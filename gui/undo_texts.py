"""What Edit ▸ Undo / Redo say: the step and the study it belongs to ("Undo Edit enrollment —
NCT09900017"), with "&" shown as "&"; the toolbar keeps fixed "Undo" / "Redo" buttons (the full
text is their tooltip) so that it does not shift sideways as the text changes length."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QObject
from shiboken6 import isValid


def menu_text(text: str) -> str:
    """Plain words as a Qt action text: "&" would underline the next letter and vanish."""
    return text.replace("&", "&&")


def study_of(cmd) -> Optional[str]:
    """The study a step (a command, or a macro of commands) belongs to."""
    if cmd is None:
        return None
    sid = getattr(cmd, "study_id", None)
    if sid:
        return sid
    for i in range(cmd.childCount()):
        sid = study_of(cmd.child(i))
        if sid:
            return sid
    return None


class UndoTexts(QObject):
    def __init__(self, window, undo_action, redo_action):
        super().__init__(window)
        self.window, self.ctx = window, window.ctx
        self.undo_action, self.redo_action = undo_action, redo_action
        self._labels: dict[str, str] = {}
        undo_action.setIconText("Undo")
        redo_action.setIconText("Redo")
        stack = self.ctx.undo_stack
        # Connected after the stack's own text updates, so these texts are the ones that stay.
        stack.undoTextChanged.connect(self.update)
        stack.redoTextChanged.connect(self.update)
        stack.indexChanged.connect(self.update)
        stack.cleanChanged.connect(self.update)
        self.update()

    def study_label(self, study_id: Optional[str]) -> str:
        if not study_id:
            return ""
        if study_id not in self._labels:
            row = self.ctx.store.study_rows([study_id]).get(study_id)
            if row is None:
                return ""  # deleted (its undo step brings it back)
            from abstractor.storage.window_queries import source_files

            label = row.registry_id or row.title or source_files(self.ctx.store, [study_id]).get(study_id) \
                or "untitled study"
            self._labels[study_id] = label if len(label) <= 40 else label[:38] + "…"
        return self._labels[study_id]

    def _text(self, verb: str, text: str, index: int) -> str:
        if not text:
            return verb
        study = self.study_label(study_of(self.ctx.undo_stack.command(index)))
        return f"{verb} {text}" + (f" — {study}" if study else "")

    def update(self, *_args) -> None:
        stack = self.ctx.undo_stack
        if not isValid(stack) or not isValid(self.undo_action):
            return  # the window is going away (the stack clears itself as it is deleted)
        self._labels.clear()  # a title may have changed (cheap: one row per update)
        undo = self._text("Undo", stack.undoText(), stack.index() - 1)
        redo = self._text("Redo", stack.redoText(), stack.index())
        for action, text, key in ((self.undo_action, undo, "Ctrl+Z"), (self.redo_action, redo, "Ctrl+Shift+Z")):
            action.setText(menu_text(text).replace("Undo", "&Undo", 1).replace("Redo", "&Redo", 1))
            action.setToolTip(f"{text} ({key})")
            action.setIconText(text.split(" ", 1)[0])
