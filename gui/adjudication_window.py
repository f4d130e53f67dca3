"""Adjudication: two abstractors' versions of one study side by side, field by field and
row by row, each with its evidence quote; take A, take B or edit; then save the
consensus record (marked consensus, with who decided and when; the core audits it).

When a side's study is in the open database, "Show in document" opens that study
in the window and highlights its evidence in the document view.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, \
    QSplitter, QVBoxLayout, QWidget

from abstractor.errors import AbstractorError
from abstractor.review.adjudicate import A, B, Adjudication, Decision, blank_row, evidence_at, save_consensus
from abstractor.review.compare import study_label
from abstractor.review.value_text import value_as_text, value_from_text
from abstractor.storage import EvidenceSpan
from gui import ask
from gui.adjudication_model import AdjudicationModel
from gui.tables import read_only_table

if TYPE_CHECKING:
    from gui.context import AppContext
    from gui.navigation import Navigation
    from models import schema


class SidePane(QGroupBox):
    """One side of the selected decision: its value, its evidence, take it, show it."""

    def __init__(self, side: str, who: str, parent=None):
        super().__init__(f"{side} — {who}", parent)
        self.side = side
        self.value = QLabel()
        self.value.setObjectName(f"value{side}")
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setStyleSheet("font-size: 11pt;")
        self.evidence = QLabel()
        self.evidence.setObjectName(f"evidence{side}")
        self.evidence.setWordWrap(True)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.take_btn = QPushButton(f"Take &{side}")
        self.take_btn.setObjectName(f"take{side}")
        self.show_btn = QPushButton("Show in &document" if side == A else "Show in doc&ument")
        self.show_btn.setToolTip("Open this side's study in the window and highlight the evidence")
        buttons = QHBoxLayout()
        buttons.addWidget(self.take_btn)
        buttons.addStretch(1)
        buttons.addWidget(self.show_btn)
        lay = QVBoxLayout(self)
        lay.addWidget(self.value)
        lay.addWidget(QLabel("<span style='color:#777'>Evidence</span>"))
        lay.addWidget(self.evidence)
        lay.addStretch(1)
        lay.addLayout(buttons)

    def show_decision(self, d: Optional[Decision], present: bool) -> None:
        if d is None:
            self.value.setText("")
            self.evidence.setText("")
            return
        text = d.text(self.side) if present else "(this side does not have the row)"
        self.value.setText(text or "(blank)")
        quote = d.evidence_a if self.side == A else d.evidence_b
        self.evidence.setText(f"<i>“{quote}”</i>" if quote else "<span style='color:#777'>none given</span>")
        chosen = d.choice == self.side and not d.agree
        self.setStyleSheet("QGroupBox { font-weight: bold; border: 2px solid #1976d2; margin-top: 1.2em; }"
                           "QGroupBox::title { subcontrol-origin: margin; left: 8px; }" if chosen else "")


class AdjudicationWindow(QDialog):
    consensusSaved = Signal(str)

    def __init__(self, ctx: AppContext, a: schema.Abstraction, b: schema.Abstraction,
                 nav: Navigation, parent=None):
        super().__init__(parent)
        self.setObjectName("adjudicationWindow")
        self.setWindowFlag(Qt.WindowType.Window)
        self.ctx, self.nav = ctx, nav
        self.adj = Adjudication(a, b)
        self.saved_id: Optional[str] = None
        self.setWindowTitle(f"Adjudicate {study_label(a)}")
        self.resize(1200, 760)

        self.heading = QLabel(f"<b>{study_label(a)}</b> · {a.study.title or ''}<br>"
                              f"A: {a.abstractor or '?'} · B: {b.abstractor or '?'}")
        self.heading.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("adjudicationProgress")
        self.only_diff = QCheckBox("Differences only")
        self.only_diff.setChecked(True)
        self.model = AdjudicationModel(self.adj, self)
        self.view = read_only_table(self.model, "adjudicationTable")
        h = self.view.horizontalHeader()
        h.resizeSection(0, 26)
        h.resizeSection(1, 330)
        h.resizeSection(2, 230)
        h.resizeSection(3, 230)
        h.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

        self.pane_a = SidePane(A, a.abstractor or "first abstractor")
        self.pane_b = SidePane(B, b.abstractor or "second abstractor")
        self.edit_btn = QPushButton("&Edit…")
        self.edit_btn.setToolTip("Settle it with a value of your own")
        self.all_a_btn = QPushButton("Take A for the rest")
        self.save_btn = QPushButton("&Save consensus")
        self.save_btn.setObjectName("saveConsensus")
        self.save_btn.setToolTip("Save the decided study as a consensus record in this database")
        self.pane_a.take_btn.clicked.connect(lambda: self.choose(A))
        self.pane_b.take_btn.clicked.connect(lambda: self.choose(B))
        self.pane_a.show_btn.clicked.connect(lambda: self.show_evidence(A))
        self.pane_b.show_btn.clicked.connect(lambda: self.show_evidence(B))
        self.edit_btn.clicked.connect(self.edit)
        self.all_a_btn.clicked.connect(self.take_rest_a)
        self.save_btn.clicked.connect(self.save)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.only_diff)
        sides = QHBoxLayout()
        sides.addWidget(self.pane_a, 1)
        sides.addWidget(self.pane_b, 1)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        self.item_label = QLabel()
        self.item_label.setObjectName("decisionLabel")
        ll.addWidget(self.item_label)
        ll.addLayout(sides, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(lower)
        split.setSizes([420, 300])
        bottom = QHBoxLayout()
        bottom.addWidget(self.edit_btn)
        bottom.addWidget(self.all_a_btn)
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.save_btn)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)

        self.only_diff.toggled.connect(self._filter)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        if self.model.items:
            self.view.selectRow(0)
        self._show_current()

    # --- showing --------------------------------------------------------------------------
    def current(self) -> Optional[Decision]:
        r = self.view.currentIndex().row()
        return self.model.items[r] if 0 <= r < len(self.model.items) else None

    def select(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row >= 0:
            self.view.selectRow(row)
        return row >= 0

    def _filter(self, on: bool) -> None:
        d = self.current()
        self.model.set_only_differences(on)
        if d is None or not self.select(d.key):
            if self.model.items:
                self.view.selectRow(0)
        self._show_current()

    def _show_current(self) -> None:
        d = self.current()
        self.item_label.setText(f"<b>{d.section.replace('_', ' ')}: {d.label}</b>" + ("" if not d.agree else
                                "  <span style='color:#2e7d32'>(both agree)</span>") if d else "")
        whole = d is not None and d.whole_row
        self.pane_a.show_decision(d, not whole or bool(d.path_a))
        self.pane_b.show_decision(d, not whole or bool(d.path_b))
        for pane, side in ((self.pane_a, A), (self.pane_b, B)):
            pane.take_btn.setEnabled(d is not None)
            pane.take_btn.setText(f"Take &{side}" if not whole or (d.path_a if side == A else d.path_b)
                                  else f"&{side}: leave the row out")
            pane.show_btn.setEnabled(d is not None and self._span(side, d) is not None)
        self.edit_btn.setEnabled(d is not None)
        left = len(self.adj.undecided)
        total = len(self.adj.disagreements)
        self.progress.setText(f"{total - left} of {total} differences settled"
                              + ("" if left else " — ready to save the consensus"))
        self.save_btn.setEnabled(left == 0 and self.saved_id is None)
        self.all_a_btn.setEnabled(left > 0)
        if d is not None:
            self._follow_evidence(d)

    # --- deciding ----------------------------------------------------------------------------
    def choose(self, side: str) -> None:
        d = self.current()
        if d is None:
            return
        self.adj.choose(d.key, side)
        self._decided(d)

    def edit(self) -> None:
        d = self.current()
        if d is None:
            return
        current = d.value if d.decided and d.value is not None else \
            (d.value_a if d.value_a is not None else d.value_b)
        try:
            if d.whole_row and isinstance(current, dict):
                current = {**blank_row(d.section), **current}  # a line for every field, filled or not
            if isinstance(current, (dict, list)):  # a row or a list: a small form, a line per field or item
                value = ask.edit_value(self, "Edit the consensus value", d.label, current)
                if value is None:
                    return
            else:
                text = ask.text(self, "Edit the consensus value", f"{d.label}:", value_as_text(current))
                if text is None:
                    return
                value = value_from_text(text, current)
            self.adj.edit(d.key, value)
        except AbstractorError as exc:
            ask.error(self, "Not a valid value", str(exc))
            return
        self._decided(d)

    def take_rest_a(self) -> None:
        self.adj.choose_all(A)
        self.model.layoutChanged.emit()
        self._show_current()

    def _decided(self, d: Decision) -> None:
        self.model.decision_changed(d.key)
        nxt = next((x for x in self.model.items if not x.decided), None)  # on to the next open difference
        if nxt is not None:
            self.select(nxt.key)
        self._show_current()

    # --- evidence in the document view --------------------------------------------------------
    def _study(self, side: str):
        return self.adj.a if side == A else self.adj.b

    def _span(self, side: str, d: Decision) -> Optional[tuple[str, Any]]:
        """(study id, evidence) of this side's value when its study is in the open database."""
        ab = self._study(side)
        path = d.path_a if side == A else d.path_b
        if not path or not ab.id or not self.ctx.store.study_exists(ab.id):
            return None
        ev = evidence_at(ab, path)
        return (ab.id, ev) if ev is not None else None

    def show_evidence(self, side: str) -> bool:
        d = self.current()
        found = self._span(side, d) if d else None
        if found is None:
            return False
        study_id, ev = found
        if self.ctx.session.study_id != study_id:
            self.nav.select_study(study_id, emit=False)
            self.nav.open_study(study_id)
        return self._highlight(ev)

    def _follow_evidence(self, d: Decision) -> None:
        """If A's or B's study is the one open in the window, highlight its evidence there."""
        for side in (A, B):
            found = self._span(side, d)
            if found and found[0] == self.ctx.session.study_id:
                self._highlight(found[1])
                return

    def _highlight(self, ev) -> bool:
        docs = self.ctx.session.documents
        doc = next((x for x in docs if x.sha256 == ev.document), docs[0] if docs else None)
        if doc is None:
            return False
        self.ctx.session.evidenceRequested.emit(EvidenceSpan("", "", "", "", doc.id, ev.start, ev.end, ev.quote))
        return True

    # --- saving -------------------------------------------------------------------------------
    def save(self) -> Optional[str]:
        if self.adj.undecided or self.saved_id is not None:
            return None
        try:
            new_id = save_consensus(self.ctx.store, self.adj)
        except AbstractorError as exc:
            ask.error(self, "The consensus was not saved", str(exc))
            return None
        self.saved_id = new_id
        saved = self.ctx.store.get_study(new_id)
        s = self.adj.summary()
        self.progress.setText(f"Consensus saved: decided by {saved.abstractor} "
                              f"(A {s['A']}, B {s['B']}, edited {s['EDIT']}) — selected in the study list")
        self.save_btn.setEnabled(False)
        self.consensusSaved.emit(new_id)
        return new_id

