"""Adjudication: decisions side by side, then the expected consensus record."""
import pytest

from abstractor.errors import InvalidValue
from abstractor.review.adjudicate import A, B, Adjudication, Undecided, save_consensus
from models.enums import AbstractionStatus, Phase
from models.schema import Criterion

from tests.review.fixture import study_a, study_b


def _settled():
    adj = Adjudication(study_a(), study_b())
    adj.choose("study.phases", B)
    adj.edit("dose_levels[A1|B1].unit", "cells/kg")
    adj.choose("criteria[A1]", A)  # keep the criterion only A found
    return adj


def test_items_show_both_sides_with_evidence():
    adj = Adjudication(study_a(), study_b())
    assert sorted(d.key for d in adj.disagreements) == ["criteria[A1]", "dose_levels[A1|B1].unit", "study.phases"]
    phase = adj.item("study.phases")
    assert (phase.value_a, phase.value_b, phase.evidence_a, phase.evidence_b) == (
        ["PHASE1", "PHASE2"], ["PHASE1"], "Phase 1/2", "Phase 1")
    assert phase.text(A) == "PHASE1; PHASE2" and not phase.decided
    assert all(d.choice == A for d in adj.items if d.agree)
    assert adj.item("criteria[A1]").whole_row


def test_consensus_waits_for_every_difference():
    adj = Adjudication(study_a(), study_b())
    with pytest.raises(Undecided, match="3 differences"):
        adj.consensus("cleo")
    with pytest.raises(InvalidValue):
        adj.edit("study.phases", ["PHASE9"])
    with pytest.raises(InvalidValue):
        adj.item("no.such.key")


def test_consensus_record():
    ab = _settled().consensus("cleo")
    assert ab.consensus and ab.abstractor == "cleo" and ab.status == AbstractionStatus.APPROVED
    assert ab.study.phases == [Phase.PHASE1]
    assert [d.unit for d in ab.dose_levels] == ["cells/kg"] * 3
    assert [c.text for c in ab.criteria] == [c.text for c in study_a().criteria]  # A's order, Karnofsky kept
    assert [o.measure for o in ab.outcomes] == [o.measure for o in study_a().outcomes]
    assert ab.id is None and all(c.id is None for c in ab.criteria) and ab.review == []
    ev = {e.field: e.quote for e in ab.evidence}
    assert ev == {"study.phases": "Phase 1", "dose_levels[1].text": "6×10⁶ cells/kg",
                  "criteria[1].text": "Karnofsky score of at least 70"}
    assert ab.study.model_dump(exclude={"phases"}) == study_a().study.model_dump(exclude={"phases"})


def test_dropping_a_row_and_taking_a_row_only_b_has():
    a, b = study_a(), study_b()
    b.criteria.insert(1, Criterion(kind="INCLUSION", text="Signed informed consent", category="consent"))
    adj = Adjudication(a, b)
    adj.choose_all(B)  # B's phase, B's unit, drop Karnofsky, take the consent criterion
    ab = adj.consensus("cleo")
    texts = [c.text for c in ab.criteria]
    assert "Karnofsky score of at least 70" not in texts
    # B lists: hepatitis, consent, diagnosis, AST, ALT: consent goes after hepatitis, its B predecessor
    assert texts == ["Histologically confirmed clear cell renal carcinoma", "ALT below 2.5 x ULN",
                     "AST below 2.5 x ULN", "Active hepatitis B infection", "Signed informed consent"]
    assert ab.dose_levels[1].unit == "cells" and adj.summary() == {"A": 0, "B": 4, "EDIT": 0}


def test_saved_consensus_is_a_new_audited_study(store):
    a_id = store.add_study(study_a())
    b_id = store.add_study(study_b())
    adj = Adjudication(store.get_study(a_id), store.get_study(b_id))
    adj.choose("study.phases", B)
    adj.edit("dose_levels[A1|B1].unit", "cells/kg")
    adj.choose("criteria[A1]", A)
    store.user = "cleo"
    new_id = save_consensus(store, adj)
    assert new_id not in (a_id, b_id) and store.count_studies() == 3
    saved = store.get_study(new_id)
    assert saved.consensus and saved.abstractor == "cleo" and saved.study.phases == [Phase.PHASE1]
    assert len(saved.criteria) == 5 and {e.field for e in saved.evidence} >= {"study.phases"}
    events = store.audit_events(new_id)
    assert {(e["action"], e["origin"], e["user"]) for e in events} == {
        ("create", "adjudication", "cleo"), ("adjudicate", "adjudication", "cleo")}
    assert '"choices": {"A": 1, "B": 1, "EDIT": 1}' in next(e["new"] for e in events if e["action"] == "adjudicate")
    # A and B are untouched
    assert store.get_study(a_id).study.phases == [Phase.PHASE1, Phase.PHASE2]


def test_rows_not_compared_are_taken_from_a():
    from abstractor.review.compare import compare_studies

    a, b = study_a(), study_b()
    adj = Adjudication(a, b, compare_studies(a, b, skip=frozenset({"criteria"})))
    assert not any(d.section == "criteria" for d in adj.items)
    adj.choose_all(B)
    ab = adj.consensus("cleo")
    assert [c.text for c in ab.criteria] == [c.text for c in a.criteria]
    assert "criteria[1].text" in {e.field for e in ab.evidence}
