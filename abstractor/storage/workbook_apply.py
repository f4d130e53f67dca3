"""Storage for workbooks: bulk reading for export, and applying an import plan
in one transaction.  Lives in the storage package because only storage
queries; it uses the Store's connection helpers and the convert module.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Optional

from sqlalchemy import insert, select

from models import schema, tables as t
from abstractor.storage import convert
from abstractor.storage.entities import BY_LIST, REPEATED, Target, path_to_target, target_to_path, to_db
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


def _read_batch(conn, ids: list[str]) -> Iterator[schema.Abstraction]:
    studies = {r["id"]: r for r in _dicts(conn.execute(select(t.Study).where(t.Study.id.in_(ids))))}
    rows = {ent.json_list: _grouped(conn, ent.table, ent.table.study_id, ids, (ent.table.position,))
            for ent in REPEATED}
    esc = {r["id"]: r for r in _dicts(conn.execute(select(t.Escalation).where(t.Escalation.id.in_(ids))))}
    links: dict[str, list[str]] = defaultdict(list)
    q = (select(t.ArmIntervention.arm_id, t.Intervention.name)
         .join(t.Intervention, t.Intervention.id == t.ArmIntervention.intervention_id)
         .where(t.Intervention.study_id.in_(ids)).order_by(t.ArmIntervention.arm_id, t.ArmIntervention.position))
    for arm_id, name in conn.execute(q):
        links[arm_id].append(name or "")
    e = t.Evidence
    ev_q = (select(e.study_id, e.entity, e.row_id, e.field, e.start, e.end, e.quote, t.SourceDocument.sha256)
            .select_from(e).outerjoin(t.SourceDocument, t.SourceDocument.id == e.document_id)
            .where(e.study_id.in_(ids)).order_by(e.created_at, e.id))
    evidence: dict[str, list] = defaultdict(list)
    for r in conn.execute(ev_q):
        evidence[r[0]].append(r[1:])
    reviews = _grouped(conn, t.FieldReview, t.FieldReview.study_id, ids, (t.FieldReview.updated_at, t.FieldReview.id))
    comments = _grouped(conn, t.ReviewComment, t.ReviewComment.study_id, ids,
                        (t.ReviewComment.at, t.ReviewComment.id))
    for sid in ids:
        st = studies.get(sid)
        if st is None:
            continue
        r = {key: rows[key].get(sid, []) for key in rows}
        yield _assemble(st, r, esc.get(sid), links, evidence.get(sid, []), reviews.get(sid, []),
                        comments.get(sid, []))


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
        criteria=[_criterion(x) for x in rows["criteria"]],
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
        entries[key] = schema.ReviewEntry(field=target_to_path(Target(*key), positions), status=x["status"])
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


def _criterion(r: dict) -> schema.Criterion:
    th = {k: r[f"threshold_{k}"] for k in ("parameter", "operator", "value", "unit")}
    threshold = schema.construct(schema.Threshold, **th) if any(v is not None for v in th.values()) else None
    return schema.construct(schema.Criterion, id=r["id"], kind=r["kind"], text=r["text"], category=r["category"],
                                            threshold=threshold)


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
            for i in range(0, len(ids), 500):
                for rid, sid in conn.execute(select(table.id, table.study_id).where(table.id.in_(ids[i:i + 500]))):
                    out[(name, rid)] = sid
    return out


# --- applying an import plan ---------------------------------------------------

@dataclass
class ApplyResult:
    added: list[str] = field(default_factory=list)  # study ids
    updated: list[str] = field(default_factory=list)
    changes: int = 0  # audited field changes
    documents: int = 0  # documents added


def apply_plan(store: Store, plan, origin: str = "workbook") -> ApplyResult:
    """Apply an abstractor.workbook ImportPlan in ONE transaction: all of it or none.

    New studies are written in bulk (one insert of many rows per table for a
    batch of studies); updated studies one by one.  Refuses (StoreError,
    nothing changed) when a study changed after the plan was made.
    """
    from abstractor.diff import diff_abstractions
    from abstractor.errors import StoreError

    result = ApplyResult()
    with store.write() as conn:
        new = [p for p in plan.studies if p.action == "new"]
        if new:
            _add_new_studies(conn, store, new, origin, result)
        for p in plan.studies:
            if p.action == "new" or (p.action != "update" and not p.documents):
                continue
            current = convert.read_study(conn, p.study_id)
            if current is None or (p.database is not None and current != p.database):
                raise StoreError(f"{store.label}: study {p.study_id} changed while the import was being "
                                 "previewed; nothing was imported, try again")
            have = set(conn.execute(select(t.SourceDocument.sha256)
                                    .where(t.SourceDocument.study_id == p.study_id)).scalars())
            new_docs = [d for d in _unique_docs(p.documents) if d.sha256 not in have]
            for pos, d in enumerate(new_docs, len(have)):
                doc_id = store.insert_document(conn, p.study_id, d, pos)
                store.audit(conn, p.study_id, "document", doc_id, None, "import", None, d.file_name, origin)
            result.documents += len(new_docs)
            if p.action != "update":
                continue
            convert.replace_study(conn, p.merged, store.user)
            after = convert.read_study(conn, p.study_id)
            diffs = diff_abstractions(current, after)
            for d in diffs:
                store.audit(conn, p.study_id, d.entity, d.row_id, d.field, d.action, d.old, d.new, origin)
            for a in p.attachments:
                store.audit(conn, p.study_id, a.entity, a.row_id, f"{a.field}#{a.kind}", "update", a.old, a.new,
                             origin)
            result.updated.append(p.study_id)
            result.changes += len(diffs) + len(p.attachments)
    return result


NEW_BATCH = 500  # new studies per round of bulk inserts (memory stays flat; still one transaction)


def _add_new_studies(conn, store: Store, plans: list, origin: str, result: ApplyResult) -> None:
    """Insert new studies as convert.write_study does, many studies per insert (kept in step with
    it by the round-trip tests), each with its audit event."""
    from abstractor.errors import StoreError

    ids = [p.study_id for p in plans]
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        found = set(conn.execute(select(t.Study.id).where(t.Study.id.in_(chunk))).scalars())
        if found:
            sid = next(x for x in chunk if x in found)
            raise StoreError(f"{store.label}: study {sid} was added while the import was being "
                             "previewed; nothing was imported, try again")
    clock = _Clock()
    for i in range(0, len(plans), NEW_BATCH):
        rows = _NewRows(store.user, origin, clock)
        for p in plans[i:i + NEW_BATCH]:
            result.documents += rows.add(p)
            result.added.append(p.study_id)
        rows.write(conn)


class _Clock:
    """utcnow(), strictly increasing: rows read back in time order keep the order they were written in."""

    def __init__(self):
        self.last = ""

    def __call__(self) -> str:
        from datetime import datetime, timedelta

        now = t.utcnow()
        if now <= self.last:
            now = (datetime.fromisoformat(self.last) + timedelta(microseconds=1)).isoformat(timespec="microseconds")
        self.last = now
        return now


_TABLE_ORDER = ("study", "source_document", "escalation", *(e.name for e in REPEATED), "arm_intervention",
                "evidence", "field_review", "review_comment", "audit_event")
_TABLES = {"study": t.Study, "source_document": t.SourceDocument, "escalation": t.Escalation,
           **{e.name: e.table for e in REPEATED}, "arm_intervention": t.ArmIntervention, "evidence": t.Evidence,
           "field_review": t.FieldReview, "review_comment": t.ReviewComment, "audit_event": t.AuditEvent}


class _NewRows:
    """The rows of many new studies, per table: what convert.write_study writes for each."""

    def __init__(self, user, origin: str, clock: _Clock):
        self.user, self.origin, self.clock = user, origin, clock
        self.rows: dict[str, list[dict]] = {name: [] for name in _TABLE_ORDER}

    def add(self, p) -> int:
        ab, sid, user, rows = p.merged, p.study_id, self.user, self.rows
        now = self.clock()
        rows["study"].append(convert._study_row(ab) | {"id": sid, "created_at": now, "updated_at": now})
        documents: dict[str, str] = {}
        docs = _unique_docs(p.documents)
        for pos, d in enumerate(docs):  # as Store.insert_document
            documents[d.sha256] = doc_id = t.new_id()
            rows["source_document"].append({
                "id": doc_id, "study_id": sid, "position": pos, "file_name": d.file_name, "sha256": d.sha256,
                "kind": d.kind, "encoding": d.encoding, "text": d.text, "page_starts": list(d.page_starts),
                "size_bytes": d.size_bytes, "imported_by": user})
        rows["escalation"].append({"id": sid, **{k: to_db(v) for k, v in ab.escalation.model_dump().items()}})
        ids: dict[str, list[str]] = {}
        for key, ent in BY_LIST.items():
            items = convert._list(ab, key)
            ids[key] = [t.new_id() for _ in items] if ent.model is None else [i.id or t.new_id() for i in items]
            out = rows[ent.name]
            for pos, (rid, item) in enumerate(zip(ids[key], items)):
                out.append(convert._row_values(ent, item) | {"id": rid, "study_id": sid, "position": pos})
        self._links(ab, sid, ids)
        self._evidence(ab, sid, ids, documents)
        self._review(ab, sid, ids)
        rows["audit_event"].append({"at": t.utcnow(), "user": user, "study_id": sid, "entity": "study",
                                    "row_id": sid, "field": None, "action": "create", "old": None,
                                    "new": convert.dumps(ab.study.title), "origin": self.origin})
        return len(docs)

    def _links(self, ab, sid: str, ids) -> None:
        """As convert.set_arm_interventions: by name; a name not listed becomes an intervention."""
        by_name = {item.name: iid for iid, item in zip(ids["interventions"], ab.interventions) if item.name}
        count = len(ab.interventions)
        for arm_id, arm in zip(ids["arms"], ab.arms):
            for pos, name in enumerate(dict.fromkeys(arm.interventions)):
                if name not in by_name:
                    by_name[name] = t.new_id()
                    self.rows["intervention"].append({"name": name, "type": None, "description": None,
                                                      "other_names": [], "id": by_name[name], "study_id": sid,
                                                      "position": count})
                    count += 1
                self.rows["arm_intervention"].append({"arm_id": arm_id, "intervention_id": by_name[name],
                                                      "position": pos})

    def _evidence(self, ab, sid: str, ids, documents: dict[str, str]) -> None:
        """As convert._write_evidence."""
        default_doc = documents.get(ab.source.sha256) if ab.source and ab.source.sha256 else None
        if default_doc is None and len(documents) == 1:
            default_doc = next(iter(documents.values()))
        out = self.rows["evidence"]
        for ev in ab.evidence:
            tgt = path_to_target(ev.field, ids, sid)
            doc = documents.get(ev.document) if ev.document else default_doc
            out.append({"id": t.new_id(), "study_id": sid, "entity": tgt.entity, "row_id": tgt.row_id,
                        "field": tgt.field, "document_id": doc, "start": ev.start, "end": ev.end,
                        "quote": ev.quote, "created_at": self.clock(), "created_by": self.user})

    def _review(self, ab, sid: str, ids) -> None:
        """As convert._write_review."""
        reviews, comments = self.rows["field_review"], self.rows["review_comment"]
        for entry in ab.review:
            tgt = path_to_target(entry.field, ids, sid)
            key = {"study_id": sid, "entity": tgt.entity, "row_id": tgt.row_id, "field": tgt.field}
            reviews.append({"id": t.new_id(), **key, "status": to_db(entry.status), "updated_at": self.clock(),
                            "updated_by": self.user})
            for c in entry.comments:
                comments.append({"id": t.new_id(), **key, "author": c.author, "text": c.text,
                                 "at": c.at or t.utcnow()})

    def write(self, conn) -> None:
        for name in _TABLE_ORDER:
            if self.rows[name]:
                conn.execute(insert(_TABLES[name]), self.rows[name])


def _unique_docs(docs: list) -> list:
    seen, out = set(), []
    for d in docs:
        if d.sha256 not in seen:
            seen.add(d.sha256)
            out.append(d)
    return out
