"""Arms and interventions (many to many: an arm lists the names of its interventions)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from gui.context import AppContext
from gui.described import column
from gui.rows_panel import RowsPanel


class ArmsPanel(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.fields = {}
        self.arms = RowsPanel(ctx, "arm", [
            column("arm", "label", 140), column("arm", "type", 110, "Type"), column("arm", "description", kind="text"),
            column("arm", "interventions", 150, "Interventions (names)"),
        ], "Arms", capture_tip="Add an arm from the selected text: first line the label, the rest its "
                               "description (Ctrl+Alt+A)")
        self.interventions = RowsPanel(ctx, "intervention", [
            column("intervention", "name", 140), column("intervention", "type", 110, "Type"),
            column("intervention", "description", kind="text"), column("intervention", "other_names", 120),
        ], "Interventions", capture_tip="Add an intervention named by the selected text (Ctrl+Alt+N)")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.arms)
        split.addWidget(self.interventions)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(split)
        self.row_panels = [self.arms, self.interventions]
