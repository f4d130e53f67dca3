"""Importing the same returned workbook twice changes nothing the second time: rows and comments
a reviewer added without an id are recognised (by their content within the study)."""
from __future__ import annotations

import pytest

from abstractor.workbook import import_workbook, plan_import
from tests.workbook.helpers import all_studies
from tests.workbook.test_reviewer_edits import _reviewed


@pytest.mark.parametrize("delete_missing", [True, False])
def test_the_second_import_of_a_reviewed_workbook_changes_nothing(rich_store, tmp_path, delete_missing):
    before, dropped, back = _reviewed(rich_store, tmp_path)
    import_workbook(rich_store, back, delete_missing=delete_missing)
    once = all_studies(rich_store)
    events = len(rich_store.audit_events())
    plan = plan_import(rich_store, back, delete_missing=delete_missing)
    assert not plan.has_changes, plan.report()
    assert not any(p.conflicts for p in plan.studies), plan.report()
    import_workbook(rich_store, back, delete_missing=delete_missing)
    assert all_studies(rich_store) == once and len(rich_store.audit_events()) == events
    after = once[before.id]
    assert [c.text for c in after.criteria].count("Pregnant or breastfeeding") == 1
    comments = [c.text for r in after.review for c in r.comments]
    assert comments.count("typo in the source: dyas") == 1


def test_an_identical_row_added_beside_its_twin_is_still_added(rich_store, tmp_path):
    """Only rows the workbook does not list by id can be a reviewer's earlier row: a reviewer who
    copies an existing criterion as a new row gets a second one."""
    from tests.workbook.helpers import col_of, edit, find_row
    from abstractor.workbook import export_workbook

    src, out = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(rich_store, src)
    ab = next(iter(all_studies(rich_store).values()))

    def copy_row(wb):
        cr = wb["Criteria"]
        r0 = find_row(cr, "row_id", ab.criteria[2].id)
        r = cr.max_row + 1
        for c in range(1, cr.max_column + 1):
            cr.cell(r, c).value = cr.cell(r0, c).value
        cr.cell(r, col_of(cr, "row_id")).value = None
        cr.cell(r, col_of(cr, "order")).value = None

    edit(src, out, copy_row)
    import_workbook(rich_store, out)
    assert [c.text for c in rich_store.get_study(ab.id).criteria].count("active infection") == 2
    assert not plan_import(rich_store, out).has_changes
