"""An import plan as plain lines for a preview (the window's tree): per study, what will
change, in words a reviewer reads; no Qt here, the window only lays these out.

    plan = plan_import(store, "back.xlsx")
    pv = preview(plan)                           # ImportPreview
    plan = replan(store, plan, delete_missing=True)   # same workbook, rows missing from it removed
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Optional

from pydantic import BaseModel

from models import schema
from abstractor.workbook import layout as L
from abstractor.workbook.flatten import list_items
from abstractor.workbook.merge.plan import ImportPlan, build_plan

# What a line is about; the window groups and colours by it.
CHANGE, NEW_ROW, REMOVED_ROW, MOVED, MISSING, CONFLICT, REVIEW, EVIDENCE, DOCUMENT, NOTE = (
    "change", "new row", "removed row", "moved", "missing", "conflict", "review", "evidence", "document", "note")

_SUMMARY_KEYS = ("kind", "type", "label", "name", "measure", "text", "facility", "city", "country", "value",
                 "value_max", "unit", "time_frame")


@dataclass
class PreviewLine:
    kind: str
    where: str  # "Studies enrollment", "Outcomes row 1f3e… time_frame"
    old: str = ""  # database side (conflicts: the database's value)
    new: str = ""  # workbook side
    why: str = ""  # conflicts: why the database kept its value


@dataclass
class StudyPreview:
    study_id: str
    label: str
    action: str  # new, update, unchanged
    lines: list[PreviewLine] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for x in self.lines if x.kind == kind)


@dataclass
class ImportPreview:
    name: str  # the workbook's file name
    studies: list[StudyPreview]
    problems: list[str]  # "Sheet!B12: reason": those rows were left out
    skipped: list[tuple[str, str]]  # rows left out: ("Outcomes row 1f3e2a9c", "kept as stored (study NCT…)")
    notes: list[str]
    delete_missing: bool

    @property
    def has_changes(self) -> bool:
        return any(s.action != "unchanged" for s in self.studies)

    def counts(self) -> dict[str, int]:
        out = {"new": 0, "update": 0, "unchanged": 0}
        for s in self.studies:
            out[s.action] += 1
        out["conflicts"] = sum(s.count(CONFLICT) for s in self.studies)
        out["missing"] = sum(s.count(MISSING) for s in self.studies)
        out["problems"] = len(self.problems)
        return out

    def summary(self) -> str:
        c = self.counts()
        parts = [f"{c['new']} new", f"{c['update']} updated", f"{c['unchanged']} unchanged"]
        text = f"{self.name}: " + ", ".join(parts) + " stud" + ("y" if sum(c[k] for k in
                                                                         ("new", "update", "unchanged")) == 1
                                                                else "ies")
        extra = [f"{c['conflicts']} conflict{'s' * (c['conflicts'] != 1)}" if c["conflicts"] else "",
                 f"{c['missing']} row{'s' * (c['missing'] != 1)} missing from the workbook" if c["missing"] else "",
                 f"{c['problems']} unreadable cell{'s' * (c['problems'] != 1)}" if c["problems"] else ""]
        extra = [x for x in extra if x]
        return text + ("; " + "; ".join(extra) if extra else "")


def replan(store, plan: ImportPlan, *, delete_missing: bool) -> ImportPlan:
    """The same workbook planned again (not read again) with or without removing missing rows."""
    return build_plan(store, plan.content, delete_missing=delete_missing)


def show(value: Any, limit: int = 120) -> str:
    """A value as a reviewer reads it: empty for unknown, lists one item per comma."""
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, list) and all(isinstance(x, str) for x in value):
        text = ", ".join(value) if value else "(none)"
    elif isinstance(value, str):
        text = value if value else '""'
    elif isinstance(value, float) and value.is_integer() and abs(value) < 1e6:
        text = str(int(value))
    elif isinstance(value, (int, float)):
        text = f"{value:g}"
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ⏎ ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _sheet(entity: str) -> str:
    if entity in ("study", "escalation"):
        return "Studies"
    s = L.BY_ENTITY.get(entity)
    return s.name if s else entity


def _field(entity: str, name: Optional[str]) -> str:
    if name is None:
        return ""
    if entity == "escalation":
        return f"escalation_{name}"
    return name


def _short(row_id: Optional[str]) -> str:
    return (row_id or "")[:8]


def _summary(row: Any) -> str:
    if not isinstance(row, dict):
        return show(row)
    parts = []
    for k in _SUMMARY_KEYS:
        v = row.get(k)
        if v not in (None, "", []):
            parts.append(show(v, 70))
    if not parts:
        parts = [show(v, 40) for v in row.values() if v not in (None, "", [], False)][:3]
    return " · ".join(parts) or "(empty row)"


def _fields(item: Any) -> dict:
    """An item's values without its id (items read in bulk hold plain strings for enums)."""
    out = {}
    for k in type(item).model_fields:
        if k == "id":
            continue
        v = getattr(item, k, None)
        if isinstance(v, BaseModel):
            out.update({f"{k}_{kk}": vv for kk, vv in _fields(v).items()})
        else:
            out[k] = getattr(v, "value", v)
    return out


def _items_by_id(ab: Optional[schema.Abstraction]) -> dict[str, tuple[str, Any]]:
    out: dict[str, tuple[str, Any]] = {}
    if ab is None:
        return out
    for sheet in L.ROW_SHEETS:
        for item in list_items(ab, sheet.list_key):
            out[item.id] = (sheet.name, item)
    return out


def _row_words(where: str, items: dict[str, tuple[str, Any]]) -> tuple[str, str]:
    """'Outcomes row <id>' -> ('Outcomes row 1f3e2a9c', summary of that row)."""
    sheet, _, rid = where.partition(" row ")
    found = items.get(rid)
    summary = _summary(_fields(found[1])) if found else ""
    return f"{sheet} row {_short(rid)}", summary


def _attachment_words(a) -> tuple[str, str]:
    if a.kind == "review":
        def words(state):
            if not state:
                return "(none)"
            text = str(state.get("status", "")).lower()
            comments = state.get("comments") or []
            if comments:
                last = comments[-1]
                text += f"; {len(comments)} comment{'s' * (len(comments) != 1)}, last: " \
                        f"{last[0] or 'someone'}: “{show(last[2], 60)}”"
            return text

        return words(a.old), words(a.new)
    return (f"{len(a.old or [])} span(s)", f"{len(a.new or [])} span(s)")


def study_preview(p) -> StudyPreview:
    label = p.label if p.label != p.study_id else f"(untitled study {_short(p.study_id)})"
    sp = StudyPreview(p.study_id, label, p.action)
    items_db = _items_by_id(p.stored) if p.missing else {}
    if p.action == "new":
        ab = p.study
        for sheet in L.ROW_SHEETS:
            for item in list_items(ab, sheet.list_key):
                sp.lines.append(PreviewLine(NEW_ROW, f"{sheet.name}: new row", "",
                                            _summary(_fields(item))))
        if ab.evidence:
            sp.lines.append(PreviewLine(EVIDENCE, "evidence", "", f"{len(ab.evidence)} span(s)"))
        if ab.review:
            sp.lines.append(PreviewLine(REVIEW, "review", "", f"{len(ab.review)} field(s) with a review status "
                                                              "or comments"))
    else:
        for d in p.changes:
            sheet = _sheet(d.entity)
            if d.action == "update" and (isinstance(d.old, dict) or isinstance(d.new, dict)):
                a, b = d.old or {}, d.new or {}  # a criterion's threshold: one line per part
                for k in dict.fromkeys([*a, *b]):
                    if a.get(k) != b.get(k):
                        sp.lines.append(PreviewLine(CHANGE, f"{sheet} row {_short(d.row_id)} {d.field}_{k}",
                                                    show(a.get(k)), show(b.get(k))))
            elif d.action == "update":
                where = f"{sheet} {_field(d.entity, d.field)}" if d.entity in ("study", "escalation") \
                    else f"{sheet} row {_short(d.row_id)} {_field(d.entity, d.field)}"
                sp.lines.append(PreviewLine(CHANGE, where, show(d.old), show(d.new)))
            elif d.action == "create":
                sp.lines.append(PreviewLine(NEW_ROW, f"{sheet}: new row", "", _summary(d.new)))
            elif d.action == "delete":
                sp.lines.append(PreviewLine(REMOVED_ROW, f"{sheet} row {_short(d.row_id)}", _summary(d.old), ""))
            else:
                sp.lines.append(PreviewLine(MOVED, f"{sheet} rows", "", "put in the workbook's order"))
        for a in p.attachments:
            old, new = _attachment_words(a)
            where = f"{a.kind} of {_sheet(a.entity)} " + (
                _field(a.entity, a.field) if a.entity in ("study", "escalation")
                else f"row {_short(a.row_id)} {_field(a.entity, a.field)}")
            sp.lines.append(PreviewLine(REVIEW if a.kind == "review" else EVIDENCE, where, old, new))
        for m in p.missing:
            where, summary = _row_words(m, items_db)
            sp.lines.append(PreviewLine(MISSING, where, summary, ""))
    for c in p.conflicts:
        where = c.where.replace(f"Studies {p.study_id} ", "Studies ")
        where = " ".join(_short(w) if len(w) >= 24 and w.isalnum() else w for w in where.split(" "))
        sp.lines.append(PreviewLine(CONFLICT, where, show(c.database), show(c.workbook), c.reason))
    if p.documents and p.action == "new":
        sp.lines.append(PreviewLine(DOCUMENT, "documents", "", ", ".join(d.file_name for d in p.documents)))
    for n in p.notes:
        sp.lines.append(PreviewLine(NOTE, n))
    return sp


def preview(plan: ImportPlan) -> ImportPreview:
    studies = [study_preview(p) for p in plan.studies]
    skipped = []
    for p, sp in zip(plan.studies, studies):
        st = plan.content.studies.get(p.study_id)
        for sheet, ids in sorted(st.rejected.items()) if st else ():
            for rid in sorted(ids):
                fate = "not added" if p.action == "new" else "kept as stored"
                skipped.append((f"{sheet} row {_short(rid)}", f"{fate} (study {sp.label})"))
        if st and st.rejected_new:
            skipped.append((f"{st.rejected_new} added row(s)", f"not added (study {sp.label})"))
    return ImportPreview(plan.content.name, studies, [str(i) for i in plan.issues], skipped, list(plan.notes),
                         plan.delete_missing)
