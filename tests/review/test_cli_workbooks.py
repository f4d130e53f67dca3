"""`compare` on workbooks: the same findings as JSON; a missing record sheet only
leaves its rows out; another version's or another program's workbook is refused."""
import uuid

import pytest
from openpyxl import Workbook, load_workbook

from abstractor.cli import main

from tests.review.fixture import study_a, study_b

workbook = pytest.importorskip("abstractor.workbook")


def _with_ids(ab):
    ab.id = uuid.uuid4().hex
    for key in ("arms", "interventions", "dose_levels", "outcomes", "criteria"):
        for item in getattr(ab, key):
            item.id = uuid.uuid4().hex
    for site in ab.study.sites:
        site.id = uuid.uuid4().hex
    return ab


@pytest.fixture
def books(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    workbook.export_abstractions(a, [_with_ids(study_a())])
    workbook.export_abstractions(b, [_with_ids(study_b())])
    return a, b, tmp_path


def _edited(src, dst, edit):
    wb = load_workbook(src)
    edit(wb)
    wb.save(dst)
    return str(dst)


def _run(capsys, *argv):
    code = main(["compare", *map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_two_workbooks_find_the_known_differences(books, capsys):
    a, b, tmp = books
    code, out, err = _run(capsys, a, b, "--out", tmp / "r.xlsx")
    assert code == 0 and err == "" and "1 study paired and compared: 2 of 59 values differ (96.6% agreement), 1 row on one side only" in out
    ws = load_workbook(tmp / "r.xlsx")["Discrepancies"]
    found = sorted((r[2], r[4] or "", r[5]) for r in ws.iter_rows(min_row=2, values_only=True))
    # Fields named as the forms name them (Info.label): "Phases", not "phases".
    assert found == [("criteria", "", "only in A"), ("dose_levels", "Unit", "differs"), ("study", "Phases", "differs")]
    evidence = {r[4]: (r[8], r[9]) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert evidence["Phases"] == ("Phase 1/2", "Phase 1")


def test_workbook_against_json(books, capsys, tmp_path):
    a, _, tmp = books
    b = tmp_path / "b.json"
    b.write_text("[" + study_b().model_dump_json(by_alias=True) + "]", encoding="utf-8")
    code, out, _ = _run(capsys, a, b, "--out", tmp / "r.xlsx")
    assert code == 0 and "2 of 59 values differ (96.6% agreement), 1 row on one side only" in out


def test_missing_record_sheet_leaves_only_its_rows_out(books, capsys):
    a, b, tmp = books
    b2 = _edited(b, tmp / "b_nocrit.xlsx", lambda wb: wb.remove(wb["Criteria"]))
    code, out, err = _run(capsys, a, b2, "--out", tmp / "r.xlsx")
    assert code == 1
    assert "B (b_nocrit.xlsx): has no Criteria sheet: criteria are not compared; everything else is" in err
    assert "1 study paired and compared: 2 of " in out and "0 rows on one side only" in out  # phase and unit; criteria not judged


def test_missing_studies_sheet_is_refused(books, capsys):
    a, b, tmp = books
    b2 = _edited(b, tmp / "b_nostudies.xlsx", lambda wb: wb.remove(wb["Studies"]))
    code, _, err = _run(capsys, a, b2, "--out", tmp / "r.xlsx")
    assert code == 1 and "B (b_nostudies.xlsx): cannot be compared: Studies: the sheet is missing" in err
    assert "nothing compared: A (a.xlsx) has 1 readable study" in err


def test_other_version_and_foreign_workbooks(books, capsys):
    a, b, tmp = books

    def other_version(wb):
        for row in wb["About"].iter_rows():
            if row[0].value == "format":
                row[1].value = "protocol-abstractor-workbook/9"

    b2 = _edited(b, tmp / "b_v9.xlsx", other_version)
    code, _, err = _run(capsys, a, b2, "--out", tmp / "r.xlsx")
    assert code == 1 and "B (b_v9.xlsx): was written by another version of the program" in err

    budget = Workbook()
    budget.active.title = "Budget"
    budget.active["A1"] = "=SUM(1,2)"
    budget.save(tmp / "foreign.xlsx")
    foreign = tmp / "foreign.xlsx"
    code, _, err = _run(capsys, a, foreign, "--out", tmp / "r.xlsx")
    assert code == 1 and "B (foreign.xlsx): is not an abstraction workbook of this program" in err
