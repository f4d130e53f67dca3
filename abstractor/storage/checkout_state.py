"""Offline work against a team server, the storage part: what a laptop file was checked out
from (kept in its meta table), and which studies the server assigns to this login."""
from __future__ import annotations

import json
from typing import Optional

from sqlalchemy import delete, insert, select, text

from models import tables as t
from abstractor.errors import StoreError

KEY = "checkout"


def assigned_studies(store) -> list[str]:
    """The studies assigned to the connected login (an abstractor's work), oldest first."""
    with store.read() as conn:
        if conn.dialect.name != "postgresql":
            raise StoreError("checkout takes studies from a team server (--db postgresql://...)")
        return list(conn.execute(text("""SELECT a.study_id FROM team.assignment a JOIN public.study s
                                         ON s.id = a.study_id WHERE a.username = current_user
                                         ORDER BY s.created_at, s.id""")).scalars())


def resolve_visible(store, key: str) -> str:
    """A study this login may see, by its id or a registry id."""
    with store.read() as conn:
        if conn.execute(select(t.Study.id).where(t.Study.id == key)).first():
            return key
        ids = conn.execute(select(t.RegistryId.study_id).where(t.RegistryId.value == key).distinct()).scalars().all()
    if len(ids) != 1:
        raise StoreError(f"{key}: " + ("there is no study with this id or registry id that you may see" if not ids
                                       else f"names {len(ids)} studies; give the study id"))
    return ids[0]


def set_checkout(store, info: dict) -> None:
    with store.write() as conn:
        conn.execute(delete(t.Meta).where(t.Meta.key == KEY))
        conn.execute(insert(t.Meta).values(key=KEY, value=json.dumps(info)))


def get_checkout(store) -> Optional[dict]:
    with store.read() as conn:
        raw = conn.execute(select(t.Meta.value).where(t.Meta.key == KEY)).scalar()
    return json.loads(raw) if raw else None


def same_database(a: str, b: str) -> bool:
    """Two server addresses name the same database, whoever logs in."""
    from sqlalchemy.engine import make_url

    ua, ub = make_url(a), make_url(b)
    return (ua.host, ua.port, ua.database, dict(ua.query)) == (ub.host, ub.port, ub.database, dict(ub.query))
