"""Storage for workbooks, applying side: an import plan applied in one transaction.
Lives in the storage package because only storage queries; it uses the Store's
transactions and the convert module.  Bulk reading for export: workbook_read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from sqlalchemy import select

from models import tables as t
from abstractor.storage import convert
from abstractor.storage.bulk import collector_paused, insert_many
from abstractor.storage.entities import BY_LIST, REPEATED, path_to_target, to_db
from abstractor.storage.store import Store


@dataclass
class ApplyResult:
    added: list[str] = field(default_factory=list)  # study ids
    updated: list[str] = field(default_factory=list)
    changes: int = 0  # audited field changes
    documents: int = 0  # documents added


Progress = Optional[Callable[[int, int], None]]


def apply_plan(store: Store, plan, origin: str = "workbook", progress: Progress = None) -> ApplyResult:
    """Apply an abstractor.workbook ImportPlan in ONE transaction: all of it or none.

    New studies are written in bulk (one insert of many rows per table for a
    batch of studies); updated studies one by one.  Refuses (StoreError,
    nothing changed) when a study changed after the plan was made.
    ``progress(done, total)`` is called after each study (the window's percentage); an exception
    it raises (the window's Cancel) unwinds and rolls the whole transaction back.
    """
    from abstractor.storage.diff import diff_abstractions
    from abstractor.errors import StoreError

    result = ApplyResult()
    new = [p for p in plan.studies if p.action == "new"]
    kept = [p for p in plan.studies if p.action != "new" and (p.action == "update" or p.documents)]
    total = len(new) + len(kept)
    step = (lambda done: progress(done, total)) if progress is not None else (lambda done: None)
    with collector_paused(), store.write() as conn:
        if new:
            _add_new_studies(conn, store, new, origin, result, step)
        for done, p in enumerate(kept, len(new) + 1):
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
                step(done)
                continue
            _stamp_new_marks(p.merged, store.user)
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
            step(done)
    return result


def _stamp_new_marks(merged, user) -> None:
    """A review mark the workbook added (no marker, no time) is stamped on the plan once: applying
    the same plan again (redo) writes the same mark, so redo gives back exactly what apply gave."""
    now = None
    for entry in merged.review:
        if entry.at is None:
            now = now or t.utcnow()
            entry.at, entry.by = now, entry.by or user


# New studies per round of bulk inserts (still one transaction): 500 rather than 200 is 0.3-0.5 s less
# at 10,000 studies (SQLite keeps to one table longer; fewer calls) for about 10 MB more; 2,000 passed 300 MB.
NEW_BATCH = 500


def _add_new_studies(conn, store: Store, plans: list, origin: str, result: ApplyResult,
                     step: Callable[[int], None]) -> None:
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
        rows = _NewRows(store.user, origin, clock, conn)
        for p in plans[i:i + NEW_BATCH]:
            result.documents += rows.add(p)
            result.added.append(p.study_id)
            step(len(result.added))
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

    def __init__(self, user, origin: str, clock: _Clock, conn):
        self.user, self.origin, self.clock, self.conn = user, origin, clock, conn
        self.rows: dict[str, list[dict]] = {name: [] for name in _TABLE_ORDER}
        self.books: dict = {}  # codebooks looked up for these studies (convert._codebook_of)

    def add(self, p) -> int:
        sid, user, rows = p.study_id, self.user, self.rows
        # A workbook's new study comes as its parts (its rows as values: no model per row); another plan's
        # as its model, taken apart the same way.
        ab, lists, evidence, review = p.parts() if getattr(p, "parts", None) is not None else _parts_of(p.study)
        now = self.clock()
        book = convert._codebook_of(self.conn, ab, None, self.books, lists)  # extra values checked; its codebook
        rows["study"].append(convert._study_row(ab) | {"id": sid, "created_at": now, "updated_at": now,
                                                       "codebook_id": book.id if book else None})
        documents: dict[str, str] = {}
        docs = _unique_docs(p.documents)
        for pos, d in enumerate(docs):
            documents[d.sha256] = doc_id = t.new_id()
            rows["source_document"].append(convert.document_row(doc_id, sid, d, pos, user))
        rows["escalation"].append({"id": sid, **{k: to_db(v) for k, v in ab.escalation.model_dump().items()}})
        ids: dict[str, list[str]] = {}
        for key, ent in BY_LIST.items():
            out = rows[ent.name]
            if ent.model is None:  # a plain list (registry ids, conditions): its strings
                items = convert._list(ab, key)
                ids[key] = [t.new_id() for _ in items]
                out.extend({ent.scalar: v, "id": rid, "study_id": sid, "position": pos}
                           for pos, (rid, v) in enumerate(zip(ids[key], items)))
                continue
            items = lists.get(key, [])
            ids[key] = [v["id"] or t.new_id() for v in items]
            for pos, (rid, v) in enumerate(zip(ids[key], items)):  # the parts' dicts are this call's own
                row = convert.values_row(ent, v, own=True)
                row["id"], row["study_id"], row["position"] = rid, sid, pos
                out.append(row)
        self._links(lists, sid, ids)
        self._evidence(ab, evidence, sid, ids, documents)
        self._review(review, sid, ids)
        rows["audit_event"].append({"at": t.utcnow(), "user": user, "study_id": sid, "entity": "study",
                                    "row_id": sid, "field": None, "action": "create", "old": None,
                                    "new": convert.dumps(ab.study.title), "origin": self.origin})
        return len(docs)

    def _links(self, lists, sid: str, ids) -> None:
        """As convert.set_arm_interventions: by name; a name not listed becomes an intervention."""
        interventions = lists.get("interventions", [])
        by_name = {v["name"]: iid for iid, v in zip(ids["interventions"], interventions) if v["name"]}
        count = len(interventions)
        for arm_id, arm in zip(ids["arms"], lists.get("arms", [])):
            for pos, name in enumerate(dict.fromkeys(arm["interventions"])):
                if name not in by_name:
                    by_name[name] = t.new_id()
                    self.rows["intervention"].append({"name": name, "type": None, "description": None,
                                                      "other_names": [], "extra": {}, "id": by_name[name], "study_id": sid,
                                                      "position": count})
                    count += 1
                self.rows["arm_intervention"].append({"arm_id": arm_id, "intervention_id": by_name[name],
                                                      "position": pos})

    def _evidence(self, ab, evidence, sid: str, ids, documents: dict[str, str]) -> None:
        """As convert._write_evidence."""
        default_doc = documents.get(ab.source.sha256) if ab.source and ab.source.sha256 else None
        if default_doc is None and len(documents) == 1:
            default_doc = next(iter(documents.values()))
        out = self.rows["evidence"]
        for ev in evidence:
            tgt = path_to_target(ev.field, ids, sid)
            doc = documents.get(ev.document) if ev.document else default_doc
            out.append({"id": t.new_id(), "study_id": sid, "entity": tgt.entity, "row_id": tgt.row_id,
                        "field": tgt.field, "document_id": doc, "start": ev.start, "end": ev.end,
                        "quote": ev.quote, "created_at": self.clock(), "created_by": self.user})

    def _review(self, review, sid: str, ids) -> None:
        """As convert._write_review."""
        reviews, comments = self.rows["field_review"], self.rows["review_comment"]
        for entry in review:
            tgt = path_to_target(entry.field, ids, sid)
            key = {"study_id": sid, "entity": tgt.entity, "row_id": tgt.row_id, "field": tgt.field}
            reviews.append({"id": t.new_id(), **key, "status": to_db(entry.status),
                            "updated_at": entry.at or self.clock(), "updated_by": entry.by or self.user})
            for c in entry.comments:
                comments.append({"id": t.new_id(), **key, "author": c.author, "text": c.text,
                                 "at": c.at or t.utcnow()})

    def write(self, conn) -> None:
        for name in _TABLE_ORDER:
            insert_many(conn, _TABLES[name], self.rows[name])


def _parts_of(ab):
    """(study, list key -> each item's field values, evidence, review) of a model: what a workbook's new
    study gives as its parts."""
    lists = {key: [dict(item.__dict__) for item in convert._list(ab, key)]
             for key, ent in BY_LIST.items() if ent.model is not None}
    return ab, lists, ab.evidence, ab.review


def _unique_docs(docs: list) -> list:
    seen, out = set(), []
    for d in docs:
        if d.sha256 not in seen:
            seen.add(d.sha256)
            out.append(d)
    return out
