"""Dose levels and the dose-escalation design."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.context import AppContext
from gui.form_common import FieldsMixin, section
from gui.described import column
from gui.rows_panel import RowsPanel

ESCALATION_METHODS = ["3+3", "accelerated titration", "BOIN", "mTPI", "CRM", "rolling six"]


class DosePanel(QWidget, FieldsMixin):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.fields = {}
        method = self.field("escalation", "method", placeholder="3+3, BOIN, accelerated titration ...")
        from PySide6.QtWidgets import QCompleter

        method.editor.setCompleter(QCompleter(ESCALATION_METHODS, method.editor))
        esc = section("Dose escalation", [
            ("Method", method),
            self.row("escalation", "dlt_window_days", placeholder="e.g. 28"),
            self.row("escalation", "redosing", placeholder="re-dosing rule as written"),
        ])
        self.doses = RowsPanel(ctx, "dose_level", [
            column("dose_level", "text"), column("dose_level", "value", 80, "Value"),
            column("dose_level", "value_max", 70), column("dose_level", "unit", 75),
            column("dose_level", "per_weight", 55), column("dose_level", "route", 60),
            column("dose_level", "schedule", 110),
        ], "Dose levels", capture_tip="Add a dose level from the selected text; value and unit are read from it "
                                      "(Ctrl+Alt+D)")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(esc)
        lay.addWidget(self.doses, 1)
        self.row_panels = [self.doses]
