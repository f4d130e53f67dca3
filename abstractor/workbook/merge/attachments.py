"""Merging a workbook's evidence and review into a study, field by field (conflicts as for values)."""
from __future__ import annotations

from typing import Any

from models import schema
from models.ids import utcnow
from abstractor.workbook import layout as L
from abstractor.workbook.content import Issue, ReviewRow, WorkbookStudy
from abstractor.workbook.flatten import PathMap, Target
from abstractor.workbook.merge.plan_types import AttachmentChange, Conflict


def placed(paths: PathMap, rows, issues, what: str) -> list[tuple[str, Any]]:
    """(field path, row) of each row whose target is in the study; the others are reported and left out."""
    out = []
    for r in rows:
        try:
            out.append((paths.path(r.target), r))
        except ValueError as exc:
            issues.append(Issue(r.where, f"{exc}; this {what} was left out"))
    return out


def evidence_item(path: str, r) -> schema.Evidence:
    return schema.Evidence(field=path, start=r.start, end=r.end, quote=r.quote, document=r.document)


def review_item(path: str, r, now: str) -> schema.ReviewEntry:
    """A Review row's entry; a comment typed without a time takes ``now`` (the import's)."""
    return schema.ReviewEntry(field=path, status=r.status, by=r.by, at=r.at,
                              comments=[c if c.at else c.model_copy(update={"at": now}) for c in r.comments])


def _audit_key(tgt: Target, sid: str) -> tuple[str, str, str]:
    """The storage (entity, row id, field) an evidence or review target is audited under."""
    if tgt.sheet == "Studies":
        if tgt.field.startswith("escalation_"):
            return ("escalation", sid, tgt.field[11:])
        return ("study", sid, tgt.field)
    ent = next(s.entity for s in L.ROW_SHEETS if s.name == tgt.sheet)
    return (ent, tgt.row_id, tgt.field)


def _alive(paths_new: PathMap, tgt: Target) -> bool:
    try:
        paths_new.path(tgt)
        return True
    except ValueError:
        return False


def merge_evidence(plan, st: WorkbookStudy, db, paths_db: PathMap, paths_new: PathMap, changes, issues) -> None:
    db_map: dict[Target, list] = {}
    for ev in db.evidence:
        db_map.setdefault(paths_db.target(ev.field), []).append((ev.document, ev.start, ev.end, ev.quote))
    if st.evidence_bad:
        plan.notes.append("some Evidence rows were unreadable: the study's evidence was left as it is")
        wb_map = db_map
    else:
        wb_map = {}
        for r in st.evidence:
            wb_map.setdefault(r.target, []).append((r.document, r.start, r.end, r.quote))
    merged: dict[Target, list] = {}
    for tgt in list(dict.fromkeys([*wb_map, *db_map])):
        dbl, wbl = db_map.get(tgt, []), wb_map.get(tgt, [])
        ent, rid, fld = _audit_key(tgt, plan.study_id)
        verdict = "same" if dbl == wbl else (
            "conflict" if (ent, rid, f"{fld}#evidence") in changes.fields else "take")
        if verdict == "conflict":
            plan.conflicts.append(Conflict(f"evidence of {tgt.sheet} {tgt.row_id} {tgt.field}",
                                           [list(x) for x in dbl], [list(x) for x in wbl]))
        chosen = wbl if verdict == "take" else dbl
        if chosen and not _alive(paths_new, tgt):
            if tgt in wb_map and verdict == "take" and tgt not in db_map:
                issues.append(Issue(next(r.where for r in st.evidence if r.target == tgt),
                                    f"evidence for a {tgt.sheet} row {tgt.row_id} that is not in the study; "
                                    "left out"))
            continue
        if chosen:
            merged[tgt] = chosen
        if verdict == "take":
            plan.attachments.append(AttachmentChange(ent, rid, fld, "evidence", [list(x) for x in dbl],
                                                     [list(x) for x in wbl]))
    plan.merged.evidence = [schema.Evidence(field=paths_new.path(tgt), document=d, start=s, end=e, quote=q)
                            for tgt, items in merged.items() for d, s, e, q in items]


def merge_review(plan, st: WorkbookStudy, db, paths_db: PathMap, paths_new: PathMap, changes, issues,
                  exported_at: str) -> None:
    db_map: dict[Target, ReviewRow] = {}
    for entry in db.review:
        tgt = paths_db.target(entry.field)
        db_map[tgt] = ReviewRow(tgt, str(entry.status), list(entry.comments), "", entry.by, entry.at)
    if st.review_bad:
        plan.notes.append("some Review rows were unreadable: the study's review was left as it is")
        wb_map = db_map
    else:
        wb_map = st.review
    now = utcnow()
    out: list[schema.ReviewEntry] = []
    for tgt in list(dict.fromkeys([*wb_map, *db_map])):
        d, w = db_map.get(tgt), wb_map.get(tgt)
        ent, rid, fld = _audit_key(tgt, plan.study_id)
        status = d.status if d else "UNCHECKED"
        by, at = (d.by, d.at) if d else (None, None)
        if w is not None and (d is None or w.status != d.status):
            if d is not None and (ent, rid, f"{fld}#review") in changes.fields:
                plan.conflicts.append(Conflict(f"review status of {tgt.sheet} {tgt.row_id} {tgt.field}",
                                               d.status, w.status))
            else:
                status = w.status
                # The workbook names who set it when its marked_by/at are not the stored ones (a mark
                # from another database); a status changed in the spreadsheet is the importer's, now.
                by, at = (w.by, w.at) if w.by and (w.by, w.at) != (by, at) else (None, None)
        db_comments = list(d.comments) if d else []
        wb_comments = list(w.comments) if w else []
        key = lambda c: (c.author, c.at, c.text)  # noqa: E731
        wb_keys = {key(c) for c in wb_comments}
        db_keys = {key(c) for c in db_comments}
        comments = [c for c in db_comments
                    if key(c) in wb_keys or w is None and st.review_bad or (c.at or "") > exported_at]
        # A comment typed without a time was stamped by an earlier import of this workbook: the same
        # author and text stamped after the export is that comment (importing twice adds it once).
        stamped = [c for c in db_comments if key(c) not in wb_keys and (c.at or "") > exported_at]
        added = []
        for c in wb_comments:
            if key(c) in db_keys:
                continue
            twin = next((x for x in stamped if not c.at and (x.author, x.text) == (c.author, c.text)), None)
            if twin is not None:
                stamped.remove(twin)
            else:
                added.append(c.model_copy(update={"at": c.at or now}))
        comments += added
        if not _alive(paths_new, tgt):
            if w is not None and d is None:
                issues.append(Issue(w.where, f"review of a {tgt.sheet} row {tgt.row_id} that is not in the study; "
                                             "left out"))
            continue
        if d is None and w is None:
            continue
        before = (d.status, [key(c) for c in d.comments]) if d else None
        after = (status, [key(c) for c in comments])
        if before != after and not (d is None and status == "UNCHECKED" and not comments):
            plan.attachments.append(AttachmentChange(ent, rid, fld, "review",
                                                     _review_json(before), _review_json(after)))
        out.append(schema.ReviewEntry(field=paths_new.path(tgt), status=status, comments=comments, by=by, at=at))
    plan.merged.review = out


def _review_json(state) -> Any:
    if state is None:
        return None
    status, comments = state
    return {"status": status, "comments": [list(c) for c in comments]}
