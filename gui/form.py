"""The abstraction form: one tab per section.  Knows which editor shows which field."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from gui.arms_panel import ArmsPanel
from gui.context import AppContext, FieldTarget
from gui.design_panel import DesignPanel
from gui.dose_panel import DosePanel
from gui.eligibility_panel import EligibilityPanel
from gui.outcomes_panel import OutcomesPanel
from gui.rows_panel import RowsPanel


class FormPanel(QTabWidget):
    told = Signal(str)  # a table's short message for the status bar ("Removed 3 criteria ...")

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("form")
        self.setDocumentMode(True)
        self.design = DesignPanel(ctx)
        self.arms = ArmsPanel(ctx)
        self.doses = DosePanel(ctx)
        self.outcomes = OutcomesPanel(ctx)
        self.eligibility = EligibilityPanel(ctx)
        for panel, title in ((self.design, "&Design"), (self.arms, "&Arms && interventions"),
                             (self.doses, "D&ose levels"), (self.outcomes, "O&utcomes"),
                             (self.eligibility, "Eli&gibility")):
            self.addTab(panel, title)
        self.panels = [self.design, self.arms, self.doses, self.outcomes, self.eligibility]
        for rp in self.row_panels():
            rp.told.connect(self.told)
        self.told.connect(self._tell)
        for p in self.panels:
            self._set_focus_proxy(p)
        self.currentChanged.connect(self._focus_into_tab)

    @staticmethod
    def _set_focus_proxy(panel: QWidget) -> None:
        """Focusing a section (Go to form, Ctrl+3) puts the focus in its first field or table."""
        w = panel.nextInFocusChain()
        while w is not panel and w is not None:
            if panel.isAncestorOf(w) and w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabledTo(panel):
                panel.setFocusProxy(w)
                return
            w = w.nextInFocusChain()

    def _focus_into_tab(self, _index: int) -> None:
        """A tab chosen from the keyboard (Alt+D, Alt+G ...): the keys go on in that tab, not nowhere."""
        fw = QApplication.focusWidget()
        if fw is None or fw is self.tabBar() or (self.isAncestorOf(fw) and not fw.isVisible()):
            self.currentWidget().setFocus()

    def _tell(self, message: str) -> None:
        tell = getattr(self.window(), "tell", None)  # the main window's status bar
        if tell is not None:
            tell(message)

    def add_section(self, panel, title: str) -> None:
        """Another section (the suggestions panel will come in here): a widget with ``row_panels``
        and ``fields`` attributes (empty when it edits nothing itself)."""
        panel.row_panels = getattr(panel, "row_panels", [])
        panel.fields = getattr(panel, "fields", {})
        self.addTab(panel, title)
        self.panels.append(panel)
        self._set_focus_proxy(panel)

    def row_panels(self) -> list[RowsPanel]:
        return [rp for p in self.panels for rp in p.row_panels]

    def field_editors(self) -> dict:
        return {k: v for p in self.panels for k, v in p.fields.items()}

    def kind_of(self, target: FieldTarget) -> tuple[str, list]:
        """The value kind of a field (str, int, enum ...) and its choices."""
        ed = self.field_editors().get((target.entity, target.field))
        if ed is not None:
            return ed.kind, ed.choices
        for rp in self.row_panels():
            if rp.entity == target.entity:
                for c in rp.columns:
                    if c.field == target.field:
                        return c.kind, c.choices
        return "str", []

    def panel_for(self, entity: str, kind: Optional[str] = None) -> Optional[RowsPanel]:
        for rp in self.row_panels():
            if rp.entity == entity and (kind is None or rp.row_filter is None or rp.row_filter[1] == kind):
                return rp
        return None

    def reveal(self, panel: RowsPanel) -> None:
        """Bring the tab holding ``panel`` to the front."""
        for i, p in enumerate(self.panels):
            if panel in p.row_panels:
                self.setCurrentIndex(i)
                return
