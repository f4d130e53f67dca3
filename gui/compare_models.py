"""Read-only tables of the compare dialog: rows of display strings, each with the core object
it came from (a discrepancy, a study comparison) for the buttons to act on."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from abstractor.review.agreement import Agreement, fmt
from abstractor.workbook.labels import field_label
from abstractor.review.compare import Comparison
from abstractor.review.values import display
from gui.tables import ItemsTableModel

DIFF_BG = QColor("#ffe0e0")


class TextTableModel(ItemsTableModel):
    """Rows of display strings, each with the core object it came from (``payload``)."""

    def __init__(self, headers: list[str], parent=None, right: tuple[int, ...] = ()):
        super().__init__(parent)
        self.headers = headers
        self.right = right  # columns of figures, right-aligned
        self.payload: list[Any] = []
        self.marked: set[tuple[int, int]] = set()  # (row, column) cells to highlight

    @property
    def rows(self) -> list[list[str]]:
        return self.items

    def set_rows(self, rows: list[list[str]], payload: Optional[list[Any]] = None,
                 marked: Optional[set[tuple[int, int]]] = None) -> None:
        self.beginResetModel()
        self.items, self.payload = rows, payload or [None] * len(rows)
        self.marked = marked or set()
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)) \
                or not (0 <= index.column() < len(self.headers)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.rows[index.row()][index.column()]
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 30 else None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), index.column()) in self.marked:
            return DIFF_BG
        return None


def field_rows(ag: Agreement) -> list[list[str]]:
    return [[f.label, str(f.items), fmt(f.percent, pct=True), fmt(f.kappa) if f.enumerated else ""]
            for f in sorted(ag.fields, key=lambda f: (f.percent if f.percent is not None else 101, f.name))]


def row_kind_rows(ag: Agreement) -> list[list[str]]:
    return [[k.replace("_", " "), str(r.paired), str(r.only_a), str(r.only_b), fmt(r.precision), fmt(r.recall),
             fmt(r.f1)] for k, r in ag.rows.items() if r.paired or r.only_a or r.only_b]


def study_rows(ag: Agreement) -> list[list[str]]:
    return [[s.label, s.matched_by, str(s.fields), fmt(s.percent, pct=True), str(s.discrepancies)]
            for s in ag.studies]


def discrepancy_rows(c: Comparison) -> tuple[list[list[str]], list, set[tuple[int, int]]]:
    """(rows, the study comparison of each row, cells to highlight: the differing values)."""
    rows, payload, marked = [], [], set()
    for sc in c.studies:
        for d in sc.discrepancies:
            name = field_label(d.section, d.field)
            what = name if not d.row_label else (f"{d.row_label} — {name}" if name else d.row_label)
            rows.append([d.study, d.section, what, d.issue, _short(display(d.value_a)), _short(display(d.value_b)),
                         d.evidence_a, d.evidence_b])
            payload.append(sc)
            marked.update({(len(rows) - 1, 4), (len(rows) - 1, 5)})
    return rows, payload, marked


def _short(text: str, n: int = 200) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
