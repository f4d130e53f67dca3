"""A workbook's ids, numbers, documents and evidence are checked, not trusted: each bad one is a
``Sheet!A5: reason`` problem in the dry run, the apply never crashes, the database is as it was."""
from __future__ import annotations

from abstractor.cli import main
from abstractor.storage import Store
from abstractor.workbook import import_workbook, plan_import
from tests.workbook.helpers import all_studies, col_of, edit, find_row


def _cell(ws, row_value_col, row_value, column):
    return ws.cell(find_row(ws, row_value_col, row_value), col_of(ws, column))


def _dry_and_apply(store, path, capsys):
    before = all_studies(store)
    events = len(store.audit_events())
    assert main(["import-workbook", "--db", store.label, str(path), "--dry-run"]) == 1
    dry = capsys.readouterr()
    code = main(["import-workbook", "--db", store.label, str(path)])
    out = capsys.readouterr()
    assert code == 1 and "Traceback" not in out.err + dry.err
    return dry.out, before, events


def test_numbers_past_64_bits_are_cell_problems(rich_store, good, tmp_path, capsys):
    ab = next(iter(all_studies(rich_store).values()))
    for name, change, expected in (
            ("enrollment", lambda wb: setattr(_cell(wb["Studies"], "study_id", ab.id, "enrollment"), "value",
                                              str(2**63)), "Studies!"),
            ("offsets", lambda wb: [setattr(wb["Evidence"].cell(2, col_of(wb["Evidence"], c)), "value", str(v))
                                    for c, v in (("start", 10**19), ("end", 10**19 + 5))], "Evidence!")):
        bad = tmp_path / f"{name}.xlsx"
        edit(good, bad, change)
        out, before, events = _dry_and_apply(rich_store, bad, capsys)
        assert expected in out and "beyond the largest whole number" in out
        assert all_studies(rich_store) == before and len(rich_store.audit_events()) == events


def test_ids_that_are_not_program_ids_are_refused(rich_store, good, tmp_path, capsys):
    ab = next(iter(all_studies(rich_store).values()))
    bad = tmp_path / "ids.xlsx"
    criterion, arm = ab.criteria[0].id, ab.arms[0].id

    def change(wb):
        _cell(wb["Criteria"], "row_id", criterion, "row_id").value = criterion + "\u200b"
        _cell(wb["Outcomes"], "row_id", ab.outcomes[0].id, "row_id").value = "../../etc/passwd"
        _cell(wb["Outcomes"], "row_id", ab.outcomes[1].id, "row_id").value = arm  # another sheet's row

    edit(good, bad, change)
    plan = plan_import(rich_store, bad)
    text = "\n".join(str(i) for i in plan.issues)
    assert "'" + criterion + "\\u200b' is not an id of this program" in text
    assert "'../../etc/passwd' is not an id of this program" in text
    assert f"the row id {arm} appears twice" in text


def test_a_row_id_of_another_kind_of_row_in_the_database_is_refused(rich_store, good, tmp_path):
    ab = next(iter(all_studies(rich_store).values()))
    bad = tmp_path / "other.xlsx"

    def change(wb):  # an arm row that claims a criterion's id
        ws = wb["Arms"]
        _cell(ws, "row_id", ab.arms[0].id, "row_id").value = ab.criteria[0].id

    edit(good, bad, change)
    plan = plan_import(rich_store, bad)
    assert any(f"the row id {ab.criteria[0].id} belongs to a Criteria row" in str(i) for i in plan.issues)


def test_altered_document_text_and_spans_outside_are_refused(rich_store, good, tmp_path):
    ab = next(iter(all_studies(rich_store).values()))
    bad = tmp_path / "doc.xlsx"

    def change(wb):
        ws = wb["Documents"]
        c = ws.cell(2, col_of(ws, "text"))
        c.value = c.value.replace("creatinine", "CREATININE")
        ev = wb["Evidence"]
        ev.cell(3, col_of(ev, "start")).value = 10**6
        ev.cell(3, col_of(ev, "end")).value = 10**6 + 3

    edit(good, bad, change)
    # Into the database that has the document: the stored text is kept, the far span is refused.
    plan = plan_import(rich_store, bad)
    text = "\n".join(str(i) for i in plan.issues)
    assert "differs from the document with the same SHA-256 already in the database" in text
    assert "lies outside its document" in text
    # Into an empty database: the altered text disagrees with its own quotes: left out, with its evidence.
    with Store.open_path(tmp_path / "empty.db", user="rev") as empty:
        plan, result = import_workbook(empty, bad)
        text = "\n".join(str(i) for i in plan.issues)
        assert "disagrees with its evidence quotes" in text
        assert empty.find_document(ab.source.sha256) is None
        for st in empty.iter_studies():
            assert not st.evidence


def test_file_name_with_a_newline_stays_on_one_line(tmp_path, capsys):
    name = tmp_path / "two\nlines.txt"
    name.write_bytes(b"")
    assert main(["extract", str(name)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "two\\nlines.txt: is empty" in err
