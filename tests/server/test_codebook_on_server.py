"""The codebook tests that take a ``store`` (issue 15) run again on a team server: codebook
versions, extra values in JSON columns, their edits, migration and proposals on PostgreSQL."""
from tests.core.test_codebook_import import *  # noqa: F401,F403
from tests.core.test_codebook_storage import *  # noqa: F401,F403
from tests.core.test_codebook_suggestions import *  # noqa: F401,F403


def test_these_tests_run_on_the_server(store):
    assert store.engine.dialect.name == "postgresql"
