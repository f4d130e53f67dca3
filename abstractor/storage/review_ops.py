"""Review in the database: marks, query threads, workflow status, consensus studies.

Kept apart from store.py (which others edit) but it is storage all the same:
each function is one transaction on the Store and audits what it changed, so
the review travels in the trail like any other edit.  A field or a whole row
is named either by its JSON path ("study.phases", "criteria[3]",
"criteria[3].text") or by a Target (entity, row id, field; field "" = the row).
Every mutating function returns a Store ``Change`` that screens can announce.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Iterable, Optional, Union

from sqlalchemy import and_, delete, func, insert, select, update

from models import schema, tables as t
from models.enums import AbstractionStatus, ReviewState
from abstractor.errors import InvalidValue, StoreError
from abstractor.storage import convert
from abstractor.storage.entities import REPEATED, Target, path_to_target, target_to_path
from abstractor.storage.store import Change, Store, StudyListRow

TargetLike = Union[str, Target, tuple]
ORIGIN = "review"

@dataclass
class FieldReviewInfo:
    """The review of one field or row, as the window shows it."""

    target: Target
    path: str
    status: ReviewState
    updated_by: Optional[str] = None
    updated_at: Optional[str] = None
    comments: list[schema.Comment] = dc_field(default_factory=list)

    @property
    def raised_by(self) -> Optional[str]:
        """Who asked: the last to mark it, if they wrote in the thread (after a workbook
        round trip the marker is whoever imported it), else the thread's first author."""
        authors = [c.author for c in self.comments]
        if self.updated_by in authors or not authors:
            return self.updated_by
        return authors[0]

    @property
    def answered(self) -> bool:
        """Whose turn: answered once someone other than the asker wrote last."""
        return bool(self.comments) and self.comments[-1].author not in (None, self.raised_by)


# --- addressing ----------------------------------------------------------

def _row_ids(conn, study_id: str) -> dict[str, list[str]]:
    return {ent.json_list: list(conn.execute(select(ent.table.id).where(ent.table.study_id == study_id)
                                             .order_by(ent.table.position)).scalars()) for ent in REPEATED}


def _positions(ids: dict[str, list[str]]) -> dict[str, int]:
    return {rid: i for rows in ids.values() for i, rid in enumerate(rows)}


def _resolve(conn, study_id: str, where: TargetLike) -> Target:
    if isinstance(where, Target):
        tgt = where
    elif isinstance(where, tuple):
        tgt = Target(*where)
    else:
        try:
            tgt = path_to_target(where, _row_ids(conn, study_id), study_id)
        except ValueError as exc:
            raise InvalidValue(str(exc)) from None
    if tgt.entity in ("study", "escalation"):
        return Target(tgt.entity, study_id, tgt.field)
    ent = next((e for e in REPEATED if e.name == tgt.entity), None)
    if ent is None:
        raise InvalidValue(f"unknown record kind {tgt.entity!r}")
    found = conn.execute(select(ent.table.id).where(ent.table.id == tgt.row_id,
                                                    ent.table.study_id == study_id)).first()
    if found is None:
        raise StoreError(f"the {tgt.entity} {tgt.row_id} is not part of study {study_id}")
    return tgt


def _key(study_id: str, tgt: Target):
    return and_(t.FieldReview.study_id == study_id, t.FieldReview.entity == tgt.entity,
                t.FieldReview.row_id == tgt.row_id, t.FieldReview.field == tgt.field)


def _require_study(conn, store: Store, study_id: str) -> str:
    status = conn.execute(select(t.Study.status).where(t.Study.id == study_id)).scalar()
    if status is None:
        raise StoreError(f"{store.label}: there is no study with id {study_id}")
    return status


# --- marks and comments ----------------------------------------------------

def new_comment_id() -> str:
    """An id for a comment about to be written (so that undo can take that one back)."""
    return t.new_id()


def set_review(store: Store, study_id: str, where: TargetLike, status: ReviewState | str,
               comment: Optional[str] = None, comment_id: Optional[str] = None) -> Change:
    """Mark a field or row VERIFIED / QUERIED / UNCHECKED, optionally with a comment
    (a query's question, stored with ``comment_id`` when given), in one audited transaction."""
    status = ReviewState(status)
    with store.write() as conn:
        _require_study(conn, store, study_id)
        tgt = _resolve(conn, study_id, where)
        old = conn.execute(select(t.FieldReview.status).where(_key(study_id, tgt))).scalar()
        if old is None:
            conn.execute(insert(t.FieldReview), [{"id": t.new_id(), "study_id": study_id, "entity": tgt.entity,
                                                  "row_id": tgt.row_id, "field": tgt.field,
                                                  "status": status.value, "updated_by": store.user}])
        elif old != status.value or (comment and status == ReviewState.QUERIED):  # a re-query: the asker
            conn.execute(update(t.FieldReview).where(_key(study_id, tgt))
                         .values(status=status.value, updated_by=store.user, updated_at=t.utcnow()))
        if (old or ReviewState.UNCHECKED.value) != status.value:
            store.audit(conn, study_id, tgt.entity, tgt.row_id, f"{tgt.field}#review", "update",
                         old, status.value, ORIGIN)
        if comment:
            _insert_comment(store, conn, study_id, tgt, comment, comment_id)
    return Change(study_id, tgt.entity, tgt.row_id, tgt.field, "review", old, status.value)


def verify(store: Store, study_id: str, where: TargetLike, comment: Optional[str] = None) -> Change:
    return set_review(store, study_id, where, ReviewState.VERIFIED, comment)


def query(store: Store, study_id: str, where: TargetLike, question: str) -> Change:
    """Raise a query: the field is QUERIED and the question is the first comment."""
    if not question.strip():
        raise InvalidValue("a query needs a question")
    return set_review(store, study_id, where, ReviewState.QUERIED, question)


def add_comment(store: Store, study_id: str, where: TargetLike, text: str) -> Change:
    """Add a comment (an answer to a query, or a note) without changing the mark."""
    if not text.strip():
        raise InvalidValue("an empty comment")
    with store.write() as conn:
        _require_study(conn, store, study_id)
        tgt = _resolve(conn, study_id, where)
        _insert_comment(store, conn, study_id, tgt, text)
    return Change(study_id, tgt.entity, tgt.row_id, tgt.field, "comment", None, text)


answer = add_comment  # the abstractor's reply; the reviewer then verifies or re-queries


def delete_comment(store: Store, study_id: str, comment_id: str) -> Change:
    """Take back one comment (undoing the query that wrote it); the trail records the deletion
    with the text that was there."""
    with store.write() as conn:
        r = conn.execute(select(t.ReviewComment).where(t.ReviewComment.id == comment_id,
                                                       t.ReviewComment.study_id == study_id)).mappings().first()
        if r is None:
            raise StoreError(f"{store.label}: that comment is no longer there")
        conn.execute(delete(t.ReviewComment).where(t.ReviewComment.id == comment_id))
        store.audit(conn, study_id, r["entity"], r["row_id"], f"{r['field']}#comment", "delete", r["text"], None,
                     ORIGIN)
    return Change(study_id, r["entity"], r["row_id"], r["field"], "comment", r["text"], None)


def _insert_comment(store: Store, conn, study_id: str, tgt: Target, text: str,
                    comment_id: Optional[str] = None) -> None:
    conn.execute(insert(t.ReviewComment), [{"id": comment_id or t.new_id(), "study_id": study_id,
                                            "entity": tgt.entity,
                                            "row_id": tgt.row_id, "field": tgt.field,
                                            "author": store.user, "at": t.utcnow(), "text": text}])
    store.audit(conn, study_id, tgt.entity, tgt.row_id, f"{tgt.field}#comment", "create", None, text, ORIGIN)


# --- reading the review ----------------------------------------------------------

def field_reviews(store: Store, study_id: str) -> list[FieldReviewInfo]:
    """Every mark and comment thread of a study (for the marks in the form)."""
    with store.read() as conn:
        positions = _positions(_row_ids(conn, study_id))
        out: dict[tuple, FieldReviewInfo] = {}
        for r in conn.execute(select(t.FieldReview).where(t.FieldReview.study_id == study_id)
                              .order_by(t.FieldReview.updated_at, t.FieldReview.id)).mappings():
            info = _info(r["entity"], r["row_id"], r["field"], positions)
            if info:
                info.status, info.updated_by, info.updated_at = ReviewState(r["status"]), r["updated_by"], r["updated_at"]
                out[(r["entity"], r["row_id"], r["field"])] = info
        for r in conn.execute(select(t.ReviewComment).where(t.ReviewComment.study_id == study_id)
                              .order_by(t.ReviewComment.at, t.ReviewComment.id)).mappings():
            key = (r["entity"], r["row_id"], r["field"])
            if key not in out:
                info = _info(*key, positions)
                if info is None:
                    continue
                out[key] = info
            out[key].comments.append(schema.Comment(author=r["author"], at=r["at"], text=r["text"]))
    return list(out.values())


def _info(entity_name, row_id, field, positions) -> Optional[FieldReviewInfo]:
    if entity_name not in ("study", "escalation") and row_id not in positions:
        return None  # the row was deleted
    tgt = Target(entity_name, row_id, field)
    return FieldReviewInfo(tgt, target_to_path(tgt, positions), ReviewState.UNCHECKED)


def open_queries(store: Store, study_id: str) -> list[FieldReviewInfo]:
    """The study's QUERIED fields and rows with their threads (``answered`` tells whose turn)."""
    return [r for r in field_reviews(store, study_id) if r.status == ReviewState.QUERIED]


def studies_with_open_queries(store: Store) -> dict[str, int]:
    """Study id -> number of open queries, for the list's filter and badge."""
    q = (select(t.FieldReview.study_id, func.count()).where(t.FieldReview.status == ReviewState.QUERIED.value)
         .group_by(t.FieldReview.study_id))
    with store.read() as conn:
        return {sid: n for sid, n in conn.execute(q)}


def list_studies(store: Store, status: Optional[str] = None, with_open_queries: Optional[bool] = None,
                 text: str = "") -> list[StudyListRow]:
    """Store.list_studies with the review filters: by status, with (True) or without
    (False) open queries; None = either."""
    rows = store.list_studies(text=text, status=str(status) if status else None)
    if with_open_queries is None:
        return rows
    queried = studies_with_open_queries(store)
    return [r for r in rows if (r.id in queried) == with_open_queries]


# --- workflow status (the rules are abstractor.review.workflow's) -----------------------

def study_status(store: Store, study_id: str) -> AbstractionStatus:
    with store.read() as conn:
        return AbstractionStatus(_require_study(conn, store, study_id))


def open_query_count(store: Store, study_id: str) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(t.FieldReview).where(
            t.FieldReview.study_id == study_id, t.FieldReview.status == ReviewState.QUERIED.value)).scalar_one()


def write_status(store: Store, study_id: str, new: AbstractionStatus, comment: Optional[str] = None) -> Change:
    """Store a study's workflow status (and a comment on it), audited; the caller decided it may."""
    with store.write() as conn:
        old = _require_study(conn, store, study_id)
        conn.execute(update(t.Study).where(t.Study.id == study_id).values(status=new.value, updated_at=t.utcnow()))
        store.audit(conn, study_id, "study", study_id, "status", "update", old, new.value, ORIGIN)
        if comment:
            _insert_comment(store, conn, study_id, Target("study", study_id, "status"), comment)
    return Change(study_id, "study", study_id, "status", "update", old, new.value)


# --- consensus -----------------------------------------------------------------

def add_consensus_study(store: Store, ab: schema.Abstraction, documents: Iterable = (),
                        sources: Optional[dict] = None) -> str:
    """Store an adjudicated study (consensus=True) and audit who decided from what,
    all in one transaction."""
    if not ab.consensus:
        raise InvalidValue("a consensus study must be marked consensus=True")
    docs = list(documents)
    with store.write() as conn:
        def add_documents(study_id: str) -> dict[str, str]:
            return {d.sha256: store.insert_document(conn, study_id, d, pos) for pos, d in enumerate(docs)}

        study_id = convert.write_study(conn, ab, user=store.user, add_documents=add_documents)
        store.audit(conn, study_id, "study", study_id, None, "create", None, ab.study.title, "adjudication")
        store.audit(conn, study_id, "study", study_id, "consensus", "adjudicate", None,
                     {"decided_by": ab.abstractor, **(sources or {})}, "adjudication")
    return study_id


def source_documents(store: Store, study_ids: Iterable[str]) -> list:
    """Full documents of these stored studies (unique by sha256), to carry into a consensus."""
    out, seen = [], set()
    with store.read() as conn:
        for sid in study_ids:
            q = select(t.SourceDocument).where(t.SourceDocument.study_id == sid).order_by(t.SourceDocument.position)
            for r in conn.execute(q).mappings():
                if r["sha256"] not in seen:
                    seen.add(r["sha256"])
                    out.append(_Doc(r["file_name"], r["sha256"], r["kind"], r["encoding"], r["text"],
                                    list(r["page_starts"] or []), r["size_bytes"]))
    return out


@dataclass(frozen=True)
class _Doc:
    file_name: str
    sha256: str
    kind: str
    encoding: Optional[str]
    text: str
    page_starts: list
    size_bytes: int
