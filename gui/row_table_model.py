"""Qt table models over the repeated rows of the open study (criteria, outcomes, dose levels ...)."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from abstractor.threshold_text import format_threshold

EVIDENCE_BG = QColor("#fff6c4")
PROPOSAL_BG, PROPOSAL_FG = QColor("#f1ebfb"), QColor("#3f6aa8")  # an open proposal's row: lavender, grey-blue
REJECTED_FG = QColor("#9e9e9e")
ACCEPTED_FG = "#2e7d32"
PROPOSAL_PREFIX = "proposal:"  # the "id" of a row that shows a proposal, not a stored row
_ROW_MARK_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
                   Qt.ItemDataRole.FontRole)
_DISPLAY, _EDIT, _USER = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.EditRole), int(Qt.ItemDataRole.UserRole)
_BACKGROUND, _TOOLTIP = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND, _FONT = int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.FontRole)
_DATA_ROLES = frozenset((_DISPLAY, _EDIT, _USER, _BACKGROUND, _TOOLTIP, _FOREGROUND, _FONT))
SUPER = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def is_proposal(row: dict) -> bool:
    """A row that shows a proposal (open, or rejected a moment ago) rather than a stored row."""
    return "_proposal" in row


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
    if column.kind == "thresholds":
        return "; ".join(format_threshold(t) for t in v)
    if isinstance(v, dict) and set(v) == {"value", "unit"}:  # a codebook's number with its unit
        return f"{format_number(v['value'])} {v['unit'] or ''}".strip()
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs of consecutive rows."""
    out: list[tuple[int, int]] = []
    for r in rows:
        if out and out[-1][1] == r - 1:
            out[-1] = (out[-1][0], r)
        else:
            out.append((r, r))
    return out


class RowTableModel(QAbstractTableModel):
    """Rows are plain dicts with an "id"; edits go out through ``on_edit`` (an undo command)."""

    def __init__(self, entity: str, columns: list[Column], parent=None,
                 on_edit: Optional[Callable[[str, str, Any], bool]] = None,
                 has_evidence: Optional[Callable[[str, str], Optional[str]]] = None):
        super().__init__(parent)
        self.entity = entity
        self.columns = columns
        self.rows: list[dict] = []
        self._marks: list[tuple] = []  # per row: each cell's evidence quote (or None), as last shown
        self.on_edit = on_edit
        self.has_evidence = has_evidence or (lambda row_id, field: None)
        self.accepted_rows: set[str] = set()  # rows accepted from proposals a moment ago: ✓ in the header
        # The review mark of a row for the row header: (symbol, tooltip, colour) or None (gui.review_marks sets it).
        self.row_mark: Callable[[str], Optional[tuple]] = lambda row_id: None
        self._bold = QFont()
        self._bold.setBold(True)
        self._pending_font = QFont()
        self._pending_font.setItalic(True)
        self._rejected_font = QFont()
        self._rejected_font.setStrikeOut(True)

    def set_rows(self, rows: list[dict]) -> None:
        """Show ``rows``, telling the views only what changed: rows whose values or evidence
        changed, rows inserted, removed or moved.  Each change signal makes a view whose row
        heights follow their contents measure every row again, so a reset is the last resort."""
        old_ids, new_ids = [r["id"] for r in self.rows], [r["id"] for r in rows]
        if old_ids != new_ids and not self._reshape(old_ids, new_ids, rows):
            self.beginResetModel()
            self.rows = rows
            self._marks = [self._evidence_of(r) for r in rows]
            self.endResetModel()
            return
        old, self.rows = self.rows, rows
        old_marks, self._marks = self._marks, [self._evidence_of(r) for r in rows]
        changed = [i for i, (a, b, ma, mb) in enumerate(zip(old, rows, old_marks, self._marks)) if a != b or ma != mb]
        last = len(self.columns) - 1
        for first, end in _runs(changed):
            self.dataChanged.emit(self.index(first, 0), self.index(end, last))

    def _evidence_of(self, row: dict) -> tuple:
        """What the evidence background and tooltip of a row's cells show."""
        rid = row["id"]
        return tuple(self.has_evidence(rid, c.field) for c in self.columns)

    def _reshape(self, old_ids: list[str], new_ids: list[str], rows: list[dict]) -> bool:
        """One block of rows inserted or removed, or one row moved: done with the matching
        begin/end calls, ``self.rows`` then ordered as ``rows`` (values not yet compared).
        False when the change is of another shape."""
        n_old, n_new = len(old_ids), len(new_ids)
        head = 0
        while head < min(n_old, n_new) and old_ids[head] == new_ids[head]:
            head += 1
        tail = 0
        while tail < min(n_old, n_new) - head and old_ids[n_old - 1 - tail] == new_ids[n_new - 1 - tail]:
            tail += 1
        if head + tail == 0:
            return False  # nothing in common (another study): a reset
        parent = QModelIndex()
        if n_new > n_old and head + tail == n_old:  # rows[head:n_new - tail] are new
            self.beginInsertRows(parent, head, n_new - tail - 1)
            self.rows = self.rows[:head] + rows[head:n_new - tail] + self.rows[head:]
            self._marks = self._marks[:head] + [self._evidence_of(r) for r in rows[head:n_new - tail]] \
                + self._marks[head:]
            self.endInsertRows()
            return True
        if n_new < n_old and head + tail == n_new:  # old rows[head:n_old - tail] are gone
            self.beginRemoveRows(parent, head, n_old - tail - 1)
            self.rows = self.rows[:head] + self.rows[n_old - tail:]
            self._marks = self._marks[:head] + self._marks[n_old - tail:]
            self.endRemoveRows()
            return True
        if n_new == n_old and n_old - head - tail >= 2:  # one row moved from one end of the block to the other
            a, b = head, n_old - tail - 1
            if old_ids[a + 1:b + 1] == new_ids[a:b] and old_ids[a] == new_ids[b]:  # row a moved down to b
                src, dest = a, b + 1
            elif old_ids[a:b] == new_ids[a + 1:b + 1] and old_ids[b] == new_ids[a]:  # row b moved up to a
                src, dest = b, a
            else:
                return False
            if not self.beginMoveRows(parent, src, src, parent, dest):
                return False
            self.rows = list(self.rows)
            self._marks = list(self._marks)
            row, mark = self.rows.pop(src), self._marks.pop(src)
            at = dest - 1 if dest > src else dest
            self.rows.insert(at, row)
            self._marks.insert(at, mark)
            self.endMoveRows()
            return True
        return False

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
        if orientation == Qt.Orientation.Vertical and role in _ROW_MARK_ROLES and 0 <= section < len(self.rows) \
                and is_proposal(self.rows[section]):
            return self._proposal_header(self.rows[section], role)
        if orientation == Qt.Orientation.Vertical and role in _ROW_MARK_ROLES and 0 <= section < len(self.rows):
            mark = self.row_mark(self.rows[section]["id"])
            if mark is None and self.rows[section]["id"] in self.accepted_rows:
                mark = ("✓", "Accepted from a proposal a moment ago (Edit ▸ Undo takes it back)", ACCEPTED_FG)
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

    def _proposal_header(self, row: dict, role: int):
        rejected = row["_state"] == "REJECTED"
        if role == Qt.ItemDataRole.ToolTipRole:
            return ("Rejected proposal (Ctrl+Z takes the rejection back)" if rejected else
                    "Proposed from the document: Enter accepts, Delete rejects, F2 edits a cell, then accepts")
        if role == Qt.ItemDataRole.ForegroundRole:
            return REJECTED_FG if rejected else PROPOSAL_FG
        if role == Qt.ItemDataRole.FontRole:
            return None
        return "✗" if rejected else "◇"

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if 0 <= index.row() < len(self.rows) and self.rows[index.row()].get("_state") == "REJECTED":
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _DATA_ROLES:  # views ask for fonts, colours, alignment ... of every cell: none here
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self.rows)) or not (0 <= c < len(self.columns)) or not index.isValid():
            return None
        row, col = self.rows[r], self.columns[c]
        v = row.get(col.field)
        if role in (_FOREGROUND, _FONT) or (role == _BACKGROUND and is_proposal(row)):
            return self._proposal_style(row, role) if is_proposal(row) else None
        if role == _DISPLAY:
            return display(col, v)
        if role == _EDIT:
            return display(col, v) if col.kind in ("list", "float", "dose", "thresholds") else v
        if role == _USER:
            return row["id"]
        if role == _BACKGROUND:
            return EVIDENCE_BG if self.has_evidence(row["id"], col.field) is not None else None
        quote = self.has_evidence(row["id"], col.field)  # tooltip
        text = display(col, v)
        tip = text if len(text) > 40 else ""
        if quote is not None:
            tip = (tip + "\n\n" if tip else "") + f"Evidence: “{quote[:300]}”"
        if is_proposal(row):
            tip = (tip + "\n\n" if tip else "") + row.get("_tip", "")
        return tip or None

    def _proposal_style(self, row: dict, role: int) -> Any:
        rejected = row["_state"] == "REJECTED"
        if role == _FOREGROUND:
            return REJECTED_FG if rejected else PROPOSAL_FG
        if role == _FONT:
            return self._rejected_font if rejected else self._pending_font
        return None if rejected else PROPOSAL_BG

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        row, col = self.rows[index.row()], self.columns[index.column()]
        return self.on_edit(row["id"], col.field, value)
