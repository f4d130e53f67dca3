"""Applying a workbook import so that it can be taken back as one step (the window's undo).

    record = apply_undoable(store, plan)   # apply_plan, plus what is needed to undo it
    undo_import(store, record)             # every touched study exactly as before: one transaction
    record = apply_undoable(store, plan)   # redo: the same plan again (its studies are as planned)

The "before" of an updated study is the plan's own database copy: apply_plan refuses
when the stored study differs from it, so it is exactly what the import replaced.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, select

from models import schema, tables as t
from abstractor.errors import StoreError
from abstractor.storage import convert
from abstractor.storage.store import Store
from abstractor.storage.workbook_apply import ApplyResult, Progress, apply_plan


@dataclass
class ImportUndo:
    """What one applied import changed, to take it back."""

    result: ApplyResult
    added: list[str] = field(default_factory=list)  # studies the import created
    before: dict[str, schema.Abstraction] = field(default_factory=dict)  # updated studies as they were
    documents: dict[str, set[str]] = field(default_factory=dict)  # study id -> document sha256s it had

    @property
    def study_ids(self) -> list[str]:
        return [*self.added, *self.before]


def _document_shas(store: Store, ids: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {i: set() for i in ids}
    d = t.SourceDocument
    with store.read() as conn:
        for i in range(0, len(ids), 500):
            for sid, sha in conn.execute(select(d.study_id, d.sha256).where(d.study_id.in_(ids[i:i + 500]))):
                out[sid].add(sha)
    return out


def apply_undoable(store: Store, plan, origin: str = "workbook", progress: Progress = None) -> ImportUndo:
    """apply_plan (one transaction; ``progress`` as there) and remember how to take it back."""
    kept = [p.study_id for p in plan.studies if p.action != "new" and (p.action == "update" or p.documents)]
    docs = _document_shas(store, kept)
    result = apply_plan(store, plan, origin=origin, progress=progress)
    before = {p.study_id: p.database for p in plan.studies
              if p.action == "update" and p.study_id in result.updated and p.database is not None}
    return ImportUndo(result, list(result.added), before, docs)


def undo_import(store: Store, record: ImportUndo, origin: str = "workbook undo", progress: Progress = None) -> None:
    """Put every study the import touched back as it was, in ONE transaction (all or nothing):
    studies it added are removed, updated ones get their old values, rows, evidence and review
    back, and documents it attached are detached.  ``progress(done, total)`` after each study
    (an exception it raises rolls everything back)."""
    from abstractor.storage.diff import diff_abstractions

    total, done = len(record.added) + len(record.before), 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    with store.write() as conn:
        for sid in record.added:
            title = conn.execute(select(t.Study.title).where(t.Study.id == sid)).scalar()
            convert.delete_study_rows(conn, sid)
            store.audit(conn, sid, "study", sid, None, "delete", title, None, origin)
            step()
        for sid, old in record.before.items():
            current = convert.read_study(conn, sid)
            if current is None:
                raise StoreError(f"{store.label}: study {sid} was deleted after the import; the import cannot be "
                                 "undone")
            convert.replace_study(conn, old, store.user)
            for d in diff_abstractions(current, convert.read_study(conn, sid)):
                store.audit(conn, sid, d.entity, d.row_id, d.field, d.action, d.old, d.new, origin)
            step()
        for sid, had in record.documents.items():
            doc = t.SourceDocument
            extra = [(i, name) for i, sha, name in conn.execute(
                select(doc.id, doc.sha256, doc.file_name).where(doc.study_id == sid)) if sha not in had]
            if extra:
                conn.execute(delete(doc).where(doc.id.in_([i for i, _ in extra])))
            for doc_id, name in extra:
                store.audit(conn, sid, "document", doc_id, None, "delete", name, None, origin)
