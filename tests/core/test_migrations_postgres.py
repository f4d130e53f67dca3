"""The revisions on PostgreSQL (the team server), on the test suite's throwaway server
(tests/pg.py: skipped where PostgreSQL is not installed, failed under CI=true)."""
import pytest
from sqlalchemy import create_engine

from tests import pg as pg_server


@pytest.fixture
def pg():
    s = pg_server.server()
    engine = create_engine(s.url(s.new_database()))
    yield engine
    engine.dispose()


def test_revisions_run_both_ways_and_agree_with_the_models(pg):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    from abstractor.storage import migrations

    for target in ("head", "base", "head"):
        with pg.begin() as conn:
            (migrations.upgrade(conn, target) if target == "head" else command.downgrade(migrations.config(conn), target))
    with pg.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata) == []


def test_store_creates_imports_once_and_reopens(pg, data_dir):
    from abstractor.importer import import_files
    from abstractor.storage import Store

    page = data_dir / "good" / "page_utf8.txt"
    with Store(pg.url, user="pg") as store:
        assert store.notice is None
        assert [r.outcome for r in import_files(store, [page, page])] == ["imported", "duplicate"]
    with Store(pg.url, user="pg") as store:
        assert store.notice is None and store.count_studies() == 1
