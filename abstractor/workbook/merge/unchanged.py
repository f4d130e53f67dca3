"""Whether a workbook study says exactly what the database holds, decided on the workbook's compact
rows and the database's rows as its tables hold them (storage.workbook_state.StoredStudy): no model
of either is built, so re-importing 10,000 unchanged studies costs a comparison each, not a merge.
Only "identical in everything the merge compares" is claimed; anything else goes through the merge
(abstractor.workbook.merge.plan), which decides as before.
"""
from __future__ import annotations

from typing import Any

from abstractor.workbook import layout as L
from abstractor.workbook.codebook_cells import extra_of
from abstractor.workbook.content import WorkbookStudy
from abstractor.workbook.flatten import study_value
from abstractor.workbook.merge.attachments import _audit_key
from abstractor.workbook.merge.since_export import plain_value
from abstractor.workbook.row_models import value_or_default

_STUDY_COLS = L.STUDIES.data_columns
_STUDY_LISTS = {"registry_ids": ("study.registry_ids", "value"), "conditions": ("study.conditions", "name")}


def _same(a: Any, b: Any) -> bool:
    """Equal as the database stores them (enums are their strings, thresholds plain dicts)."""
    return a == b or plain_value(a) == plain_value(b)


def unchanged(st: WorkbookStudy, db) -> bool:
    """True when importing ``st`` would change nothing in the stored study ``db`` (a StoredStudy)
    and add no document."""
    if st.evidence_bad or st.review_bad or st.rejected or st.rejected_new:
        return False
    if any(d.sha256 not in db.shas for d in st.documents):
        return False
    if not _same_cells(st, db):  # the usual case decided on the Studies row as read, else on its model
        head = st.head
        if head.study.extra != (db.study.get("extra") or {}):  # codebook values (not in _STUDY_COLS)
            return False
        for col in _STUDY_COLS:
            if not _same(study_value(head, col), _stored_study_value(db, col)):
                return False
    for sheet in L.ROW_SHEETS:
        if not _same_rows(st, sheet, db):
            return False
    return _same_evidence(st, db) and _same_review(st, db)


_HEAD_SLOTS: dict = {}


def _same_cells(st: WorkbookStudy, db) -> bool:
    """True when the Studies row's values are the stored ones as they are: then its model's are too (the
    model takes each checked cell as it is; a status left empty becomes IN_PROGRESS and consensus a
    bool: those rows are left to the model's comparison).  False says nothing."""
    form, cells = st.head_form, st.cells
    slots = _HEAD_SLOTS.get(form.names)
    if slots is None:
        names = form.names
        slots = _HEAD_SLOTS[form.names] = (
            [(names.index(c.name), c) for c in _STUDY_COLS if c.name in names],
            all(c.name in names for c in _STUDY_COLS), names.index("status"),
            [n for n in names if n.startswith(L.EXTRA)])
    pairs, complete, at_status, extras = slots
    if not complete or not cells[at_status]:
        return False
    for i, col in pairs:
        if cells[i] != _stored_study_value(db, col):
            return False
    have = extra_of(dict(zip(form.names, cells))) if extras else {}
    return have == (db.study.get("extra") or {})


def _stored_study_value(db, col: L.Column) -> Any:
    attr = col.attr or col.name
    if attr.startswith("escalation."):
        return db.escalation.get(attr[11:]) if db.escalation else None
    if attr in _STUDY_LISTS:
        key, name = _STUDY_LISTS[attr]
        return [r[name] for r in db.lists.get(key, ())]
    if attr == "consensus":
        return bool(db.study["consensus"])
    return db.study[attr]


def _same_rows(st: WorkbookStudy, sheet: L.Sheet, db) -> bool:
    rows, stored = st.rows.get(sheet.list_key, []), db.lists.get(sheet.list_key, [])
    if len(rows) != len(stored):
        return False
    if not rows:
        return True
    form = st.forms[sheet.list_key]
    slots, at, attrs, extra_slots = _slots(sheet, form)
    id_slot, model, arms = form.id_slot, form.model, sheet.list_key == "arms"
    for row, r in zip(rows, stored):
        if row[id_slot] != r["id"]:
            return False
        have = extra_of(form.values(row)) if extra_slots else {}
        if have != (r.get("extra") or {}):
            return False
        if not arms and [row[i] for i in at] == [r[a] for a in attrs]:
            continue  # the usual case, compared at once
        for i, attr in slots:
            dbv = db.links.get(r["id"], []) if arms and attr == "interventions" else r[attr]
            if not _same(value_or_default(model, attr, row[i]), dbv):
                return False
    return True


_SLOTS: dict = {}


def _slots(sheet: L.Sheet, form) -> tuple:
    """Where each of the sheet's data columns is in the form's tuples (worked out once per form)."""
    key = (sheet.name, form.names)
    if key not in _SLOTS:
        slots = [(form.names.index(c.name), c.attr or c.name) for c in sheet.data_columns]
        _SLOTS[key] = (slots, [i for i, _ in slots], [a for _, a in slots],
                       [n for n in form.names if n.startswith(L.EXTRA)])
    return _SLOTS[key]


def _same_evidence(st: WorkbookStudy, db) -> bool:
    source = db.study.get("source_sha256")
    stored: dict = {}
    for entity, row_id, fld, start, end, quote, sha in db.evidence:
        stored.setdefault((entity, row_id, fld), []).append((None if sha == source else sha, start, end, quote))
    wb: dict = {}
    for r in st.evidence:
        wb.setdefault(_audit_key(r.target, st.id), []).append((r.document, r.start, r.end, r.quote))
    return stored == wb


def _same_review(st: WorkbookStudy, db) -> bool:
    stored: dict = {(x["entity"], x["row_id"], x["field"]): [x["status"], x["updated_by"], x["updated_at"], []]
                    for x in db.reviews}
    for c in db.comments:
        stored.setdefault((c["entity"], c["row_id"], c["field"]), ["UNCHECKED", None, None, []])[3].append(
            (c["author"], c["at"], c["text"]))
    wb = {_audit_key(t, st.id): [r.status, r.by, r.at, [(c.author, c.at, c.text) for c in r.comments]]
          for t, r in st.review.items()}
    return stored == wb
