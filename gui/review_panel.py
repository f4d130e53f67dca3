"""The Review section of the form: the study's workflow status with the moves it allows,
the marked fields and rows, and the thread of the selected one with a reply box.

The abstractor answers a query here; the reviewer reads the answer, then
verifies or queries again.  Every button goes to ReviewController, which
pushes the undo commands or calls the core.
"""
from __future__ import annotations

import html
from typing import Any, Optional, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QSplitter, \
    QTextBrowser, QVBoxLayout, QWidget

from abstractor.review import workflow
from abstractor.storage import review_ops
from gui.review_commands import status_words
from gui.review_marks import when as when_text
from gui.review_model import ReviewItemsModel, key_of
from gui.tables import read_only_table
from models.enums import AbstractionStatus, ReviewState


class ReviewHost(Protocol):
    """What the panel asks of gui.review_actions.ReviewController (which builds the panel)."""

    ctx: Any
    tracker: Any

    def move_status(self, status) -> None: ...
    def answer(self, key, text: str) -> bool: ...
    def mark(self, key, status, comment: Optional[str] = None) -> None: ...
    def go_to(self, key) -> None: ...


MOVE_WORDS = {AbstractionStatus.SUBMITTED: "Submit for review", AbstractionStatus.IN_REVIEW: "Start review",
              AbstractionStatus.RETURNED: "Return to abstractor", AbstractionStatus.APPROVED: "Approve",
              AbstractionStatus.IN_PROGRESS: "Back to in progress"}


class ReviewPanel(QWidget):
    def __init__(self, controller: ReviewHost, parent=None):
        super().__init__(parent)
        self.setObjectName("reviewPanel")
        self.controller = controller
        self.ctx, self.tracker = controller.ctx, controller.tracker
        self.row_panels, self.fields = [], {}  # FormPanel.add_section: this section edits no values itself

        self.status_label = QLabel()
        self.status_label.setObjectName("reviewStatus")
        self.move_bar = QHBoxLayout()
        self.move_buttons: dict[AbstractionStatus, QPushButton] = {}
        top = QHBoxLayout()
        top.addWidget(self.status_label)
        top.addStretch(1)
        top.addLayout(self.move_bar)

        self.only_open = QCheckBox("Open queries only")
        self.summary = QLabel()
        self.model = ReviewItemsModel(self.tracker.label, self)
        self.view = read_only_table(self.model, "reviewItems")
        h = self.view.horizontalHeader()
        h.resizeSection(0, 28)
        h.resizeSection(1, 250)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        h.resizeSection(3, 80)
        self.view.doubleClicked.connect(lambda _i: self.go_to())

        self.thread = QTextBrowser()
        self.thread.setObjectName("reviewThread")
        self.reply = QPlainTextEdit()
        self.reply.setObjectName("reviewReply")
        self.reply.setPlaceholderText("Answer the query, or write a note (the reviewer sees it in the thread)")
        self.reply.setMaximumHeight(70)
        self.answer_btn = QPushButton("&Answer")
        self.answer_btn.setToolTip("Add your reply to the thread; the query stays open for the reviewer")
        self.verify_btn = QPushButton("&Verify")
        self.verify_btn.setToolTip("Settle it: mark the field or row verified (with the reply as a comment)")
        self.requery_btn = QPushButton("Query a&gain")
        self.requery_btn.setToolTip("Keep it open, with the reply as the next question")
        self.goto_btn = QPushButton("Go to &field")
        self.answer_btn.clicked.connect(self.answer)
        self.verify_btn.clicked.connect(lambda: self._settle(ReviewState.VERIFIED))
        self.requery_btn.clicked.connect(lambda: self._settle(ReviewState.QUERIED))
        self.goto_btn.clicked.connect(self.go_to)
        buttons = QHBoxLayout()
        for b in (self.answer_btn, self.verify_btn, self.requery_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.goto_btn)

        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("<b>Marked fields and rows</b>"))
        row.addWidget(self.summary, 1)
        row.addWidget(self.only_open)
        ul.addLayout(row)
        ul.addWidget(self.view, 1)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("<b>Thread</b>"))
        ll.addWidget(self.thread, 1)
        ll.addWidget(self.reply)
        ll.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([300, 300])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(split, 1)

        self.only_open.toggled.connect(self.refresh)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_thread())
        self.reply.textChanged.connect(self._enable)
        self.tracker.changed.connect(self.refresh)
        self.refresh()

    # --- showing ---------------------------------------------------------------------
    def current(self) -> Optional[review_ops.FieldReviewInfo]:
        r = self.view.currentIndex().row()
        return self.model.items[r] if 0 <= r < len(self.model.items) else None

    def refresh(self, *_args) -> None:
        keep = self.current()
        self.model.set_items(list(self.tracker.items.values()), self.only_open.isChecked())
        infos = self.tracker.items.values()
        n_open = sum(i.status == ReviewState.QUERIED for i in infos)
        n_ok = sum(i.status == ReviewState.VERIFIED for i in infos)
        self.summary.setText(f"  {n_open} open quer{'y' if n_open == 1 else 'ies'}, {n_ok} verified")
        self._show_status()
        if keep is not None:
            self.select(key_of(keep))
        self._show_thread()

    def select(self, key: tuple[str, str, str]) -> bool:
        row = self.model.row_of(key)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row, 1))
        return True

    def _show_status(self) -> None:
        study = self.ctx.session.study
        for b in self.move_buttons.values():
            self.move_bar.removeWidget(b)
            b.hide()  # at once: deleteLater waits for the event loop, and the button would float meanwhile
            b.deleteLater()
        self.move_buttons = {}
        if study is None:
            self.status_label.setText("No study open")
            return
        flag = " · <i>consensus record</i>" if study.consensus else ""
        self.status_label.setText(f"Status: <b>{status_words(study.status)}</b>{flag}")
        for s in workflow.allowed_statuses(study.status):
            b = QPushButton(MOVE_WORDS.get(s, status_words(s)))
            b.setObjectName(f"move_{s.value}")
            b.setToolTip(f"Move the study to “{status_words(s)}” (Review ▸ Status)")
            b.clicked.connect(lambda _c=False, s=s: self.controller.move_status(s))
            self.move_bar.addWidget(b)
            self.move_buttons[s] = b

    def _show_thread(self) -> None:
        info = self.current()
        if info is None:
            self.thread.setHtml("<p style='color:#777'>Select a marked field or row to read its thread.</p>")
        else:
            parts = [f"<p><b>{html.escape(self.tracker.label(key_of(info)))}</b> "
                     f"<span style='color:#777'>({html.escape(info.path)})</span><br>"
                     f"{info.status.value.lower()}"
                     + (f" by {html.escape(info.updated_by)}" if info.updated_by else "")
                     + (f", {when_text(str(info.updated_at))}" if info.updated_at else "") + "</p>"]
            for c in info.comments:
                who = html.escape(c.author or "?")
                when = str(c.at)[:16].replace("T", " ") if c.at else ""
                role = " (asked)" if c.author == info.raised_by and info.status == ReviewState.QUERIED else ""
                parts.append(f"<p><b>{who}</b>{role} <span style='color:#777'>{when}</span><br>"
                             f"{html.escape(c.text).replace(chr(10), '<br>')}</p>")
            if not info.comments:
                parts.append("<p style='color:#777'>No comments.</p>")
            self.thread.setHtml("".join(parts))
        self._enable()

    def _enable(self) -> None:
        has = self.current() is not None
        text = bool(self.reply.toPlainText().strip())
        self.answer_btn.setEnabled(has and text)
        self.verify_btn.setEnabled(has)
        self.requery_btn.setEnabled(has and text)
        self.goto_btn.setEnabled(has)

    # --- acting --------------------------------------------------------------------------
    def answer(self) -> None:
        info, text = self.current(), self.reply.toPlainText().strip()
        if info is None or not text:
            return
        if self.controller.answer(key_of(info), text):
            self.reply.clear()

    def _settle(self, status: ReviewState) -> None:
        info = self.current()
        if info is None:
            return
        text = self.reply.toPlainText().strip() or None
        if status == ReviewState.QUERIED and not text:
            return
        self.controller.mark(key_of(info), status, comment=text)
        self.reply.clear()

    def go_to(self) -> None:
        info = self.current()
        if info is not None:
            self.controller.go_to(key_of(info))
