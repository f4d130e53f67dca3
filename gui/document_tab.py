"""One source document's tab: its stored text with evidence highlighted, and its PDF pages on demand."""
from __future__ import annotations

import bisect
import re
from typing import Callable, Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy, QSplitter, QStackedWidget, \
    QTextEdit, QToolButton, QVBoxLayout, QWidget

from gui.context import Selection

EVIDENCE_COLOR = QColor("#fff1a8")
CURRENT_COLOR = QColor("#ffb74d")
FIND_COLOR = QColor("#b3e5fc")
PROPOSAL_COLOR = QColor("#e4d7f7")  # evidence of open suggestions (gui.suggestions_ui)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Python string offsets <-> Qt (UTF-16) positions; identical unless the text has astral characters."""

    def __init__(self, text: str):
        self.astral = [m.start() for m in _ASTRAL.finditer(text)]

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset) if self.astral else offset

    def from_qt(self, pos: int) -> int:
        if not self.astral:
            return pos
        lo, hi = 0, pos  # the Python offset o with to_qt(o) == pos (or the one before)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.to_qt(mid) <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo


class DocumentText(QPlainTextEdit):
    """Read-only text that can be selected with mouse and keyboard."""

    def __init__(self, menu_actions: Callable[[], list], parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setUndoRedoEnabled(False)
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        self._menu_actions = menu_actions

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        actions = self._menu_actions()
        if actions:
            first = menu.actions()[0] if menu.actions() else None
            for a in actions:
                menu.insertAction(first, a)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()


class DocumentTab(QWidget):
    selectionChanged = Signal(object)  # Selection or None

    def __init__(self, info, menu_actions: Callable[[], list], settings=None, parent=None):
        super().__init__(parent)
        self.info = info
        self.settings = settings
        self.text: Optional[str] = None
        self.offsets = OffsetMap("")
        self.view = DocumentText(menu_actions)
        self.view.setObjectName("documentText")
        self.place = QLabel()
        self.place.setObjectName("documentPlace")
        self.place.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # no minimum width
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.pages = None  # PdfPages, made when first asked for
        self.pages_btn = QToolButton(text="Pages", checkable=True)
        self.pages_btn.setToolTip("Show the PDF's pages (from the original file); the text stays the reference "
                                  "for evidence")
        self.pages_btn.setVisible(info.kind == "pdf")
        self.pages_btn.toggled.connect(self.show_pages)
        self.outline = None  # OutlinePane, made once the text is read and has an outline
        self.outline_btn = QToolButton(text="Outline", checkable=True, checked=True)
        self.outline_btn.setToolTip("Show or hide the outline: the PDF's bookmarks, else the headings of the text")
        self.outline_btn.setVisible(False)
        self.outline_btn.toggled.connect(lambda on: self.outline is not None and self.outline.setVisible(on))
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(self.stack)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.place, 1)
        bar.addWidget(self.outline_btn)
        bar.addWidget(self.pages_btn)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.split, 1)
        layout.addLayout(bar)
        self._evidence: list[tuple[int, int]] = []
        self._current: Optional[tuple[int, int]] = None
        self._found: list[tuple[int, int]] = []
        self._proposed: list[tuple[int, int]] = []
        self._applied = False  # the highlights shown are those of the lists above
        self.view.selectionChanged.connect(self._selection_changed)
        self.view.cursorPositionChanged.connect(self._show_place)

    def ensure_loaded(self, load_text: Callable[[str], str]) -> None:
        if self.text is None:
            self.text = load_text(self.info.id)
            self.offsets = OffsetMap(self.text)
            self.view.setPlainText(self.text)
            self._show_place()
            self._make_outline()

    # --- outline ---------------------------------------------------------------
    def _pdf_file(self) -> Optional[str]:
        """The original PDF where it was imported from, if still there (for its bookmarks)."""
        from pathlib import Path

        path = self.settings.value(f"pdf_files/{self.info.sha256}") if self.settings is not None else None
        return path if self.info.kind == "pdf" and path and Path(path).is_file() else None

    def _make_outline(self) -> None:
        from abstractor.importing.outline import document_outline

        path = self._pdf_file()
        entries, source = document_outline(self.text, self.info.page_starts or None, path)
        useful = entries and (self.info.kind == "pdf" or sum(e.numbered for e in entries) >= 3)
        if not useful:
            return
        from gui.outline_pane import OutlinePane

        self.outline = OutlinePane()
        self.outline.set_entries(entries, source)
        self.outline.entryChosen.connect(self.go_to_entry)
        self.split.insertWidget(0, self.outline)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([200, max(400, self.width() - 200)])
        self.outline_btn.setVisible(True)
        self.outline.setVisible(self.outline_btn.isChecked())

    def go_to_entry(self, entry) -> None:
        """An outline entry chosen: its place in the text (and its page, when pages show)."""
        if self.pages is not None and self.stack.currentWidget() is self.pages and entry.page:
            self.pages.show_page(entry.page)
        c = self.view.textCursor()
        c.setPosition(self.offsets.to_qt(entry.offset))
        self.view.setTextCursor(c)
        self.view.centerCursor()

    # --- selection ----------------------------------------------------------
    def selection(self) -> Optional[Selection]:
        c = self.view.textCursor()
        if not c.hasSelection() or self.text is None:
            return None
        start, end = self.offsets.from_qt(c.selectionStart()), self.offsets.from_qt(c.selectionEnd())
        return Selection(self.info.id, start, end, self.text[start:end])

    def select(self, start: int, end: int) -> None:
        c = self.view.textCursor()
        c.setPosition(self.offsets.to_qt(start))
        c.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.view.setTextCursor(c)

    def _selection_changed(self) -> None:
        self.selectionChanged.emit(self.selection())

    def page_of(self, offset: int) -> Optional[int]:
        starts = self.info.page_starts or []
        return bisect.bisect_right(starts, offset) if starts else None

    def _show_place(self) -> None:
        if self.text is None:
            return
        pos = self.offsets.from_qt(self.view.textCursor().position())
        page = self.page_of(pos)
        pages = f" · page {page} of {len(self.info.page_starts)}" if page else ""
        self.place.setText(f"{self.info.file_name} · {self.info.kind} · {len(self.text):,} characters{pages}")
        if self.outline is not None:
            self.outline.follow(pos)

    # --- highlighting ------------------------------------------------------------
    def set_evidence(self, spans: list[tuple[int, int]], current: Optional[tuple[int, int]] = None) -> None:
        if (spans, current) == (self._evidence, self._current) and self._applied:
            return  # an edit that moved no evidence: the highlights stand (rebuilding them costs a cursor per span)
        self._evidence, self._current = spans, current
        self._apply()

    def set_proposed(self, spans: list[tuple[int, int]]) -> None:
        """Evidence of open suggestions, in their own colour under accepted evidence."""
        if spans == self._proposed and self._applied:
            return
        self._proposed = spans
        self._apply()

    def set_found(self, spans: list[tuple[int, int]]) -> None:
        self._found = spans
        self._apply()

    def _selection_for(self, span: tuple[int, int], color: QColor, bold=False) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        if bold:
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        sel.format = fmt
        c = QTextCursor(self.view.document())
        c.setPosition(self.offsets.to_qt(span[0]))
        c.setPosition(self.offsets.to_qt(span[1]), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = c
        return sel

    def _apply(self) -> None:
        if self.text is None:
            return
        n = len(self.text)
        ok = lambda s: 0 <= s[0] <= s[1] <= n  # noqa: E731
        sels = [self._selection_for(s, PROPOSAL_COLOR) for s in self._proposed if ok(s)]
        sels += [self._selection_for(s, EVIDENCE_COLOR) for s in self._evidence if ok(s)]
        sels += [self._selection_for(s, FIND_COLOR) for s in self._found if ok(s)]
        if self._current and ok(self._current):
            sels.append(self._selection_for(self._current, CURRENT_COLOR, bold=True))
        self.view.setExtraSelections(sels)
        self._applied = True

    # --- pages (PDF) -----------------------------------------------------------------
    def show_pages(self, on: bool) -> None:
        if not on:
            self.stack.setCurrentWidget(self.view)
            return
        from gui import ask
        from gui.pdf_pages import PdfPages, file_sha256, remember_path, remembered_path

        path = remembered_path(self.settings, self.info.sha256) if self.settings is not None else None
        if path is None:
            path = ask.locate_pdf(self, self.info.file_name)
            if path and file_sha256(path) != self.info.sha256:
                ask.error(self, "Pages", f"{path}: is not the document that was imported as "
                          f"{self.info.file_name} (its content differs).")
                path = None
            if path and self.settings is not None:
                remember_path(self.settings, self.info.sha256, path)
        if self.pages is None and path:
            self.pages = PdfPages()
            self.stack.addWidget(self.pages)
            self.pages.view.pageNavigator().currentPageChanged.connect(self._page_shown)
        if not path or not self.pages.load(path):
            self.pages_btn.blockSignals(True)
            self.pages_btn.setChecked(False)
            self.pages_btn.blockSignals(False)
            return
        self.stack.setCurrentWidget(self.pages)
        if self._current:
            self.pages.show_quote(self.text[self._current[0]:self._current[1]], self.page_of(self._current[0]))
        else:
            self.pages.show_page(self.page_of(self.offsets.from_qt(self.view.textCursor().position())) or 1)

    def _page_shown(self, index: int) -> None:
        """Reading the pages: the outline follows them as it follows the text."""
        starts = self.info.page_starts or []
        if self.outline is not None and 0 <= index < len(starts):
            self.outline.follow(starts[index])

    def show_span(self, start: int, end: int) -> None:
        """Scroll to a span and mark it as the current evidence (without selecting it)."""
        if self.pages is not None and self.stack.currentWidget() is self.pages and self.text is not None:
            self.pages.show_quote(self.text[start:end], self.page_of(start))
        self._current = (start, end)
        self._apply()
        c = self.view.textCursor()
        c.setPosition(self.offsets.to_qt(start))
        self.view.setTextCursor(c)
        self.view.centerCursor()
