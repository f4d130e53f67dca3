"""Design: ids, titles, sponsor, conditions, phases and design, population, sites, cell-therapy facts."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.context import AppContext
from gui.form_common import FieldsMixin, scrolled, section
from gui.described import column
from gui.rows_panel import RowsPanel


class DesignPanel(QWidget, FieldsMixin):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.fields = {}
        r = self.row
        self.registry_ids = RowsPanel(ctx, "registry_id", [column("registry_id", "value")], "Registry ids")
        self.conditions = RowsPanel(ctx, "condition", [column("condition", "name")], "Conditions")
        self.sites = RowsPanel(ctx, "site", [column("site", "facility"), column("site", "city", 110),
                                             column("site", "region", 110), column("site", "country", 100)],
                               "Sites")
        for p in (self.registry_ids, self.conditions):
            p.view.setMinimumHeight(90)
            p.view.setMaximumHeight(130)
        self.sites.view.setMinimumHeight(110)
        ident = section("Identification", [r("study", "title"), r("study", "official_title"), r("study", "acronym"),
                                           r("study", "sponsor")])
        design = section("Design", [
            r("study", "phases"), r("study", "study_type"), r("study", "allocation"),
            r("study", "intervention_model"), r("study", "masking"), r("study", "primary_purpose"),
            r("study", "enrollment", placeholder="number of participants"), r("study", "overall_status"),
            r("study", "start_date", placeholder="e.g. 2024-03-15 or 2024-03"),
        ])
        population = section("Population", [
            r("study", "min_age", placeholder="e.g. 18 Years"), r("study", "max_age", placeholder="e.g. 70 Years"),
            r("study", "sex"),
        ])
        cell = section("Cell therapy", [
            r("study", "target_antigens", placeholder="e.g. CD7, CD19 (comma separated)"),
            r("study", "cell_type", placeholder="CAR-T, CAR-NK ..."), r("study", "cell_source"),
            r("study", "lymphodepletion", placeholder="regimen as written"),
        ])
        from gui.codebook_form import CodebookSection

        self.codebook = CodebookSection(ctx, self.fields)  # the team's own fields, when a codebook is imported
        work = section("Abstraction", [r("study", "status"), r("study", "abstractor")])
        area = scrolled([ident, self.registry_ids, self.conditions, design, population, cell, self.codebook,
                         self.sites, work])
        from PySide6.QtWidgets import QVBoxLayout

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(area)
        self.row_panels = [self.registry_ids, self.conditions, self.sites]
