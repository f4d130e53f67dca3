"""Read-only queries the window needs beside the Store's own (ids for a lazy list,
completeness, the row ids of plain-string lists).  GUI-free, like all of storage."""
from __future__ import annotations

from typing import Optional

from sqlalchemy import or_, select

from models import tables as t
from models.enums import ReviewState
from abstractor.storage.entities import entity
from abstractor.storage.store import Store

# What "complete" means for the list's completeness column: the facts every
# abstraction should have.  Study-row fields, then repeated records (>= 1 row).
CHECKED_FIELDS = ("title", "sponsor", "study_type", "enrollment", "overall_status", "sex", "min_age")
CHECKED_LISTS = (t.RegistryId, t.Condition, t.Arm, t.DoseLevel, t.Outcome, t.Criterion)
SORTABLE = {"registry_id": t.RegistryId.value, "title": t.Study.title, "status": t.Study.status,
            "created": t.Study.created_at}


def study_ids(store: Store, text: str = "", status: Optional[str] = None, order: str = "created",
              descending: bool = True, open_queries: Optional[bool] = None) -> list[str]:
    """Ids of the studies matching the filter, in display order (sorted by the database);
    ``open_queries`` True/False keeps only studies with/without a QUERIED field or row."""
    first_id = (t.RegistryId.study_id == t.Study.id) & (t.RegistryId.position == 0)
    q = select(t.Study.id).select_from(t.Study).outerjoin(t.RegistryId, first_id)
    if text:
        like = f"%{text}%"
        q = q.where(or_(t.Study.title.ilike(like), t.RegistryId.value.ilike(like), t.Study.acronym.ilike(like)))
    if status:
        q = q.where(t.Study.status == status)
    if open_queries is not None:
        queried = select(t.FieldReview.study_id).where(t.FieldReview.status == ReviewState.QUERIED.value)
        q = q.where(t.Study.id.in_(queried) if open_queries else t.Study.id.not_in(queried))
    col = SORTABLE.get(order, t.Study.created_at)
    q = q.order_by(col.desc() if descending else col.asc(), t.Study.id)
    with store.read() as conn:
        return list(conn.execute(q).scalars())


def completeness(store: Store, ids: list[str]) -> dict[str, int]:
    """Percent of the checked facts that are filled, per study id."""
    if not ids:
        return {}
    total = len(CHECKED_FIELDS) + len(CHECKED_LISTS) + 1  # +1: phases
    cols = [getattr(t.Study, f) for f in CHECKED_FIELDS]
    with store.read() as conn:
        score = {}
        for row in conn.execute(select(t.Study.id, t.Study.phases, *cols).where(t.Study.id.in_(ids))):
            score[row[0]] = (1 if row[1] else 0) + sum(v not in (None, "") for v in row[2:])
        for table in CHECKED_LISTS:
            q = select(table.study_id).where(table.study_id.in_(ids)).group_by(table.study_id)
            for sid in conn.execute(q).scalars():
                score[sid] = score.get(sid, 0) + 1
    return {sid: round(100 * n / total) for sid, n in score.items()}


def source_files(store: Store, ids: list[str]) -> dict[str, str]:
    """The file each study was imported from (what the list shows for a study with no title yet)."""
    if not ids:
        return {}
    with store.read() as conn:
        rows = conn.execute(select(t.Study.id, t.Study.source_file).where(t.Study.id.in_(ids)))
        return {r[0]: r[1] for r in rows if r[1]}


def string_rows(store: Store, study_id: str, entity_name: str) -> list[tuple[str, str]]:
    """(row id, value) of a plain-string list such as registry ids or conditions, in order."""
    ent = entity(entity_name)
    if not ent.scalar:
        raise ValueError(f"{entity_name} is not a list of plain strings")
    col = getattr(ent.table, ent.scalar)
    q = select(ent.table.id, col).where(ent.table.study_id == study_id).order_by(ent.table.position)
    with store.read() as conn:
        return [(r[0], r[1] or "") for r in conn.execute(q)]
