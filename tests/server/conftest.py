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


def init_with_two_studies(pg_url, tmp_path, users: dict[str, str]) -> str:
    """`server init`, two invented pages imported with suggestions accepted (NCT09990001 "Invented
    trial A", NCT09990002 "Invented trial B"), and ``users`` (name -> role) added; returns the
    database name."""
    from sqlalchemy.engine import make_url

    from abstractor.cli import main

    assert main(["server", "init", "--db", pg_url]) == 0
    files = []
    for name, nct in (("a", "NCT09990001"), ("b", "NCT09990002")):
        f = tmp_path / f"{name}.txt"
        f.write_text(f"Registration Number: {nct}\nTitle: Invented trial {name.upper()}\n", encoding="utf-8")
        files.append(str(f))
    assert main(["import", *files, "--accept-suggestions", "--db", pg_url]) == 0
    for user, role in users.items():
        assert main(["server", "add-user", user, "--role", role, "--db", pg_url]) == 0
    return make_url(pg_url).database
