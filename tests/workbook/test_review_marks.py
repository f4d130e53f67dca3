"""A review mark names who set it and when, through the workbook, the database and JSON: a study
imported elsewhere still says the reviewer marked it, not the person who imported it (issue 11)."""
import json

from models import schema
from abstractor.json_export import export_json
from abstractor.storage import Store, review_ops
from abstractor.workbook import export_workbook, import_workbook, plan_import
from tests.workbook.helpers import edit, find_row, col_of


def _marks(store: Store, study_id: str) -> dict[str, tuple]:
    return {e.field: (str(e.status), e.by, e.at) for e in store.get_study(study_id).review}


def test_a_mark_keeps_its_marker_in_another_database(rich_store, tmp_path):
    ab = next(rich_store.iter_studies())
    review_ops.verify(rich_store, ab.id, ("criterion", ab.criteria[0].id, "category"))
    before = _marks(rich_store, ab.id)
    field = "criteria[0].category"
    assert before[field][:2] == ("VERIFIED", "tester") and before[field][2]
    path = tmp_path / "marks.xlsx"
    export_workbook(rich_store, path)
    with Store.open_path(tmp_path / "elsewhere.db", user="importer") as other:
        plan, result = import_workbook(other, path)
        assert result.added == [ab.id]
        assert _marks(other, ab.id) == before  # the reviewer and the time of the mark, not the importer's
        assert not plan_import(other, path).has_changes  # and importing it again changes nothing
    assert not plan_import(rich_store, path).has_changes


def test_a_status_changed_in_the_spreadsheet_is_the_importers(rich_store, tmp_path):
    ab = next(rich_store.iter_studies())
    review_ops.verify(rich_store, ab.id, ("criterion", ab.criteria[0].id, "category"))
    src, out = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    res = export_workbook(rich_store, src)
    field = "criteria[0].category"
    kept = {k: v for k, v in _marks(rich_store, ab.id).items() if k != field}

    def requery(wb):  # the reviewer changes the status and leaves marked_by / marked_at as they were
        rv = wb["Review"]
        rv.cell(find_row(rv, "row_id", ab.criteria[0].id), col_of(rv, "status")).value = "QUERIED"

    edit(src, out, requery)
    with Store.open_path(tmp_path / "a.db", user="lead") as lead:  # the same database, another person
        plan, result = import_workbook(lead, out)
        assert result.updated == [ab.id]
        after = _marks(lead, ab.id)
    status, by, at = after[field]
    assert (status, by) == ("QUERIED", "lead") and at > res.exported_at
    assert {k: v for k, v in after.items() if k != field} == kept  # the other marks keep their markers


def test_marks_in_json_name_who_and_when(rich_store, tmp_path):
    ab = next(rich_store.iter_studies())
    review_ops.query(rich_store, ab.id, ("study", ab.id, "title"), "which title?")
    out = tmp_path / "all.json"
    export_json(rich_store, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    entry = next(e for e in data[0]["review"] if e["field"] == "study.title")
    assert entry["by"] == "tester" and entry["at"][:4].isdigit()
    back = schema.Abstraction.model_validate(data[0])
    assert next(e for e in back.review if e.field == "study.title").by == "tester"
    # A mark nobody is known to have set has no such keys (files written before stay as they were).
    assert "by" not in schema.ReviewEntry(field="study.title").model_dump(mode="json")
