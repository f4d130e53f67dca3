"""Screenshots of the real window with a demo study abstracted through the window's own actions.

Under a real X server the pictures are read back from the screen (what X drew, popups
and all), not painted by the widget into a pixmap:

    xvfb-run -a -s "-screen 0 2200x1000x24" .venv/bin/python docs/screenshots/make_screenshots.py

(``QT_QPA_PLATFORM=offscreen`` works too, with widget.grab() instead.)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def on_screen() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() == "xcb"


def settle(ms: int = 400) -> None:
    """Let X draw what Qt sent it (a screen grab reads the server's pixels)."""
    import time

    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
        time.sleep(ms / 3000)
    app.processEvents()


def screen_grab(x: int, y: int, w: int, h: int):
    """The pixels the X server shows in that rectangle of the screen."""
    settle()
    return QApplication.primaryScreen().grabWindow(0, x, y, w, h)


def save(widget, name: str) -> None:
    """A 256-colour PNG: the window's flat colours survive, the file stays small."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    if on_screen() and hasattr(widget, "frameGeometry") and widget.isWindow():
        g = widget.frameGeometry()
        pix = screen_grab(g.x(), g.y(), g.width(), g.height())
    else:
        pix = widget.grab()
    img = pix.toImage().convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither)
    img.save(str(HERE / f"{name}.png"), "PNG", 0)


class DemoWindow:
    """The real window on a fresh demo database, on the CD7 page, driven as a person would:
    ``select`` text in the document, ``fill`` a field from the selection."""

    def __init__(self, user: str):
        from gui.app import create_window, open_demo

        self.app = QApplication.instance() or QApplication(sys.argv)
        self.store = open_demo(user)
        settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
        self.w = w = create_window(self.store, settings)
        w.resize(1500, 920)
        w.move(0, 0)
        w.show()
        w.activateWindow()
        self.app.processEvents()
        sl = w.study_list
        self.study_id = next(i for i in sl.model.ids if "cd7" in (self.store.get_study(i).source.file or ""))
        sl.select_study(self.study_id)
        self.app.processEvents()
        self.tab = w.documents.tab()
        self.text = self.tab.text

    def select(self, needle, until=None, after=None) -> None:
        text = self.text
        s = text.index(needle, text.index(after) if after else 0)
        e = text.index(until, s) if until else s + len(needle)
        self.tab.select(s, e)
        self.app.processEvents()

    def fill(self, field, needle, after=None) -> None:
        ed = self.w.form.field_editors()[field]
        ed.editor.setFocus()
        self.app.processEvents()
        self.w.ctx.session.set_focused_target(ed.target())  # (on X the focus waits for the window to be active)
        self.select(needle, after=after)
        self.w.capture.fill_focused()


def main() -> None:
    demo = DemoWindow("demo abstractor")
    app, store, w, text = demo.app, demo.store, demo.w, demo.text
    cd7, tab = demo.study_id, demo.tab
    cap, form = w.capture, w.form
    select, fill = demo.select, demo.fill

    fill(("study", "title"), "Study of Autologous CD7-Targeted CAR-T Cells in Relapsed or Refractory T-Cell Acute "
                             "Lymphoblastic Leukemia")
    fill(("study", "acronym"), "DEMO-7")
    fill(("study", "sponsor"), "Northbridge Institute of Cellular Medicine")
    fill(("study", "phases"), "PHASE1")
    fill(("study", "study_type"), "INTERVENTIONAL")
    fill(("study", "allocation"), "NA", after="Allocation\n")
    fill(("study", "intervention_model"), "SEQUENTIAL")
    fill(("study", "masking"), "NONE (Open Label)")
    fill(("study", "primary_purpose"), "TREATMENT")
    fill(("study", "enrollment"), "18", after="Enrollment (Estimated)")
    fill(("study", "overall_status"), "RECRUITING")
    fill(("study", "min_age"), "18 Years")
    fill(("study", "max_age"), "70 Years")
    fill(("study", "target_antigens"), "CD7")
    fill(("study", "cell_type"), "CAR-T")
    fill(("study", "lymphodepletion"), "fludarabine 30 mg/m2/day and cyclophosphamide 300 mg/m2/day on days -5 to -3")
    form.design.fields[("study", "cell_source")].commit("AUTOLOGOUS")
    fill(("study", "sex"), "ALL", after="Sexes Eligible")
    select("T-cell Acute Lymphoblastic Leukemia\nT-cell Lymphoblastic Lymphoma")
    cap.add_rows("condition")
    select("NCT09900017")
    cap.add_rows("registry_id")
    select("Northbridge Institute of Cellular Medicine, Department of Hematology", after="Contacts")
    cap.add_rows("site")

    select("Experimental: DEMO-CD7 dose escalation", "Biological: DEMO-CD7 CAR-T cells\nDrug")
    cap.add_rows("arm")
    select("Biological: DEMO-CD7 CAR-T cells\nAutologous", "Dose level 1")
    cap.add_rows("intervention")
    arms = form.arms.arms
    arms.model.setData(arms.model.index(0, 3), "DEMO-CD7 CAR-T cells, Fludarabine, Cyclophosphamide")
    select("Dose level 1: 1×10⁶", "Drug: Fludarabine\n30")
    cap.add_rows("dose_level")
    fill(("escalation", "method"), "3+3")
    fill(("escalation", "dlt_window_days"), "28-day DLT window")
    fill(("escalation", "redosing"), "may be re-dosed once at the same dose level, not earlier than Day 42")
    select("Incidence of dose-limiting toxicities (DLTs)", "Incidence of treatment-emergent")
    cap.add_rows("outcome", "PRIMARY")
    select("Incidence of treatment-emergent adverse events", "Secondary Outcome")
    cap.add_rows("outcome", "PRIMARY")
    select("Overall response rate (ORR)", "Duration of response")
    cap.add_rows("outcome", "SECONDARY")
    select("Duration of response (DOR)", "Expansion and persistence")
    cap.add_rows("outcome", "SECONDARY")
    select("1. Age 18 to 70 years", "\nExclusion Criteria")
    cap.add_rows("criterion", "INCLUSION")
    select("1. Active central nervous system", "\nContacts")
    cap.add_rows("criterion", "EXCLUSION")
    # Capture read each criterion's category and thresholds as the suggestions do.
    app.processEvents()

    shots = [(form.design, "design"), (form.arms, "arms"), (form.doses, "dose_levels"),
             (form.outcomes, "outcomes"), (form.eligibility, "eligibility")]
    evidence_field = {"design": ("study", "enrollment"), "dose_levels": None}
    for panel, name in shots:
        form.setCurrentWidget(panel)
        app.processEvents()
        if name == "design":
            ed = form.design.fields[("study", "enrollment")]
            ed.editor.setFocus()
        elif panel.row_panels:
            rp = panel.row_panels[-1] if name == "arms" else panel.row_panels[0]
            if rp.model.rows:
                text_col = next(c.field for c in rp.columns if c.kind in ("str", "text"))
                rp.focus_row(rp.model.rows[min(1, len(rp.model.rows) - 1)]["id"], text_col)
                w.ctx.session.set_focused_target(rp.current_target())
        app.processEvents()
        save(w, name)
    # Find in document
    w.documents.open_find()
    w.documents.find_bar.edit.setText("CAR+ T cells/kg")
    app.processEvents()
    save(w, "find")
    w.close()
    store.close()
    print("screenshots in", HERE)


if __name__ == "__main__":
    main()
