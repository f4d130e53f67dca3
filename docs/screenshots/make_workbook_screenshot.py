"""Screenshot of File ▸ Import workbook…'s preview (workbook_preview.png): the demo studies
exported, edited the way a reviewer does (values changed, a criterion added, an outcome
deleted, comments), one value also changed in the database after the export (a conflict),
and one unreadable cell.

    xvfb-run -a -s "-screen 0 2200x1000x24" .venv/bin/python docs/screenshots/make_workbook_screenshot.py
    (or QT_QPA_PLATFORM=offscreen ...: widget.grab() instead of the screen)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from make_screenshots import save  # noqa: E402


def _col(ws, name: str) -> int:
    return [c.value for c in ws[1]].index(name) + 1


def _row(ws, column: str, value) -> int:
    col = _col(ws, column)
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == value)


def _abstract_cd7(store, sid: str) -> None:
    """The abstractor's work on the CD7 registry page, in short."""
    from models import schema

    ab = store.get_study(sid)
    ab.study.registry_ids = ["NCT09900017"]
    ab.study.title = "Autologous CD7-Targeted CAR-T Cells in Relapsed or Refractory T-ALL"
    ab.study.sponsor = "Northbridge Institute of Cellular Medicine"
    ab.study.phases = ["PHASE1"]
    ab.study.enrollment = 18
    ab.study.min_age, ab.study.max_age = "18 Years", "70 Years"
    ab.study.target_antigens, ab.study.cell_type = ["CD7"], "CAR-T"
    ab.outcomes = [
        schema.Outcome(kind="PRIMARY", measure="Incidence of dose-limiting toxicities (DLTs)", time_frame="28 days",
                       time_frame_days=28),
        schema.Outcome(kind="PRIMARY", measure="Incidence of treatment-emergent adverse events",
                       time_frame="2 years"),
        schema.Outcome(kind="SECONDARY", measure="Overall response rate", time_frame="3 months",
                       time_frame_days=90),
    ]
    ab.criteria = [
        schema.Criterion(kind="INCLUSION", text="Age 18 to 70 years, either sex.", category="age",
                         threshold=schema.Threshold(parameter="age", operator=">=", value=18, unit="years")),
        schema.Criterion(kind="INCLUSION", text="ECOG performance status ≤ 2.", category="performance_status",
                         threshold=schema.Threshold(parameter="ECOG", operator="<=", value=2)),
        schema.Criterion(kind="EXCLUSION", text="Active central nervous system leukemia.", category="disease"),
    ]
    store.replace_study(ab)


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from openpyxl import load_workbook

    from abstractor.workbook import export_workbook, plan_import
    from abstractor.workbook.preview import preview
    from gui.app import create_window, open_demo
    from gui.workbook_preview import WorkbookPreviewDialog

    store = open_demo("ana")
    cd7 = next(ab.id for ab in store.iter_studies() if "cd7" in (ab.source.file or ""))
    _abstract_cd7(store, cd7)
    cd123 = next(ab for ab in store.iter_studies() if "NCT09900042" in ab.study.registry_ids)
    cd7_ab = store.get_study(cd7)
    folder = Path(tempfile.mkdtemp())
    sent, back = folder / "demo_studies.xlsx", folder / "demo_studies_reviewed.xlsx"
    export_workbook(store, sent)
    # Meanwhile, in the database: the sponsor is corrected (the reviewer corrects it too, differently).
    store.set_value(cd7, "study", cd7, "sponsor", "Northbridge Institute of Cell Medicine")

    wb = load_workbook(sent)
    st = wb["Studies"]
    st.cell(_row(st, "study_id", cd123.id), _col(st, "enrollment")).value = 18
    st.cell(_row(st, "study_id", cd7), _col(st, "sponsor")).value = "Northbridge Inst. of Cellular Medicine"
    st.cell(_row(st, "study_id", cd7), _col(st, "max_age")).value = "65 Years"
    cr = wb["Criteria"]
    r = cr.max_row + 1
    for name, value in (("study_id", cd7), ("kind", "EXCLUSION"), ("text", "Pregnant or breastfeeding."),
                        ("category", "pregnancy")):
        cr.cell(r, _col(cr, name)).value = value
    cr.cell(_row(cr, "row_id", cd7_ab.criteria[1].id), _col(cr, "thresholds")).value = "ECOG <= 1"
    oc = wb["Outcomes"]
    oc.delete_rows(_row(oc, "row_id", cd7_ab.outcomes[2].id))
    oc.cell(_row(oc, "row_id", cd7_ab.outcomes[1].id), _col(oc, "time_frame_days")).value = "two years"
    rv = wb["Review"]
    r = rv.max_row + 1
    for name, value in (("study_id", cd7), ("sheet", "Studies"), ("row_id", cd7), ("field", "max_age"),
                        ("status", "QUERIED"), ("author", "rita"), ("comment", "Protocol v2 says 65 years")):
        rv.cell(r, _col(rv, name)).value = value
    wb.save(back)

    plan = plan_import(store, back)
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    w = create_window(store, settings)
    w.resize(1500, 920)
    w.move(0, 0)
    w.show()
    dialog = WorkbookPreviewDialog(preview(plan), w)
    dialog.resize(1180, 470)
    dialog.show()
    for _ in range(5):
        app.processEvents()
    save(dialog, "workbook_preview")
    dialog.close()
    w.close()
    store.close()


if __name__ == "__main__":
    main()
