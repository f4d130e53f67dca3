"""What differs between two versions of the same study, field by field.

Rows are matched by id (the same record in two versions), so this is for
versions of one study (undo, workbook merge, audit).  Comparing two
abstractors' independent work matches rows by content instead (review).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from models import schema
from abstractor.storage.entities import BY_LIST, to_db

_STUDY_FIELDS = [f for f in schema.StudyFields.model_fields if f not in ("sites", "extra")]
_WORKFLOW = ["status", "abstractor", "consensus"]


@dataclass(frozen=True)
class FieldDiff:
    entity: str  # study, escalation, site, arm, ...
    row_id: Optional[str]
    field: Optional[str]  # None for a whole row added or removed
    action: str  # update, create, delete
    old: Any = None
    new: Any = None


def _plain(v: Any) -> Any:
    return to_db(v)


def diff_abstractions(old: schema.Abstraction, new: schema.Abstraction) -> list[FieldDiff]:
    out: list[FieldDiff] = []
    sid = new.id or old.id
    for f in _STUDY_FIELDS:
        a, b = _plain(getattr(old.study, f)), _plain(getattr(new.study, f))
        if a != b:
            out.append(FieldDiff("study", sid, f, "update", a, b))
    out += _extra_diffs("study", sid, old.study.extra, new.study.extra)
    for f in _WORKFLOW:
        a, b = _plain(getattr(old, f)), _plain(getattr(new, f))
        if a != b:
            out.append(FieldDiff("study", sid, f, "update", a, b))
    for f in schema.Escalation.model_fields:
        a, b = getattr(old.escalation, f), getattr(new.escalation, f)
        if a != b:
            out.append(FieldDiff("escalation", sid, f, "update", a, b))
    for key, ent in BY_LIST.items():
        if ent.model is None:
            continue  # lists of strings are compared as study fields above
        olds = {r.id: r for r in _items(old, key)}
        news = {r.id: r for r in _items(new, key)}
        for rid, row in olds.items():
            if rid not in news:
                out.append(FieldDiff(ent.name, rid, None, "delete", _row(row), None))
        for pos, (rid, row) in enumerate(news.items()):
            if rid not in olds:
                out.append(FieldDiff(ent.name, rid, None, "create", None, _row(row)))
                continue
            a, b = _row(olds[rid]), _row(row)
            for f in b:
                if f != "extra" and a.get(f) != b[f]:
                    out.append(FieldDiff(ent.name, rid, f, "update", a.get(f), b[f]))
            out += _extra_diffs(ent.name, rid, a.get("extra") or {}, b.get("extra") or {})
        if [i for i in olds if i in news] != [i for i in news if i in olds]:
            out.append(FieldDiff(ent.name, None, "position", "move",
                                 [i for i in olds if i in news], [i for i in news if i in olds]))
    return out


def _extra_diffs(entity: str, row_id: Optional[str], old: dict, new: dict) -> list[FieldDiff]:
    """Codebook values, one field each ("extra.vector"), as edits name them."""
    return [FieldDiff(entity, row_id, f"extra.{k}", "update", old.get(k), new.get(k))
            for k in dict.fromkeys([*old, *new]) if old.get(k) != new.get(k)]


def _items(ab: schema.Abstraction, key: str) -> list:
    return getattr(ab.study, key[6:]) if key.startswith("study.") else getattr(ab, key)


def _row(item) -> dict:
    return item.model_dump(mode="json", exclude={"id"})
