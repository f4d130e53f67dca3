"""Eligibility: inclusion and exclusion lists, each item with a category and the thresholds it states."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from gui.context import AppContext
from gui.described import column
from gui.row_table_model import Column
from gui.rows_panel import RowsPanel


def criterion_columns() -> list[Column]:
    return [
        column("criterion", "text", kind="text"), column("criterion", "category", 128),
        column("criterion", "thresholds", 190),
    ]


class EligibilityPanel(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.fields = {}
        tip = ("Add the selected text as {0} criteria: each line one criterion, numbering left out "
               "(Ctrl+Alt+{1})")
        self.inclusion = RowsPanel(ctx, "criterion", criterion_columns(), "Inclusion criteria",
                                   new_values={"kind": "INCLUSION"}, row_filter=("kind", "INCLUSION"),
                                   capture_tip=tip.format("inclusion", "I"))
        self.exclusion = RowsPanel(ctx, "criterion", criterion_columns(), "Exclusion criteria",
                                   new_values={"kind": "EXCLUSION"}, row_filter=("kind", "EXCLUSION"),
                                   capture_tip=tip.format("exclusion", "X"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.inclusion)
        split.addWidget(self.exclusion)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(split)
        self.row_panels = [self.inclusion, self.exclusion]
