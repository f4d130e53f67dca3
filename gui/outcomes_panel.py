"""Outcomes: primary, secondary or other; measure, description, time frame."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.context import AppContext
from gui.described import column
from gui.rows_panel import RowsPanel


class OutcomesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.fields = {}
        self.outcomes = RowsPanel(ctx, "outcome", [
            column("outcome", "kind", 85), column("outcome", "measure", kind="text"),
            column("outcome", "description", kind="text"),
            column("outcome", "time_frame", 110), column("outcome", "time_frame_days", 50),
        ], "Outcomes", capture_tip="Add an outcome from the selected text: first line the measure, a "
                                   "\"Time frame:\" line the time frame, the rest the description "
                                   "(Ctrl+Alt+P primary, Ctrl+Alt+S secondary, Ctrl+Alt+O other)")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(self.outcomes)
        self.row_panels = [self.outcomes]
