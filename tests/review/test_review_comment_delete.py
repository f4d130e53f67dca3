"""Taking back the question a query wrote (the window's undo of a query), audited."""
import pytest

from abstractor.errors import StoreError
from abstractor.storage import review_ops
from models.enums import ReviewState
from tests.core.sample import sample_study


@pytest.fixture
def sid(store):
    return store.add_study(sample_study())


def test_a_query_written_with_a_known_id_can_be_taken_back(store, sid):
    cid = review_ops.new_comment_id()
    review_ops.set_review(store, sid, "study.enrollment", ReviewState.QUERIED, "24 or 18?", comment_id=cid)
    [info] = [i for i in review_ops.open_queries(store, sid) if i.path == "study.enrollment"]
    assert [c.text for c in info.comments] == ["24 or 18?"]

    change = review_ops.delete_comment(store, sid, cid)
    assert change.old == "24 or 18?" and change.new is None
    review_ops.set_review(store, sid, "study.enrollment", ReviewState.UNCHECKED)
    assert all(i.path != "study.enrollment" for i in review_ops.field_reviews(store, sid) if i.comments)
    last = store.audit_events(sid)[1]
    assert (last["field"], last["action"], last["origin"]) == ("enrollment#comment", "delete", "review")
    assert '24 or 18?' in last["old"]

    # Redo writes the same question again under the same id; a second delete of a gone one is a message.
    review_ops.set_review(store, sid, "study.enrollment", ReviewState.QUERIED, "24 or 18?", comment_id=cid)
    review_ops.delete_comment(store, sid, cid)
    with pytest.raises(StoreError, match="no longer there"):
        review_ops.delete_comment(store, sid, cid)


def test_other_comments_in_the_thread_stay(store, sid):
    review_ops.query(store, sid, "study.phases", "Phase 1 only?")
    cid = review_ops.new_comment_id()
    review_ops.set_review(store, sid, "study.phases", ReviewState.QUERIED, "And phase 2?", comment_id=cid)
    review_ops.delete_comment(store, sid, cid)
    [info] = [i for i in review_ops.field_reviews(store, sid) if i.path == "study.phases"]
    assert [c.text for c in info.comments] == ["1 or 1/2?", "Phase 1 only?"]
