"""A reviewer edits the workbook in a spreadsheet; importing it back makes exactly those changes."""
from __future__ import annotations

from abstractor.storage import Store
from abstractor.workbook import import_workbook, plan_import, export_workbook
from tests.workbook.helpers import all_studies, col_of, edit, find_row


def _reviewed(store, tmp_path):
    src, out = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(store, src)
    ab = next(iter(all_studies(store).values()))
    dropped = ab.outcomes[2].id

    def review(wb):
        st = wb["Studies"]
        st.cell(2, col_of(st, "enrollment")).value = 24
        oc = wb["Outcomes"]
        oc.cell(find_row(oc, "row_id", ab.outcomes[0].id), col_of(oc, "time_frame")).value = "28 days"
        oc.delete_rows(find_row(oc, "row_id", dropped))
        cr = wb["Criteria"]
        r = cr.max_row + 1
        for name, value in (("study_id", ab.id), ("kind", "EXCLUSION"), ("text", "Pregnant or breastfeeding"),
                            ("category", "pregnancy")):
            cr.cell(r, col_of(cr, name)).value = value
        rv = wb["Review"]
        r = rv.max_row + 1
        for name, value in (("study_id", ab.id), ("sheet", "Outcomes"), ("row_id", ab.outcomes[0].id),
                            ("field", "time_frame"), ("status", "QUERIED"), ("author", "rita"),
                            ("comment", "typo in the source: dyas")):
            rv.cell(r, col_of(rv, name)).value = value
        # Earlier status row of the same field must agree with the new one.
        rv.cell(find_row(rv, "field", "time_frame"), col_of(rv, "status")).value = "QUERIED"

    edit(src, out, review)
    return ab, dropped, out


def test_reviewer_edits_come_back_exactly(rich_store, tmp_path):
    before, dropped, back = _reviewed(rich_store, tmp_path)
    plan, result = import_workbook(rich_store, back, delete_missing=True)
    assert not plan.issues and not any(p.conflicts for p in plan.studies), plan.report()
    after = rich_store.get_study(before.id)
    expected = before.model_copy(deep=True)
    expected.study.enrollment = 24
    expected.outcomes[0].time_frame = "28 days"
    expected.outcomes = expected.outcomes[:2]
    new = after.criteria[-1]
    assert (new.kind, new.text, new.category) == ("EXCLUSION", "Pregnant or breastfeeding", "pregnancy")
    assert new.id and new.id not in {c.id for c in before.criteria}
    expected.criteria.append(new)
    review = {r.field: r for r in after.review}
    tf = review["outcomes[0].time_frame"]
    assert tf.status == "QUERIED" and [(c.author, c.text) for c in tf.comments] == [("rita",
                                                                                    "typo in the source: dyas")]
    assert tf.comments[0].at  # stamped on import
    expected.review = after.review
    assert after == expected
    assert result.updated == [before.id]
    report = plan.report()
    assert "enrollment: 20 -> 24" in report and f"deleted outcome row {dropped}" in report
    # Every change is audited as coming from the workbook.
    events = [e for e in rich_store.audit_events(before.id) if e["origin"] == "workbook"]
    assert {(e["entity"], e["field"]) for e in events} >= {("study", "enrollment"), ("outcome", "time_frame"),
                                                           ("criterion", None), ("outcome", None),
                                                           ("outcome", "time_frame#review")}


def test_missing_rows_are_kept_unless_confirmed(rich_store, tmp_path):
    before, dropped, back = _reviewed(rich_store, tmp_path)
    plan = plan_import(rich_store, back)
    assert plan.studies[0].missing == [f"Outcomes row {dropped}"]
    assert "--delete-missing" in plan.report()
    plan, _ = import_workbook(rich_store, back)
    assert dropped in {o.id for o in rich_store.get_study(before.id).outcomes}


def test_dry_run_changes_nothing(rich_store, tmp_path):
    before, _, back = _reviewed(rich_store, tmp_path)
    events = len(rich_store.audit_events())
    plan, result = import_workbook(rich_store, back, dry_run=True)
    assert plan.has_changes and result is None
    assert all_studies(rich_store)[before.id] == before and len(rich_store.audit_events()) == events


def test_reviewed_workbook_into_another_database_keeps_ids(rich_store, tmp_path):
    before, _, back = _reviewed(rich_store, tmp_path)
    with Store.open_path(tmp_path / "other.db") as other:
        plan, _ = import_workbook(other, back)
        got = other.get_study(before.id)
        assert [o.id for o in got.outcomes] == [o.id for o in before.outcomes[:2]]
        assert got.study.enrollment == 24
