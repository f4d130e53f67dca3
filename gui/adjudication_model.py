"""The adjudication table: one row per decision (field, matched pair of rows, or a row only
one side has), A and B side by side and what the consensus takes."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from abstractor.review.adjudicate import A, B, EDIT, Adjudication, Decision
from abstractor.review.values import display

from gui.tables import ItemsTableModel

COLUMNS = ["", "Field or row", "A", "B", "Consensus"]
OPEN_BG, A_BG, B_BG, EDIT_BG = QColor("#ffe0e0"), QColor("#e3f2fd"), QColor("#e8f5e9"), QColor("#fff6c4")


def choice_text(d: Decision) -> str:
    if not d.decided:
        return "— to decide —"
    if d.whole_row and d.value is None:
        return "(left out)"
    word = {A: "A", B: "B", EDIT: "edited"}[d.choice]
    return f"{word}: {display(d.value)}" if not d.agree else display(d.value)


class AdjudicationModel(ItemsTableModel):
    headers = COLUMNS

    def __init__(self, adj: Adjudication, parent=None):
        super().__init__(parent)
        self.adj = adj
        self.only_differences = True
        self.items: list[Decision] = []
        self._filter()

    def _filter(self) -> None:
        self.items = [d for d in self.adj.items if not (self.only_differences and d.agree)]

    def set_only_differences(self, on: bool) -> None:
        self.beginResetModel()
        self.only_differences = on
        self._filter()
        self.endResetModel()

    def decision_changed(self, key: str) -> None:
        row = self.row_of(key)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def row_of(self, key: str) -> int:
        return next((i for i, d in enumerate(self.items) if d.key == key), -1)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.items)) \
                or not (0 <= index.column() < len(COLUMNS)):
            return None
        d, col = self.items[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = ["✓" if d.decided else "●", f"{section_name(d.section)}: {d.label}", _side(d, A), _side(d, B),
                    choice_text(d)][col]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if col else ("decided" if d.decided else "to decide")
            return text
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QColor("#2e7d32" if d.decided else "#c62828")
        if role == Qt.ItemDataRole.BackgroundRole and not d.agree:
            if col == 4:
                return {None: OPEN_BG, A: A_BG, B: B_BG, EDIT: EDIT_BG}[d.choice]
            if col in (2, 3) and d.choice == (A if col == 2 else B):
                return A_BG if col == 2 else B_BG
        if role == Qt.ItemDataRole.FontRole and col in (2, 3) and d.choice == (A if col == 2 else B) and not d.agree:
            f = QFont()
            f.setBold(True)
            return f
        return None


def _side(d: Decision, side: str) -> str:
    path = d.path_a if side == A else d.path_b
    if d.section not in ("study", "escalation") and not path:
        return "(not there)"
    return d.text(side)


def section_name(section: str) -> str:
    return section.replace("_", " ")
