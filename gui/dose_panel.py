"""Dose levels and the dose-escalation design."""
from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from gui.context import AppContext
from gui.form_common import FieldsMixin, section
from gui.row_table_model import Column
from gui.rows_panel import RowsPanel

ESCALATION_METHODS = ["3+3", "accelerated titration", "BOIN", "mTPI", "CRM", "rolling six"]


class DosePanel(QWidget, FieldsMixin):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.fields = {}
        f = self.field
        method = f("escalation", "method", placeholder="3+3, BOIN, accelerated titration ...")
        from PySide6.QtWidgets import QCompleter

        method.editor.setCompleter(QCompleter(ESCALATION_METHODS, method.editor))
        esc = section("Dose escalation", [
            ("Method", method),
            ("DLT window (days)", f("escalation", "dlt_window_days", "int", placeholder="e.g. 28")),
            ("Re-dosing", f("escalation", "redosing", placeholder="re-dosing rule as written")),
        ])
        self.doses = RowsPanel(ctx, "dose_level", [
            Column("text", "Dose as written"),
            Column("value", "Value", "dose", width=80),
            Column("value_max", "Up to", "dose", width=70),
            Column("unit", "Unit", width=75),
            Column("per_weight", "Per kg", "bool", width=55),
            Column("route", "Route", width=60),
            Column("schedule", "Schedule", width=110),
        ], "Dose levels", capture_tip="Add a dose level from the selected text; value and unit are read from it "
                                      "(Ctrl+Alt+D)")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 0, 4, 0)
        lay.addWidget(esc)
        lay.addWidget(self.doses, 1)
        self.row_panels = [self.doses]
