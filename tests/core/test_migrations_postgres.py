"""The revisions on PostgreSQL (the team server), when one is at hand.

Opt-in: ABSTRACTOR_TEST_POSTGRES is the SQLAlchemy URL of a scratch database
whose public schema these tests wipe, e.g.
postgresql+psycopg://postgres@/scratch?host=/tmp/pg&port=55439 (needs psycopg).
"""
import os

import pytest
from sqlalchemy import create_engine, text

URL = os.environ.get("ABSTRACTOR_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not URL, reason="ABSTRACTOR_TEST_POSTGRES is not set (opt-in)")


@pytest.fixture
def pg():
    engine = create_engine(URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
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
    with Store(URL, user="pg") as store:
        assert store.notice is None
        assert [r.outcome for r in import_files(store, [page, page])] == ["imported", "duplicate"]
    with Store(URL, user="pg") as store:
        assert store.notice is None and store.count_studies() == 1
