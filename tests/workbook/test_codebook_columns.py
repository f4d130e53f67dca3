"""Codebook fields in workbooks (issue 15): their own columns with dropdowns beside the built-in
ones, listed on the Dictionary sheet, the codebook named on the About sheet; a reviewer's value
imports back exactly, a value outside the choices is a cell-exact problem; compare reports a
difference in a codebook field; LibreOffice keeps it all (skipped without LibreOffice)."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook

from abstractor.codebooks import load_shipped
from abstractor.codebooks.command import read_file
from abstractor.codebooks.importing import apply_import, preview_import
from abstractor.operations import SetField
from abstractor.storage import Store
from abstractor.workbook import export_workbook, import_workbook, plan_import
from models import schema
from tests.workbook.helpers import col_of, edit


@pytest.fixture
def car_t(tmp_path):
    """A database under the CAR-T codebook with one study, a value and its evidence: (store, study id)."""
    store = Store.open_path(tmp_path / "a.db", user="ann")
    apply_import(store, preview_import(store, load_shipped()))
    sid = store.add_study(schema.Abstraction(study={"title": "A CAR-T study", "registry_ids": ["NCT00000042"]},
                                             dose_levels=[{"text": "1x10^6 cells/kg"}]))
    SetField(sid, "study", sid, "extra.vector", "lentiviral", None).do(store)
    store.set_evidence(sid, "study", sid, "extra.vector", None, 0, 0)
    yield store, sid
    store.close()


def test_codebook_fields_are_columns_with_dropdowns_and_the_workbook_carries_the_codebook(car_t, tmp_path):
    from abstractor.storage import review_ops

    store, sid = car_t
    review_ops.query(store, sid, "study.extra.vector", "Which vector does the protocol name?")
    path = tmp_path / "out.xlsx"
    export_workbook(store, path)
    wb = load_workbook(path)
    ws = wb["Studies"]
    head = [c.value for c in ws[1]]
    assert head.index("costimulatory_domain") == head.index("escalation_redosing") + 1  # beside the study's fields
    assert ws.cell(2, head.index("vector") + 1).value == "lentiviral"
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    letter = ws.cell(1, head.index("costimulatory_domain") + 1).column_letter
    assert lists[f"{letter}2"] == '"CD28,4-1BB,other"'
    assert "patients_planned" in [c.value for c in wb["DoseLevels"][1]]
    about = {r[0].value: r[1].value for r in wb["About"].iter_rows(min_row=2)}
    assert (about["codebook"], about["codebook_version"]) == ("CAR-T and CAR-NK trials", 1)
    listed = [(r[0].value, r[1].value, r[9].value) for r in wb["Dictionary"].iter_rows(min_row=2)]
    assert ("Studies", "costimulatory_domain", "codebook") in listed and ("Studies", "title", "program") in listed
    assert read_file(path) == load_shipped()  # the workbook is a codebook file too
    head = [c.value for c in wb["Review"][1]]
    review = [dict(zip(head, [c.value for c in r])) for r in wb["Review"].iter_rows(min_row=2)]
    assert [(r["field"], r["label"]) for r in review] == [("extra.vector", "Vector")]  # its query, by its label


def test_a_reviewers_codebook_values_import_back_exactly(car_t, tmp_path):
    store, sid = car_t
    sent, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(store, sent)

    def review(wb):
        ws = wb["Studies"]
        ws.cell(2, col_of(ws, "costimulatory_domain")).value = "CD137"  # a synonym: stored as 4-1BB
        ws.cell(2, col_of(ws, "dlt_definition")).value = "Grade 3 or higher CRS within 28 days"
        ws.cell(2, col_of(ws, "bridging_therapy_allowed")).value = False
        dl = wb["DoseLevels"]
        dl.cell(2, col_of(dl, "patients_planned")).value = 6

    edit(sent, back, review)
    plan, _ = import_workbook(store, back)
    assert not plan.issues, plan.report()
    ab = store.get_study(sid)
    assert ab.study.extra == {"vector": "lentiviral", "costimulatory_domain": "4-1BB",
                              "dlt_definition": "Grade 3 or higher CRS within 28 days",
                              "bridging_therapy_allowed": False}
    assert ab.dose_levels[0].extra == {"patients_planned": 6}
    assert "study.extra.vector" in {e.field for e in ab.evidence}
    assert [e for e in store.audit_events(sid) if e["field"] == "extra.costimulatory_domain"][0]["origin"] == "workbook"
    export_workbook(store, tmp_path / "again.xlsx")
    assert not plan_import(store, tmp_path / "again.xlsx").has_changes  # exactly: nothing more to do


def test_a_value_outside_the_choices_is_a_problem_at_its_cell(car_t, tmp_path):
    store, sid = car_t
    sent, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(store, sent)
    letter = {}

    def bad(wb):
        ws = wb["Studies"]
        cell = ws.cell(2, col_of(ws, "vector"))
        cell.value = "adenoviral"
        letter["at"] = cell.coordinate

    edit(sent, back, bad)
    plan = plan_import(store, back)
    assert f"Studies!{letter['at']}: Vector: 'adenoviral' is not one of lentiviral, retroviral" in plan.report()
    assert store.get_study(sid).study.extra["vector"] == "lentiviral"


def test_compare_reports_a_difference_in_a_codebook_field(car_t, tmp_path):
    from abstractor.review.command import run_compare
    import io

    store, sid = car_t
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    export_workbook(store, a)
    edit(a, b, lambda wb: setattr(wb["Studies"].cell(2, col_of(wb["Studies"], "vector")), "value", "retroviral"))
    out, err = io.StringIO(), io.StringIO()
    assert run_compare([str(a), str(b)], str(tmp_path / "report.xlsx"), stdout=out, stderr=err) == 0, err.getvalue()
    report = load_workbook(tmp_path / "report.xlsx")
    cells = {str(c.value) for ws in report.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert "Vector" in cells and "Study: Vector" in cells and "retroviral" in cells and "lentiviral" in cells
    assert "study.extra.vector" in cells  # the path, beside the label
    from abstractor.review.sources import load_side

    assert load_side(str(a), "A").codebooks == [load_shipped()]  # its choice fields get a kappa


def test_libreoffice_keeps_codebook_columns_and_a_reviewers_value(car_t, tmp_path):
    from tests.workbook.test_libreoffice_resave import resave
    import os
    import shutil

    if shutil.which("libreoffice") is None and shutil.which("soffice") is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
        pytest.skip("LibreOffice is not installed")
    store, sid = car_t
    sent, edited = tmp_path / "sent.xlsx", tmp_path / "edited.xlsx"
    export_workbook(store, sent)
    edit(sent, edited, lambda wb: setattr(wb["Studies"].cell(2, col_of(wb["Studies"], "product_state")), "value",
                                          "cryopreserved"))
    back = resave(edited, tmp_path)
    assert read_file(back) == load_shipped()
    plan, _ = import_workbook(store, back)
    assert not plan.issues, plan.report()
    assert store.get_study(sid).study.extra == {"vector": "lentiviral", "product_state": "cryopreserved"}


def test_a_workbook_made_under_an_older_version_moves_renamed_choices(car_t, tmp_path):
    from tests.core.test_codebook_import import version_2

    store, sid = car_t
    sent, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(store, sent)  # under v1: vector 'lentiviral'
    apply_import(store, preview_import(store, version_2()))  # v2 renames it 'lentivirus vector'
    assert store.get_study(sid).study.extra["vector"] == "lentivirus vector"

    def review(wb):
        ws = wb["Studies"]
        ws.cell(2, col_of(ws, "vector")).value = "lentiviral"  # the old name, as the v1 dropdown offers
        ws.cell(2, col_of(ws, "product_state")).value = "fresh"  # no longer a choice in v2
        ws.cell(2, col_of(ws, "crs_grading")).value = "Lee 2014"

    edit(sent, back, review)
    plan, _ = import_workbook(store, back)
    assert "product_state: under CAR-T and CAR-NK trials v2: Product state: 'fresh' is not one of" in plan.report()
    extra = store.get_study(sid).study.extra
    assert extra == {"vector": "lentivirus vector", "crs_grading": "Lee 2014"}


def test_codebook_values_into_a_database_without_a_codebook_are_refused_with_what_to_do(car_t, tmp_path):
    from abstractor.workbook.safety import WorkbookRejected

    store, _sid = car_t
    sent = tmp_path / "sent.xlsx"
    export_workbook(store, sent)
    other = Store.open_path(tmp_path / "other.db", user="bob")
    with pytest.raises(WorkbookRejected, match="has no codebook; import it first"):
        plan_import(other, sent)
    apply_import(other, preview_import(other, read_file(sent)))  # the workbook is the codebook file
    plan, _ = import_workbook(other, sent)
    assert not plan.issues, plan.report()
    [ab] = other.iter_studies()
    assert ab.study.extra == {"vector": "lentiviral"} and ab.codebook.version == 1
    other.close()
