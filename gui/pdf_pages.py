"""A PDF shown as pages (QtPdf), with a piece of evidence found and marked on its page.

The database keeps a document's text, not its file; the pages come from the
original file where it was imported from (remembered by its sha256), or where
the user points to it.  Imported lazily: QtPdf loads only when pages are shown.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QModelIndex, QPointF
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QVBoxLayout, QWidget


def file_sha256(path: str) -> Optional[str]:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return h.hexdigest()
    except OSError:
        return None


def remembered_path(settings, sha256: str) -> Optional[str]:
    """Where this PDF was imported from, if the file is still there."""
    path = settings.value(f"pdf_files/{sha256}")
    return path if path and Path(path).is_file() else None


def remember_path(settings, sha256: str, path: str) -> None:
    settings.setValue(f"pdf_files/{sha256}", str(path))


class PdfPages(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfPages")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.search = QPdfSearchModel(self)
        self.search.setDocument(self.document)
        self.view.setSearchModel(self.search)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        self.path: Optional[str] = None
        self._wanted_page: Optional[int] = None
        self.search.rowsInserted.connect(self._pick_result)  # the search runs in steps, page by page

    def load(self, path: str) -> bool:
        if self.path == path:
            return True
        ok = self.document.load(path) == QPdfDocument.Error.None_
        self.path = path if ok else None
        return ok

    def show_page(self, page: int) -> None:
        """``page`` is 1-based, as the document view counts."""
        if self.document.pageCount() > 0:
            self.view.pageNavigator().jump(max(0, min(page - 1, self.document.pageCount() - 1)), QPointF(), 0)

    def show_quote(self, quote: str, page: Optional[int]) -> None:
        """Find the evidence on its page and mark it; the search string is the quote's start."""
        needle = " ".join(quote.split())[:80]
        if page:
            self.show_page(page)
        self._wanted_page = page
        if needle:
            self.search.setSearchString(needle)
            self._pick_result()

    def _pick_result(self, *_args) -> None:
        page = self._wanted_page
        for i in range(self.search.rowCount(QModelIndex())):
            if page is None or self.search.resultAtIndex(i).page() == page - 1:
                if self.view.currentSearchResultIndex() != i:
                    self.view.setCurrentSearchResultIndex(i)
                return
