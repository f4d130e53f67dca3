"""Storage for workbook import: what the database already holds, read in bulk (a few queries per
batch of studies, never one per study).  Lives in the storage package because only storage queries.
"""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import select

from models import tables as t
from abstractor.storage.store import Store

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


def document_shas(store: Store, study_ids: list[str]) -> dict[str, set[str]]:
    """Each study's documents, by SHA-256."""
    d = t.SourceDocument
    out: dict[str, set[str]] = {}
    with store.read() as conn:
        for i in range(0, len(study_ids), CHUNK):
            for sid, sha in conn.execute(select(d.study_id, d.sha256).where(d.study_id.in_(study_ids[i:i + CHUNK]))):
                out.setdefault(sid, set()).add(sha)
    return out
