"""Deleting a whole study so that it can be put back exactly (the window's undo).

``delete_study`` keeps every row that hangs from the study (its fields, rows,
links, documents with their text, evidence, suggestions, review marks and
comments) as plain dicts, then deletes it; ``restore_study`` inserts the same
rows again, so every id (the study's, its rows', its documents') is as before
and later undo steps that name them still find them.  The audit trail is never
rewritten: the deletion and the restoring are both recorded in it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy import insert, select

from models import tables as t
from abstractor.errors import StoreError
from abstractor.storage import convert
from abstractor.storage.store import Change

# Parents before children: the order rows go back in.
_BY_STUDY = (t.RegistryId, t.Condition, t.Site, t.Arm, t.Intervention, t.DoseLevel, t.Outcome, t.Criterion,
             t.SourceDocument, t.Evidence, t.Suggestion, t.FieldReview, t.ReviewComment)


@dataclass
class StudySnapshot:
    """Everything a deleted study was, table by table (parents first)."""

    study_id: str
    title: Optional[str]
    tables: list[tuple[object, list[dict]]] = field(default_factory=list)

    def count(self, table) -> int:
        return next((len(rows) for tb, rows in self.tables if tb is table), 0)


def _snapshot(conn, study_id: str) -> StudySnapshot:
    study = conn.execute(select(t.Study).where(t.Study.id == study_id)).mappings().first()
    if study is None:
        raise StoreError(f"there is no study with id {study_id} (deleted already?)")
    snap = StudySnapshot(study_id, study["title"], [(t.Study, [dict(study)])])
    esc = [dict(r) for r in conn.execute(select(t.Escalation).where(t.Escalation.id == study_id)).mappings()]
    snap.tables.append((t.Escalation, esc))
    for table in _BY_STUDY:
        rows = [dict(r) for r in conn.execute(select(table).where(table.study_id == study_id)).mappings()]
        snap.tables.append((table, rows))
        if table is t.Intervention:  # links need both their arm and their intervention back first
            arm_ids = [r["id"] for tb, rs in snap.tables if tb is t.Arm for r in rs]
            links = [dict(r) for r in conn.execute(select(t.ArmIntervention)
                                                   .where(t.ArmIntervention.arm_id.in_(arm_ids))).mappings()] \
                if arm_ids else []
            snap.tables.append((t.ArmIntervention, links))
    return snap


def delete_study(store, study_id: str) -> StudySnapshot:
    """Delete a study and all that hangs from it (audited); the snapshot puts it back."""
    with store.write() as conn:
        snap = _snapshot(conn, study_id)
        convert.delete_study_rows(conn, study_id)  # the rest goes by ON DELETE CASCADE
        store.audit(conn, study_id, "study", study_id, None, "delete", snap.title, None)
    return snap


def restore_study(store, snap: StudySnapshot) -> Change:
    """Put a deleted study back from its snapshot, with the same ids (audited as a restore)."""
    with store.write() as conn:
        if conn.execute(select(t.Study.id).where(t.Study.id == snap.study_id)).first() is not None:
            raise StoreError(f"{store.label}: the study {snap.study_id} is already there")
        for table, rows in snap.tables:
            if rows:
                conn.execute(insert(table), rows)
        store.audit(conn, snap.study_id, "study", snap.study_id, None, "restore", None, snap.title)
    return Change(snap.study_id, "study", snap.study_id, None, "restore", None, snap.title)
