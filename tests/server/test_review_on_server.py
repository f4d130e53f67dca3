"""Taking back a query's question, re-run on a team server (see test_core_on_server.py)."""
from tests.review.test_review_comment_delete import *  # noqa: F401,F403


def test_these_tests_run_on_the_server(store):
    assert store.engine.dialect.name == "postgresql"
