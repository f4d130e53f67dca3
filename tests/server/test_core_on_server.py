"""The storage, review and operation tests that take a ``store`` run again here on a team
server: the same assertions, a PostgreSQL store (tests/pg.py) in place of the file.
Tests that open the SQLite file itself (sqlite3, db_path) are left to tests/core.
(``store`` comes from tests/server/conftest.py; modules whose fixtures share a name go in
separate files.)"""
from tests.core.conftest import imported  # noqa: F401  (fixture, on the server store)
from tests.core.test_batch_accept import *  # noqa: F401,F403
from tests.core.test_done_count import *  # noqa: F401,F403
from tests.core.test_import import *  # noqa: F401,F403
from tests.core.test_list_field_proposals import *  # noqa: F401,F403
from tests.core.test_suggestions_settle import *  # noqa: F401,F403
from tests.review.test_adjudicate import *  # noqa: F401,F403
from tests.core.test_study_removal import *  # noqa: F401,F403
from tests.core.test_suggestions import *  # noqa: F401,F403
from tests.review.test_review_ops import *  # noqa: F401,F403


def test_these_tests_run_on_the_server(store):
    assert store.engine.dialect.name == "postgresql"
