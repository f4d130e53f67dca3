"""Opening a database: the one place that knows the default backend is SQLite.

Opening checks before it changes anything: a file that is not a database, is
damaged, belongs to another program or to a newer version is refused with a
message; an older version is copied aside and then migrated with Alembic
(abstractor/storage/migrations, docs/MIGRATIONS.md).
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import DatabaseError
import sqlalchemy.dialects.sqlite  # noqa: F401 - the default engine's dialect, loaded with the module (the
# window imports this module on its start-up thread; create_engine would otherwise load it on the GUI thread)
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables on SQLModel.metadata)
from abstractor import APP_NAME
from abstractor.errors import PasswordNeeded, StoreBusy, StoreError
from abstractor.storage import migrations

# meta.schema_version: 1 and 2 were written before Alembic; from 3 on the schema's
# revision is in alembic_version and releases before Alembic refuse the file as newer.
SCHEMA_VERSION = migrations.ALEMBIC_SCHEMA_VERSION
BUSY_TIMEOUT_S = 3.0
_EFFECTIVE = os.access in os.supports_effective_ids
SQLITE_HEADER = b"SQLite format 3\x00"
QUICK_CHECK_MAX = 8 * 1024 * 1024


def sqlite_url(path: str | Path) -> URL:
    """A URL object, never a string: '#', '?' and '%' in a file name stay part of the name."""
    return URL.create(drivername="sqlite", database=str(Path(path).expanduser().resolve()))


SERVER_BACKENDS = ("postgresql",)


def database_url(text: str) -> URL:
    """What --db names: a file path (SQLite), or postgresql://user@host:port/dbname for a
    team server.  A password is refused here: libpq reads it from ~/.pgpass or
    PGPASSWORD, so it never sits in shell history, process lists or messages."""
    if "://" not in text:
        return sqlite_url(text)
    try:
        u = make_url(text)
    except Exception:
        raise StoreError(f"{text}: is not a database address (postgresql://user@host:port/dbname)") from None
    backend = u.get_backend_name()
    if backend == "sqlite":
        return sqlite_url(u.database) if u.database else u
    if backend not in SERVER_BACKENDS:
        raise StoreError(f"{u.render_as_string(hide_password=True)}: only SQLite files and "
                         "postgresql:// servers are supported")
    if u.password is not None:
        raise StoreError(f"{u.render_as_string(hide_password=True)}: do not put the password in the address; "
                         "put it in ~/.pgpass or the PGPASSWORD environment variable")
    if u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    return u


def login_user(engine: Engine) -> Optional[str]:
    """The server's name for who is connected (None for SQLite, which has no logins)."""
    if is_sqlite(engine):
        return None
    with engine.connect() as conn:
        return conn.execute(text("SELECT current_user")).scalar()


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def database_label(url: str | URL) -> str:
    """What to call the database in messages: the file path for SQLite."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return u.database or "(in memory)"
    # A password typed into the window is never shown (URL.set ignores None: build it anew).
    return URL.create(u.drivername, u.username, None, u.host, u.port, u.database, u.query).render_as_string()


@dataclass
class _State:
    """What a file holds, read before anything is changed."""

    tables: set[str]
    meta: dict[str, str]
    revision: Optional[str]  # from alembic_version
    outcome_columns: set[str]


def open_engine(url: str | URL, *, must_exist: bool = False, read_only: Optional[bool] = False
                ) -> tuple[Engine, Optional[str]]:
    """Check, migrate if needed, and return a ready engine for ``url`` and, when
    the file was upgraded, a sentence saying so and where the old copy is.

    ``must_exist``: refuse a missing file instead of creating it (read commands).
    ``read_only``: never write; an older schema is refused, not upgraded.  None:
    read-only only when the file or its folder cannot be written (read commands).
    """
    u = make_url(url)
    label = database_label(u)
    immutable = False
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        path = Path(u.database)
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a database file")
        if (must_exist or read_only is not False) and not path.exists():
            raise StoreError(f"{path}: no such database (check the name and the folder)")
        if read_only is None:
            read_only = not (_writable(path) and _writable(path.parent))
        state, immutable = _precheck_sqlite_file(path)
        if state is not None and state.tables:
            check_version(state, label)
        if read_only:
            if state is None or not state.tables:
                raise StoreError(f"{path}: is empty, not a database of {APP_NAME}")
        else:
            _check_writable(path)
    read_only = bool(read_only)
    engine = _make_engine(u, read_only=read_only, immutable=immutable)
    try:
        notice = _check_schema(engine, label) if read_only else _prepare_schema(engine, label)
    except StoreError:
        engine.dispose()
        raise
    except DatabaseError as exc:  # OperationalError included
        engine.dispose()
        raise translate(exc, label, unknown="the database file is damaged ({})") from exc
    return engine, notice


def _check_writable(path: Path) -> None:
    """SQLite writes a journal beside the file: the file and its folder must be writable."""
    folder = path.parent
    if path.exists():
        if not _writable(path):
            raise StoreError(f"{path}: the database file is read-only; it can be exported or compared, not changed")
        if not _writable(folder):
            raise StoreError(f"{path}: the database is read-only (its folder {folder} cannot be written); "
                             "it can be exported or compared, not changed")
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the folder {folder} ({exc.strerror})") from None
    if not _writable(folder):
        raise StoreError(f"{path}: cannot create the database (the folder {folder} cannot be written)")


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK, effective_ids=_EFFECTIVE)


def _file_uri(path: Path, immutable: bool = False) -> str:
    # as_uri() percent-encodes '#', '?', '%', spaces and non-ASCII letters.
    return path.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")


def _connect_ro(path: Path, immutable: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(_file_uri(path, immutable), uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)


def _make_engine(u: URL, read_only: bool = False, immutable: bool = False) -> Engine:
    if u.get_backend_name() != "sqlite":
        return create_engine(u, pool_pre_ping=True)
    if read_only:
        path = Path(u.database)
        engine = create_engine(u, creator=lambda: _connect_ro(path, immutable))
    else:
        engine = create_engine(u, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # We issue BEGIN ourselves (below), so writers can take the write lock
        # up front with BEGIN IMMEDIATE and wait on a busy file instead of failing.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            # A new file gets 8 KB pages (an existing one keeps its own: the pragma does nothing there):
            # documents' texts span fewer overflow pages and a workbook import's inserts take ~6% less time.
            cur.execute("PRAGMA page_size=8192")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")  # a committed edit survives a power cut
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = conn.get_execution_options().get("write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _precheck_sqlite_file(path: Path) -> tuple[Optional[_State], bool]:
    """Refuse a file that is not a SQLite database or is damaged, reading it
    read-only; return what it holds and whether it must be opened immutable
    (a WAL file in a folder we cannot write: SQLite cannot make its -shm there)."""
    if not path.exists() or path.stat().st_size == 0:
        return None, False
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: cannot be read ({exc.strerror})") from exc
    if header != SQLITE_HEADER:
        raise StoreError(f"{path}: is not a database file of this program (not SQLite)")
    immutable = False
    try:
        try:
            con = _connect_ro(path)
            con.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        except sqlite3.OperationalError as exc:
            # SQLite says "unable to open" or "attempt to write a readonly database"
            if not ("unable to open" in str(exc) or "readonly" in str(exc)) or _writable(path.parent):
                raise
            con.close()
            immutable = True
            con = _connect_ro(path, immutable=True)
        try:
            state = _read_state(con, path.stat().st_size <= QUICK_CHECK_MAX)
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreBusy(f"{path}: the database is busy (another program is writing to it); try again") from exc
        if "unable to open" in str(exc):
            raise StoreError(f"{path}: cannot be opened for reading ({exc})") from exc
        raise StoreError(f"{path}: the database file is damaged ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: the database file is damaged ({exc})") from exc
    return state, immutable


def _read_state(con: sqlite3.Connection, quick_check: bool) -> _State:
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    # The full check reads every page (~1 ms per MB): do it up front for files
    # that open in a blink anyway; a larger file's damage is found where it is
    # read, and reported the same way (translate()).
    row = con.execute("PRAGMA quick_check(1)").fetchone() if quick_check else None
    if row and row[0] != "ok":
        raise sqlite3.DatabaseError(row[0])
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
    rev = con.execute("SELECT version_num FROM alembic_version").fetchone() if "alembic_version" in tables else None
    cols = {r[1] for r in con.execute("PRAGMA table_info(outcome)")} if "outcome" in tables else set()
    return _State(tables, meta, rev[0] if rev else None, cols)


def _engine_state(engine: Engine) -> _State:
    insp = inspect(engine)
    tables = set(insp.get_table_names())
    meta, rev = {}, None
    with engine.connect() as conn:
        if "meta" in tables:
            meta = dict(conn.execute(text("SELECT key, value FROM meta")).all())
        if "alembic_version" in tables:
            rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    cols = {c["name"] for c in insp.get_columns("outcome")} if "outcome" in tables else set()
    return _State(tables, meta, rev, cols)


def check_version(state: _State, label: str) -> tuple[str, str]:
    """The revision the file's schema is at and how to call it in a notice, or
    StoreError if the file is not ours, damaged or written by a newer version."""
    if "meta" not in state.tables:
        raise StoreError(f"{label}: belongs to another program (it has tables but none of this program's)")
    meta = state.meta
    if meta.get("application") != APP_NAME:
        raise StoreError(f"{label}: belongs to another program ({meta.get('application') or 'unknown'})")
    raw = meta.get("schema_version")
    try:
        version = int(raw) if raw is not None else None
    except ValueError:
        raise StoreError(f"{label}: its schema version {raw!r} is not readable") from None
    if state.revision is not None:
        if not migrations.is_known(state.revision):
            raise StoreError(f"{label}: was written by a newer version of {APP_NAME} (schema revision "
                             f"{state.revision}; this version knows up to {migrations.head()}). "
                             "Update the program to open it.")
        return state.revision, f"schema revision {state.revision}"
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(f"{label}: was written by a newer version of {APP_NAME} (schema {version}; "
                         f"this version reads up to {SCHEMA_VERSION}). Update the program to open it.")
    if version == SCHEMA_VERSION:
        raise StoreError(f"{label}: the database file is damaged (its schema revision is missing)")
    if version is None:
        # No version row (issue 12): the columns tell schema 1 from schema 2.
        version = 2 if "time_frame_days" in state.outcome_columns else 1
    if version not in migrations.LEGACY_REVISIONS:
        raise StoreError(f"{label}: its schema version {raw!r} is not one this program knows")
    return migrations.LEGACY_REVISIONS[version], f"schema {version}"


def _check_schema(engine: Engine, label: str) -> None:
    """Read-only: the file must already be at this version's schema."""
    state = _engine_state(engine)
    revision, name = check_version(state, label)
    if revision != migrations.head():
        raise StoreError(f"{label}: was written by an older version ({name}) and must be upgraded first, "
                         "which cannot be done read-only; open it once where it can be written")
    return None


def _prepare_schema(engine: Engine, label: str) -> Optional[str]:
    state = _engine_state(engine)
    if not state.tables:
        _create_new(engine)
        return None
    revision, name = check_version(state, label)
    if revision == migrations.head():
        # Record what is already true (a legacy file at the head schema, a lost
        # marker): nothing changes shape, so nothing to back up.
        if state.revision is None or state.meta.get("schema_version") != str(SCHEMA_VERSION):
            with engine.connect().execution_options(write=True) as conn, conn.begin():
                if migrations.current(conn) is None:
                    migrations.stamp(conn, revision)
                _set_marker(conn)
        return None
    return _migrate(engine, label, revision, name, legacy=state.revision is None)


def _create_new(engine: Engine) -> None:
    """A new database: the tables as the models describe them, stamped with the head revision."""
    with engine.connect().execution_options(write=True) as conn, conn.begin():
        if not is_sqlite(engine):  # a server: one creator at a time (SQLite: BEGIN IMMEDIATE)
            conn.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
        if inspect(conn).get_table_names():  # another process made it while we waited for the lock
            return
        SQLModel.metadata.create_all(conn)
        conn.execute(models.tables.Meta.__table__.insert(),
                     [{"key": "application", "value": APP_NAME},
                      {"key": "schema_version", "value": str(SCHEMA_VERSION)}])
        migrations.stamp_new(conn)


def _set_marker(conn) -> None:
    meta = models.tables.Meta.__table__
    conn.execute(meta.delete().where(meta.c.key == "schema_version"))
    conn.execute(meta.insert(), [{"key": "schema_version", "value": str(SCHEMA_VERSION)}])


def _migrate(engine: Engine, label: str, revision: str, name: str, legacy: bool) -> str:
    """Back the file up beside itself, then run the revisions in one transaction."""
    tag = name.replace("schema revision ", "schema-").replace("schema ", "schema")
    backup = backup_copy(engine, f"{tag}-backup")
    sqlite = is_sqlite(engine)
    with engine.connect().execution_options(write=True) as conn:
        if sqlite:
            # Batch mode copies a table and drops the old one: with foreign keys
            # on, that drop would cascade to the child rows.  (Outside a transaction.)
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if not sqlite:  # one upgrader at a time on a server
                    conn.execute(text("SELECT pg_advisory_xact_lock(4242001)"))
                now = migrations.current(conn)  # another process may have upgraded it while we waited
                if legacy and now is None:
                    migrations.stamp(conn, revision)
                if now != migrations.head():
                    migrations.upgrade(conn, "head")
                _set_marker(conn)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise StoreError(f"{label}: the upgrade would break links between rows; nothing was changed")
        except (StoreError, DatabaseError):
            raise
        except Exception as exc:  # a revision that fails (a bug): a message, not a traceback
            raise StoreError(f"{label}: the upgrade to this version's schema failed ({type(exc).__name__}: "
                             f"{exc}); nothing was changed") from exc
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    kept = f"; the old file was copied to {backup}" if backup else ""
    return f"{label}: upgraded from {name} to this version's schema ({migrations.head()}){kept}"


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


def translate(exc: Exception, label: str, unknown: str = "{}") -> StoreError:
    """Turn a driver error into a message a person can act on (``unknown``: how to
    word an error of no kind known here)."""
    msg = str(getattr(exc, "orig", exc))
    if "deadlock detected" in msg or "lock timeout" in msg:
        return StoreBusy(f"{label}: the server is busy (other clients hold what this needs); try again in a moment")
    if "locked" in msg or "busy" in msg:
        return StoreBusy(f"{label}: the database is busy (another program is writing to it); try again in a moment")
    if "malformed" in msg or "not a database" in msg:
        return StoreError(f"{label}: the database file is damaged ({msg})")
    if "readonly" in msg or "read-only" in msg:
        return StoreError(f"{label}: the database is read-only (the file or its folder cannot be written)")
    if "permission denied" in msg or "row-level security" in msg:
        return StoreError(f"{label}: the server refuses this to your role ({msg.strip().splitlines()[0]})")
    if "password authentication failed" in msg or "no password supplied" in msg:
        return PasswordNeeded(f"{label}: the server did not accept the login (put the password in ~/.pgpass "
                              "or PGPASSWORD)", wrong="authentication failed" in msg)
    if "connection" in msg and ("refused" in msg or "failed" in msg or "timeout" in msg):
        return StoreError(f"{label}: cannot connect to the server ({msg.strip().splitlines()[-1]})")
    if "unable to open" in msg:
        return StoreError(f"{label}: cannot open the database file (check the folder exists and is writable)")
    return StoreError(f"{label}: {unknown.format(msg)}")
