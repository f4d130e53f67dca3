"""Editors for single fields of the study (and its escalation design), each with an evidence mark.

An editor saves as the user types (a bad value shows an inline message and is
not saved); typing in one field is one undo step (SetValueCommand merging).
"""
from __future__ import annotations

import itertools
from typing import Any, Optional

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, \
    QWidget

from abstractor.errors import InvalidValue
from gui import commands
from gui.context import AppContext, FieldTarget
from gui.row_table_model import display, Column

_typing_sessions = itertools.count(1)
_STACK_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


class StackLineEdit(QLineEdit):
    """A line edit whose Ctrl+Z / Ctrl+Y go to the window's undo stack, not its private one."""

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and any(e.matches(k) for k in _STACK_KEYS):
            e.ignore()
            return False
        return super().event(e)

    def keyPressEvent(self, e) -> None:
        if any(e.matches(k) for k in _STACK_KEYS):
            e.ignore()
            return
        super().keyPressEvent(e)


class EvidenceMark(QToolButton):
    """● when the field has evidence (click: show it), ○ when not."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_quote(None)

    def set_quote(self, quote: Optional[str]) -> None:
        if getattr(self, "_quote", False) == quote:
            return  # a style sheet set again costs a re-polish
        self._quote = quote
        self.has_evidence = quote is not None
        self.setText("●" if quote is not None else "○")
        self.setStyleSheet("color: #c77700;" if quote is not None else "color: #9e9e9e;")
        self.setToolTip(f"Evidence: “{quote[:300]}” (click to show it)" if quote is not None
                        else "No evidence yet: select text in the document, then Ctrl+E")


class FieldEditor(QWidget):
    """One field: editor, evidence mark, inline message."""

    def __init__(self, ctx: AppContext, entity: str, field: str, kind: str = "str", choices=(),
                 placeholder: str = "", parent=None):
        super().__init__(parent)
        self.ctx, self.entity, self.field, self.kind = ctx, entity, field, kind
        self.choices = list(choices)
        self.typing_session: Optional[int] = None
        self._typing = False
        self.mark = EvidenceMark()
        self.mark.clicked.connect(self._show_evidence)
        self.message = QLabel()
        self.message.setObjectName("inlineMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        self.editor = self._make_editor(placeholder)
        self.editor.setObjectName(f"field_{entity}_{field}")
        self.editor.setAccessibleName(field.replace("_", " "))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.editor, 1)
        row.addWidget(self.mark)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._watch_focus(self.editor)
        ctx.session.loaded.connect(self.refresh)
        ctx.session.changed.connect(self.refresh)

    # --- building ----------------------------------------------------------------
    def _make_editor(self, placeholder: str) -> QWidget:
        if self.kind == "enum":
            box = QComboBox()
            box.addItem("", "")  # never None as item data: PySide 6.12 over-releases None read back from Qt
            for c in self.choices:
                box.addItem(c, c)
            box.activated.connect(lambda i: self.commit(self.choices[i - 1] if i > 0 else None))
            return box
        if self.kind == "phases":
            w = QWidget()
            lay = QHBoxLayout(w)
            lay.setContentsMargins(0, 0, 0, 0)
            self.checks = {}
            for c in self.choices:
                cb = QCheckBox(c.replace("EARLY_PHASE1", "EARLY 1").replace("PHASE", "").strip() or c)
                cb.setToolTip(c)
                cb.clicked.connect(lambda _on: self.commit([v for v, b in self.checks.items() if b.isChecked()]))
                self._watch_focus(cb)
                self.checks[c] = cb
                lay.addWidget(cb)
            lay.addStretch(1)
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return w
        edit = StackLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._typed)
        edit.returnPressed.connect(self.ctx.edits.flush)
        return edit

    def _watch_focus(self, w: QObject) -> None:
        w.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and obj is self.editor:
            self.ctx.edits.flush()  # leaving the field saves what was typed
        elif event.type() == QEvent.Type.FocusIn:
            self.typing_session = next(_typing_sessions)
            if self.ctx.session.study_id:
                self.ctx.session.set_focused_target(self.target())
        return False

    def target(self) -> FieldTarget:
        return FieldTarget(self.entity, self.ctx.session.study_id or "", self.field)

    # --- showing ------------------------------------------------------------------
    def stored(self) -> Any:
        return self.ctx.session.value(self.entity, self.ctx.session.study_id, self.field)

    def refresh(self, *_args) -> None:
        has_study = self.ctx.session.study_id is not None
        self.setEnabled(has_study)
        value = self.stored() if has_study else None
        e = self.ctx.session.evidence_for(self.target()) if has_study else None
        self.mark.set_quote(e.quote if e else None)
        if isinstance(self.editor, QComboBox):
            self.editor.setCurrentIndex(self.choices.index(value) + 1 if value in self.choices else 0)
        elif self.kind == "phases":
            for v, cb in self.checks.items():
                cb.setChecked(v in (value or []))
        else:
            if self.ctx.edits.pending_for(self.editor):
                return  # typed text not yet saved: keep it (it is saved within 300 ms)
            if self.editor.hasFocus():
                try:
                    if self._parse(self.editor.text()) == value:
                        return
                except InvalidValue:
                    pass
            text = display(Column(self.field, "", self.kind), value)
            if self.editor.text() != text:
                self.editor.setText(text)
                if not self._typing:
                    self.editor.setCursorPosition(0)  # show the start of a long title
            self.show_message("")

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _show_evidence(self) -> None:
        e = self.ctx.session.evidence_for(self.target())
        if e is not None:
            self.ctx.session.evidenceRequested.emit(e)

    # --- editing ------------------------------------------------------------------
    def _parse(self, text: str) -> Any:
        return self.ctx.parse(self.entity, self.field, self.kind, text, self.choices)

    def _typed(self, text: str) -> None:
        """A keystroke: only checked and shown here; saved by ctx.edits (gui.edit_coalescer) within
        300 ms, on leaving the field, or before any other action."""
        try:
            value = self._parse(text)
        except InvalidValue as exc:
            self.show_message(f"{exc} — not saved")
            self.ctx.edits.discard(self.editor)
            return
        self.show_message("")
        sid = self.ctx.session.study_id
        if sid is None:
            return
        self.ctx.edits.typed(self.editor, lambda: self._save_typed(sid, value))

    def _save_typed(self, sid: str, value: Any) -> None:
        if sid != self.ctx.session.study_id:
            return  # (cannot happen: the coalescer saves before another study opens)
        self._typing = True
        try:
            self.commit(value, typing=True)
        finally:
            self._typing = False

    def commit(self, value: Any, typing: bool = False) -> None:
        sid = self.ctx.session.study_id
        if sid is None:
            return
        old = self.stored()
        if value == old:
            return
        self.ctx.undo_stack.push(commands.SetValueCommand(
            self.ctx, sid, self.target(), value, old, typing_session=self.typing_session if typing else None))
