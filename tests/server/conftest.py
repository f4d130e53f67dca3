"""Team-server fixtures: a fresh database on the session's throwaway PostgreSQL (tests/pg.py)."""
import pytest

from tests import pg


@pytest.fixture
def server():
    return pg.server()


@pytest.fixture
def pg_url(server):
    """An empty database on the test server, as its superuser (the administrator)."""
    return server.url(server.new_database())


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request, tmp_path):
    """The same test on a database file and on a team server."""
    if request.param == "sqlite":
        from abstractor.storage.engine import sqlite_url

        return sqlite_url(tmp_path / "study.db").render_as_string()
    s = pg.server()
    return s.url(s.new_database())


@pytest.fixture
def store(server):
    """Here a ``store`` is on the server: the core tests re-run in this folder (test_*_on_server.py)
    get it in place of tests/conftest.py's database file."""
    from abstractor.storage import Store

    st = Store(server.url(server.new_database()), user="tester")
    yield st
    st.close()
