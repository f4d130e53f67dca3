import pytest

from abstractor import suggestions as sg
from abstractor.errors import AbstractorError
from abstractor.storage import suggestion_store as ss
from tests.core.conftest import PAGE


def test_import_stores_proposals_with_exact_evidence(imported):
    store, sid = imported
    props = ss.suggestions(store, sid, "OPEN")
    assert props, "the extractors proposed nothing"
    text = store.document_text(store.documents(sid)[0].id)
    for p in props:
        for span in p.spans:
            assert text[span["start"]:span["end"]] == span["quote"]
    assert store.get_study(sid).study.enrollment is None  # nothing is filled silently


def test_accept_reject_and_undo(imported):
    store, sid = imported
    props = {p.path: p for p in ss.suggestions(store, sid, "OPEN")}
    enrollment = props["study.enrollment"]
    done = sg.accept(store, enrollment.id)
    ab = store.get_study(sid)
    assert ab.study.enrollment == 18
    assert [e.quote for e in ab.evidence if e.field == "study.enrollment"] == ["18"]
    assert ss.get_suggestion(store, enrollment.id).state == "ACCEPTED"
    assert store.audit_events(sid)[2]["origin"] == "suggestion"
    sg.undo_accept(store, done)
    assert store.get_study(sid).study.enrollment is None
    assert ss.get_suggestion(store, enrollment.id).state == "OPEN"

    crit = next(p for p in props.values() if p.path.startswith("criteria["))
    done = sg.accept(store, crit.id)
    assert len(store.get_study(sid).criteria) == 1
    sg.undo_accept(store, done)
    assert store.get_study(sid).criteria == []

    assert sg.reject(store, crit.id) == "OPEN"
    assert ss.counts(store, sid)["REJECTED"] == 1


def test_a_suggestion_never_overwrites_the_users_value(imported):
    store, sid = imported
    store.set_value(sid, "study", sid, "enrollment", 20)
    prop = next(p for p in ss.suggestions(store, sid, "OPEN") if p.path == "study.enrollment")
    with pytest.raises(AbstractorError, match="never overwrites"):
        sg.accept(store, prop.id)
    assert store.get_study(sid).study.enrollment == 20


def test_edited_acceptance_is_recorded(imported):
    store, sid = imported
    prop = next(p for p in ss.suggestions(store, sid, "OPEN") if p.path == "study.enrollment")
    sg.accept(store, prop.id, value=19)
    assert store.get_study(sid).study.enrollment == 19
    assert ss.get_suggestion(store, prop.id).state == "EDITED"


def test_cli_import_can_accept_every_suggestion(tmp_path, capsys):
    from abstractor.cli import main as cli_main
    from abstractor.storage import Store

    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    db = tmp_path / "a.db"
    assert cli_main(["import", "--db", str(db), "--accept-suggestions", str(f)]) == 0
    assert "suggested values accepted" in capsys.readouterr().out
    with Store.open_path(db) as store:
        [row] = store.list_studies()
        ab = store.get_study(row.id)
        assert ab.study.enrollment == 18 and len(ab.criteria) == 3
        text = store.document_text(store.documents(row.id)[0].id)
        assert all(text[e.start:e.end] == e.quote for e in ab.evidence) and ab.evidence
        assert not ss.suggestions(store, row.id, "OPEN")


def test_a_row_added_by_hand_settles_the_matching_proposal(imported):
    store, sid = imported
    prop = next(p for p in ss.suggestions(store, sid, "OPEN") if p.path.startswith("criteria["))
    text = prop.value["text"]
    row = store.add_row(sid, "criterion", {"kind": prop.value["kind"], "text": "  " + text + " "}).row_id
    before = sg.settle_rows_by_user(store, sid, "criterion", {"kind": prop.value["kind"], "text": text}, row)
    assert before == {prop.id: "OPEN"}
    settled = ss.get_suggestion(store, prop.id)
    assert settled.state in ("ACCEPTED", "EDITED") and settled.target_row_id == row
    sg.restore_states(store, before)
    assert ss.get_suggestion(store, prop.id).state == "OPEN"
    assert sg.settle_rows_by_user(store, sid, "criterion", {"text": "Something else entirely"}, row) == {}
