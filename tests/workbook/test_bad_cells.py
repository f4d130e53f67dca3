"""Unreadable cells are reported as Sheet!B12: reason; the valid rows still apply."""
from __future__ import annotations

import pytest

from abstractor.workbook import WorkbookUnusable, export_workbook, import_workbook
from tests.workbook.helpers import all_studies, col_of, edit, find_row


@pytest.fixture
def sent(rich_store, tmp_path):
    src = tmp_path / "sent.xlsx"
    export_workbook(rich_store, src)
    return src, next(iter(all_studies(rich_store).values()))


def _letter(ws, name):
    from openpyxl.utils import get_column_letter

    return get_column_letter(col_of(ws, name))


def test_bad_cells_reject_only_their_rows(rich_store, sent, tmp_path):
    src, ab = sent
    back = tmp_path / "back.xlsx"
    where = {}

    def review(wb):
        oc = wb["Outcomes"]
        r = find_row(oc, "row_id", ab.outcomes[0].id)
        oc.cell(r, col_of(oc, "kind")).value = "MAYBE"
        where["kind"] = f"Outcomes!{_letter(oc, 'kind')}{r}"
        r = find_row(oc, "row_id", ab.outcomes[1].id)
        oc.cell(r, col_of(oc, "measure")).value = "Best response"  # a good edit beside the bad one
        dl = wb["DoseLevels"]
        r = find_row(dl, "row_id", ab.dose_levels[0].id)
        dl.cell(r, col_of(dl, "value")).value = "lots"
        where["value"] = f"DoseLevels!{_letter(dl, 'value')}{r}"

    edit(src, back, review)
    plan, _ = import_workbook(rich_store, back, delete_missing=True)
    text = [str(i) for i in plan.issues]
    assert any(t.startswith(where["kind"] + ": 'MAYBE' is not one of the allowed values") for t in text), text
    assert any(t.startswith(where["value"] + ": 'lots' is not a number") for t in text), text
    got = rich_store.get_study(ab.id)
    assert got.outcomes[0] == ab.outcomes[0] and got.dose_levels[0] == ab.dose_levels[0]  # bad rows: kept as they were
    assert got.outcomes[1].measure == "Best response"
    assert plan.rejected


def test_bad_study_row_leaves_that_study_out(rich_store, sent, tmp_path):
    src, ab = sent
    back = tmp_path / "back.xlsx"
    edit(src, back, lambda wb: wb["Studies"].cell(2, col_of(wb["Studies"], "enrollment")).__setattr__(
        "value", "about 20"))
    plan, result = import_workbook(rich_store, back)
    assert any(str(i).startswith("Studies!") and "'about 20' is not a whole number" in str(i) for i in plan.issues)
    assert plan.studies == [] and result is None and rich_store.get_study(ab.id) == ab


@pytest.mark.parametrize("damage, message", [
    (lambda wb: wb["Outcomes"].delete_cols(col_of(wb["Outcomes"], "time_frame")), "Outcomes!1: the column time_frame is missing"),
    (lambda wb: setattr(wb["Criteria"], "title", "Eligibility"), "Criteria: the sheet is missing (renamed or deleted?)"),
    (lambda wb: wb.remove(wb["About"]), "About: the sheet is missing"),
])
def test_unusable_workbook_changes_nothing(rich_store, sent, tmp_path, damage, message):
    src, ab = sent
    back = tmp_path / "back.xlsx"
    edit(src, back, damage)
    events = len(rich_store.audit_events())
    with pytest.raises(WorkbookUnusable) as info:
        import_workbook(rich_store, back)
    assert message in str(info.value) and "nothing was changed" in str(info.value)
    assert rich_store.get_study(ab.id) == ab and len(rich_store.audit_events()) == events
