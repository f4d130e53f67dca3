"""The source documents of the open study: a tab per document (gui.document_tab), find, evidence."""
from __future__ import annotations

import bisect
from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTabWidget, QToolButton, QVBoxLayout, QWidget

from gui.context import AppContext
from gui.document_tab import DocumentTab

class FindBar(QWidget):
    """Ctrl+F: find in the current document, with next/previous and a match count."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit(placeholderText="Find in document")
        self.edit.setAccessibleName("Find in document")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel("")
        self.prev_btn = QToolButton(text="▲", toolTip="Previous match (Shift+F3)")
        self.next_btn = QToolButton(text="▼", toolTip="Next match (F3)")
        self.close_btn = QToolButton(text="✕", toolTip="Close (Esc)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.edit, self.count, self.prev_btn, self.next_btn, self.close_btn):
            layout.addWidget(w)
        layout.setStretch(0, 1)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_btn.click()
            return
        super().keyPressEvent(event)


class DocumentPanel(QWidget):
    """Tabs of the open study's documents, kept in step with the session's evidence."""

    selectionChanged = Signal(object)  # Selection or None

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.menu_actions: list[QAction] = []  # capture actions the window adds to the context menu
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setObjectName("documentTabs")
        self.empty = QLabel("No document. Import one with File ▸ Import documents (Ctrl+I) or drop files here.")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.find_bar = FindBar()
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.empty, 1)
        self._matches: list[tuple[int, int]] = []
        self._match_index = -1
        self.tabs.currentChanged.connect(self._tab_changed)
        self.find_bar.edit.textChanged.connect(self._find_changed)
        self.find_bar.edit.returnPressed.connect(self.find_next)
        self.find_bar.next_btn.clicked.connect(self.find_next)
        self.find_bar.prev_btn.clicked.connect(self.find_previous)
        self.find_bar.close_btn.clicked.connect(self.close_find)
        ctx.session.loaded.connect(self.load_study)
        ctx.session.changed.connect(self.refresh_evidence)
        ctx.session.evidenceRequested.connect(self.show_evidence)
        self.load_study()

    # --- documents ---------------------------------------------------------------
    def tab(self, i: Optional[int] = None) -> Optional[DocumentTab]:
        w = self.tabs.widget(self.tabs.currentIndex() if i is None else i)
        return w if isinstance(w, DocumentTab) else None

    def tab_for(self, document_id: str) -> Optional[int]:
        for i in range(self.tabs.count()):
            if self.tab(i).info.id == document_id:
                return i
        return None

    def load_study(self) -> None:
        self.tabs.blockSignals(True)
        while self.tabs.count():
            w = self.tabs.widget(0)
            self.tabs.removeTab(0)
            w.deleteLater()
        for info in self.ctx.session.documents:
            t = DocumentTab(info, lambda: self.menu_actions, self.ctx.settings)
            t.selectionChanged.connect(self._tab_selection)
            self.tabs.addTab(t, info.file_name)
            self.tabs.setTabToolTip(self.tabs.count() - 1, f"{info.file_name} ({info.kind}, imported {info.imported_at[:10]})")
        self.tabs.blockSignals(False)
        has = self.tabs.count() > 0
        self.tabs.setVisible(has)
        self.empty.setVisible(not has)
        self.empty.setText("No document. Import one with File ▸ Import documents (Ctrl+I) or drop files here."
                           if self.ctx.session.study_id or not has else "")
        self._tab_changed(0)

    def _tab_changed(self, _i: int) -> None:
        t = self.tab()
        if t is None:
            self._set_selection(None)
            return
        t.ensure_loaded(self.ctx.store.document_text)
        self.refresh_evidence()
        self._find_changed(self.find_bar.edit.text())
        self._set_selection(t.selection())

    def refresh_evidence(self, *_args) -> None:
        t = self.tab()
        if t is None:
            return
        spans = [(e.start, e.end) for e in self.ctx.session.evidence.values() if e.document_id == t.info.id]
        t.set_evidence(spans, t._current if t._current in spans else None)

    def show_evidence(self, span) -> None:
        if span is None:
            t = self.tab()
            if t is not None and t._current is not None:
                t._current = None
                t._apply()
            return
        i = self.tab_for(span.document_id) if span.document_id else self.tabs.currentIndex()
        if i is None:
            return
        if i != self.tabs.currentIndex():
            self.tabs.setCurrentIndex(i)
        self.tab().show_span(span.start, span.end)

    # --- selection ------------------------------------------------------------------
    def _tab_selection(self, sel) -> None:
        if self.sender() is self.tab():
            self._set_selection(sel)

    def _set_selection(self, sel) -> None:
        self.ctx.session.selection = sel
        self.selectionChanged.emit(sel)

    def select(self, start: int, end: int) -> None:
        t = self.tab()
        if t is not None:
            t.select(start, end)

    # --- find -------------------------------------------------------------------------
    def open_find(self) -> None:
        self.find_bar.show()
        t = self.tab()
        if t is not None and t.view.textCursor().hasSelection():
            sel = t.selection()
            if sel and "\n" not in sel.text:
                self.find_bar.edit.setText(sel.text)
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def close_find(self) -> None:
        self.find_bar.edit.clear()
        self.find_bar.hide()
        t = self.tab()
        if t is not None:
            t.view.setFocus()

    def _find_changed(self, needle: str) -> None:
        t = self.tab()
        self._matches, self._match_index = [], -1
        if t is not None and t.text is not None and needle:
            hay, low = t.text.casefold(), needle.casefold()
            pos = hay.find(low)
            while pos != -1 and len(self._matches) < 10000:
                self._matches.append((pos, pos + len(low)))
                pos = hay.find(low, pos + max(1, len(low)))
        if t is not None:
            t.set_found(self._matches)
        self._show_count()
        if self._matches:
            self.find_next(from_cursor=True)

    def _show_count(self) -> None:
        if not self.find_bar.edit.text():
            self.find_bar.count.setText("")
        elif not self._matches:
            self.find_bar.count.setText("no match")
        else:
            self.find_bar.count.setText(f"{self._match_index + 1} of {len(self._matches)}")

    def find_next(self, from_cursor: bool = False) -> None:
        self._step(+1, from_cursor)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int, from_cursor: bool = False) -> None:
        t = self.tab()
        if t is None or not self._matches:
            return
        if from_cursor or self._match_index < 0:
            pos = t.offsets.from_qt(t.view.textCursor().selectionStart())
            starts = [m[0] for m in self._matches]
            self._match_index = bisect.bisect_left(starts, pos) % len(self._matches)
        else:
            self._match_index = (self._match_index + direction) % len(self._matches)
        start, end = self._matches[self._match_index]
        t.select(start, end)
        t.view.centerCursor()
        self._show_count()
