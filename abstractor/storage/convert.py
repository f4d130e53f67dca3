"""A whole study between its pydantic form and its rows, in one transaction."""
from __future__ import annotations

import json
from enum import Enum
from typing import Any, Callable, Optional

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from models import records, schema, tables as t
from abstractor.errors import StoreError
from abstractor.storage import codebook_store as cs
from abstractor.storage.entities import (
    BY_LIST,
    REPEATED,
    Target,
    path_to_target,
    target_to_path,
    to_db,
)

STUDY_SCALARS = [f for f in schema.StudyFields.model_fields if f not in ("registry_ids", "conditions", "sites")]


def _ids_for(ab: schema.Abstraction, plain: Optional[dict[str, list[str]]] = None) -> dict[str, list[str]]:
    """Give every row an id (keeping the ones it has) and list them per JSON list.  The plain
    lists (registry ids, conditions) carry no ids: ``plain`` gives the stored ones by position."""
    ids: dict[str, list[str]] = {}
    for key, ent in BY_LIST.items():
        items = _list(ab, key)
        if ent.model is None:
            kept = (plain or {}).get(key, [])
            ids[key] = [kept[i] if i < len(kept) else t.new_id() for i in range(len(items))]
        else:
            for item in items:
                if not item.id:
                    item.id = t.new_id()
            ids[key] = [item.id for item in items]
    return ids


def _list(ab: schema.Abstraction, key: str) -> list:
    return getattr(ab.study, key[6:]) if key.startswith("study.") else getattr(ab, key)


def write_study(conn: Connection, ab: schema.Abstraction, *, user: Optional[str],
                add_documents: Callable[[str], dict[str, str]] | None = None) -> str:
    """Insert ``ab`` as a new study (keeping its ids) and return the study id.

    ``add_documents(study_id)`` stores the study's documents once its row
    exists and returns sha256 -> document id, for the evidence to point at.
    """
    ab = ab.model_copy(deep=True)
    study_id = ab.id or t.new_id()
    book = _codebook_of(conn, ab, None)
    conn.execute(insert(t.Study), [_study_row(ab) | {"id": study_id, "codebook_id": book.id if book else None}])
    documents = add_documents(study_id) if add_documents else {}
    write_children(conn, ab, study_id, documents, user)
    return study_id


def document_row(doc_id: str, study_id: str, doc, position: int, user: str) -> dict:
    """The source_document row of an imported document (abstractor.importing.ImportedDocument)."""
    return {"id": doc_id, "study_id": study_id, "position": position, "file_name": doc.file_name,
            "sha256": doc.sha256, "kind": doc.kind, "encoding": doc.encoding, "text": doc.text,
            "page_starts": list(doc.page_starts), "size_bytes": doc.size_bytes, "imported_by": user}


def _codebook_of(conn: Connection, ab: schema.Abstraction, study_id: Optional[str], books: Optional[dict] = None,
                 lists: Optional[dict[str, list]] = None):
    """The stored codebook ``ab``'s extra values are checked by (its own version when this database
    holds it, else the study's or the current one); every extra value is checked here, so nothing
    from a file is stored unchecked.  ``books``: codebooks already looked up in this transaction
    (many new studies written at once look each one up once).  ``lists``: the rows' values when they are
    not in ``ab`` (list key -> dicts of field values; workbook_apply)."""
    def cached(key, load):
        if books is None:
            return load()
        if key not in books:
            books[key] = load()
        return books[key]

    book = cached(("name", ab.codebook.name, ab.codebook.version),
                  lambda: cs.by_name(conn, ab.codebook.name, ab.codebook.version)) if ab.codebook else None
    if book is None:
        book = cs.for_study(conn, study_id) if study_id else cached(("current",), lambda: cs.current(conn))
    cb = book.codebook if book else None
    kept = cs.stored_extras(conn, study_id) if study_id else {}
    rows = lists if lists is not None else {key: getattr(ab, key) for key in cs.ROW_LISTS}
    ab.study.extra = check_extras(cb, ab.study.extra, rows, study_id, kept)
    return book


def check_extras(cb, study_extra: dict, lists: dict[str, list], study_id: Optional[str] = None,
                 kept: Optional[dict] = None) -> dict:
    """Every codebook value of a study checked by ``cb``: the study's checked ``extra`` is returned, each
    row's is replaced by its checked one.  ``lists``: list key -> items (models, or dicts of their values)."""
    kept = kept or {}
    out = cs.check_extra(cb, "study", study_extra, "study", kept.get(("study", study_id)))
    for key in cs.ROW_LISTS:
        kind = BY_LIST[key].name
        for i, item in enumerate(lists.get(key, ())):
            plain = isinstance(item, dict)
            extra = item["extra"] if plain else item.extra
            if extra:
                checked = cs.check_extra(cb, kind, extra, f"{key}[{i}]", kept.get((kind, item["id"] if plain else item.id)))
                if plain:
                    item["extra"] = checked
                else:
                    item.extra = checked
    return out


def _study_row(ab: schema.Abstraction) -> dict[str, Any]:
    values = ab.study.__dict__
    row = {f: _db(values[f]) for f in STUDY_SCALARS}
    row.update(status=to_db(ab.status), abstractor=ab.abstractor, consensus=ab.consensus,
               source_file=ab.source.file if ab.source else None,
               source_sha256=ab.source.sha256 if ab.source else None)
    return row


def write_children(conn: Connection, ab: schema.Abstraction, study_id: str, documents: dict[str, str],
                   user: Optional[str], keep: frozenset = frozenset(),
                   ids: Optional[dict[str, list[str]]] = None) -> None:
    """Everything below the study row: escalation, repeated rows, links, evidence, review
    (but not the review tables in ``keep``, already as they should be)."""
    ids = ids or _ids_for(ab)
    conn.execute(insert(t.Escalation), [{"id": study_id, **{k: to_db(v) for k, v in ab.escalation.model_dump().items()}}])
    for key, ent in BY_LIST.items():
        rows = [_row_values(ent, item) | {"id": rid, "study_id": study_id, "position": pos}
                for pos, (rid, item) in enumerate(zip(ids[key], _list(ab, key)))]
        if rows:
            conn.execute(insert(ent.table), rows)
    _write_links(conn, ab, study_id)
    _write_evidence(conn, ab, study_id, ids, documents, user)
    _write_review(conn, ab, study_id, ids, user, keep)


def replace_study(conn: Connection, ab: schema.Abstraction, user: Optional[str]) -> None:
    """Overwrite a stored study with ``ab`` (same id), keeping its documents."""
    ab = ab.model_copy(deep=True)
    study_id = ab.id
    book = _codebook_of(conn, ab, study_id)
    row = _study_row(ab) | ({"codebook_id": book.id} if book else {})
    conn.execute(update(t.Study).where(t.Study.id == study_id).values(**row, updated_at=t.utcnow()))
    conn.execute(delete(t.Evidence).where(t.Evidence.study_id == study_id))
    # A plain list's rows keep their ids by position (a review mark on study.conditions[1] stays on it).
    ids = _ids_for(ab, {key: list(conn.execute(select(ent.table.id).where(ent.table.study_id == study_id)
                                               .order_by(ent.table.position)).scalars())
                        for key, ent in BY_LIST.items() if ent.model is None})
    review = _unchanged_review(conn, ab, study_id, ids)
    for table in (t.FieldReview, t.ReviewComment):
        if table not in review:
            conn.execute(delete(table).where(table.study_id == study_id))
    conn.execute(delete(t.Escalation).where(t.Escalation.id == study_id))
    for ent in REPEATED:
        conn.execute(delete(ent.table).where(ent.table.study_id == study_id))
    documents = dict(conn.execute(select(t.SourceDocument.sha256, t.SourceDocument.id)
                                  .where(t.SourceDocument.study_id == study_id)).all())
    write_children(conn, ab, study_id, documents, user, keep=review, ids=ids)


def _unchanged_review(conn: Connection, ab: schema.Abstraction, study_id: str, ids: dict[str, list[str]]) -> set:
    """The review tables whose stored rows already say what ``ab`` does: left as they are (a
    team server lets abstractors read review marks, not rewrite them; their times stay)."""
    marks, notes = {}, []
    for entry in ab.review:
        tgt = path_to_target(entry.field, ids, study_id)
        key = (tgt.entity, tgt.row_id, tgt.field)
        marks[key] = (to_db(entry.status), entry.by, entry.at)  # who and when: None = not said
        notes += [(*key, c.author, c.at, c.text) for c in entry.comments]
    r, c = t.FieldReview, t.ReviewComment
    stored_marks = {(e, rid, f): (st, by, at) for e, rid, f, st, by, at in conn.execute(
        select(r.entity, r.row_id, r.field, r.status, r.updated_by, r.updated_at).where(r.study_id == study_id))}
    stored_notes = conn.execute(select(c.entity, c.row_id, c.field, c.author, c.at, c.text)
                                .where(c.study_id == study_id)).all()
    same = set()
    if stored_marks.keys() == marks.keys() and all(
            want[0] == have[0] and want[1] in (None, have[1]) and want[2] in (None, have[2])
            for want, have in ((marks[k], stored_marks[k]) for k in marks)):
        same.add(t.FieldReview)
    if sorted(map(tuple, stored_notes), key=repr) == sorted(notes, key=repr):
        same.add(t.ReviewComment)
    return same


def _row_values(ent, item) -> dict[str, Any]:
    if ent.model is None:
        return {ent.scalar: item}
    return values_row(ent, item.__dict__)


_COLUMNS: dict = {}  # entity -> its columns; (entity, "extra") -> whether it has codebook values
_PLAIN = (str, int, float, bool, type(None))


def _db(v: Any) -> Any:
    """to_db, with its usual cases first (an enum's value without Enum's slow ``value`` property)."""
    return v if v.__class__ in _PLAIN else v._value_ if isinstance(v, Enum) else to_db(v)


def values_row(ent, values: dict[str, Any], own: bool = False) -> dict[str, Any]:
    """A row's column values from its item's field values (a model's, or the same as a dict).  ``own``:
    ``values`` is the caller's to change: converted in place and returned (other keys left in it)."""
    names = _COLUMNS.get(ent.name)
    if names is None:
        # Every described field is a column of the same name (tests/core/test_records.py checks the tables);
        # an arm's interventions are links, written by _write_links.  Then the codebook values (checked by
        # _codebook_of), kept as they are.
        names = _COLUMNS[ent.name] = tuple(f.name for f in records.kind(ent.name).fields
                                           if f.name != "interventions" or ent.name != "arm")
        _COLUMNS[ent.name, "extra"] = "extra" in ent.model.model_fields
    if own:
        for name in names:
            v = values[name]
            if v.__class__ not in _PLAIN:
                values[name] = _db(v)
        return values
    row = {}
    for name in names:
        v = values[name]
        row[name] = v if v.__class__ in _PLAIN else _db(v)
    if _COLUMNS[ent.name, "extra"]:
        row["extra"] = values["extra"]
    return row


def _write_links(conn: Connection, ab: schema.Abstraction, study_id: str) -> None:
    for arm in ab.arms:
        if arm.interventions:
            set_arm_interventions(conn, study_id, arm.id, arm.interventions)


def set_arm_interventions(conn: Connection, study_id: str, arm_id: str, names: list[str]) -> None:
    """Link an arm to interventions by name; a name not yet listed becomes an intervention."""
    rows = conn.execute(select(t.Intervention.id, t.Intervention.name)
                        .where(t.Intervention.study_id == study_id).order_by(t.Intervention.position)).all()
    by_name = {name: iid for iid, name in rows if name}
    conn.execute(delete(t.ArmIntervention).where(t.ArmIntervention.arm_id == arm_id))
    links = []
    for pos, name in enumerate(dict.fromkeys(names)):
        if name not in by_name:
            by_name[name] = t.new_id()
            conn.execute(insert(t.Intervention), [{"id": by_name[name], "study_id": study_id,
                                                   "position": len(rows), "name": name, "other_names": []}])
            rows.append((by_name[name], name))
        links.append({"arm_id": arm_id, "intervention_id": by_name[name], "position": pos})
    if links:
        conn.execute(insert(t.ArmIntervention), links)


def arm_intervention_names(conn: Connection, arm_id: str) -> list[str]:
    q = (select(t.Intervention.name).join(t.ArmIntervention, t.ArmIntervention.intervention_id == t.Intervention.id)
         .where(t.ArmIntervention.arm_id == arm_id).order_by(t.ArmIntervention.position))
    return [n or "" for n in conn.execute(q).scalars()]


def snapshot_row(conn: Connection, study_id: str, ent, row_id: str):
    """A deleted row's values, links and evidence, so undo can put it back as it was."""
    from abstractor.storage.records import RowSnapshot

    values = conn.execute(select(ent.table).where(ent.table.id == row_id)).mappings().first()
    if values is None:
        raise StoreError(f"the {ent.name} {row_id} no longer exists")
    col = t.ArmIntervention.arm_id if ent.name == "arm" else t.ArmIntervention.intervention_id
    links = [dict(r) for r in conn.execute(select(t.ArmIntervention).where(col == row_id)).mappings()] \
        if ent.name in ("arm", "intervention") else []
    evidence = [dict(r) for r in conn.execute(select(t.Evidence).where(t.Evidence.row_id == row_id)).mappings()]
    return RowSnapshot(study_id, ent.name, dict(values), links, evidence)


def _write_evidence(conn, ab, study_id, ids, documents, user) -> None:
    default_doc = documents.get(ab.source.sha256) if ab.source and ab.source.sha256 else None
    if default_doc is None and len(documents) == 1:
        default_doc = next(iter(documents.values()))
    rows = []
    for ev in ab.evidence:
        tgt = path_to_target(ev.field, ids, study_id)
        doc = documents.get(ev.document) if ev.document else default_doc
        rows.append({"id": t.new_id(), "study_id": study_id, "entity": tgt.entity, "row_id": tgt.row_id,
                     "field": tgt.field, "document_id": doc, "start": ev.start, "end": ev.end,
                     "quote": ev.quote, "created_by": user})
    if rows:
        conn.execute(insert(t.Evidence), rows)


def _write_review(conn, ab, study_id, ids, user, keep=frozenset()) -> None:
    reviews, comments = [], []
    for entry in ab.review:
        tgt = path_to_target(entry.field, ids, study_id)
        key = {"study_id": study_id, "entity": tgt.entity, "row_id": tgt.row_id, "field": tgt.field}
        reviews.append({"id": t.new_id(), **key, "status": to_db(entry.status), "updated_by": entry.by or user,
                        "updated_at": entry.at or t.utcnow()})  # the marker's, else this writer's
        for c in entry.comments:
            comments.append({"id": t.new_id(), **key, "author": c.author, "text": c.text,
                             "at": c.at or t.utcnow()})  # every row the same keys: one bulk insert
    if reviews and t.FieldReview not in keep:
        conn.execute(insert(t.FieldReview), reviews)
    if comments and t.ReviewComment not in keep:
        conn.execute(insert(t.ReviewComment), comments)


def delete_study_rows(conn: Connection, study_id: str) -> None:
    """Remove a study and everything hanging from it (documents too)."""
    conn.execute(delete(t.Study).where(t.Study.id == study_id))


# --- reading --------------------------------------------------------------

def read_study(conn: Connection, study_id: str) -> Optional[schema.Abstraction]:
    st = conn.execute(select(t.Study).where(t.Study.id == study_id)).mappings().first()
    if st is None:
        return None
    rows: dict[str, list[dict]] = {}
    for ent in REPEATED:
        rows[ent.json_list] = [dict(r) for r in conn.execute(
            select(ent.table).where(ent.table.study_id == study_id).order_by(ent.table.position)).mappings()]
    esc = conn.execute(select(t.Escalation).where(t.Escalation.id == study_id)).mappings().first()
    arm_ids = [r["id"] for r in rows["arms"]]
    links: dict[str, list[str]] = {a: [] for a in arm_ids}
    if arm_ids:
        names = {r["id"]: r["name"] for r in rows["interventions"]}
        q = (select(t.ArmIntervention.arm_id, t.ArmIntervention.intervention_id)
             .where(t.ArmIntervention.arm_id.in_(arm_ids)).order_by(t.ArmIntervention.position))
        for arm_id, iid in conn.execute(q):
            links[arm_id].append(names.get(iid) or "")

    study = schema.StudyFields(
        **{f: st[f] for f in STUDY_SCALARS},
        registry_ids=[r["value"] for r in rows["study.registry_ids"]],
        conditions=[r["name"] for r in rows["study.conditions"]],
        sites=[_item(schema.Site, r) for r in rows["study.sites"]],
    )
    ab = schema.Abstraction(
        id=st["id"],
        source=schema.Source(file=st["source_file"], sha256=st["source_sha256"])
        if (st["source_file"] or st["source_sha256"]) else None,
        study=study,
        arms=[_item(schema.Arm, r, interventions=links[r["id"]]) for r in rows["arms"]],
        interventions=[_item(schema.Intervention, r) for r in rows["interventions"]],
        dose_levels=[_item(schema.DoseLevel, r) for r in rows["dose_levels"]],
        escalation=schema.Escalation(**{k: esc[k] for k in ("method", "dlt_window_days", "redosing")})
        if esc else schema.Escalation(),
        outcomes=[_item(schema.Outcome, r) for r in rows["outcomes"]],
        criteria=[_item(schema.Criterion, r) for r in rows["criteria"]],
        status=st["status"], abstractor=st["abstractor"], consensus=bool(st["consensus"]),
    )
    if st["codebook_id"]:
        book = cs.by_id(conn, st["codebook_id"])
        ab.codebook = schema.CodebookRef(name=book.name, version=book.version)
    positions = {r["id"]: i for key in rows for i, r in enumerate(rows[key])}
    ab.evidence = _read_evidence(conn, study_id, positions, st["source_sha256"])
    ab.review = _read_review(conn, study_id, positions)
    return ab


def _item(model, row: dict, **extra):
    return model(**{k: row[k] for k in model.model_fields if k in row}, **extra)


def _read_evidence(conn, study_id, positions, source_sha) -> list[schema.Evidence]:
    q = (select(t.Evidence.entity, t.Evidence.row_id, t.Evidence.field, t.Evidence.start, t.Evidence.end,
                t.Evidence.quote, t.SourceDocument.sha256)
         .select_from(t.Evidence).outerjoin(t.SourceDocument, t.SourceDocument.id == t.Evidence.document_id)
         .where(t.Evidence.study_id == study_id).order_by(t.Evidence.created_at, t.Evidence.id))
    out = []
    for entity, row_id, field, start, end, quote, sha in conn.execute(q):
        if entity not in ("study", "escalation") and row_id not in positions:
            continue  # evidence of a deleted row
        path = target_to_path(Target(entity, row_id, field), positions)
        out.append(schema.Evidence(field=path, start=start, end=end, quote=quote,
                                   document=None if sha == source_sha else sha))
    return out


def _read_review(conn, study_id, positions) -> list[schema.ReviewEntry]:
    entries: dict[tuple, schema.ReviewEntry] = {}
    for r in conn.execute(select(t.FieldReview).where(t.FieldReview.study_id == study_id)
                          .order_by(t.FieldReview.updated_at, t.FieldReview.id)).mappings():
        if r["entity"] not in ("study", "escalation") and r["row_id"] not in positions:
            continue
        key = (r["entity"], r["row_id"], r["field"])
        entries[key] = schema.ReviewEntry(field=target_to_path(Target(*key), positions), status=r["status"],
                                          by=r["updated_by"], at=r["updated_at"])
    for r in conn.execute(select(t.ReviewComment).where(t.ReviewComment.study_id == study_id)
                          .order_by(t.ReviewComment.at, t.ReviewComment.id)).mappings():
        key = (r["entity"], r["row_id"], r["field"])
        if r["entity"] not in ("study", "escalation") and r["row_id"] not in positions:
            continue
        if key not in entries:
            entries[key] = schema.ReviewEntry(field=target_to_path(Target(*key), positions))
        entries[key].comments.append(schema.Comment(author=r["author"], at=r["at"], text=r["text"]))
    return list(entries.values())


def dumps(value: Any) -> Optional[str]:
    """Audit trail form of a value."""
    return None if value is None else json.dumps(to_db(value), ensure_ascii=False)
