"""Where proposals show in the form: a list at the top of each section, a hint under each field."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHBoxLayout, QLabel, QListView, QSizePolicy, QToolButton, \
    QVBoxLayout

from gui.suggestions_model import PROPOSAL_TEXT, ProposalListModel, describe, tooltip


class ProposalsBox(QFrame):
    """A section's open proposals: Enter accepts the selected one, Delete rejects it."""

    proposalSelected = Signal(object)  # StoredSuggestion
    acceptRequested = Signal()
    rejectRequested = Signal()
    editRequested = Signal()
    acceptAllRequested = Signal()
    rejectAllRequested = Signal()

    def __init__(self, section_title: str, parent=None):
        super().__init__(parent)
        self.section_title = section_title
        self.setObjectName("proposalsBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # the section keeps the room
        self.setStyleSheet("QFrame#proposalsBox { background: #f4f1fb; border: 1px solid #d6c9ef; }")
        self.model = ProposalListModel(self)
        self.view = QListView()
        self.view.setObjectName("proposalsList")
        self.view.setAccessibleName(f"Proposals for {section_title}")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setMaximumHeight(140)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long lines are elided
        self.heading = QLabel()
        self.heading.setStyleSheet(f"color: {PROPOSAL_TEXT.name()};")
        self.accept_all_btn = self._button("Accept all", "Accept every proposal of this section (Ctrl+Shift+Return)",
                                           self.acceptAllRequested.emit)
        self.reject_all_btn = self._button("Reject all", "Reject every proposal of this section (Ctrl+Shift+Delete)",
                                           self.rejectAllRequested.emit)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.accept_all_btn)
        bar.addWidget(self.reject_all_btn)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 3, 6, 4)
        lay.setSpacing(2)
        lay.addLayout(bar)
        lay.addWidget(self.view)
        for keys, signal in ((("Return", "Enter"), self.acceptRequested),
                             (("Delete", "Backspace"), self.rejectRequested), (("F2",), self.editRequested)):
            for key in keys:
                sc = QShortcut(QKeySequence(key), self.view)
                sc.setContext(Qt.ShortcutContext.WidgetShortcut)
                sc.activated.connect(signal.emit)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.hide()

    def _button(self, text: str, tip: str, slot: Callable) -> QToolButton:
        b = QToolButton(text=text, toolTip=tip)
        b.setAutoRaise(True)
        b.clicked.connect(lambda _c=False: slot())
        return b

    def set_items(self, items: list) -> None:
        """New contents; the same proposal (or the one now in its place) stays selected."""
        old = self.current()
        old_row = self.view.currentIndex().row()
        self.view.selectionModel().blockSignals(True)
        self.model.set_items(items)
        self.view.selectionModel().blockSignals(False)
        n = len(items)
        self.heading.setText(f"<i>{n} proposal{'s' if n != 1 else ''} from the document</i> — "
                             "Enter accepts, Delete rejects, F2 edits first")
        self.setVisible(n > 0)
        if not n:
            return
        row = self.model.row_of(old.id) if old is not None else None
        if row is None and old_row >= 0:
            row = min(old_row, n - 1)
        if row is not None:
            self.select_row(row, announce=False)

    def current(self):
        idx = self.view.currentIndex()
        return self.model.items[idx.row()] if idx.isValid() and idx.row() < len(self.model.items) else None

    def select_row(self, row: int, announce: bool = True) -> None:
        sm = self.view.selectionModel()
        if not announce:
            sm.blockSignals(True)
        idx = self.model.index(row, 0)
        sm.setCurrentIndex(idx, sm.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(idx)
        if not announce:
            sm.blockSignals(False)

    def select(self, suggestion_id: str) -> bool:
        row = self.model.row_of(suggestion_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def step(self, direction: int) -> None:
        n = len(self.model.items)
        if n:
            row = self.view.currentIndex().row()
            self.select_row((row + direction) % n if row >= 0 else 0)

    def _current_changed(self, *_args) -> None:
        s = self.current()
        if s is not None:
            self.proposalSelected.emit(s)


class FieldHint(QLabel):
    """Under a field with an open proposal: the proposed value in grey-blue italics; click to select it."""

    clicked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("proposalHint")
        self.setStyleSheet(f"color: {PROPOSAL_TEXT.name()}; font-style: italic;")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setWordWrap(True)  # a long proposed title must not widen the form
        self.suggestion = None
        self.hide()

    def show_proposal(self, s: Optional[object]) -> None:
        self.suggestion = s
        if s is None:
            self.hide()
            return
        text = describe(s).split(": ", 1)[-1]
        if len(text) > 90:
            text = text[:88] + "…"
        self.setText(f"proposed: {text}   ({s.confidence:.0%})")
        self.setToolTip(tooltip(s))
        self.show()

    def mousePressEvent(self, event) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)
