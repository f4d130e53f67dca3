"""Suggestion rows: stored proposals, their evidence and what became of them."""
from __future__ import annotations

import json
from typing import NamedTuple, Optional

from sqlalchemy import delete, insert, select, update

from models import tables as t


class StoredSuggestion(NamedTuple):
    id: str
    study_id: str
    document_id: Optional[str]
    path: str  # the unit it proposes: "study.enrollment", "criteria[3]", "study.sites[0]"
    value: object  # the proposed value (a row's dict for a row)
    spans: list  # [{"field", "start", "end", "quote"}], the first is the main one
    extractor: str
    confidence: float
    state: str
    target_entity: Optional[str]
    target_row_id: Optional[str]


def add_suggestions(store, study_id: str, document_id: Optional[str], units: list[dict]) -> int:
    """Store proposals (dicts with path, value, spans, extractor, confidence), replacing
    the document's open ones; returns how many."""
    with store.write() as conn:
        conn.execute(delete(t.Suggestion).where(t.Suggestion.study_id == study_id,
                                                t.Suggestion.document_id == document_id,
                                                t.Suggestion.state == "OPEN"))
        n = insert_suggestions(conn, study_id, document_id, units)
        store.audit(conn, study_id, "suggestion", document_id, None, "create", None, n, "suggestion")
    return n


def insert_suggestions(conn, study_id: str, document_id: Optional[str], units: list[dict],
                       user: Optional[str] = None) -> int:
    """Proposals as rows: open, or already decided when a unit says so (``state``, ``target``:
    the batch import decides them before storing, abstractor.suggestions.accept_in_memory)."""
    rows, audit = [], []
    now = t.utcnow()
    for u in units:
        main = u["spans"][0]
        state = u.get("state", "OPEN")
        entity, row_id = u.get("target") or (None, None)
        rows.append({"id": t.new_id(), "study_id": study_id, "document_id": document_id, "path": u["path"],
                     "value": json.dumps({"value": u["value"], "spans": u["spans"]}, ensure_ascii=False),
                     "start": main["start"], "end": main["end"], "quote": main["quote"],
                     "extractor": u["extractor"], "confidence": u["confidence"], "state": state,
                     "target_entity": entity, "target_row_id": row_id,
                     "decided_at": now if state != "OPEN" else None, "decided_by": user if state != "OPEN" else None})
        if state != "OPEN":  # the trail says what each accepted proposal set, as accepting one by one does
            audit.append({"at": now, "user": user, "study_id": study_id, "entity": entity, "row_id": row_id,
                          "field": u.get("field"), "action": "create" if u.get("field") is None else "update",
                          "old": None, "new": json.dumps(u["value"], ensure_ascii=False), "origin": "suggestion"})
    if rows:
        conn.execute(insert(t.Suggestion), rows)
    if audit:
        conn.execute(insert(t.AuditEvent), audit)
    return len(rows)


def suggestions(store, study_id: str, state: Optional[str] = None) -> list[StoredSuggestion]:
    s = t.Suggestion
    q = select(s).where(s.study_id == study_id).order_by(s.start, s.id)
    if state:
        q = q.where(s.state == state)
    with store.read() as conn:
        return [_row(r) for r in conn.execute(q).mappings()]


def get_suggestion(store, suggestion_id: str) -> StoredSuggestion:
    with store.read() as conn:
        r = conn.execute(select(t.Suggestion).where(t.Suggestion.id == suggestion_id)).mappings().first()
    if r is None:
        from abstractor.errors import StoreError

        raise StoreError(f"{store.label}: there is no suggestion {suggestion_id}")
    return _row(r)


def set_state(store, suggestion_id: str, state: str, target_entity: Optional[str] = None,
              target_row_id: Optional[str] = None) -> str:
    """Record the decision; returns the previous state (for undo)."""
    with store.write() as conn:
        r = conn.execute(select(t.Suggestion.state, t.Suggestion.study_id, t.Suggestion.path)
                         .where(t.Suggestion.id == suggestion_id)).first()
        decided = state != "OPEN"
        conn.execute(update(t.Suggestion).where(t.Suggestion.id == suggestion_id).values(
            state=state, target_entity=target_entity, target_row_id=target_row_id,
            decided_at=t.utcnow() if decided else None, decided_by=store.user if decided else None))
        store.audit(conn, r.study_id, "suggestion", suggestion_id, r.path, "update", r.state, state, "suggestion")
    return r.state


def counts(store, study_id: Optional[str] = None) -> dict[str, int]:
    """How many proposals ended in each state (accuracy in real use)."""
    from sqlalchemy import func

    q = select(t.Suggestion.state, func.count()).group_by(t.Suggestion.state)
    if study_id:
        q = q.where(t.Suggestion.study_id == study_id)
    with store.read() as conn:
        return dict(conn.execute(q).all())


def _row(r) -> StoredSuggestion:
    payload = json.loads(r["value"]) if r["value"] else {"value": None, "spans": []}
    return StoredSuggestion(r["id"], r["study_id"], r["document_id"], r["path"], payload["value"],
                            payload["spans"], r["extractor"], r["confidence"], r["state"], r["target_entity"],
                            r["target_row_id"])
