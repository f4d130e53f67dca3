"""A team server: the roles and rules PostgreSQL itself enforces (not only this program).

Three group roles: abstractors see and edit only the studies assigned to them
(row-level security on every table that hangs from a study); reviewers and admins
see everything; admins also assign.  The audit trail is append-only for everyone
(no UPDATE/DELETE grant, and a trigger that refuses them even to the owner).
Assignments live in the ``team`` schema, beside (not in) the models' tables, so
the Alembic revisions stay the same on SQLite and PostgreSQL.  Everything here is
idempotent: ``server init`` runs it again after an upgrade.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from abstractor.errors import StoreError

ROLES = {"abstractor": "pa_abstractor", "reviewer": "pa_reviewer", "admin": "pa_admin"}
NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# Tables whose rows belong to a study through study_id (RLS: visible when the study is).
_BY_STUDY_ID = ("arm", "condition", "criterion", "dose_level", "field_review", "intervention", "outcome",
                "registry_id", "review_comment", "site", "source_document", "evidence", "suggestion")
# Abstractors read these, others write them: review marks (reviewers) and codebooks (imported by
# a reviewer or an admin; every study's values are checked against them).
_REVIEW_ONLY = ("field_review", "codebook")
_LOCK = 4242001  # the advisory lock engine.py takes to create or upgrade
# init changes tables that clients are using: it waits this long for each lock, never
# indefinitely (a waiting ALTER TABLE would queue every client behind it), then tries again.
LOCK_TIMEOUT_MS = 3000

_SETUP = """
CREATE SCHEMA IF NOT EXISTS team;
CREATE TABLE IF NOT EXISTS team.assignment (
    study_id text NOT NULL REFERENCES public.study(id) ON DELETE CASCADE,
    username text NOT NULL,
    dual boolean NOT NULL DEFAULT false,
    assigned_at timestamptz NOT NULL DEFAULT now(),
    assigned_by text NOT NULL DEFAULT current_user,
    PRIMARY KEY (study_id, username));
CREATE TABLE IF NOT EXISTS team.dual_copy (
    copy_id text PRIMARY KEY REFERENCES public.study(id) ON DELETE CASCADE,
    original_id text NOT NULL REFERENCES public.study(id) ON DELETE CASCADE,
    username text NOT NULL,
    UNIQUE (original_id, username));
-- Blind dual abstraction: another abstractor's copy shows once every copy of that study is
-- submitted.  SECURITY DEFINER (run as the owner, whom row-level security lets through):
-- reading the copies' status from inside the study table's own policy would recurse.
CREATE OR REPLACE FUNCTION team.dual_unblinded(sid text, who name) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM team.dual_copy theirs JOIN team.dual_copy mine
                   ON mine.original_id = theirs.original_id AND mine.username = who
                   WHERE theirs.copy_id = sid)
       AND NOT EXISTS (SELECT 1 FROM team.dual_copy c JOIN public.study s ON s.id = c.copy_id
                       WHERE c.original_id = (SELECT original_id FROM team.dual_copy WHERE copy_id = sid)
                       AND s.status IN ('IN_PROGRESS', 'RETURNED')) $$;
CREATE OR REPLACE FUNCTION team.may_see(sid text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, 'pa_reviewer', 'MEMBER') OR pg_has_role(current_user, 'pa_admin', 'MEMBER')
        OR EXISTS (SELECT 1 FROM team.assignment a WHERE a.study_id = sid AND a.username = current_user)
        OR team.dual_unblinded(sid, current_user) $$;
CREATE OR REPLACE FUNCTION team.append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    RAISE EXCEPTION 'permission denied: the audit trail is append-only (%% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege'; END $$;
-- Live: every committed change to a study or its review tells the listening windows which
-- study changed, so they re-read that one instead of polling.  Any login may LISTEN, so the
-- id goes out hashed (team.change_token): a window recognises the studies it shows and learns
-- nothing of the others.  A new study or a changed assignment says only "list".
CREATE OR REPLACE FUNCTION team.change_token(sid text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to('abstractor:' || sid, 'UTF8')), 'hex') $$;
CREATE OR REPLACE FUNCTION team.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
    IF TG_TABLE_SCHEMA = 'team' OR (TG_TABLE_NAME = 'study' AND TG_OP = 'INSERT') THEN
        PERFORM pg_notify('abstractor_change', 'list');
    ELSE
        PERFORM pg_notify('abstractor_change',
                          team.change_token(COALESCE(to_jsonb(NEW), to_jsonb(OLD)) ->> TG_ARGV[0]));
    END IF;
    RETURN NULL; END $$;
DROP TRIGGER IF EXISTS audit_append_only ON public.audit_event;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON public.audit_event
    FOR EACH ROW EXECUTE FUNCTION team.append_only();
DROP TRIGGER IF EXISTS audit_no_truncate ON public.audit_event;
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON public.audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION team.append_only();
"""


def is_server(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _need_server(conn: Connection) -> None:
    if not is_server(conn):
        raise StoreError("server commands work on a team server (--db postgresql://...), not on a database file")


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def setup(conn: Connection) -> None:
    """Create the group roles, the assignment table, the grants and the row-level policies."""
    _need_server(conn)
    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK})
    conn.exec_driver_sql(f"SET LOCAL lock_timeout = {int(LOCK_TIMEOUT_MS)}")
    for group in ROLES.values():
        if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": group}).first() is None:
            conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
    conn.exec_driver_sql(_SETUP)
    data = [tb.name for tb in SQLModel.metadata.sorted_tables if tb.name not in ("audit_event", "meta")]
    groups = ", ".join(ROLES.values())
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public, team TO {groups}")
    conn.exec_driver_sql(f"GRANT SELECT ON public.meta, public.alembic_version, team.assignment, team.dual_copy "
                         f"TO {groups}")
    conn.exec_driver_sql(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {groups}")
    conn.exec_driver_sql(f"REVOKE ALL ON public.audit_event FROM PUBLIC, {groups}")
    conn.exec_driver_sql(f"GRANT SELECT, INSERT ON public.audit_event TO {groups}")
    tables = ", ".join(f"public.{n}" for n in data)
    conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO pa_reviewer, pa_admin")
    conn.exec_driver_sql("GRANT INSERT, UPDATE, DELETE ON team.assignment, team.dual_copy TO pa_admin")
    read_only = [n for n in _REVIEW_ONLY if n in data]
    edits = ", ".join(f"public.{n}" for n in data if n not in ("study", *read_only))
    conn.exec_driver_sql(f"REVOKE ALL ON {tables} FROM pa_abstractor")
    conn.exec_driver_sql(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {edits} TO pa_abstractor")
    conn.exec_driver_sql("GRANT SELECT, UPDATE ON public.study TO pa_abstractor")
    conn.exec_driver_sql(f"GRANT SELECT ON {', '.join('public.' + n for n in read_only)} TO pa_abstractor")
    rules = {n: "team.may_see(study_id)" for n in _BY_STUDY_ID}
    rules |= {"study": "team.may_see(id)", "escalation": "team.may_see(id)",
              "arm_intervention": "EXISTS (SELECT 1 FROM public.arm WHERE arm.id = arm_id)"}
    for table, rule in rules.items():
        conn.exec_driver_sql(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS team_access ON public.{table}")
        conn.exec_driver_sql(f"CREATE POLICY team_access ON public.{table} USING ({rule}) WITH CHECK ({rule})")
    # Who is assigned what, and whose copy is which: each abstractor her own rows only.
    staff = "pg_has_role(current_user, 'pa_reviewer', 'MEMBER') OR pg_has_role(current_user, 'pa_admin', 'MEMBER')"
    for table, rule in {"team.assignment": f"username = current_user OR {staff}",
                        "team.dual_copy": f"username = current_user OR {staff} OR team.may_see(copy_id)"}.items():
        conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS team_access ON {table}")
        conn.exec_driver_sql(f"CREATE POLICY team_access ON {table} USING ({rule}) WITH CHECK ({rule})")
    _notify_triggers(conn)
    conn.exec_driver_sql("ALTER TABLE public.audit_event ENABLE ROW LEVEL SECURITY")
    for name, sql in {"audit_read": "FOR SELECT USING (study_id IS NULL OR team.may_see(study_id))",
                      "audit_write": 'FOR INSERT WITH CHECK ("user" = current_user)'}.items():
        conn.exec_driver_sql(f"DROP POLICY IF EXISTS {name} ON public.audit_event")
        conn.exec_driver_sql(f"CREATE POLICY {name} ON public.audit_event {sql}")


_NOTIFY_FROM = {"public.study": "id", "public.field_review": "study_id", "public.review_comment": "study_id",
                "team.assignment": "study_id"}
CHANNEL = "abstractor_change"


def _notify_triggers(conn: Connection) -> None:
    for table, column in _NOTIFY_FROM.items():
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS notify_change ON {table}")
        conn.exec_driver_sql(f"CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE ON {table} "
                             f"FOR EACH ROW EXECUTE FUNCTION team.notify_change('{column}')")


def add_user(conn: Connection, name: str, role: str) -> bool:
    """Make ``name`` a login in exactly one group; True when the login is new.
    The password is set apart (psql's \\password hashes it before it leaves the client)."""
    _need_server(conn)
    if not NAME.match(name):
        raise StoreError(f"{name}: a user name is lower-case letters, digits and _ (starting with a letter)")
    if role not in ROLES:
        raise StoreError(f"{role}: the roles are {', '.join(ROLES)}")
    if name in ROLES.values() or name == "postgres":
        raise StoreError(f"{name}: is reserved")
    new = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": name}).first() is None
    if new:
        conn.exec_driver_sql(f"CREATE ROLE {_q(conn, name)} LOGIN")
    for group in ROLES.values():
        conn.exec_driver_sql(f"REVOKE {group} FROM {_q(conn, name)}")
    conn.exec_driver_sql(f"GRANT {ROLES[role]} TO {_q(conn, name)}")
    return new


def role_of(conn: Connection, name: str) -> Optional[str]:
    row = conn.execute(text("""SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                               JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n
                               AND g.rolname = ANY(:groups)"""), {"n": name, "groups": list(ROLES.values())}).first()
    return {v: k for k, v in ROLES.items()}[row[0]] if row else None


def resolve_study(conn: Connection, key: str) -> str:
    """A study by its id or by one of its registry ids (NCT...)."""
    sid = conn.execute(text("SELECT id FROM public.study WHERE id = :k"), {"k": key}).scalar()
    if sid is None:
        ids = conn.execute(text("""SELECT DISTINCT study_id FROM public.registry_id WHERE value = :k AND study_id
                                   NOT IN (SELECT copy_id FROM team.dual_copy)"""), {"k": key}).scalars().all()
        if len(ids) > 1:
            raise StoreError(f"{key}: names {len(ids)} studies; give the study id")
        sid = ids[0] if ids else None
    if sid is None:
        raise StoreError(f"{key}: there is no study with this id or registry id")
    return sid


def assign(conn: Connection, keys: list[str], to: str, dual: bool = False, store=None) -> list[str]:
    """Assign studies to an abstractor: alone (replacing other abstractors), or --dual: her own
    blind copy (``store`` makes it: the documents, an empty abstraction), beside one other's."""
    _need_server(conn)
    if role_of(conn, to) != "abstractor":
        raise StoreError(f"{to}: is not an abstractor of this server (server add-user {to} --role abstractor)")
    done = []
    for key in keys:
        sid = resolve_study(conn, key)
        if dual:
            done.append(_dual_copy(conn, store, sid, to))
            continue
        conn.execute(text("DELETE FROM team.assignment WHERE study_id = :s AND username <> :u"),
                     {"s": sid, "u": to})
        conn.execute(text("""INSERT INTO team.assignment (study_id, username, dual) VALUES (:s, :u, false)
                             ON CONFLICT (study_id, username) DO UPDATE SET dual = false"""), {"s": sid, "u": to})
        done.append(sid)
    return done


def _dual_copy(conn: Connection, store, sid: str, to: str) -> str:
    """The abstractor's own copy of study ``sid`` (made once): same documents, nothing abstracted."""
    from models import schema
    from abstractor.storage.review_ops import source_documents

    if conn.execute(text("SELECT 1 FROM team.dual_copy WHERE copy_id = :s"), {"s": sid}).first():
        raise StoreError(f"{sid}: is already an abstractor's copy; assign the original study")
    have = conn.execute(text("SELECT copy_id FROM team.dual_copy WHERE original_id = :s AND username = :u"),
                        {"s": sid, "u": to}).scalar()
    if have:
        return have
    others = conn.execute(text("SELECT username FROM team.dual_copy WHERE original_id = :s"), {"s": sid}).scalars()
    others = list(others)
    if len(others) > 1:
        raise StoreError(f"{sid}: already has two abstractors ({', '.join(others)})")
    original = store.get_study(sid)
    blank = schema.Abstraction(study=schema.StudyFields(title=original.study.title,
                                                        registry_ids=original.study.registry_ids),
                               abstractor=to)
    copy = store.add_study(blank, documents=source_documents(store, [sid]), origin="assign")
    # The original becomes the consensus: the reviewers'; no abstractor works on it any more.
    conn.execute(text("DELETE FROM team.assignment WHERE study_id = :s"), {"s": sid})
    conn.execute(text("INSERT INTO team.dual_copy (copy_id, original_id, username) VALUES (:c, :s, :u)"),
                 {"c": copy, "s": sid, "u": to})
    conn.execute(text("INSERT INTO team.assignment (study_id, username, dual) VALUES (:c, :u, true)"),
                 {"c": copy, "u": to})
    return copy


@dataclass
class Status:
    users: list[tuple[str, str]]                       # (name, role)
    assignments: list[tuple[str, str, str, bool, str]]  # (study id, registry id or title, user, dual, status)
    unassigned: int  # studies nobody works on (the consensus of a dual study is the reviewers')


def status(conn: Connection) -> Status:
    _need_server(conn)
    users = conn.execute(text("""SELECT u.rolname, g.rolname FROM pg_auth_members m
                                 JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                                 WHERE g.rolname = ANY(:groups) ORDER BY u.rolname"""),
                         {"groups": list(ROLES.values())}).all()
    names = {v: k for k, v in ROLES.items()}
    rows = conn.execute(text("""SELECT a.study_id, COALESCE(r.value, s.title, ''), a.username, a.dual, s.status
                                FROM team.assignment a JOIN public.study s ON s.id = a.study_id
                                LEFT JOIN public.registry_id r ON r.study_id = s.id AND r.position = 0
                                ORDER BY 2, a.username""")).all()
    free = conn.execute(text("""SELECT count(*) FROM public.study s WHERE NOT EXISTS
                                (SELECT 1 FROM team.assignment a WHERE a.study_id = s.id) AND NOT EXISTS
                                (SELECT 1 FROM team.dual_copy c WHERE c.original_id = s.id)""")).scalar_one()
    return Status([(u, names[g]) for u, g in users], [tuple(r) for r in rows], free)


def create_schema(url) -> bool:
    """An empty database gets this version's schema by running the Alembic revisions
    (as every later upgrade will); False when it already holds tables."""
    from sqlalchemy import create_engine, inspect

    from abstractor import APP_NAME
    from abstractor.storage import migrations
    from abstractor.storage.engine import SCHEMA_VERSION, database_label, translate
    from models.tables import Meta

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _need_server(conn)
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK})
            if inspect(conn).get_table_names(schema="public"):
                return False
            migrations.upgrade(conn, "head")
            conn.execute(Meta.__table__.insert(), [{"key": "application", "value": APP_NAME},
                                                   {"key": "schema_version", "value": str(SCHEMA_VERSION)}])
        return True
    except StoreError:
        raise
    except Exception as exc:  # the driver's errors: a message that says where
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):
            raise translate(exc, database_label(url)) from exc
        raise
    finally:
        engine.dispose()
