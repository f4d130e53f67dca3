"""Arms and interventions (many to many: an arm lists the names of its interventions)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from gui.context import AppContext
from gui.row_table_model import Column
from gui.rows_panel import RowsPanel
from models import enums


class ArmsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.fields = {}
        self.arms = RowsPanel(ctx, "arm", [
            Column("label", "Arm", width=140),
            Column("type", "Type", "enum", [m.value for m in enums.ArmType], width=110),
            Column("description", "Description", "text"),
            Column("interventions", "Interventions (names)", "list", width=150),
        ], "Arms", capture_tip="Add an arm from the selected text: first line the label, the rest its "
                               "description (Ctrl+Alt+A)")
        self.interventions = RowsPanel(ctx, "intervention", [
            Column("name", "Intervention", width=140),
            Column("type", "Type", "enum", [m.value for m in enums.InterventionType], width=110),
            Column("description", "Description", "text"),
            Column("other_names", "Other names", "list", width=120),
        ], "Interventions", capture_tip="Add an intervention named by the selected text (Ctrl+Alt+N)")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.arms)
        split.addWidget(self.interventions)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(split)
        self.row_panels = [self.arms, self.interventions]
