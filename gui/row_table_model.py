"""Qt table models over the repeated rows of the open study (criteria, outcomes, dose levels ...)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

EVIDENCE_BG = QColor("#fff6c4")
_ROW_MARK_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                   Qt.ItemDataRole.FontRole)
SUPER = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class Column:
    field: str  # the core's field name ("time_frame", "threshold.value")
    title: str
    kind: str = "str"  # str, text, int, float, dose, enum, bool, list
    choices: list = field(default_factory=list)
    width: int = 0  # 0: stretch


def format_number(v: float) -> str:
    """1e6 -> "1×10⁶" (how doses are written), 25.0 -> "25"."""
    if v is None:
        return ""
    if v != 0 and abs(v) >= 1e5 and not math.isinf(v):
        exp = int(math.floor(math.log10(abs(v))))
        mant = v / 10 ** exp
        mant_s = f"{mant:.3g}"
        return f"{mant_s}×10{str(exp).translate(SUPER)}"
    return f"{v:g}"


def display(column: Column, v: Any) -> str:
    if v is None:
        return ""
    if column.kind in ("float", "dose"):
        return format_number(v)
    if column.kind == "bool":
        return "yes" if v else "no"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


class RowTableModel(QAbstractTableModel):
    """Rows are plain dicts with an "id"; edits go out through ``on_edit`` (an undo command)."""

    def __init__(self, entity: str, columns: list[Column], parent=None,
                 on_edit: Optional[Callable[[str, str, Any], bool]] = None,
                 has_evidence: Optional[Callable[[str, str], Optional[str]]] = None):
        super().__init__(parent)
        self.entity = entity
        self.columns = columns
        self.rows: list[dict] = []
        self.on_edit = on_edit
        self.has_evidence = has_evidence or (lambda row_id, field: None)
        # The review mark of a row for the row header: (symbol, tooltip, colour) or None (gui.review_marks sets it).
        self.row_mark: Callable[[str], Optional[tuple]] = lambda row_id: None
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[dict]) -> None:
        if [r["id"] for r in rows] == [r["id"] for r in self.rows]:
            old, self.rows = self.rows, rows
            for i, (a, b) in enumerate(zip(old, rows)):
                if a != b:
                    self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.columns) - 1))
            # evidence may have changed without a value changing: repaint backgrounds
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(self.columns) - 1),
                                      [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])
            return
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def value_at(self, index: QModelIndex | QPersistentModelIndex) -> Any:
        """The stored value behind a cell (Python to Python: no QVariant round trip)."""
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        return self.rows[index.row()].get(self.columns[index.column()].field)

    def row_of(self, row_id: str) -> Optional[int]:
        return next((i for i, r in enumerate(self.rows) if r["id"] == row_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Vertical and role in _ROW_MARK_ROLES and 0 <= section < len(self.rows):
            mark = self.row_mark(self.rows[section]["id"])
            if role == Qt.ItemDataRole.ToolTipRole:
                return mark[1] if mark else None
            if role == Qt.ItemDataRole.ForegroundRole:  # coloured like the marks beside fields
                return QColor(mark[2]) if mark and len(mark) > 2 else None
            if role == Qt.ItemDataRole.FontRole:
                return self._bold if mark else None
            return f"{section + 1} {mark[0]}" if mark else str(section + 1)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title if 0 <= section < len(self.columns) else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        v = row.get(col.field)
        if role == Qt.ItemDataRole.DisplayRole:
            return display(col, v)
        if role == Qt.ItemDataRole.EditRole:
            return display(col, v) if col.kind in ("list", "float", "dose") else v
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        if role == Qt.ItemDataRole.BackgroundRole:
            return EVIDENCE_BG if self.has_evidence(row["id"], col.field) is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            quote = self.has_evidence(row["id"], col.field)
            text = display(col, v)
            tip = text if len(text) > 40 else ""
            if quote is not None:
                tip = (tip + "\n\n" if tip else "") + f"Evidence: “{quote[:300]}”"
            return tip or None
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        row, col = self.rows[index.row()], self.columns[index.column()]
        return self.on_edit(row["id"], col.field, value)
