"""Numbers as people type them in a spreadsheet, and formulas a reviewer typed: a decimal comma is a
decimal where it can mean nothing else, a thousands separator only where unambiguous, anything else
(and every formula) a cell problem `Sheet!Cell: ...`, never a silent factor of ten."""
from __future__ import annotations

import pytest

from abstractor.workbook import export_workbook, import_workbook, plan_import
from abstractor.workbook.cells import CellError, typed_number
from tests.workbook.helpers import all_studies, col_of, edit, find_row


@pytest.mark.parametrize("text, whole, value", [
    ("0,5", False, 0.5), ("1,5E+07", False, 1.5e7), ("2,5", False, 2.5), ("0,500", False, 0.5),
    ("12,000", True, 12000), ("12 000", True, 12000), ("1,234,567", False, 1234567), ("1,234.5", False, 1234.5),
    ("-3", True, -3), (" 1.5 ", False, 1.5)])
def test_unambiguous_forms(text, whole, value):
    assert typed_number(text, whole) == value


@pytest.mark.parametrize("text, whole, words", [
    ("12,000", False, "could be a thousands separator or a decimal comma"),
    ("1,5,6", False, "is not a number"), ("12.000,5", False, "is not a number"), ("abc", True, "not a whole")])
def test_ambiguous_forms_are_problems(text, whole, words):
    with pytest.raises(CellError, match=words):
        typed_number(text, whole)


def _sent(store, tmp_path, change):
    src, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(store, src)
    ab = next(iter(all_studies(store).values()))
    edit(src, back, lambda wb: change(wb, ab))
    return ab, back


def test_typed_text_numbers_are_read_as_meant(rich_store, tmp_path):
    def change(wb, ab):
        st = wb["Studies"]
        st.cell(2, col_of(st, "enrollment")).value = "12,000"
        dl = wb["DoseLevels"]
        dl.cell(find_row(dl, "row_id", ab.dose_levels[0].id), col_of(dl, "value")).value = "1,5E+07"
        oc = wb["Outcomes"]
        oc.cell(find_row(oc, "row_id", ab.outcomes[0].id), col_of(oc, "time_frame_days")).value = "2,5"
        cr = wb["Criteria"]
        cr.cell(find_row(cr, "row_id", ab.criteria[1].id), col_of(cr, "thresholds")).value = \
            "creatinine < 0,5 mg/dL"

    ab, back = _sent(rich_store, tmp_path, change)
    plan, _ = import_workbook(rich_store, back)
    assert not plan.issues, plan.report()
    got = rich_store.get_study(ab.id)
    assert got.study.enrollment == 12000 and got.dose_levels[0].value == 1.5e7
    assert got.outcomes[0].time_frame_days == 2.5 and got.criteria[1].thresholds[0].value == 0.5


def test_an_ambiguous_number_is_a_cell_problem(rich_store, tmp_path):
    def change(wb, ab):
        dl = wb["DoseLevels"]
        r = find_row(dl, "row_id", ab.dose_levels[0].id)
        dl.cell(r, col_of(dl, "value")).value = "12,000"

    ab, back = _sent(rich_store, tmp_path, change)
    plan = plan_import(rich_store, back)
    where = [str(i) for i in plan.issues]
    assert len(where) == 1 and where[0].startswith("DoseLevels!") and "thousands separator or a decimal" in where[0]
    assert plan.studies[0].merged.dose_levels[0].value == ab.dose_levels[0].value  # the row kept as stored


@pytest.mark.parametrize("sheet, column, formula", [("Studies", "enrollment", "20*2"),
                                                   ("Outcomes", "measure", 'UPPER("orr")')])
def test_a_formula_is_a_problem_named_with_its_cell_and_formula(rich_store, tmp_path, sheet, column, formula):
    from openpyxl.utils import get_column_letter

    where = []

    def change(wb, ab):
        ws = wb[sheet]
        r = 2 if sheet == "Studies" else find_row(ws, "row_id", ab.outcomes[1].id)
        ws.cell(r, col_of(ws, column)).value = "=" + formula
        where.append(f"{sheet}!{get_column_letter(col_of(ws, column))}{r}")

    ab, back = _sent(rich_store, tmp_path, change)
    plan = plan_import(rich_store, back)
    issues = [str(i) for i in plan.issues]
    assert f"{where[0]}: holds the formula ={formula}; type the value itself (formulas are not imported)" in issues
    import_workbook(rich_store, back)
    assert all_studies(rich_store)[ab.id] == ab  # never applied
