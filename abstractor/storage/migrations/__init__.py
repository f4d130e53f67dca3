"""Alembic migrations, configured here in code: no alembic.ini is needed at run time.

``versions/`` holds one revision per schema change; a database records its
revision in the ``alembic_version`` table.  docs/MIGRATIONS.md says how to add one.
Alembic itself is imported only when a file is created, stamped or upgraded:
opening a current file (the usual case) costs no import (~0.1 s at start-up).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy.engine import Connection

HERE = Path(__file__).resolve().parent

# The newest revision in versions/ (tests/core/test_migrations.py checks it is
# Alembic's head): a new revision updates it.
HEAD = "0007_redundant_indexes"
# Databases written before Alembic carried meta.schema_version 1 or 2; each maps to
# the revision that describes exactly that schema.
LEGACY_REVISIONS = {1: "0001_schema1", 2: "0002_schema2"}
# What meta.schema_version says from Alembic on: releases before it read it as
# "newer than mine" and refuse the file instead of misreading it.
ALEMBIC_SCHEMA_VERSION = 3


def config(connection: Optional["Connection"] = None) -> "Config":
    from alembic.config import Config

    cfg = Config()
    # ConfigParser interpolation: a '%' in the install path must be doubled.
    cfg.set_main_option("script_location", str(HERE).replace("%", "%%"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@lru_cache(maxsize=1)
def scripts() -> "ScriptDirectory":
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(config())


def head() -> str:
    return HEAD


def is_known(revision: str) -> bool:
    if revision == HEAD:
        return True
    try:
        return scripts().get_revision(revision) is not None
    except Exception:  # alembic raises several kinds for an unknown or ambiguous id
        return False


def current(conn: "Connection") -> Optional[str]:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def stamp(conn: "Connection", revision: str) -> None:
    """Record ``revision`` without running anything (the schema is already that)."""
    from alembic.runtime.migration import MigrationContext

    MigrationContext.configure(conn).stamp(scripts(), revision)


def stamp_new(conn: "Connection") -> None:
    """Stamp a database just made at the head, without importing Alembic (~0.1 s):
    its version table as Alembic makes it (tests compare the two)."""
    from sqlalchemy import Column, MetaData, PrimaryKeyConstraint, String, Table

    table = Table("alembic_version", MetaData(), Column("version_num", String(32), nullable=False),
                  PrimaryKeyConstraint("version_num", name="alembic_version_pkc"))
    table.create(conn)
    conn.execute(table.insert(), [{"version_num": HEAD}])


def upgrade(conn: "Connection", revision: str = "head") -> None:
    """Run the revisions after the recorded one, in ``conn``'s transaction."""
    from alembic import command

    command.upgrade(config(conn), revision)
