"""Review marks, query threads, workflow status: each change in one audited transaction."""
import pytest

from abstractor.errors import InvalidValue, StoreError
from abstractor.review import workflow
from abstractor.storage import review_ops as ro
from abstractor.storage.entities import Target
from models.enums import AbstractionStatus as S, ReviewState

from tests.review.fixture import study_a


@pytest.fixture
def sid(store):
    return store.add_study(study_a())


def _events(store, sid, origin="review"):
    return [e for e in store.audit_events(sid) if e["origin"] == origin]


def test_mark_field_and_row_by_path_and_by_target(store, sid):
    ro.verify(store, sid, "study.phases")
    ro.set_review(store, sid, "criteria[3]", ReviewState.VERIFIED)
    crit_id = store.get_study(sid).criteria[2].id
    ro.set_review(store, sid, ("criterion", crit_id, "text"), "QUERIED")
    ro.set_review(store, sid, Target("study", sid, "enrollment"), ReviewState.UNCHECKED)
    review = {e.field: e.status for e in store.get_study(sid).review}
    assert review == {"study.phases": ReviewState.VERIFIED, "criteria[3]": ReviewState.VERIFIED,
                      "criteria[2].text": ReviewState.QUERIED, "study.enrollment": ReviewState.UNCHECKED}
    # unchecked -> unchecked is no change: three audit events, not four
    assert len(_events(store, sid)) == 3


def test_marks_follow_the_row_when_rows_move(store, sid):
    ro.verify(store, sid, "criteria[4]")
    row_id = store.get_study(sid).criteria[4].id
    store.move_row(sid, "criterion", row_id, 0)
    assert [e.field for e in store.get_study(sid).review] == ["criteria[0]"]


def test_query_answer_and_open_query_filters(store, sid):
    other = store.add_study(study_a().model_copy(update={"id": None}))
    store.user = "rita"
    ro.query(store, sid, "dose_levels[1].unit", "cells or cells/kg?")
    (q,) = ro.open_queries(store, sid)
    assert q.path == "dose_levels[1].unit" and not q.answered and q.updated_by == "rita"
    store.user = "ana"
    ro.answer(store, sid, "dose_levels[1].unit", "cells/kg, see page 3")
    (q,) = ro.open_queries(store, sid)
    assert q.answered and [c.author for c in q.comments] == ["rita", "ana"]
    assert ro.studies_with_open_queries(store) == {sid: 1}
    assert [r.id for r in ro.list_studies(store, with_open_queries=True)] == [sid]
    assert [r.id for r in ro.list_studies(store, with_open_queries=False)] == [other]
    store.user = "rita"
    ro.verify(store, sid, "dose_levels[1].unit")
    assert ro.open_queries(store, sid) == [] and ro.studies_with_open_queries(store) == {}
    events = [(e["user"], e["field"], e["action"]) for e in reversed(_events(store, sid))]
    assert events == [("rita", "unit#review", "update"), ("rita", "unit#comment", "create"),
                      ("ana", "unit#comment", "create"), ("rita", "unit#review", "update")]


def test_bad_targets_are_messages(store, sid):
    with pytest.raises(InvalidValue, match="no item 9"):
        ro.verify(store, sid, "criteria[9]")
    with pytest.raises(InvalidValue):
        ro.verify(store, sid, "not a path!")
    with pytest.raises(InvalidValue):
        ro.query(store, sid, "study.phases", "   ")
    with pytest.raises(StoreError):
        ro.verify(store, "no-such-study", "study.phases")
    assert _events(store, sid) == []


def test_status_moves_along_the_workflow_and_is_audited(store, sid):
    assert workflow.allowed_statuses(S.IN_PROGRESS) == (S.SUBMITTED,)
    for new in (S.SUBMITTED, S.IN_REVIEW, S.RETURNED, S.SUBMITTED, S.IN_REVIEW, S.APPROVED):
        change = workflow.set_status(store, sid, new)
        assert change.new == new.value
    assert store.get_study(sid).status == S.APPROVED
    trail = [(e["old"], e["new"]) for e in reversed(_events(store, sid)) if e["field"] == "status"]
    assert trail[0] == ('"IN_PROGRESS"', '"SUBMITTED"') and trail[-1] == ('"IN_REVIEW"', '"APPROVED"')
    assert [r.id for r in ro.list_studies(store, status="APPROVED")] == [sid]


def test_refused_moves_change_nothing(store, sid):
    with pytest.raises(workflow.TransitionNotAllowed, match="IN_PROGRESS cannot become APPROVED"):
        workflow.set_status(store, sid, S.APPROVED)
    workflow.set_status(store, sid, S.SUBMITTED)
    workflow.set_status(store, sid, S.IN_REVIEW)
    ro.query(store, sid, "study.enrollment", "18 or 24?")
    with pytest.raises(workflow.TransitionNotAllowed, match="1 open query"):
        workflow.set_status(store, sid, S.APPROVED)
    assert store.get_study(sid).status == S.IN_REVIEW
    workflow.set_status(store, sid, S.RETURNED, comment="please check the enrollment")
    assert store.get_study(sid).status == S.RETURNED
    assert workflow.set_status(store, sid, S.SUBMITTED).old == "RETURNED"


def test_review_travels_in_the_json_form(store, sid):
    ro.query(store, sid, "criteria[0]", "diagnosis or disease?")
    ab = store.get_study(sid)
    copy = ab.model_copy(update={"id": None})
    for item in copy.criteria + copy.outcomes + copy.dose_levels + copy.arms + copy.interventions + copy.study.sites:
        item.id = None
    new = store.add_study(copy)
    (q,) = ro.open_queries(store, new)
    assert q.path == "criteria[0]" and q.comments[0].text == "diagnosis or disease?"


def test_whose_turn_survives_a_round_trip_and_a_requery(store, sid):
    store.user = "rita"
    ro.query(store, sid, "study.enrollment", "18?")
    store.user = "ana"
    ro.answer(store, sid, "study.enrollment", "yes, 18")
    store.user = "rita"
    ro.query(store, sid, "study.enrollment", "the table says 20")
    (q,) = ro.open_queries(store, sid)
    assert q.raised_by == "rita" and not q.answered
    store.user = "ana"
    ro.answer(store, sid, "study.enrollment", "20 includes the run-in")
    # as read back from a workbook imported by someone else: the marker is the importer
    q = ro.open_queries(store, sid)[0]
    q.updated_by = "importer"
    assert q.raised_by == "rita" and q.answered
