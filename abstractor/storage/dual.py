"""Dual abstraction on a team server, the storage part: which copies belong to which study,
and the consensus written into the original (storage/server.py makes the copies and hides
each from the other abstractor until both are submitted)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from sqlalchemy import text

from models import schema
from abstractor.errors import StoreError
from abstractor.storage import convert
from abstractor.storage.server import _need_server


@dataclass
class DualStudy:
    """A study in dual abstraction: the original (the consensus, the reviewers') and the
    abstractors' copies this login may see, by abstractor name."""

    original_id: str
    copies: list[tuple[str, str]]  # (abstractor, copy id)


def dual_studies(store, keys: Optional[list[str]] = None) -> list[DualStudy]:
    """The dual studies named by ``keys`` (original id, copy id or registry id; None: all this
    login may see), with the copies the server lets it see (an abstractor: her own, and the
    other's once both are submitted)."""
    with store.read() as conn:
        _need_server(conn)
        originals = None
        if keys is not None:
            originals = []
            for key in keys:
                found = conn.execute(text("""SELECT DISTINCT c.original_id FROM team.dual_copy c
                                             WHERE c.original_id = :k OR c.copy_id = :k OR c.copy_id IN
                                             (SELECT study_id FROM public.registry_id WHERE value = :k)"""),
                                     {"k": key}).scalars().all()
                if not found:
                    raise StoreError(f"{key}: no study in dual abstraction has this id or registry id "
                                     "(that you may see)")
                if len(found) > 1:
                    raise StoreError(f"{key}: names {len(found)} studies in dual abstraction; give the study id")
                originals += [f for f in found if f not in originals]
        rows = conn.execute(text("""SELECT c.original_id, c.username, c.copy_id FROM team.dual_copy c
                                    JOIN public.study s ON s.id = c.copy_id
                                    ORDER BY c.original_id, c.username""")).all()
    by_original: dict[str, list[tuple[str, str]]] = {}
    for original, user, copy in rows:
        by_original.setdefault(original, []).append((user, copy))
    order = originals if originals is not None else list(by_original)
    return [DualStudy(o, by_original.get(o, [])) for o in order]


def sees_every_copy(store) -> bool:
    """Reviewers and admins see every copy; an abstractor hers (the other's once both are submitted)."""
    from abstractor.storage.server import role_of

    with store.read() as conn:
        return role_of(conn, store.user) in ("reviewer", "admin") or \
            bool(conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar())


def dual_original(store, a: Optional[str], b: Optional[str]) -> Optional[str]:
    """The original of which studies ``a`` and ``b`` are two abstractors' copies, else None
    (and always None on a database file)."""
    if not a or not b or a == b or store.engine.dialect.name != "postgresql":
        return None
    with store.read() as conn:
        if conn.execute(text("SELECT to_regclass('team.dual_copy')")).scalar() is None:
            return None  # a server database without ``server init``: no dual abstraction
        found = conn.execute(text("""SELECT x.original_id FROM team.dual_copy x JOIN team.dual_copy y
                                     ON x.original_id = y.original_id WHERE x.copy_id = :a AND y.copy_id = :b"""),
                             {"a": a, "b": b}).scalar()
    return found


def write_consensus(store, original_id: str, ab: schema.Abstraction, sources: dict) -> str:
    """The adjudicated study replaces the original (its documents kept), marked consensus and
    audited with who decided from which copies; the server lets only reviewers and admins."""
    from abstractor.storage.diff import diff_abstractions

    ab = ab.model_copy(update={"id": original_id})
    with store.write() as conn:
        old = convert.read_study(conn, original_id)
        if old is None:
            raise StoreError(f"{store.label}: the consensus of this study is not yours to write "
                             "(the reviewers adjudicate dual copies)")
        convert.replace_study(conn, ab, store.user)
        for d in diff_abstractions(old, convert.read_study(conn, original_id)):
            store.audit(conn, original_id, d.entity, d.row_id, d.field, d.action, d.old, d.new, "adjudication")
        store.audit(conn, original_id, "study", original_id, "consensus", "adjudicate", None,
                    {"decided_by": ab.abstractor, **sources}, "adjudication")
    return original_id
