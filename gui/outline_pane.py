"""A document's outline beside its text: bookmarks or headings (abstractor.importing.outline);
Enter or a click goes there, and the entry of the place being read stays selected."""
from __future__ import annotations

import bisect

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

ENTRY = Qt.ItemDataRole.UserRole


class OutlinePane(QTreeWidget):
    entryChosen = Signal(object)  # OutlineEntry

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("documentOutline")
        self.setAccessibleName("Document outline")
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.entries: list = []
        self._items: list[QTreeWidgetItem] = []
        self._offsets: list[int] = []
        self.itemActivated.connect(self._chosen)  # Enter, double click
        self.itemClicked.connect(self._chosen)

    def set_entries(self, entries: list, source: str) -> None:
        """``source``: "bookmarks" or "headings", said in the tooltip."""
        self.clear()
        self.entries, self._items = list(entries), []
        parents: list[tuple[int, QTreeWidgetItem]] = []
        for e in self.entries:
            while parents and parents[-1][0] >= e.level:
                parents.pop()
            item = QTreeWidgetItem([e.title])
            where = f"page {e.page}" if e.page else f"character {e.offset:,}"
            item.setToolTip(0, f"{e.title} ({where})")
            item.setData(0, ENTRY, len(self._items))
            (parents[-1][1].addChild(item) if parents else self.addTopLevelItem(item))
            parents.append((e.level, item))
            self._items.append(item)
        self._offsets = [e.offset for e in self.entries]
        self.expandToDepth(0)
        self.setToolTip("The PDF's bookmarks" if source == "bookmarks" else
                        "Headings found in the text (the PDF has no bookmarks)")

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.entryChosen.emit(self.entries[item.data(0, ENTRY)])

    def follow(self, offset: int) -> None:
        """Select the entry whose part of the document holds ``offset`` (no jump)."""
        i = bisect.bisect_right(self._offsets, offset) - 1
        if i < 0 or i >= len(self._items) or self.currentItem() is self._items[i]:
            return
        self.blockSignals(True)
        self.setCurrentItem(self._items[i])
        self.blockSignals(False)
        self.scrollToItem(self._items[i])
