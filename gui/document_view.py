"""The source documents of the open study: a tab per document (gui.document_tab), find, evidence."""
from __future__ import annotations

import bisect
from typing import Optional

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTabWidget, QToolButton, QVBoxLayout, QWidget

from gui.context import AppContext
from gui.document_tab import DocumentTab

class FindEdit(QLineEdit):
    """The find field lets the window have the keys that act on the match it selected: Ctrl+E /
    Ctrl+Shift+E fill the focused field from it, Ctrl+Alt+... add it as rows (a line editor would
    take Ctrl+E as "end of line")."""

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride:
            mods = e.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if ctrl and (e.key() == Qt.Key.Key_E or mods & Qt.KeyboardModifier.AltModifier):
                e.ignore()
                return False
        return super().event(e)


class FindBar(QWidget):
    """Ctrl+F: find in every document of the study, with next/previous and a match count."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edit = FindEdit(placeholderText="Find in the study's documents")
        self.edit.setAccessibleName("Find in documents")
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
        self._matches: list[tuple[int, int, int]] = []  # (tab, start, end) in every document, tab order
        self._match_index = -1
        self._texts: dict[str, str] = {}  # texts of documents not shown yet, read for Find
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
        self._texts.clear()
        self._matches, self._match_index = [], -1
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
        if self.find_bar.edit.text() and not self._matches:
            self._find_changed(self.find_bar.edit.text())
        else:
            t.set_found([(a, b) for i, a, b in self._matches if i == self.tabs.currentIndex()])
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

    def _text_of(self, i: int) -> str:
        t = self.tab(i)
        if t.text is not None:
            return t.text
        if t.info.id not in self._texts:
            self._texts[t.info.id] = self.ctx.store.document_text(t.info.id)
        return self._texts[t.info.id]

    def _find_changed(self, needle: str) -> None:
        self._matches, self._match_index = [], -1
        low = needle.casefold()
        for i in range(self.tabs.count() if needle else 0):
            hay = self._text_of(i).casefold()
            pos = hay.find(low)
            while pos != -1 and len(self._matches) < 10000:
                self._matches.append((i, pos, pos + len(low)))
                pos = hay.find(low, pos + max(1, len(low)))
        t = self.tab()
        if t is not None:
            t.set_found([(a, b) for i, a, b in self._matches if i == self.tabs.currentIndex()])
        self._show_count()
        if self._matches:
            self.find_next(from_cursor=True)

    def _show_count(self) -> None:
        if not self.find_bar.edit.text():
            self.find_bar.count.setText("")
        elif not self._matches:
            self.find_bar.count.setText("no match")
        else:
            docs = len({m[0] for m in self._matches})
            where = f" in {docs} documents" if docs > 1 else ""
            self.find_bar.count.setText(f"{self._match_index + 1} of {len(self._matches)}{where}")
            if self._match_index >= 0:
                name = self.tabs.tabText(self._matches[self._match_index][0])
                self.find_bar.count.setToolTip(f"This match is in {name}")

    def find_next(self, from_cursor: bool = False) -> None:
        self._step(+1, from_cursor)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int, from_cursor: bool = False) -> None:
        t = self.tab()
        if t is None or not self._matches:
            return
        here = self.tabs.currentIndex()
        if from_cursor or self._match_index < 0:
            pos = t.offsets.from_qt(t.view.textCursor().selectionStart())
            self._match_index = bisect.bisect_left(self._matches, (here, pos, pos)) % len(self._matches)
        else:
            self._match_index = (self._match_index + direction) % len(self._matches)
        i, start, end = self._matches[self._match_index]
        if i != here:
            self.tabs.setCurrentIndex(i)  # the next match is in another document
            t = self.tab()
        t.select(start, end)
        t.view.centerCursor()
        self._show_count()
