"""The review list of the open study: one row per marked field or row (queries first)."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from abstractor.storage.review_ops import FieldReviewInfo
from gui.tables import ItemsTableModel
from gui.review_marks import COLOR, SYMBOL
from models.enums import ReviewState

COLUMNS = ["", "Field or row", "Last comment", "Turn"]
ORDER = {ReviewState.QUERIED: 0, ReviewState.VERIFIED: 1, ReviewState.UNCHECKED: 2}


def turn(info: FieldReviewInfo) -> str:
    if info.status != ReviewState.QUERIED:
        return "verified" if info.status == ReviewState.VERIFIED else ""
    return "reviewer" if info.answered else "abstractor"


class ReviewItemsModel(ItemsTableModel):
    """Plain FieldReviewInfo objects from the core; ``label`` names them as the form does."""
    headers = COLUMNS

    def __init__(self, label: Callable[[tuple[str, str, str]], str], parent=None):
        super().__init__(parent)
        self.label = label
        self.items: list[FieldReviewInfo] = []
        self.labels: list[str] = []

    def set_items(self, items: list[FieldReviewInfo], only_open: bool = False) -> None:
        keep = [i for i in items if i.status == ReviewState.QUERIED or (not only_open and (
            i.status != ReviewState.UNCHECKED or i.comments))]
        keep.sort(key=lambda i: (ORDER[i.status], i.path))
        self.beginResetModel()
        self.items = keep
        self.labels = [self.label(key_of(i)) for i in keep]
        self.endResetModel()

    def row_of(self, key: tuple[str, str, str]) -> int:
        return next((n for n, i in enumerate(self.items) if key_of(i) == key), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.items)) or not (0 <= index.column() < 4):
            return None
        info, col = self.items[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return SYMBOL[info.status]
            if col == 1:
                return self.labels[index.row()]
            if col == 2:
                c = info.comments[-1] if info.comments else None
                return f"{c.author or '?'}: {c.text}" if c else ""
            return turn(info)
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QColor(COLOR[info.status])
        if role == Qt.ItemDataRole.ToolTipRole and col in (1, 2):
            return info.path
        return None


def key_of(info: FieldReviewInfo) -> tuple[str, str, str]:
    return info.target.entity, info.target.row_id, info.target.field
