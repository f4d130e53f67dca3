"""Codebook fields in the database (issue 15): set through the same operations as built-in fields,
one transaction, undoable, audited, with evidence; checked by the study's codebook; in JSON."""
from __future__ import annotations

import pytest

from abstractor.codebooks import load_shipped
from abstractor.errors import InvalidValue
from abstractor.operations import FillFromSelection, SetField, Span
from abstractor.storage import codebook_store as cs
from models import records, schema


@pytest.fixture
def car_t(store):
    """A store holding the shipped CAR-T codebook and one study with a dose level: (store, study id)."""
    with store.transaction() as conn:
        cs.insert_codebook(conn, load_shipped("car_t"), store.user)
    sid = store.add_study(schema.Abstraction(study={"title": "A CAR-T study"}, dose_levels=[{"text": "1e6/kg"}]))
    return store, sid


def test_a_new_study_records_the_current_codebook_version(car_t):
    store, sid = car_t
    assert store.codebook_for(sid).name == "CAR-T and CAR-NK trials"
    assert store.get_study(sid).codebook == schema.CodebookRef(name="CAR-T and CAR-NK trials", version=1)


def test_a_codebook_field_is_set_undone_and_audited_like_a_built_in_one(car_t):
    store, sid = car_t
    op = SetField(sid, "study", sid, "extra.vector", "Lentivirus", None)
    change = op.do(store)
    assert change.field == "extra.vector" and change.new == "lentiviral"  # a synonym stored as its choice
    assert store.get_study(sid).study.extra == {"vector": "lentiviral"}
    event = store.audit_events(sid)[0]
    assert (event["field"], event["new"]) == ("extra.vector", '"lentiviral"')
    op.undo(store)
    assert store.get_study(sid).study.extra == {}
    dl = store.get_study(sid).dose_levels[0].id
    SetField(sid, "dose_level", dl, "extra.patients_planned", "6", None).do(store)
    assert store.get_study(sid).dose_levels[0].extra == {"patients_planned": 6}


def test_values_the_codebook_does_not_take_are_refused_and_nothing_is_stored(car_t):
    store, sid = car_t
    with pytest.raises(InvalidValue, match="not one of"):
        SetField(sid, "study", sid, "extra.vector", "adenoviral", None).do(store)
    with pytest.raises(InvalidValue, match="no study field 'nope'"):
        SetField(sid, "study", sid, "extra.nope", "x", None).do(store)
    with pytest.raises(InvalidValue, match="whole number"):
        dl = store.get_study(sid).dose_levels[0].id
        SetField(sid, "dose_level", dl, "extra.patients_planned", "six", None).do(store)
    assert store.get_study(sid).study.extra == {}


def test_without_a_codebook_there_are_no_codebook_fields(store):
    sid = store.add_study(schema.Abstraction(study={"title": "x"}))
    assert store.codebook_for(sid) is None
    with pytest.raises(InvalidValue, match="no codebook"):
        SetField(sid, "study", sid, "extra.vector", "lentiviral", None).do(store)
    with pytest.raises(InvalidValue, match="no codebook"):
        store.add_study(schema.Abstraction(study={"title": "y", "extra": {"vector": "lentiviral"}}))


def test_a_value_and_its_evidence_are_saved_together_and_read_back_as_json_paths(car_t):
    store, sid = car_t
    op = FillFromSelection(sid, "study", sid, "extra.costimulatory_domain", "4-1BB", None, Span(None, 0, 0))
    op.do(store)
    ab = store.get_study(sid)
    assert ab.study.extra == {"costimulatory_domain": "4-1BB"}
    assert [e.field for e in ab.evidence] == ["study.extra.costimulatory_domain"]
    assert [e.field for e in store.evidence(sid)] == ["extra.costimulatory_domain"]
    data = ab.to_json_dict()
    assert data["schema"] == "protocol-abstraction/1" and data["study"]["extra"] == {"costimulatory_domain": "4-1BB"}
    assert "extra" not in data["dose_levels"][0]  # the key is optional: left out when empty
    op.undo(store)
    assert store.get_study(sid).evidence == [] and store.get_study(sid).study.extra == {}


def test_a_study_with_codebook_values_round_trips_through_json(car_t):
    store, sid = car_t
    dl = store.get_study(sid).dose_levels[0].id
    SetField(sid, "dose_level", dl, "extra.patients_planned", 3, None).do(store)
    SetField(sid, "study", sid, "extra.bridging_therapy_allowed", "yes", None).do(store)
    ab = store.get_study(sid)
    again = schema.Abstraction.model_validate(ab.to_json_dict())
    again.id = None
    for d in again.dose_levels:
        d.id = None
    copy = store.get_study(store.add_study(again))
    assert copy.study.extra == {"bridging_therapy_allowed": True}
    assert copy.dose_levels[0].extra == {"patients_planned": 3}


def test_a_file_s_value_outside_the_codebook_is_refused_with_its_path(car_t):
    store, _sid = car_t
    bad = schema.Abstraction(study={"title": "z"}, dose_levels=[{"extra": {"patients_planned": "many"}}])
    with pytest.raises(InvalidValue, match=r"dose_levels\[0\]\.extra\.patients_planned"):
        store.add_study(bad)


def test_codebook_paths_take_evidence_only_where_the_codebook_defines_them():
    cb = load_shipped("car_t")
    assert records.STUDY.field_problem("extra.vector", cb) is None
    assert records.DOSE_LEVEL.field_problem("extra.patients_planned", cb) is None
    assert "not a field of a dose level" in records.DOSE_LEVEL.field_problem("extra.vector", cb)
    assert "no codebook" in records.STUDY.field_problem("extra.vector")


def test_an_old_database_upgrades_to_hold_codebooks(tmp_path):
    """A file from before codebooks: its studies read with no codebook values, and once a codebook is
    imported every study takes values (revision 0006)."""
    import shutil
    from pathlib import Path

    from abstractor.codebooks.importing import apply_import, preview_import
    from abstractor.storage import Store

    db = tmp_path / "old.db"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "data" / "old_databases" / "schema2.db", db)
    with Store.open_path(db, user="ann") as s:
        ids = [r.id for r in s.list_studies()]
        assert ids and all(s.get_study(i).study.extra == {} and s.get_study(i).codebook is None for i in ids)
        assert s.codebook_for(ids[0]) is None
        preview = preview_import(s, load_shipped())
        assert preview.studies == len(ids)
        apply_import(s, preview)
        SetField(ids[0], "study", ids[0], "extra.vector", "retroviral", None).do(s)
        assert s.get_study(ids[0]).study.extra == {"vector": "retroviral"}
        assert all(s.get_study(i).codebook.version == 1 for i in ids)
