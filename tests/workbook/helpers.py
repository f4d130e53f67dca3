"""Studies and workbooks for the workbook tests (no Qt, no shared corpus needed)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from models import schema
from abstractor.importing.document import ImportedDocument
from abstractor.storage import Store

DOC_TEXT = ("Study of anti-CD7 CAR-T cells 中文 in T-ALL.\nDose: 1×10⁷ CAR-positive cells/kg, then 3x10^7/kg.\n"
            "Inclusion: age ≥ 18 years; creatinine < 220 µmol/L.\nExclusion: active infection.\n")


def document(text: str = DOC_TEXT, name: str = "trial.txt") -> ImportedDocument:
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return ImportedDocument(file_name=name, sha256=sha, kind="txt", text=text, size_bytes=len(text.encode()),
                            encoding="utf-8")


def rich_study(doc: ImportedDocument | None = None) -> schema.Abstraction:
    doc = doc or document()
    q = lambda s: (doc.text.index(s), doc.text.index(s) + len(s), s)  # noqa: E731
    s, e, t = q("1×10⁷ CAR-positive cells/kg")
    s2, e2, t2 = q("creatinine < 220 µmol/L")
    return schema.Abstraction(
        source=schema.Source(file=doc.file_name, sha256=doc.sha256),
        study=schema.StudyFields(
            registry_ids=["NCT01234567", "ChiCTR2000012345"], title="Anti-CD7 CAR-T 中文 study", acronym="",
            sponsor="=HYPERLINK(\"http://x\")", conditions=["T-ALL", "T-LBL"], phases=["PHASE1", "PHASE2"],
            study_type="INTERVENTIONAL", allocation="NA", intervention_model="SINGLE_GROUP", masking="NONE",
            primary_purpose="TREATMENT", enrollment=20, overall_status="RECRUITING", min_age="18 Years",
            max_age="70 Years", sex="ALL", sites=[schema.Site(facility="Tongji Hospital", city="Wuhan",
                                                              country="China")],
            target_antigens=["CD7"], cell_type="CAR-T", cell_source="AUTOLOGOUS", lymphodepletion="Flu/Cy"),
        arms=[schema.Arm(label="Dose escalation", type="EXPERIMENTAL", description="+ two doses\nthen more",
                         interventions=["CD7 CAR-T"])],
        interventions=[schema.Intervention(name="CD7 CAR-T", type="BIOLOGICAL", other_names=["GC027"])],
        dose_levels=[schema.DoseLevel(value=1e7, unit="cells/kg", per_weight=True, text=t),
                     schema.DoseLevel(value=1e7, value_max=3e7, unit="cells/kg", per_weight=True, text="1-3x10^7")],
        escalation=schema.Escalation(method="3+3", dlt_window_days=28),
        outcomes=[schema.Outcome(kind="PRIMARY", measure="DLT", time_frame="28 dyas", time_frame_days=28.0),
                  schema.Outcome(kind="SECONDARY", measure="-ORR", time_frame="3 Months"),
                  schema.Outcome(kind="OTHER", measure="@PK", description="Cmax\nAUC")],
        criteria=[schema.Criterion(kind="INCLUSION", text="age ≥ 18 years", category="age",
                                   threshold=schema.Threshold(parameter="age", operator=">=", value=18, unit="years")),
                  schema.Criterion(kind="INCLUSION", text=t2, category="organ_function",
                                   threshold=schema.Threshold(parameter="creatinine", operator="<", value=220,
                                                              unit="umol/L")),
                  schema.Criterion(kind="EXCLUSION", text="active infection", category="infection")],
        evidence=[schema.Evidence(field="dose_levels[0].text", start=s, end=e, quote=t),
                  schema.Evidence(field="criteria[1].text", start=s2, end=e2, quote=t2),
                  schema.Evidence(field="study.enrollment", start=0, end=5, quote=doc.text[:5])],
        review=[schema.ReviewEntry(field="study.enrollment", status="QUERIED",
                                   comments=[schema.Comment(author="rev", text="20 or 24?")]),
                schema.ReviewEntry(field="outcomes[0].time_frame", status="VERIFIED")],
        abstractor="ann",
    )


def store_with(path: Path, studies, docs=None) -> Store:
    store = Store.open_path(path, user="tester")
    for i, ab in enumerate(studies):
        d = docs[i] if docs else []
        store.add_study(ab, d)
    return store


def sheet_values(path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    return {n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names}


def all_studies(store: Store) -> dict[str, schema.Abstraction]:
    return {ab.id: ab for ab in store.iter_studies()}


def comparable(values: dict[str, list[list]]) -> dict[str, list[list]]:
    """A workbook's cells without what differs between two exports of the same data."""
    out = dict(values)
    out["About"] = [r for r in values["About"] if r[0] not in ("exported_at", "database", "exported_by")]
    return out  # who set each review mark and when (marked_by, marked_at) travel with the study


def edit(path, out, fn) -> None:
    """Edit a workbook the way a person in Excel would (openpyxl, full load)."""
    wb = load_workbook(path)
    fn(wb)
    wb.save(out)


def find_row(ws, column: str, value) -> int:
    head = [c.value for c in ws[1]]
    col = head.index(column) + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, col).value == value:
            return r
    raise KeyError(value)


def col_of(ws, column: str) -> int:
    return [c.value for c in ws[1]].index(column) + 1
