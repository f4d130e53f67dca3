"""What importing a workbook would change, computed before anything changes.

Per study: new, or updated fields, new rows, missing rows, and conflicts.  A
conflict is a value the workbook changes that was also changed in the
database after the workbook's export time (the audit trail records every
change with its time); the database keeps its value and both are reported.
A value only the database changed since the export is kept silently (the
workbook still has the old one).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from models import schema
from models.tables import new_id, utcnow
from abstractor.diff import FieldDiff, diff_abstractions
from abstractor.importing.document import ImportedDocument
from abstractor.storage.entities import to_db
from abstractor.workbook import layout as L
from abstractor.workbook.flatten import PathMap, Target, item_value, list_items, study_value
from abstractor.workbook.reading import Issue, WorkbookContent, WorkbookStudy

_NO = object()


@dataclass
class Conflict:
    where: str  # "Outcomes row 1f3e... time_frame"
    database: Any
    workbook: Any
    reason: str = "changed in the database after the workbook was exported"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}; kept the database's {_show(self.database)}, " \
               f"not the workbook's {_show(self.workbook)}"


@dataclass
class AttachmentChange:
    """Evidence or review of one field, changed by the import (audited as field#evidence / field#review)."""

    entity: str
    row_id: str
    field: str
    kind: str  # evidence, review
    old: Any
    new: Any


@dataclass
class StudyPlan:
    study_id: str
    label: str
    action: str  # new, update, unchanged
    merged: schema.Abstraction
    database: Optional[schema.Abstraction] = None
    changes: list[FieldDiff] = field(default_factory=list)
    attachments: list[AttachmentChange] = field(default_factory=list)
    documents: list[ImportedDocument] = field(default_factory=list)  # to add
    missing: list[str] = field(default_factory=list)  # rows the workbook lacks, kept
    deleted: list[str] = field(default_factory=list)  # rows the workbook lacks, deleted (--delete-missing)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def new_rows(self) -> list[FieldDiff]:
        return [d for d in self.changes if d.action == "create"]


@dataclass
class ImportPlan:
    content: WorkbookContent
    studies: list[StudyPlan]
    issues: list[Issue]
    notes: list[str]
    delete_missing: bool

    @property
    def has_changes(self) -> bool:
        return any(p.action != "unchanged" for p in self.studies)

    @property
    def rejected(self) -> bool:
        """Some input was left out (bad cells, conflicts)."""
        return bool(self.issues) or any(p.conflicts for p in self.studies)

    def report(self) -> str:
        from abstractor.workbook.merge.report import plan_report

        return plan_report(self)


def _show(v: Any) -> str:
    text = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else repr(v)
    return text if len(text) <= 80 else text[:77] + "..."


def _plain(v: Any) -> Any:
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return to_db(v)


class _Changes:
    """Audit events of one study since the export, indexed for lookups."""

    def __init__(self, events: list[dict]):
        self.fields: dict[tuple, dict] = {}
        self.rows: dict[tuple, set] = {}
        self.entities: set[str] = set()
        for e in events:
            self.entities.add(e["entity"])
            if e["field"] is not None and e["row_id"] is not None:
                self.fields.setdefault((e["entity"], e["row_id"], e["field"]), e)
            if e["row_id"] is not None:
                self.rows.setdefault((e["entity"], e["row_id"]), set()).add(e["action"])

    def exported(self, entity: str, row_id: str, fld: str) -> Any:
        """The value at export time: _NO if unchanged since, None-able value, or KeyError if unknown."""
        e = self.fields.get((entity, row_id, fld))
        if e is None and "." in fld:  # threshold.value: a whole-threshold change
            head, _, sub = fld.partition(".")
            whole = self.fields.get((entity, row_id, head))
            if whole is not None:
                old = json.loads(whole["old"]) if whole["old"] else None
                return old.get(sub) if isinstance(old, dict) else None
        if e is None:
            return _NO
        if e["action"] != "update":
            raise KeyError(fld)
        return json.loads(e["old"]) if e["old"] is not None else None

    def row_changed(self, entity: str, row_id: str) -> bool:
        return (entity, row_id) in self.rows

    def created(self, entity: str, row_id: str) -> bool:
        return "create" in self.rows.get((entity, row_id), ())

    def deleted(self, entity: str, row_id: str) -> bool:
        return "delete" in self.rows.get((entity, row_id), ())


def _decide(changes: _Changes, key: tuple[str, str, str], dbv: Any, wbv: Any, extra_changed: bool = False) -> str:
    """same, take (the workbook's value), keep (only the database changed it) or conflict."""
    if dbv == wbv:
        return "same"
    try:
        exported = changes.exported(*key)
    except KeyError:
        return "conflict"
    if exported is _NO:
        return "conflict" if extra_changed else "take"
    return "keep" if _plain(exported) == wbv else "conflict"


def build_plan(store, content: WorkbookContent, *, delete_missing: bool = False) -> ImportPlan:
    from abstractor.storage import workbook_apply as wa

    ids = list(content.studies)
    existing = wa.existing_studies(store, ids)
    old_ids = [i for i in ids if i in existing]
    db = {ab.id: ab for ab in wa.iter_studies_bulk(store, old_ids)}
    events = wa.changes_since(store, old_ids, content.exported_at)
    issues = list(content.issues)
    # Row ids are unique across the database: a workbook row must not take another study's row.
    wanted: dict[str, list[str]] = {}
    for st in content.studies.values():
        for sheet in L.ROW_SHEETS:
            wanted.setdefault(sheet.entity, []).extend(
                i.id for i in list_items(st.ab, sheet.list_key) if i.id)
    owners = wa.row_owners(store, wanted)
    plans = []
    for sid, st in content.studies.items():
        clash = [(s.entity, i.id) for s in L.ROW_SHEETS for i in list_items(st.ab, s.list_key)
                 if i.id and owners.get((s.entity, i.id), sid) != sid]
        if clash:
            ent, rid = clash[0]
            sheet = L.BY_ENTITY[ent].name
            issues.append(Issue(st.row_where.get((sheet, rid), st.where),
                                f"the row id {rid} belongs to another study ({owners[(ent, rid)]}) in the "
                                f"database; study {sid} was left out"))
            continue
        if sid in db:
            plans.append(_plan_update(st, db[sid], _Changes(events.get(sid, [])), delete_missing, issues,
                                      content.exported_at))
        else:
            plans.append(_plan_new(st, issues))
    return ImportPlan(content, plans, issues, list(content.notes), delete_missing)


def _label(ab: schema.Abstraction) -> str:
    reg = ab.study.registry_ids[0] if ab.study.registry_ids else None
    title = ab.study.title or ""
    title = title if len(title) <= 50 else title[:47] + "..."
    return " ".join(x for x in (reg, title) if x) or ab.id


def _assign_ids(ab: schema.Abstraction) -> None:
    for sheet in L.ROW_SHEETS:
        for item in list_items(ab, sheet.list_key):
            if not item.id:
                item.id = new_id()


def _with_ids(ab: schema.Abstraction) -> schema.Abstraction:
    """A copy of ``ab`` in which every row has an id.  Copied only as deep as needed: its lists are new
    (and rows without an id are copies); the rest is shared with ``ab``, which is never changed."""
    def fresh(items):
        return [i if i.id else i.model_copy(update={"id": new_id()}) for i in items]

    lists = {s.list_key: fresh(list_items(ab, s.list_key)) for s in L.ROW_SHEETS if s.list_key != "study.sites"}
    study = ab.study.model_copy(update={"sites": fresh(ab.study.sites)})
    return ab.model_copy(update={"study": study, **lists})


def _plan_new(st: WorkbookStudy, issues: list[Issue]) -> StudyPlan:
    ab = _with_ids(st.ab)
    paths = PathMap(ab)
    ab.evidence = _evidence_items(paths, st.evidence, issues)
    ab.review = _review_items(paths, list(st.review.values()), issues)
    now = utcnow()  # comments added in the workbook are stamped with the import time
    for entry in ab.review:
        entry.comments = [c if c.at else c.model_copy(update={"at": now}) for c in entry.comments]
    plan = StudyPlan(ab.id, _label(ab), "new", ab, documents=list(st.documents))
    for sheet, ids in st.rejected.items():
        plan.notes.append(f"{len(ids)} {sheet} row(s) left out because of unreadable cells")
    return plan


def _evidence_items(paths: PathMap, rows, issues) -> list[schema.Evidence]:
    out = []
    for r in rows:
        try:
            path = paths.path(r.target)
        except ValueError as exc:
            issues.append(Issue(r.where, f"{exc}; this evidence was left out"))
            continue
        out.append(schema.Evidence(field=path, start=r.start, end=r.end, quote=r.quote, document=r.document))
    return out


def _review_items(paths: PathMap, rows, issues) -> list[schema.ReviewEntry]:
    out = []
    for r in rows:
        try:
            path = paths.path(r.target)
        except ValueError as exc:
            issues.append(Issue(r.where, f"{exc}; this review entry was left out"))
            continue
        out.append(schema.ReviewEntry(field=path, status=r.status, comments=r.comments))
    return out


_STUDY_COLS = [c for c in L.STUDIES.columns if c.name not in ("study_id", "source_file", "source_sha256")]


def _study_key(col: L.Column, sid: str) -> tuple[str, str, str]:
    attr = col.attr or col.name
    if attr.startswith("escalation."):
        return ("escalation", sid, attr[11:])
    return ("study", sid, attr)


def _set_study_value(ab: schema.Abstraction, col: L.Column, value: Any) -> None:
    attr = col.attr or col.name
    if attr.startswith("escalation."):
        setattr(ab.escalation, attr[11:], value)
    elif attr in ("status", "abstractor", "consensus"):
        setattr(ab, attr, value)
    else:
        setattr(ab.study, attr, value)


def _plan_update(st: WorkbookStudy, db: schema.Abstraction, changes: _Changes, delete_missing: bool,
                 issues: list[Issue], exported_at: str) -> StudyPlan:
    sid = db.id
    wb = st.ab
    # Copied only as deep as the merge changes it: the study and escalation fields are set one by one;
    # every list is replaced by a new one (rows the workbook changes are copies); ``db`` is never changed.
    merged = db.model_copy(update={"study": db.study.model_copy(), "escalation": db.escalation.model_copy()})
    plan = StudyPlan(sid, _label(db), "update", merged, database=db)
    # Study-level fields.
    for col in _STUDY_COLS:
        dbv, wbv = _plain(study_value(db, col)), _plain(study_value(wb, col))
        key = _study_key(col, sid)
        extra = col.name in ("registry_ids", "conditions") and \
            ({"registry_ids": "registry_id", "conditions": "condition"}[col.name] in changes.entities)
        verdict = _decide(changes, key, dbv, wbv, extra)
        if verdict == "take":
            _set_study_value(merged, col, study_value(wb, col))
        elif verdict == "conflict":
            plan.conflicts.append(Conflict(f"Studies {sid} {col.name}", dbv, wbv))
    # Repeated rows.
    for sheet in L.ROW_SHEETS:
        _merge_rows(plan, sheet, st, db, changes, delete_missing, issues)
    # Evidence and review, by the field they belong to.
    paths_db, paths_new = PathMap(db), PathMap(merged)
    _merge_evidence(plan, st, db, paths_db, paths_new, changes, issues)
    _merge_review(plan, st, db, paths_db, paths_new, changes, issues, exported_at)
    plan.changes = [] if _same_records(db, merged) else diff_abstractions(db, merged)
    plan.documents = list(st.documents)  # the apply step adds those the study lacks
    if not plan.changes and not plan.attachments:
        plan.action = "unchanged"
    return plan


def _merge_rows(plan: StudyPlan, sheet: L.Sheet, st: WorkbookStudy, db: schema.Abstraction, changes: _Changes,
                delete_missing: bool, issues: list[Issue]) -> None:
    ent = sheet.entity
    db_items = list_items(db, sheet.list_key)
    db_by_id = {i.id: i for i in db_items}
    wb_items = list_items(st.ab, sheet.list_key)
    wb_ids = {i.id for i in wb_items if i.id}
    rejected = st.rejected.get(sheet.name, set())
    cols = sheet.columns[5:]
    merged: list = []
    for item in wb_items:
        if item.id is None:
            merged.append(item.model_copy(update={"id": new_id()}))
            continue
        old = db_by_id.get(item.id)
        if old is None:
            if changes.deleted(ent, item.id):
                plan.conflicts.append(Conflict(f"{sheet.name} row {item.id}", None, "the row",
                                               "deleted in the database after the workbook was exported"))
            else:
                merged.append(item.model_copy())  # a row from another copy of the study: keeps its id
            continue
        row = old  # copied when the workbook changes it
        for col in cols:
            dbv, wbv = _plain(item_value(old, col)), _plain(item_value(item, col))
            if dbv == wbv:
                continue
            verdict = _decide(changes, (ent, item.id, col.attr or col.name), dbv, wbv)
            if verdict == "take":
                if row is old:
                    row = old.model_copy()
                _set_item_value(row, col, item_value(item, col))
            elif verdict == "conflict":
                plan.conflicts.append(Conflict(f"{sheet.name} row {item.id} {col.name}", dbv, wbv))
        merged.append(row)
    # Rows the workbook lacks: added in the database since, unreadable, or removed by the reviewer.
    for pos, old in enumerate(db_items):
        if old.id in wb_ids:
            continue
        keep = True
        if old.id in rejected:
            pass
        elif changes.created(ent, old.id):
            plan.notes.append(f"{sheet.name} row {old.id} was added in the database after the export; kept")
        elif delete_missing and changes.row_changed(ent, old.id):
            plan.conflicts.append(Conflict(f"{sheet.name} row {old.id}", "the row", None,
                                           "missing from the workbook but changed in the database after the "
                                           "export"))
        elif delete_missing:
            keep = False
            plan.deleted.append(f"{sheet.name} row {old.id}")
        else:
            plan.missing.append(f"{sheet.name} row {old.id}")
        if keep:
            prev = next((db_items[j].id for j in range(pos - 1, -1, -1)
                         if any(m.id == db_items[j].id for m in merged)), None)
            at = 0 if prev is None else next(k for k, m in enumerate(merged) if m.id == prev) + 1
            merged.insert(at, old)
    if sheet.list_key == "study.sites":
        plan.merged.study.sites = merged
    else:
        setattr(plan.merged, sheet.list_key, merged)


def _same_records(a: schema.Abstraction, b: schema.Abstraction) -> bool:
    """Equal in everything diff_abstractions compares (rows shared by both compare at once)."""
    return a.study == b.study and a.escalation == b.escalation and a.status == b.status \
        and a.abstractor == b.abstractor and a.consensus == b.consensus \
        and all(getattr(a, k) == getattr(b, k) for k in schema.LIST_KEYS)


def _set_item_value(item: Any, col: L.Column, value: Any) -> None:
    attr = col.attr or col.name
    if attr.startswith("threshold."):
        th = item.threshold.model_copy() if item.threshold else schema.Threshold()
        setattr(th, attr[10:], value)
        item.threshold = th if any(v is not None for v in th.model_dump().values()) else None
    else:
        setattr(item, attr, value)


def _audit_key(tgt: Target, sid: str) -> tuple[str, str, str]:
    """The storage (entity, row id, field) an evidence or review target is audited under."""
    if tgt.sheet == "Studies":
        if tgt.field.startswith("escalation_"):
            return ("escalation", sid, tgt.field[11:])
        return ("study", sid, tgt.field)
    ent = next(s.entity for s in L.ROW_SHEETS if s.name == tgt.sheet)
    fld = "threshold." + tgt.field[10:] if tgt.field.startswith("threshold_") else tgt.field
    return (ent, tgt.row_id, fld)


def _alive(paths_new: PathMap, tgt: Target) -> bool:
    try:
        paths_new.path(tgt)
        return True
    except ValueError:
        return False


def _merge_evidence(plan, st: WorkbookStudy, db, paths_db: PathMap, paths_new: PathMap, changes, issues) -> None:
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


def _merge_review(plan, st: WorkbookStudy, db, paths_db: PathMap, paths_new: PathMap, changes, issues,
                  exported_at: str) -> None:
    from abstractor.workbook.reading import ReviewRow

    db_map: dict[Target, ReviewRow] = {}
    for entry in db.review:
        tgt = paths_db.target(entry.field)
        db_map[tgt] = ReviewRow(tgt, str(entry.status), list(entry.comments), "")
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
        if w is not None and (d is None or w.status != d.status):
            if d is not None and (ent, rid, f"{fld}#review") in changes.fields:
                plan.conflicts.append(Conflict(f"review status of {tgt.sheet} {tgt.row_id} {tgt.field}",
                                               d.status, w.status))
            else:
                status = w.status
        db_comments = list(d.comments) if d else []
        wb_comments = list(w.comments) if w else []
        key = lambda c: (c.author, c.at, c.text)  # noqa: E731
        wb_keys = {key(c) for c in wb_comments}
        db_keys = {key(c) for c in db_comments}
        comments = [c for c in db_comments
                    if key(c) in wb_keys or w is None and st.review_bad or (c.at or "") > exported_at]
        added = [c.model_copy(update={"at": c.at or now}) for c in wb_comments if key(c) not in db_keys]
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
        out.append(schema.ReviewEntry(field=paths_new.path(tgt), status=status, comments=comments))
    plan.merged.review = out


def _review_json(state) -> Any:
    if state is None:
        return None
    status, comments = state
    return {"status": status, "comments": [list(c) for c in comments]}
