"""Storage for workbook import: what the database already holds, read in bulk (a few queries per
batch of studies, never one per study).  Lives in the storage package because only storage queries.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from sqlalchemy import JSON, Text, select, type_coerce

from models import tables as t
from abstractor.storage.entities import REPEATED
from abstractor.storage.store import Store
from abstractor.storage.workbook_read import arm_links, evidence_rows

CHUNK = 500  # ids per IN (...) list


def stored_texts(store: Store, shas: Iterable[str]) -> dict[str, str]:
    """The stored text of each document by SHA-256 (any study's; the first found), for those the database has."""
    shas = sorted(set(shas))
    d = t.SourceDocument
    out: dict[str, str] = {}
    with store.read() as conn:
        for i in range(0, len(shas), CHUNK):
            for sha, text in conn.execute(select(d.sha256, d.text).where(d.sha256.in_(shas[i:i + CHUNK]))):
                out.setdefault(sha, text)
    return out


@dataclass
class StoredStudy:
    """One study as its tables hold it (no model built): what a re-import compares the workbook with."""

    study: dict
    escalation: Optional[dict]
    lists: dict[str, list[dict]]  # json list key ("outcomes", "study.sites") -> rows by position
    links: dict[str, list[str]]  # arm id -> its interventions' names
    evidence: list[tuple]  # (entity, row id, field, start, end, quote, document sha256), in creation order
    reviews: list[dict]  # field_review rows
    comments: list[dict]  # review_comment rows, oldest first
    shas: set[str]  # its documents


def _columns(table) -> list:
    """A table's columns, JSON ones as their text (decoded by ``_Json``, which remembers the short ones)."""
    return [type_coerce(c, Text).label(c.name) if isinstance(c.type, JSON) else c for c in table.__table__.columns]


class _Json:
    """json.loads, remembering short texts ("{}", "[]", a usual list): the rows are only compared, never
    changed, so one decoded value may serve many rows."""

    def __init__(self):
        self.seen: dict[str, Any] = {}

    def __call__(self, text: Any) -> Any:
        if not isinstance(text, str):
            return text  # a server that hands JSON over decoded
        v = self.seen.get(text, _MISS)
        if v is _MISS:
            v = json.loads(text)
            if len(text) <= 64 and len(self.seen) < 4096:
                self.seen[text] = v
        return v


_MISS = object()


def _rows(conn, table, where, order=()) -> list[dict]:
    cols = _columns(table)
    names = [c.name for c in cols]
    decode = _Json()
    json_cols = [i for i, c in enumerate(table.__table__.columns) if isinstance(c.type, JSON)]
    out = []
    for r in conn.execute(select(*cols).where(where).order_by(*order)).all():
        r = list(r)
        for i in json_cols:
            r[i] = decode(r[i])
        out.append(dict(zip(names, r)))
    return out


def _by_study(rows: list[dict], key: str = "study_id") -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        out[r[key]].append(r)
    return out


def stored_studies(store: Store, ids: list[str]) -> dict[str, StoredStudy]:
    """These studies as their tables hold them, a few queries for all (keep ``ids`` to a batch)."""
    out: dict[str, StoredStudy] = {}
    with store.read() as conn:
        studies = {r["id"]: r for r in _rows(conn, t.Study, t.Study.id.in_(ids))}
        esc = {r["id"]: r for r in _rows(conn, t.Escalation, t.Escalation.id.in_(ids))}
        rows = {ent.json_list: _by_study(_rows(conn, ent.table, ent.table.study_id.in_(ids),
                                               (ent.table.study_id, ent.table.position)))
                for ent in REPEATED}
        links, evidence = arm_links(conn, ids), evidence_rows(conn, ids)  # as the bulk reader reads them
        reviews = _by_study(_rows(conn, t.FieldReview, t.FieldReview.study_id.in_(ids)))
        comments = _by_study(_rows(conn, t.ReviewComment, t.ReviewComment.study_id.in_(ids),
                                   (t.ReviewComment.at, t.ReviewComment.id)))
        d = t.SourceDocument
        shas: dict[str, set] = defaultdict(set)
        for sid, sha in conn.execute(select(d.study_id, d.sha256).where(d.study_id.in_(ids))):
            shas[sid].add(sha)
    for sid, st in studies.items():
        out[sid] = StoredStudy(st, esc.get(sid), {k: v.get(sid, []) for k, v in rows.items()}, links,
                               evidence.get(sid, []), reviews.get(sid, []), comments.get(sid, []), shas[sid])
    return out
