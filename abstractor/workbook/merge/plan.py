"""What importing a workbook would change, computed before anything changes.

Per study: new, or updated fields, new rows, missing rows, and conflicts.  A
conflict is a value the workbook changes that was also changed in the
database after the workbook's export time (the audit trail records every
change with its time); the database keeps its value and both are reported.
A value only the database changed since the export is kept silently (the
workbook still has the old one).  The plan's types: plan_types; the verdicts:
since_export; evidence and review: attachments.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from models import schema
from models.ids import new_id, utcnow
from abstractor.storage.bulk import collector_paused
from abstractor.storage.diff import diff_abstractions
from abstractor.workbook import layout as L
from abstractor.workbook.content import Issue, WorkbookContent, WorkbookStudy
from abstractor.workbook.flatten import PathMap, item_value, list_items, study_value
from abstractor.workbook.merge.codebook_versions import stored_codebooks, to_study_version
from abstractor.workbook.merge.attachments import evidence_item, merge_evidence, merge_review, placed, review_item
from abstractor.workbook.merge.plan_types import AttachmentChange, Conflict, ImportPlan, NewStudy, StudyPlan
from abstractor.workbook.merge.trust import check_documents
from abstractor.workbook.merge.since_export import ChangesSinceExport, decide, plain_value
from abstractor.workbook.merge.unchanged import unchanged

__all__ = ["AttachmentChange", "Conflict", "ImportPlan", "StudyPlan", "build_plan"]


BATCH = 200  # stored studies read and compared at a time (the plan never holds them all)
CLASH_BATCH = 1000  # studies whose row ids are looked up in the database at a time


@collector_paused()
def build_plan(store, content: WorkbookContent, *, delete_missing: bool = False) -> ImportPlan:
    from abstractor.storage import workbook_read as wr
    from abstractor.storage import workbook_state as ws

    ids = list(content.studies)
    existing = wr.existing_studies(store, ids)
    old_ids = [i for i in ids if i in existing]
    events = wr.changes_since(store, old_ids, content.exported_at)
    issues = list(content.issues)
    books = stored_codebooks(store, content)  # refuses codebook values a database without a codebook cannot take
    check_documents(store, content, issues)  # documents and evidence spans are verified, not trusted
    plans: dict[str, Optional[StudyPlan]] = {}
    kept: list[str] = []  # studies the database has, planned below a batch at a time
    for i in range(0, len(ids), CLASH_BATCH):
        chunk = ids[i:i + CLASH_BATCH]
        clashes = _clashes(store, content, [sid for sid in chunk if sid not in existing], existing)
        for sid in chunk:
            if sid in clashes:
                issues.append(clashes[sid])
            elif sid in existing:
                kept.append(sid)
                plans[sid] = None  # keeps the workbook's order
                issues.append(_Clash(sid))  # where its row-id problem goes if it has one (checked below)
            else:
                plans[sid] = _plan_new(content.studies[sid], issues)
    clashed: dict[str, Issue] = {}
    for i in range(0, len(kept), BATCH):
        # Studies the workbook leaves exactly as stored (and nobody changed since the export) are told
        # apart on the stored rows; only the others are read as models and merged.  The same read says
        # which of their row ids are their own (the row-id check asks the database only about the others).
        stored = ws.stored_studies(store, kept[i:i + BATCH])
        clashed.update(_clashes(store, content, kept[i:i + BATCH], existing, _own_rows(stored)))
        chunk = [sid for sid in kept[i:i + BATCH] if sid not in clashed]
        same = {sid for sid in chunk
                if sid in stored and not events.get(sid) and unchanged(content.studies[sid], stored[sid])}
        del stored
        for sid in same:
            plans[sid] = _plan_unchanged(store, content.studies[sid])
        for db in wr.iter_studies_bulk(store, [sid for sid in chunk if sid not in same]):
            st, changes = content.studies[db.id], ChangesSinceExport(events.get(db.id, []))
            to_study_version(st, content.codebook, db, books, issues)  # renamed choices follow
            plans[db.id] = _plan_update(st, db, changes, delete_missing, issues, content.exported_at,
                                        L.with_codebook(content.codebook))
            st.forget()
    issues[:] = [x for x in (clashed.get(x.study_id) if x.__class__ is _Clash else x for x in issues) if x is not None]
    return ImportPlan(content, [p for p in plans.values() if p is not None], issues, list(content.notes),
                      delete_missing)


@dataclass(slots=True)
class _Clash:
    """The place in the list of problems of a stored study's row-id problem, found when its batch is read."""

    study_id: str


def _own_rows(stored: dict) -> dict[tuple[str, str], str]:
    """(entity, row id) -> study for the rows the stored studies hold (what ``row_owners`` would say of them)."""
    from abstractor.storage.entities import BY_LIST

    lists = [(BY_LIST[s.list_key].name, BY_LIST[s.list_key].json_list) for s in L.ROW_SHEETS]
    return {(ent, r["id"]): sid for sid, st in stored.items() for ent, key in lists for r in st.lists.get(key, ())}


def _clashes(store, content: WorkbookContent, sids: list[str], existing: set[str],
             known: Optional[dict[tuple[str, str], str]] = None) -> dict[str, Issue]:
    """Studies left out because a row id of theirs is another study's row, or another kind of row, in the
    database (row ids are unique across the database), with the reason.  ``known``: owners already read
    ((entity, row id) -> study, as ``row_owners`` gives them); the database is asked about the other ids."""
    from abstractor.storage import workbook_read as wr

    rows = {sid: [(s.entity, i) for s in L.ROW_SHEETS for i in content.studies[sid].row_ids(s.list_key) if i]
            for sid in sids}  # (entity, row id) of every row with an id
    known = known or {}
    wanted: dict[str, list[str]] = {s.entity: [] for s in L.ROW_SHEETS}
    for keys in rows.values():
        for ent, i in keys:
            if (ent, i) not in known:
                wanted[ent].append(i)
    owners = wr.row_owners(store, wanted) if any(wanted.values()) else {}
    owners.update(known)
    # In a study the database has, a row id its own table lacks must not be another kind of row's either
    # (within the workbook the reader already refuses an id used on two sheets).
    others = sorted({i for sid in sids if sid in existing for ent, i in rows[sid] if (ent, i) not in owners})
    found = wr.row_owners(store, {ent: others for ent in wanted}) if others else {}
    owners.update(found)
    # Row id -> the kinds of row the database has it as, for those ids (an id found in its own table is
    # that kind only: the workbook has each id once, so no other kind of it was looked up).
    kinds: dict[str, list[str]] = {}
    for ent, i in found:
        kinds.setdefault(i, []).append(ent)
    out = {}
    for sid, keys in rows.items():
        clash = [(ent, i) for ent, i in keys if owners.get((ent, i), sid) != sid]
        if kinds:
            clash += [(other, i) for ent, i in keys for other in kinds.get(i, ()) if other != ent]
        if clash:
            ent, rid = clash[0]
            sheet, st = L.BY_ENTITY[ent].name, content.studies[sid]
            out[sid] = Issue(st.row_where.get((sheet, rid), st.where),
                             f"the row id {rid} belongs to a {sheet} row of "
                             + (f"another study ({owners[(ent, rid)]})" if owners[(ent, rid)] != sid else "this study")
                             + f" in the database; study {sid} was left out")
    return out


def _label(ab: schema.Abstraction) -> str:
    return _label_of(ab.id, ab.study.registry_ids, ab.study.title)


def _head_label(st: WorkbookStudy) -> str:
    """``_label`` of the workbook study's own fields, from its Studies row (no model built)."""
    return _label_of(st.id, st.head_form.value(st.cells, "registry_ids"), st.head_form.value(st.cells, "title"))


def _label_of(sid: str, registry_ids: list[str], title: Optional[str]) -> str:
    reg = registry_ids[0] if registry_ids else None
    title = title or ""
    title = title if len(title) <= 50 else title[:47] + "..."
    return " ".join(x for x in (reg, title) if x) or sid


def _plan_new(st: WorkbookStudy, issues: list[Issue]) -> StudyPlan:
    """A new study: rows without an id get one now (the same at every build); evidence and review rows
    whose field is not in the study are reported now; the model is built when asked for."""
    st.give_ids(new_id)
    ids = {key: st.row_ids(key) for key in L.BY_LIST_KEY}
    paths = PathMap.of_ids(st.id, ids)
    evidence = placed(paths, st.evidence, issues, "evidence")
    review = placed(paths, list(st.review.values()), issues, "review entry")
    now = utcnow()  # comments added in the workbook are stamped with the import time (the same at every build)

    def build() -> schema.Abstraction:
        ab = st.build()
        ab.evidence = [evidence_item(path, r) for path, r in evidence]
        ab.review = [review_item(path, r, now) for path, r in review]
        return ab

    def parts() -> NewStudy:  # the same study, its rows as values (written without building the items)
        # st.head is built anew at each call: storage may set its checked codebook values in place.
        return NewStudy(st.head, st.item_values(), [evidence_item(path, r) for path, r in evidence],
                        [review_item(path, r, now) for path, r in review])

    plan = StudyPlan(st.id, _head_label(st), "new", build=build, documents=list(st.documents),
                     counts=(sum(len(v) for v in ids.values()), len(evidence)), parts=parts)
    for sheet, rids in st.rejected.items():
        plan.notes.append(f"{len(rids)} {sheet} row(s) left out because of unreadable cells")
    return plan


def _plan_unchanged(store, st: WorkbookStudy) -> StudyPlan:
    """The workbook says exactly what the database holds: nothing to do, nothing kept in memory."""
    from abstractor.storage import workbook_read as wr

    sid = st.id

    def load() -> Optional[schema.Abstraction]:
        return next(iter(wr.iter_studies_bulk(store, [sid])), None)

    return StudyPlan(sid, _head_label(st), "unchanged", load=load)


_STUDY_COLS = L.STUDIES.data_columns


def _study_key(col: L.Column, sid: str) -> tuple[str, str, str]:
    attr = col.attr or col.name
    if attr.startswith("escalation."):
        return ("escalation", sid, attr[11:])
    return ("study", sid, attr)


def _set_study_value(ab: schema.Abstraction, col: L.Column, value: Any) -> None:
    attr = col.attr or col.name
    if L.is_codebook(col):
        ab.study.extra = _with_extra(ab.study.extra, attr, value)
    elif attr.startswith("escalation."):
        setattr(ab.escalation, attr[11:], value)
    elif attr in ("status", "abstractor", "consensus"):
        setattr(ab, attr, value)
    else:
        setattr(ab.study, attr, value)


def _plan_update(st: WorkbookStudy, db: schema.Abstraction, changes: ChangesSinceExport, delete_missing: bool,
                 issues: list[Issue], exported_at: str, sheets: Optional[dict] = None) -> StudyPlan:
    """``sheets``: the record sheets with the workbook's codebook columns (layout.with_codebook)."""
    sheets = sheets or L.with_codebook(None)
    sid = db.id
    wb = st.ab
    # Copied only as deep as the merge changes it: the study and escalation fields are set one by one;
    # every list is replaced by a new one (rows the workbook changes are copies); ``db`` is never changed.
    merged = db.model_copy(update={"study": db.study.model_copy(), "escalation": db.escalation.model_copy()})
    plan = StudyPlan(sid, _label(db), "update", merged, database=db)
    # Study-level fields.
    for col in sheets[L.STUDIES.name].data_columns:
        dbv, wbv = plain_value(study_value(db, col)), plain_value(study_value(wb, col))
        key = _study_key(col, sid)
        extra = col.name in ("registry_ids", "conditions") and \
            ({"registry_ids": "registry_id", "conditions": "condition"}[col.name] in changes.entities)
        verdict = decide(changes, key, dbv, wbv, extra)
        if verdict == "take":
            _set_study_value(merged, col, study_value(wb, col))
        elif verdict == "conflict":
            plan.conflicts.append(Conflict(f"Studies {sid} {col.name}", dbv, wbv))
    # Repeated rows.
    for sheet in L.ROW_SHEETS:
        _merge_rows(plan, sheets[sheet.name], st, db, changes, delete_missing, issues)
    # Evidence and review, by the field they belong to.
    paths_db, paths_new = PathMap(db), PathMap(merged)
    merge_evidence(plan, st, db, paths_db, paths_new, changes, issues)
    merge_review(plan, st, db, paths_db, paths_new, changes, issues, exported_at)
    plan.changes = [] if _same_records(db, merged) else diff_abstractions(db, merged)
    plan.documents = list(st.documents)  # the apply step adds those the study lacks
    if not plan.changes and not plan.attachments:
        plan.action = "unchanged"
    return plan


def _merge_rows(plan: StudyPlan, sheet: L.Sheet, st: WorkbookStudy, db: schema.Abstraction, changes: ChangesSinceExport,
                delete_missing: bool, issues: list[Issue]) -> None:
    ent = sheet.entity
    db_items = list_items(db, sheet.list_key)
    db_by_id = {i.id: i for i in db_items}
    wb_items = list_items(st.ab, sheet.list_key)
    wb_ids = {i.id for i in wb_items if i.id}
    rejected = st.rejected.get(sheet.name, set())
    cols = sheet.data_columns
    merged: list = []
    # Rows the workbook does not list by id: one of them may be a row a reviewer added without an id
    # that an earlier import of this same workbook created (recognised by its content: idempotent).
    unlisted = {i.id: _content(i, cols) for i in db_items if i.id not in wb_ids}
    for item in wb_items:
        if item.id is None:
            twin = next((rid for rid, c in unlisted.items() if c == _content(item, cols)), None) \
                if unlisted else None
            if twin is not None:
                del unlisted[twin]
                wb_ids.add(twin)
                merged.append(db_by_id[twin])
            else:
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
            dbv, wbv = plain_value(item_value(old, col)), plain_value(item_value(item, col))
            if dbv == wbv:
                continue
            verdict = decide(changes, (ent, item.id, col.attr or col.name), dbv, wbv)
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


def _content(item: Any, cols) -> tuple:
    return tuple(plain_value(item_value(item, col)) for col in cols)


def _same_records(a: schema.Abstraction, b: schema.Abstraction) -> bool:
    """Equal in everything diff_abstractions compares (rows shared by both compare at once)."""
    return a.study == b.study and a.escalation == b.escalation and a.status == b.status \
        and a.abstractor == b.abstractor and a.consensus == b.consensus \
        and all(getattr(a, k) == getattr(b, k) for k in schema.LIST_KEYS)


def _set_item_value(item: Any, col: L.Column, value: Any) -> None:
    if L.is_codebook(col):
        item.extra = _with_extra(item.extra, col.attr, value)
        return
    setattr(item, col.attr or col.name, value)


def _with_extra(extra: dict, attr: str, value: Any) -> dict:
    """A new dict of codebook values with one set (None: removed); the old one may be the database's."""
    out = {k: v for k, v in extra.items() if k != attr[len(L.EXTRA):]}
    if value not in (None, "", []):
        out[attr[len(L.EXTRA):]] = value
    return out


