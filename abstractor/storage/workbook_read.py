"""Storage for workbooks, reading side: studies read in bulk for export, and what changed
since a workbook was exported (for the import's conflict check).  Lives in the storage
package because only storage queries; it uses the Store's transactions.
"""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Iterable, Iterator

from sqlalchemy import func, select

from models import schema, tables as t
from abstractor.storage import codebook_store as cs, convert
from abstractor.storage.entities import REPEATED, Target, target_to_path
from abstractor.storage.store import Store

BATCH = 400


# --- bulk reading (export) ---------------------------------------------------

def study_ids(store: Store) -> list[str]:
    """Every study id, oldest first (the order export writes them)."""
    with store.read() as conn:
        return list(conn.execute(select(t.Study.id).order_by(t.Study.created_at, t.Study.id)).scalars())


def existing_studies(store: Store, ids: Iterable[str]) -> set[str]:
    ids = list(ids)
    found: set[str] = set()
    with store.read() as conn:
        for i in range(0, len(ids), 500):
            found.update(conn.execute(select(t.Study.id).where(t.Study.id.in_(ids[i:i + 500]))).scalars())
    return found


def iter_studies_bulk(store: Store, ids: list[str], batch: int = BATCH) -> Iterator[schema.Abstraction]:
    """The same studies as Store.get_study gives, read a batch at a time (a few
    queries per batch instead of a dozen per study).  Unknown ids are skipped."""
    for i in range(0, len(ids), batch):
        with store.read() as conn:
            yield from _read_batch(conn, ids[i:i + batch])


def _dicts(result) -> Iterator[dict]:
    """A result's rows as plain dicts (the column names looked up once, not per row)."""
    keys = list(result.keys())
    return (dict(zip(keys, row)) for row in result)


def _grouped(conn, table, col, ids, order) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    key = col.key
    for r in _dicts(conn.execute(select(table).where(col.in_(ids)).order_by(*order))):
        out[r[key]].append(r)
    return out


def arm_links(conn, ids: list[str]) -> dict[str, list[str]]:
    """Per arm id, the names of its interventions in order, for the arms of these studies."""
    links: dict[str, list[str]] = defaultdict(list)
    # From the studies' arms (their study_id index), not from every link in the database: SQLite would
    # otherwise scan the whole link table for each batch (30 ms a batch at 10,000 studies).
    q = (select(t.ArmIntervention.arm_id, t.Intervention.name)
         .select_from(t.Arm).join(t.ArmIntervention, t.ArmIntervention.arm_id == t.Arm.id)
         .join(t.Intervention, t.Intervention.id == t.ArmIntervention.intervention_id)
         .where(t.Arm.study_id.in_(ids), t.Intervention.study_id == t.Arm.study_id)
         .order_by(t.ArmIntervention.arm_id, t.ArmIntervention.position))
    for arm_id, name in conn.execute(q):
        links[arm_id].append(name or "")
    return links


def evidence_rows(conn, ids: list[str]) -> dict[str, list[tuple]]:
    """Per study id, its evidence as (entity, row_id, field, start, end, quote, document sha256), in order."""
    e = t.Evidence
    q = (select(e.study_id, e.entity, e.row_id, e.field, e.start, e.end, e.quote, t.SourceDocument.sha256)
         .select_from(e).outerjoin(t.SourceDocument, t.SourceDocument.id == e.document_id)
         .where(e.study_id.in_(ids)).order_by(e.created_at, e.id))
    evidence: dict[str, list] = defaultdict(list)
    for r in conn.execute(q):
        evidence[r[0]].append(tuple(r[1:]))
    return evidence


def _read_batch(conn, ids: list[str]) -> Iterator[schema.Abstraction]:
    studies = {r["id"]: r for r in _dicts(conn.execute(select(t.Study).where(t.Study.id.in_(ids))))}
    rows = {ent.json_list: _grouped(conn, ent.table, ent.table.study_id, ids, (ent.table.position,))
            for ent in REPEATED}
    esc = {r["id"]: r for r in _dicts(conn.execute(select(t.Escalation).where(t.Escalation.id.in_(ids))))}
    links, evidence = arm_links(conn, ids), evidence_rows(conn, ids)
    reviews = _grouped(conn, t.FieldReview, t.FieldReview.study_id, ids, (t.FieldReview.updated_at, t.FieldReview.id))
    comments = _grouped(conn, t.ReviewComment, t.ReviewComment.study_id, ids,
                        (t.ReviewComment.at, t.ReviewComment.id))
    books = {b.id: schema.CodebookRef(name=b.name, version=b.version) for b in cs.all_codebooks(conn)}
    for sid in ids:
        st = studies.get(sid)
        if st is None:
            continue
        r = {key: rows[key].get(sid, []) for key in rows}
        ab = _assemble(st, r, esc.get(sid), links, evidence.get(sid, []), reviews.get(sid, []),
                       comments.get(sid, []))
        ab.codebook = books.get(st["codebook_id"])
        yield ab


def _assemble(st, rows, esc, links, evidence, reviews, comments) -> schema.Abstraction:
    """convert.read_study's result from already fetched rows (kept in step with it by the round-trip tests)."""
    study = schema.StudyFields(
        **{f: st[f] for f in convert.STUDY_SCALARS},
        registry_ids=[x["value"] for x in rows["study.registry_ids"]],
        conditions=[x["name"] for x in rows["study.conditions"]],
        sites=[_item(schema.Site, x) for x in rows["study.sites"]],
    )
    ab = schema.Abstraction(
        id=st["id"],
        source=schema.Source(file=st["source_file"], sha256=st["source_sha256"])
        if (st["source_file"] or st["source_sha256"]) else None,
        study=study,
        arms=[_item(schema.Arm, x, interventions=links.get(x["id"], [])) for x in rows["arms"]],
        interventions=[_item(schema.Intervention, x) for x in rows["interventions"]],
        dose_levels=[_item(schema.DoseLevel, x) for x in rows["dose_levels"]],
        escalation=schema.Escalation(**{k: esc[k] for k in ("method", "dlt_window_days", "redosing")})
        if esc else schema.Escalation(),
        outcomes=[_item(schema.Outcome, x) for x in rows["outcomes"]],
        criteria=[_item(schema.Criterion, x) for x in rows["criteria"]],
        status=st["status"], abstractor=st["abstractor"], consensus=bool(st["consensus"]),
    )
    positions = {x["id"]: i for key in rows for i, x in enumerate(rows[key])}
    source_sha = st["source_sha256"]
    evs = []
    for entity, row_id, fld, start, end, quote, sha in evidence:
        if entity not in ("study", "escalation") and row_id not in positions:
            continue
        evs.append(schema.Evidence(field=target_to_path(Target(entity, row_id, fld), positions), start=start,
                                   end=end, quote=quote, document=None if sha == source_sha else sha))
    ab.evidence = evs
    entries: dict[tuple, schema.ReviewEntry] = {}
    for x in reviews:
        if x["entity"] not in ("study", "escalation") and x["row_id"] not in positions:
            continue
        key = (x["entity"], x["row_id"], x["field"])
        entries[key] = schema.ReviewEntry(field=target_to_path(Target(*key), positions), status=x["status"],
                                          by=x["updated_by"], at=x["updated_at"])
    for x in comments:
        key = (x["entity"], x["row_id"], x["field"])
        if x["entity"] not in ("study", "escalation") and x["row_id"] not in positions:
            continue
        if key not in entries:
            entries[key] = schema.ReviewEntry(field=target_to_path(Target(*key), positions))
        entries[key].comments.append(schema.Comment(author=x["author"], at=x["at"], text=x["text"]))
    ab.review = list(entries.values())
    return ab


_MODEL_FIELDS: dict[Any, tuple[str, ...]] = {}


def _item(model, row: dict, **extra):
    """A row as its pydantic item without validating again (the database holds validated values)."""
    fields = _MODEL_FIELDS.get(model)
    if fields is None:
        fields = _MODEL_FIELDS[model] = tuple(model.model_fields)
    return schema.construct(model, **{k: row[k] for k in fields if k in row}, **extra)


def documents_of(store: Store, ids: list[str]) -> dict[str, list[dict]]:
    """Every document of these studies, text included, in their order."""
    d = t.SourceDocument
    cols = (d.study_id, d.sha256, d.file_name, d.kind, d.encoding, d.size_bytes, d.page_starts, d.text)
    out: dict[str, list[dict]] = defaultdict(list)
    with store.read() as conn:
        for i in range(0, len(ids), 500):
            q = select(*cols).where(d.study_id.in_(ids[i:i + 500])).order_by(d.study_id, d.position)
            for r in conn.execute(q).mappings():
                out[r["study_id"]].append(dict(r))
    return out


# --- what changed since a workbook was exported (conflicts) -------------------

def changes_since(store: Store, ids: list[str], since: str) -> dict[str, list[dict]]:
    """Audit events after ``since`` (ISO 8601 UTC) per study, oldest first."""
    a = t.AuditEvent
    out: dict[str, list[dict]] = defaultdict(list)
    with store.read() as conn:
        for i in range(0, len(ids), 500):
            q = (select(a.study_id, a.at, a.entity, a.row_id, a.field, a.action, a.old, a.new)
                 .where(a.study_id.in_(ids[i:i + 500]), a.at > since).order_by(a.id))
            for r in conn.execute(q).mappings():
                out[r["study_id"]].append(dict(r))
    return out


def row_owners(store: Store, ids_by_entity: dict[str, list[str]]) -> dict[tuple[str, str], str]:
    """(entity, row id) -> the study that holds that row, for ids already in the database."""
    from abstractor.storage.entities import entity

    out: dict[tuple[str, str], str] = {}
    with store.read() as conn:
        for name, ids in ids_by_entity.items():
            table = entity(name).table
            if not ids or conn.execute(select(table.id).limit(1)).first() is None:
                continue  # a table without rows owns none (the first import into a new database)
            if conn.dialect.name == "sqlite":  # one query per table: the ids as one JSON parameter, joined
                listed = select(func.json_each(json.dumps(ids)).table_valued("value").c.value)
                rows = conn.execute(select(table.id, table.study_id).where(table.id.in_(listed))).all()
            else:
                rows = [r for i in range(0, len(ids), 500)
                        for r in conn.execute(select(table.id, table.study_id).where(table.id.in_(ids[i:i + 500])))]
            for rid, sid in rows:
                out[(name, rid)] = sid
    return out
