"""Read-only queries the window needs beside the Store's own (ids for a lazy list,
completeness, the row ids of plain-string lists).  GUI-free, like all of storage."""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

from sqlalchemy import or_, select

from models import tables as t
from models.enums import ReviewState
from abstractor.storage.entities import entity
from abstractor.storage.store import Store

# What "done" means for the list's Done column: the facts every abstraction should have.
# Study-row fields (and phases), then repeated records (>= 1 row).
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


FACT_NAMES = {t.RegistryId: "registry id", t.Condition: "conditions", t.Arm: "arms", t.DoseLevel: "dose levels",
              t.Outcome: "outcomes", t.Criterion: "criteria"}
FACTS = tuple(f.replace("_", " ") for f in CHECKED_FIELDS) + ("phases",) + tuple(FACT_NAMES.values())


def done_facts(store: Store, ids: list[str]) -> dict[str, set[str]]:
    """Per study id, which of the key facts (FACTS) are done: filled, or, for a study field the
    documents do not state, left empty and verified (a reviewer's or the abstractor's "checked")."""
    if not ids:
        return {}
    fields = CHECKED_FIELDS + ("phases",)
    cols = [getattr(t.Study, f) for f in fields]
    done: dict[str, set[str]] = {sid: set() for sid in ids}
    with store.read() as conn:
        for row in conn.execute(select(t.Study.id, *cols).where(t.Study.id.in_(ids))):
            done[row[0]].update(f.replace("_", " ") for f, v in zip(fields, row[1:]) if v not in (None, "", []))
        fr = t.FieldReview
        checked = select(fr.study_id, fr.field).where(
            fr.study_id.in_(ids), fr.entity == "study", fr.row_id == fr.study_id, fr.field.in_(fields),
            fr.status == ReviewState.VERIFIED.value)
        for sid, field in conn.execute(checked):
            done[sid].add(field.replace("_", " "))
        for table, name in FACT_NAMES.items():
            q = select(table.study_id).where(table.study_id.in_(ids)).group_by(table.study_id)
            for sid in conn.execute(q).scalars():
                done[sid].add(name)
    return done


def required_facts(store: Store, ids: list[str]) -> dict[str, tuple[tuple[str, ...], set[str]]]:
    """Per study id whose codebook has required study fields: their labels (more key facts for the Done
    column: a study is not done without them) and those that hold a value or were verified empty."""
    out = {}
    for sid, (fields, extra, verified) in _required(store, ids).items():
        out[sid] = (tuple(f.label for f in fields),
                    {f.label for f in fields if extra.get(f.name) not in (None, "", []) or f"extra.{f.name}" in verified})
    return out


def _required(store: Store, ids: list[str]) -> dict[str, tuple[list, dict, set]]:
    from abstractor.storage import codebook_store as cs

    if not ids:
        return {}
    with store.read() as conn:
        rows = conn.execute(select(t.Study.id, t.Study.codebook_id, t.Study.extra).where(t.Study.id.in_(ids))).all()
        books: dict = {}
        for _sid, cid, _x in rows:
            if cid not in books:
                found = (cs.by_id(conn, cid) if cid else None) or cs.current(conn)
                books[cid] = found.codebook if found else None
        if not any(books.values()):
            return {}
        fr = t.FieldReview
        verified: dict[str, set] = {}
        q = select(fr.study_id, fr.field).where(fr.study_id.in_(ids), fr.entity == "study",
                                                 fr.field.like("extra.%"), fr.status == ReviewState.VERIFIED.value)
        for sid, field in conn.execute(q):
            verified.setdefault(sid, set()).add(field)
    out = {}
    for sid, cid, extra in rows:
        cb = books.get(cid)
        fields = [f for f in cb.of_kind("study") if f.required] if cb else []
        if fields:
            out[sid] = (fields, extra or {}, verified.get(sid, set()))
    return out


def completeness(store: Store, ids: list[str]) -> dict[str, int]:
    """Percent of the key facts that are done (done_facts, and the codebook's required fields), per study id."""
    req = required_facts(store, ids)
    out = {}
    for sid, d in done_facts(store, ids).items():
        labels, got = req.get(sid, ((), set()))
        out[sid] = round(100 * (len(d) + len(got)) / (len(FACTS) + len(labels)))
    return out


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


def pairing_keys(store: Store) -> list[tuple[str, Optional[str], Optional[str], list[str]]]:
    """(study id, source SHA-256, title, registry ids) of every study: what the pairing rule reads
    (abstractor.review.pairing), without reading the studies themselves."""
    r = t.RegistryId
    regs: dict[str, list[str]] = defaultdict(list)
    with store.read() as conn:
        for sid, value in conn.execute(select(r.study_id, r.value)).all():
            regs[sid].append(value)
        rows = conn.execute(select(t.Study.id, t.Study.source_sha256, t.Study.title)).all()
    return [(sid, sha, title, regs.get(sid, [])) for sid, sha, title in rows]
