"""Changes made in the database after the export are never overwritten silently."""
from __future__ import annotations

from abstractor.workbook import export_workbook, import_workbook
from tests.workbook.helpers import all_studies, col_of, edit, find_row


def test_conflict_keeps_database_value_and_applies_the_rest(rich_store, tmp_path):
    src, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(rich_store, src)
    ab = next(iter(all_studies(rich_store).values()))
    # After the export, the abstractor keeps working in the database.
    rich_store.set_value(ab.id, "study", ab.id, "enrollment", 22)
    rich_store.set_value(ab.id, "study", ab.id, "title", "Newer title")
    rich_store.set_value(ab.id, "outcome", ab.outcomes[1].id, "measure", "ORR at 3 months")
    added = rich_store.add_row(ab.id, "criterion", {"text": "added after export", "kind": "INCLUSION"}).row_id

    def review(wb):
        st = wb["Studies"]
        st.cell(2, col_of(st, "enrollment")).value = 24  # conflicts with 22
        st.cell(2, col_of(st, "sponsor")).value = "Tongji"  # only the reviewer changed it
        oc = wb["Outcomes"]
        oc.cell(find_row(oc, "row_id", ab.outcomes[1].id), col_of(oc, "measure")).value = "Response rate"

    edit(src, back, review)
    plan, result = import_workbook(rich_store, back, delete_missing=True)
    conflicts = plan.studies[0].conflicts
    assert {(c.where.split()[-1], c.database, c.workbook) for c in conflicts} == {
        ("enrollment", 22, 24), ("measure", "ORR at 3 months", "Response rate")}
    assert "CONFLICT" in plan.report() and plan.rejected
    got = rich_store.get_study(ab.id)
    assert got.study.enrollment == 22 and got.outcomes[1].measure == "ORR at 3 months"
    assert got.study.title == "Newer title"  # changed only in the database: kept, no conflict
    assert got.study.sponsor == "Tongji"  # changed only in the workbook: applied
    assert added in {c.id for c in got.criteria}  # added after export: not "missing", not deleted


def test_row_deleted_in_database_after_export_is_not_brought_back(rich_store, tmp_path):
    src = tmp_path / "sent.xlsx"
    export_workbook(rich_store, src)
    ab = next(iter(all_studies(rich_store).values()))
    rich_store.delete_row(ab.id, "criterion", ab.criteria[2].id)
    plan, _ = import_workbook(rich_store, src)
    assert any("deleted in the database" in c.reason for c in plan.studies[0].conflicts)
    assert ab.criteria[2].id not in {c.id for c in rich_store.get_study(ab.id).criteria}
