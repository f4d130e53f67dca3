"""Design: ids, titles, sponsor, conditions, phases and design, population, sites, cell-therapy facts."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.context import AppContext
from gui.form_common import FieldsMixin, scrolled, section
from gui.row_table_model import Column
from gui.rows_panel import RowsPanel
from models import enums

E = lambda cls: [m.value for m in cls]  # noqa: E731


class DesignPanel(QWidget, FieldsMixin):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.fields = {}
        f = self.field
        self.registry_ids = RowsPanel(ctx, "registry_id", [Column("value", "Registry id")], "Registry ids")
        self.conditions = RowsPanel(ctx, "condition", [Column("name", "Condition")], "Conditions")
        self.sites = RowsPanel(ctx, "site", [Column("facility", "Facility"), Column("city", "City", width=110),
                                             Column("region", "Region", width=110),
                                             Column("country", "Country", width=100)], "Sites")
        for p in (self.registry_ids, self.conditions):
            p.view.setMinimumHeight(90)
            p.view.setMaximumHeight(130)
        self.sites.view.setMinimumHeight(110)
        ident = section("Identification", [
            ("Brief title", f("study", "title")),
            ("Official title", f("study", "official_title")),
            ("Acronym", f("study", "acronym")),
            ("Sponsor", f("study", "sponsor")),
        ])
        design = section("Design", [
            ("Phases", f("study", "phases", "phases", E(enums.Phase))),
            ("Study type", f("study", "study_type", "enum", E(enums.StudyType))),
            ("Allocation", f("study", "allocation", "enum", E(enums.Allocation))),
            ("Intervention model", f("study", "intervention_model", "enum", E(enums.InterventionModel))),
            ("Masking", f("study", "masking", "enum", E(enums.Masking))),
            ("Primary purpose", f("study", "primary_purpose", "enum", E(enums.PrimaryPurpose))),
            ("Enrollment", f("study", "enrollment", "int", placeholder="number of participants")),
            ("Overall status", f("study", "overall_status", "enum", E(enums.OverallStatus))),
        ])
        population = section("Population", [
            ("Minimum age", f("study", "min_age", "age", placeholder="e.g. 18 Years")),
            ("Maximum age", f("study", "max_age", "age", placeholder="e.g. 70 Years")),
            ("Sex", f("study", "sex", "enum", E(enums.Sex))),
        ])
        cell = section("Cell therapy", [
            ("Target antigens", f("study", "target_antigens", "list", placeholder="e.g. CD7, CD19 (comma separated)")),
            ("Cell type", f("study", "cell_type", placeholder="CAR-T, CAR-NK ...")),
            ("Cell source", f("study", "cell_source", "enum", E(enums.CellSource))),
            ("Lymphodepletion", f("study", "lymphodepletion", placeholder="regimen as written")),
        ])
        work = section("Abstraction", [
            ("Status", f("study", "status", "enum", E(enums.AbstractionStatus))),
            ("Abstractor", f("study", "abstractor")),
        ])
        area = scrolled([ident, self.registry_ids, self.conditions, design, population, cell, self.sites, work])
        from PySide6.QtWidgets import QVBoxLayout

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(area)
        self.row_panels = [self.registry_ids, self.conditions, self.sites]
