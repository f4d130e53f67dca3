"""The window's import without the window: the preview lines of a plan, and an applied import
taken back exactly (abstractor.workbook.preview, abstractor.storage.workbook_undo)."""
from __future__ import annotations

from abstractor.storage.workbook_undo import apply_undoable, undo_import
from abstractor.workbook import export_workbook, plan_import
from abstractor.workbook.preview import CONFLICT, preview, replan
from tests.workbook.helpers import all_studies, col_of, edit, find_row


def test_preview_shows_conflicts_bad_cells_and_left_out_rows(rich_store, tmp_path):
    sent, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(rich_store, sent)
    ab = next(iter(all_studies(rich_store).values()))
    rich_store.set_value(ab.id, "study", ab.id, "sponsor", "Tongji")  # after the export

    def review(wb):
        st = wb["Studies"]
        st.cell(2, col_of(st, "sponsor")).value = "Wuhan Union"
        oc = wb["Outcomes"]
        oc.cell(find_row(oc, "row_id", ab.outcomes[1].id), col_of(oc, "time_frame_days")).value = "soon"

    edit(sent, back, review)
    pv = preview(plan_import(rich_store, back))
    (sp,) = pv.studies
    conflicts = [x for x in sp.lines if x.kind == CONFLICT]
    assert len(conflicts) == 1 and "sponsor" in conflicts[0].where
    assert (conflicts[0].old, conflicts[0].new) == ("Tongji", "Wuhan Union")
    assert len(pv.problems) == 1 and pv.problems[0].startswith("Outcomes!") and "soon" in pv.problems[0]
    assert [w for w, _ in pv.skipped] == [f"Outcomes row {ab.outcomes[1].id[:8]}"]
    assert "1 conflict" in pv.summary() and "1 unreadable cell" in pv.summary()


def test_undo_puts_back_values_rows_review_and_documents(rich_store, tmp_path):
    sent, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(rich_store, sent)
    ab = next(iter(all_studies(rich_store).values()))

    def review(wb):
        st = wb["Studies"]
        st.cell(2, col_of(st, "enrollment")).value = 30
        oc = wb["Outcomes"]
        oc.delete_rows(find_row(oc, "row_id", ab.outcomes[0].id))

    edit(sent, back, review)
    plan = replan(rich_store, plan_import(rich_store, back), delete_missing=True)
    docs = rich_store.documents(ab.id)
    record = apply_undoable(rich_store, plan)
    assert rich_store.get_study(ab.id).study.enrollment == 30
    undo_import(rich_store, record)
    assert rich_store.get_study(ab.id) == ab and rich_store.documents(ab.id) == docs
    record = apply_undoable(rich_store, plan)  # redo: the same plan applies again
    assert len(rich_store.get_study(ab.id).outcomes) == len(ab.outcomes) - 1
    events = [e for e in rich_store.audit_events(ab.id) if e["origin"] == "workbook undo"]
    assert events  # the undo is audited too
