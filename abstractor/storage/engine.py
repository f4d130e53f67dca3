"""Opening a database: the one place that knows the default backend is SQLite.

Opening checks before it changes anything: a file that is not a database, is
damaged, belongs to another program or to a newer version is refused with a
message; an older version is copied aside and then migrated.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from abstractor import APP_NAME
from abstractor.errors import StoreBusy, StoreError

# Version 1: the first release.  Version 2 added per-outcome parsed durations
# and criterion thresholds (additive, handled by _add_missing_columns).
SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 3.0
SQLITE_HEADER = b"SQLite format 3\x00"
QUICK_CHECK_MAX = 8 * 1024 * 1024


def sqlite_url(path: str | Path) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def database_label(url: str) -> str:
    """What to call the database in messages: the file path for SQLite."""
    u = make_url(url)
    return u.database or "(in memory)" if u.get_backend_name() == "sqlite" else u.render_as_string(hide_password=True)


def open_engine(url: str) -> tuple[Engine, Optional[str]]:
    """Check, migrate if needed, and return a ready engine for ``url`` and, when
    the file was upgraded, a sentence saying so and where the old copy is."""
    u = make_url(url)
    label = database_label(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        path = Path(u.database)
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a database file")
        _precheck_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = _make_engine(url)
    try:
        notice = _prepare_schema(engine, label)
    except StoreError:
        engine.dispose()
        raise
    except OperationalError as exc:
        engine.dispose()
        raise translate(exc, label) from exc
    except DatabaseError as exc:
        engine.dispose()
        raise StoreError(f"{label}: the database file is damaged ({exc.orig})") from exc
    return engine, notice


def _make_engine(url: str) -> Engine:
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # We issue BEGIN ourselves (below), so writers can take the write lock
        # up front with BEGIN IMMEDIATE and wait on a busy file instead of failing.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # a committed edit survives a power cut
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _precheck_sqlite_file(path: Path) -> None:
    """Refuse a file that is not a SQLite database or is damaged, read-only."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror})") from exc
    if header != SQLITE_HEADER:
        raise StoreError(f"{path}: is not a database file of this program (not SQLite)")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            # The full check reads every page (~1 ms per MB): do it up front for
            # files that open in a blink anyway; a larger file's damage is found
            # where it is read, and reported the same way (translate()).
            row = con.execute("PRAGMA quick_check(1)").fetchone() if path.stat().st_size <= QUICK_CHECK_MAX else None
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusy(f"{path}: the database is busy (another program is writing to it); try again") from exc
        raise StoreError(f"{path}: the database file is damaged ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: the database file is damaged ({exc})") from exc
    if row and row[0] != "ok":
        raise StoreError(f"{path}: the database file is damaged ({row[0]})")
    # Decide here, read-only: opening the engine switches the file to WAL mode.
    if tables:
        check_version(tables, meta, str(path))


def _prepare_schema(engine: Engine, label: str) -> Optional[str]:
    insp = inspect(engine)
    tables = set(insp.get_table_names())
    if not tables:
        with engine.connect().execution_options(write=True) as conn, conn.begin():
            SQLModel.metadata.create_all(conn)
            conn.execute(
                models.tables.Meta.__table__.insert(),
                [{"key": "application", "value": APP_NAME}, {"key": "schema_version", "value": str(SCHEMA_VERSION)}],
            )
        return None
    meta = {}
    if "meta" in tables:
        with engine.connect() as conn:
            meta = dict(conn.execute(text("SELECT key, value FROM meta")).all())
    version = check_version(tables, meta, label)
    if version < SCHEMA_VERSION:
        return _migrate(engine, label, version)
    return None


def check_version(tables: set[str], meta: dict[str, str], label: str) -> int:
    """The file's schema version, or StoreError if it is not ours or too new."""
    if "meta" not in tables:
        raise StoreError(f"{label}: belongs to another program (it has tables but none of this program's)")
    if meta.get("application") != APP_NAME:
        raise StoreError(f"{label}: belongs to another program ({meta.get('application') or 'unknown'})")
    try:
        version = int(meta.get("schema_version", "0"))
    except ValueError:
        raise StoreError(f"{label}: its schema version {meta.get('schema_version')!r} is not readable") from None
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{label}: was written by a newer version of {APP_NAME} (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Update the program to open it."
        )
    return version


def _migrate(engine: Engine, label: str, version: int) -> str:
    """Back the file up beside itself, then bring the schema up to date in one transaction."""
    backup = backup_copy(engine, f"schema{version}-backup")
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        SQLModel.metadata.create_all(conn)  # new tables
        _add_missing_columns(conn)
        conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(SCHEMA_VERSION)})
    kept = f"; the old file was copied to {backup}" if backup else ""
    return f"{label}: upgraded from schema {version} to {SCHEMA_VERSION}{kept}"


def _add_missing_columns(conn) -> None:
    """Additive migration: every column the tables define but the file lacks."""
    insp = inspect(conn)
    for table in SQLModel.metadata.sorted_tables:
        have = {c["name"] for c in insp.get_columns(table.name)}
        for col in table.columns:
            if col.name in have:
                continue
            ddl = col.type.compile(dialect=conn.dialect)
            default = ""
            if col.default is not None and getattr(col.default, "is_scalar", False):
                default = f" DEFAULT {_sql_literal(col.default.arg)}"
            elif not col.nullable:
                default = " DEFAULT ''"
            conn.execute(text(f'ALTER TABLE "{table.name}" ADD COLUMN "{col.name}" {ddl}{default}'))


def _sql_literal(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def backup_copy(engine: Engine, tag: str) -> Path | None:
    """A consistent copy of a SQLite file beside it; None for other backends."""
    if not is_sqlite(engine) or not engine.url.database or engine.url.database == ":memory:":
        return None
    src = Path(engine.url.database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dst = src.with_name(f"{src.stem}.{tag}-{stamp}{src.suffix or '.db'}")
    raw = sqlite3.connect(str(src), timeout=BUSY_TIMEOUT_S)
    try:
        out = sqlite3.connect(str(dst))
        with out:
            raw.backup(out)
        out.close()
    finally:
        raw.close()
    return dst


def translate(exc: Exception, label: str) -> StoreError:
    """Turn a driver error into a message a person can act on."""
    msg = str(getattr(exc, "orig", exc))
    if "locked" in msg or "busy" in msg:
        return StoreBusy(f"{label}: the database is busy (another program is writing to it); try again in a moment")
    if "malformed" in msg or "not a database" in msg:
        return StoreError(f"{label}: the database file is damaged ({msg})")
    if "readonly" in msg or "read-only" in msg:
        return StoreError(f"{label}: the database file is read-only")
    if "unable to open" in msg:
        return StoreError(f"{label}: cannot open the database file (check the folder exists and is writable)")
    return StoreError(f"{label}: {msg}")
