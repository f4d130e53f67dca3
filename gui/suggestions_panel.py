"""Where proposals show in the form: in the fields and table rows themselves (a FieldHint in
each field with one; rows in the tables, gui.rows_panel), and a one-line summary per section."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton

from gui.suggestions_model import PROPOSAL_TEXT, describe, tooltip


def plural(n: int, word: str, words: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def _button(text: str, tip: str, slot: Callable) -> QToolButton:
    b = QToolButton(text=text, toolTip=tip)
    b.setAutoRaise(True)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys do the same; Tab goes from field to field
    b.clicked.connect(lambda _c=False: slot())
    return b


class SectionSummary(QFrame):
    """A section's open proposals in one line: how many, the keys, accept / reject all, next."""

    acceptAllRequested = Signal()
    rejectAllRequested = Signal()
    nextRequested = Signal()

    def __init__(self, section_title: str, parent=None):
        super().__init__(parent)
        self.section_title = section_title
        self.items: list = []
        self.setObjectName("proposalSummary")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setStyleSheet("QFrame#proposalSummary { background: #f4f1fb; border: 1px solid #d6c9ef; }")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet(f"color: {PROPOSAL_TEXT.name()};")
        self.next_btn = _button("Next ▸", "Go to the next proposal of this section (F8; Shift+F8: previous)",
                                self.nextRequested.emit)
        self.accept_all_btn = _button("Accept all", "Accept every proposal of this section (Ctrl+Shift+Return)",
                                      self.acceptAllRequested.emit)
        self.reject_all_btn = _button("Reject all", "Reject every proposal of this section (Ctrl+Shift+Delete)",
                                      self.rejectAllRequested.emit)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 2, 6, 2)
        lay.addWidget(self.heading, 1)
        for b in (self.next_btn, self.accept_all_btn, self.reject_all_btn):
            lay.addWidget(b)
        self.hide()

    def set_items(self, items: list) -> None:
        if list(items) == self.items and self.isHidden() != bool(items):
            return
        self.items = list(items)
        n = len(items)
        self.heading.setText(f"<i>{plural(n, 'proposal')} from the document, shown ◇ in the fields and rows "
                             "below</i> — Enter accepts, Delete rejects, F2 edits first")
        self.setVisible(n > 0)


class FieldHint(QFrame):
    """Inside a field with a proposal: the proposed value in full (grey-blue italics, wrapped) with
    accept / reject / edit buttons; "✓ accepted" in green, or struck through once rejected (until
    another study opens)."""

    clicked = Signal()
    acceptRequested = Signal()
    rejectRequested = Signal()
    editRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("proposalHint")
        self.label = QLabel()
        self.label.setWordWrap(True)  # a long proposed title is shown whole, and must not widen the form
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.accept_btn = _button("✓", "Accept the proposed value (Enter in the field)", self.acceptRequested.emit)
        self.reject_btn = _button("✗", "Reject the proposal (Ctrl+Delete)", self.rejectRequested.emit)
        self.edit_btn = _button("✎", "Change the proposed value, then accept it (F2 in the field)",
                                self.editRequested.emit)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 0, 0, 1)
        lay.setSpacing(2)
        lay.addWidget(self.label, 1)
        for b in (self.accept_btn, self.reject_btn, self.edit_btn):
            lay.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        self.suggestion = None
        self.state = None
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def show_proposal(self, s: Optional[object], state: Optional[str] = "OPEN") -> None:
        """``s`` open (state OPEN), or decided a moment ago (ACCEPTED, EDITED, REJECTED); None hides."""
        if (s, state if s is not None else None) == (self.suggestion, self.state):
            return  # as shown: a style sheet set again costs a re-polish on every keystroke
        self.suggestion, self.state = s, (state if s is not None else None)
        if s is None:
            self.hide()
            return
        value = describe(s).split(": ", 1)[-1]
        if state == "REJECTED":
            self.label.setText(f"rejected: {value}")
            self.label.setStyleSheet("color: #9e9e9e; text-decoration: line-through;")
            self.setToolTip("Rejected a moment ago; Edit ▸ Undo (Ctrl+Z) takes it back.")
        elif state in ("ACCEPTED", "EDITED"):
            self.label.setText("✓ accepted" + (" as edited" if state == "EDITED" else ""))
            self.label.setStyleSheet("color: #2e7d32; font-size: small;")
            self.setToolTip(f"The proposal ({value}) was accepted a moment ago; Edit ▸ Undo (Ctrl+Z) takes it back.")
        else:
            self.label.setText(f"◇ proposed: {value}   ({s.confidence:.0%})")
            self.label.setStyleSheet(f"color: {PROPOSAL_TEXT.name()}; font-style: italic;")
            self.setToolTip(tooltip(s))
        pending = state == "OPEN"
        self.setStyleSheet("QFrame#proposalHint { background: %s; }" % ("#f1ebfb" if pending else "transparent"))
        for b in (self.accept_btn, self.reject_btn, self.edit_btn):
            b.setVisible(pending)
        self.show()

    def mousePressEvent(self, event) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)
