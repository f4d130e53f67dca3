"""Outcomes: primary, secondary or other; measure, description, time frame."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.context import AppContext
from gui.row_table_model import Column
from gui.rows_panel import RowsPanel
from models import enums


class OutcomesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.fields = {}
        self.outcomes = RowsPanel(ctx, "outcome", [
            Column("kind", "Kind", "enum", [m.value for m in enums.OutcomeKind], width=85),
            Column("measure", "Measure", "text"),
            Column("description", "Description", "text"),
            Column("time_frame", "Time frame", width=110),
            Column("time_frame_days", "Days", "float", width=50),
        ], "Outcomes", capture_tip="Add an outcome from the selected text: first line the measure, a "
                                   "\"Time frame:\" line the time frame, the rest the description "
                                   "(Ctrl+Alt+P primary, Ctrl+Alt+S secondary, Ctrl+Alt+O other)")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.outcomes)
        self.row_panels = [self.outcomes]
