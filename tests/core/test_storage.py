import sqlite3

import pytest

from abstractor.errors import InvalidValue, StoreError
from abstractor.storage import Store
from models.schema import Abstraction
from tests.core.sample import sample_study, without_ids


def test_study_round_trips_through_the_database(store):
    ab = sample_study()
    sid = store.add_study(ab)
    back = store.get_study(sid)
    assert back.id == sid
    assert without_ids(back.to_json_dict()) == without_ids(ab.to_json_dict())
    # a second read gives the same ids: they are stored, not made up on reading
    assert store.get_study(sid) == back


def test_ids_are_kept_so_workbooks_can_travel(store, tmp_path):
    ab = store.get_study(store.add_study(sample_study()))
    with Store.open_path(tmp_path / "other.db", user="bob") as other:
        other.add_study(ab)
        assert other.get_study(ab.id) == ab


def test_sqlite_pragmas(store):
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_edit_commits_at_once_and_is_audited(store, db_path):
    sid = store.add_study(sample_study())
    change = store.set_value(sid, "study", sid, "enrollment", 30)
    assert (change.old, change.new) == (24, 30)
    # another connection sees it immediately: committed, not pending
    raw = sqlite3.connect(db_path)
    assert raw.execute("SELECT enrollment FROM study").fetchone() == (30,)
    raw.close()
    ev = store.audit_events(sid)[0]
    assert (ev["user"], ev["field"], ev["old"], ev["new"], ev["action"]) == ("tester", "enrollment", "24", "30",
                                                                            "update")


def test_bad_value_is_refused_with_a_message_and_nothing_changes(store):
    sid = store.add_study(sample_study())
    with pytest.raises(InvalidValue, match="enrollment"):
        store.set_value(sid, "study", sid, "enrollment", "about 20")
    with pytest.raises(InvalidValue):
        store.set_value(sid, "study", sid, "phases", ["PHASE9"])
    assert store.get_study(sid).study.enrollment == 24


def test_rows_add_move_delete_restore(store):
    sid = store.add_study(sample_study())
    ab = store.get_study(sid)
    new = store.add_row(sid, "criterion", {"kind": "EXCLUSION", "text": "Pregnancy", "category": "pregnancy"},
                        position=0).row_id
    assert store.get_study(sid).criteria[0].text == "Pregnancy"
    store.move_row(sid, "criterion", new, 3)
    assert [c.id for c in store.get_study(sid).criteria][-1] == new
    victim = ab.criteria[1]
    snap = store.delete_row(sid, "criterion", victim.id)
    after = store.get_study(sid)
    assert victim.id not in [c.id for c in after.criteria]
    assert not [e for e in after.evidence if e.quote == "ECOG ≤ 2"]  # its evidence went with it
    store.restore_row(snap)
    restored = store.get_study(sid)
    assert restored.criteria[1] == victim
    assert [e.quote for e in restored.evidence if e.field == "criteria[1].text"] == ["ECOG ≤ 2"]


def test_arm_interventions_many_to_many(store):
    sid = store.add_study(sample_study())
    arm = store.get_study(sid).arms[0]
    store.set_value(sid, "arm", arm.id, "interventions", ["Fludarabine", "Cyclophosphamide"])
    ab = store.get_study(sid)
    assert ab.arms[0].interventions == ["Fludarabine", "Cyclophosphamide"]
    assert [i.name for i in ab.interventions] == ["CD22 CAR-T cells", "Fludarabine", "Cyclophosphamide"]


def test_evidence_quote_is_taken_from_the_stored_text(store, data_dir):
    from abstractor.importer import import_files

    [res] = import_files(store, [data_dir / "good" / "page_utf8.txt"])
    doc = store.documents(res.study_id)[0]
    text = store.document_text(doc.id)
    start = text.index("18")
    store.set_value(res.study_id, "study", res.study_id, "enrollment", 18)
    store.set_evidence(res.study_id, "study", res.study_id, "enrollment", doc.id, start, start + 2)
    [span] = store.evidence(res.study_id)
    assert span.quote == "18" and span.document_id == doc.id
    ab = store.get_study(res.study_id)
    assert [(e.field, e.quote) for e in ab.evidence] == [("study.enrollment", "18")]
    with pytest.raises(InvalidValue):
        store.set_evidence(res.study_id, "study", res.study_id, "title", doc.id, 0, len(text) + 5)


def test_list_studies_and_filter(store):
    a = store.add_study(sample_study())
    b = store.add_study(Abstraction.model_validate({"study": {"title": "Another trial"}}))
    rows = store.list_studies()
    assert [r.id for r in rows] == [b, a]
    assert rows[1].registry_id == "NCT09990003"
    assert [r.id for r in store.list_studies("another")] == [b]
    assert [r.id for r in store.list_studies("NCT0999")] == [a]
    assert [r.id for r in store.list_studies(status="SUBMITTED")] == [a]
    assert set(store.study_rows([a])) == {a}


def test_replace_study_audits_each_changed_field(store):
    sid = store.add_study(sample_study())
    ab = store.get_study(sid)
    ab.study.title = "Changed"
    ab.outcomes.pop()
    changes = store.replace_study(ab)
    assert {(c.entity, c.field, c.action) for c in changes} == {("study", "title", "update"),
                                                                 ("outcome", None, "delete")}
    assert store.get_study(sid) == ab
    assert store.documents(sid) == []


def test_foreign_sqlite_file_is_refused_and_unchanged(db_path):
    raw = sqlite3.connect(db_path)
    raw.execute("CREATE TABLE invoices (id INTEGER)")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="another program"):
        Store.open_path(db_path)
    assert db_path.read_bytes() == before


def test_damaged_file_is_refused_and_unchanged(db_path):
    with Store.open_path(db_path) as s:
        s.add_study(sample_study())
        s.engine.dispose()
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db_path.read_bytes())
    for i in range(4096, len(data), 4096):  # scribble over the header of every page after the first
        data[i:i + 64] = b"\xff" * 64
    db_path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="damaged"):
        s = Store.open_path(db_path)
        s.list_studies()
        s.get_study(s.list_studies()[0].id)
    assert db_path.read_bytes() == before


def test_not_a_database_is_refused(data_dir, tmp_path):
    target = tmp_path / "x.db"
    target.write_bytes((data_dir / "bad" / "not_a_db.db").read_bytes())
    with pytest.raises(StoreError, match="not a database"):
        Store.open_path(target)


def test_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        Store.open_path(tmp_path)


def test_comments_with_and_without_time_store_together(store):
    ab = sample_study()
    ab.review[0].comments.append(ab.review[0].comments[0].model_copy(update={"at": None, "text": "no time"}))
    back = store.get_study(store.add_study(ab))
    comments = back.review[0].comments
    assert [c.text for c in comments] == ["1 or 1/2?", "no time"] and comments[1].at
