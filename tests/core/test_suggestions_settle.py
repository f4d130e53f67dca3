"""A value the user types settles the field's open proposal (accepted when equal, edited when
not); accepting a criterion already listed is refused."""
import pytest

from abstractor import suggestions as sg
from abstractor.storage import suggestion_store as ss


def _prop(store, sid, path):
    return next(p for p in ss.suggestions(store, sid) if p.path == path)


def test_typing_a_different_value_marks_the_proposal_edited_and_undo_reopens_it(imported):
    store, sid = imported
    store.set_value(sid, "study", sid, "enrollment", 20)
    before = sg.settle_by_user_value(store, sid, "study", "enrollment", 20)
    prop = _prop(store, sid, "study.enrollment")
    assert before == {prop.id: "OPEN"} and prop.state == "EDITED"
    assert (prop.target_entity, prop.target_row_id) == ("study", sid)
    assert store.audit_events(sid)[0]["new"] == '"EDITED"'

    # typed on to the proposed value (the same edit): accepted; cleared: open again
    assert sg.settle_by_user_value(store, sid, "study", "enrollment", 18.0, ids=[prop.id]) == {prop.id: "EDITED"}
    assert _prop(store, sid, "study.enrollment").state == "ACCEPTED"
    sg.settle_by_user_value(store, sid, "study", "enrollment", None, ids=[prop.id])
    assert _prop(store, sid, "study.enrollment").state == "OPEN"

    sg.settle_by_user_value(store, sid, "study", "enrollment", 18)
    sg.restore_states(store, before)
    assert _prop(store, sid, "study.enrollment").state == "OPEN"


def test_only_open_proposals_of_that_field_are_settled(imported):
    store, sid = imported
    assert sg.settle_by_user_value(store, sid, "study", "enrollment", None) == {}
    assert sg.settle_by_user_value(store, sid, "study", "acronym", "X") == {}
    sg.reject(store, _prop(store, sid, "study.enrollment").id)
    assert sg.settle_by_user_value(store, sid, "study", "enrollment", 18) == {}
    assert _prop(store, sid, "study.enrollment").state == "REJECTED"


def test_same_value():
    assert sg.same_value(18, 18.0) and sg.same_value(["PHASE2", "PHASE1"], ["PHASE1", "PHASE2"])
    assert sg.same_value("Aged  18 to 65\n years", "Aged 18 to 65 years")
    assert not sg.same_value("18 Years", "19 Years") and not sg.same_value(18, 19)


def test_accepting_a_criterion_already_listed_is_refused(imported):
    store, sid = imported
    crit = next(p for p in ss.suggestions(store, sid, "OPEN") if p.path.startswith("criteria[")
                and "ECOG" in p.value["text"])
    store.add_row(sid, "criterion", {"kind": "INCLUSION", "text": "  " + crit.value["text"].replace(" ", "  ") + " "})
    with pytest.raises(sg.DuplicateCriterion, match="already listed"):
        sg.accept(store, crit.id)
    assert len(store.get_study(sid).criteria) == 1
    assert ss.get_suggestion(store, crit.id).state == "OPEN"
    other = next(p for p in ss.suggestions(store, sid, "OPEN") if p.path.startswith("criteria[")
                 and "hepatitis" in p.value["text"])
    sg.accept(store, other.id)  # a different criterion goes in as before
    assert len(store.get_study(sid).criteria) == 2
