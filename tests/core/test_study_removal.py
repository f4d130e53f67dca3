"""Deleting a whole study and putting it back exactly (what the window's undo relies on)."""
import pytest

from abstractor.errors import StoreError
from abstractor.importer import import_files
from abstractor.storage import review_ops, suggestion_store as ss
from abstractor.storage.study_removal import delete_study, restore_study
from tests.core.sample import sample_study

PAGE = """Registration Number: NCT09990011
Study Type: Interventional
Enrollment: 18
Inclusion Criteria:
1. Aged 18 to 65 years;
"""


def test_delete_then_restore_keeps_every_id_document_suggestion_and_review(store, tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    [res] = import_files(store, [f], suggest=True)
    sid = res.study_id
    store.add_row(sid, "criterion", {"kind": "INCLUSION", "text": "ECOG <= 2"})
    review_ops.query(store, sid, ("study", sid, "enrollment"), "18 or 24?")
    before = store.get_study(sid)
    docs = store.documents(sid)
    props = ss.suggestions(store, sid)
    evidence = store.evidence(sid)
    assert docs and props

    snap = delete_study(store, sid)
    assert not store.study_exists(sid)
    assert store.documents(sid) == [] and ss.suggestions(store, sid) == []

    restore_study(store, snap)
    assert store.get_study(sid) == before
    assert store.documents(sid) == docs
    assert store.document_text(docs[0].id) == PAGE
    assert ss.suggestions(store, sid) == props
    assert store.evidence(sid) == evidence
    assert [i.comments[0].text for i in review_ops.open_queries(store, sid)] == ["18 or 24?"]
    actions = [e["action"] for e in store.audit_events(sid) if e["entity"] == "study" and e["field"] is None]
    assert actions[:2] == ["restore", "delete"]  # newest first; the trail keeps both


def test_arm_links_and_review_of_a_sample_study_come_back(store):
    sid = store.add_study(sample_study())
    before = store.get_study(sid)
    restore_study(store, delete_study(store, sid))
    after = store.get_study(sid)
    assert after == before and after.arms[0].interventions == ["CD22 CAR-T cells", "Fludarabine"]


def test_restoring_twice_or_deleting_a_missing_study_is_refused(store):
    sid = store.add_study(sample_study())
    snap = delete_study(store, sid)
    with pytest.raises(StoreError):
        delete_study(store, sid)
    restore_study(store, snap)
    with pytest.raises(StoreError):
        restore_study(store, snap)
