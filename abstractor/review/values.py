"""What counts as "the same value" and which parts of a study are compared.

Two abstractors write the same fact with trivial differences (spacing, case,
the order of a set such as phases); those must not be discrepancies.  Repeated
rows are described here once (how to reach them, what identifies one by
content) so that compare, agreement and adjudication agree on them.
"""
from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Optional, get_args

from models import schema
from abstractor.threshold_text import format_threshold

THRESHOLD_KEYS = set(schema.Threshold.model_fields)

_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)

# Study fields compared as unordered sets: their order carries no meaning.
SET_FIELDS = {"registry_ids", "phases", "target_antigens", "interventions", "other_names", "thresholds"}
STUDY_FIELDS = [f for f in schema.StudyFields.model_fields if f not in ("conditions", "sites", "extra")]
EXTRA = "extra."  # codebook fields are compared one by one: "extra.vector"
ESCALATION_FIELDS = list(schema.Escalation.model_fields)


def plain(v: Any) -> Any:
    """A pydantic value as plain JSON (enums to strings)."""
    if isinstance(v, enum.Enum):
        return v.value
    if isinstance(v, list):
        return [plain(x) for x in v]
    if hasattr(v, "model_dump"):
        return v.model_dump(mode="json")
    return v


def norm(v: Any, as_set: bool = False) -> Any:
    """A comparable form: empty -> None, text trimmed/caseless, floats rounded."""
    if v is None:
        return None
    t = type(v)
    if t is str:
        if not v.isascii():
            v = unicodedata.normalize("NFC", v)
        return " ".join(v.split()).casefold() or None
    if t is int or t is bool:
        return v
    if t is float:
        return float(f"{v:.10g}")
    if isinstance(v, enum.Enum):
        return norm(v.value)
    if isinstance(v, (list, tuple)):
        if not v:
            return None
        items = [norm(x) for x in v]
        return tuple(sorted(items, key=repr)) if as_set else tuple(items)
    if isinstance(v, dict):
        return tuple(sorted((k, norm(x)) for k, x in v.items()))
    if hasattr(v, "model_dump"):
        return norm(v.model_dump(mode="json"))
    return v


def same(a: Any, b: Any, as_set: bool = False) -> bool:
    return norm(a, as_set) == norm(b, as_set)


def title_key(title: Optional[str]) -> str:
    """Titles compared without case and punctuation."""
    return _SPACE.sub(" ", _NON_WORD.sub(" ", (title or "").casefold())).strip()


def registry_key(rid: str) -> str:
    return re.sub(r"\s+", "", rid).upper()


def flatten(item: Any) -> dict[str, Any]:
    """A repeated row as field -> plain value (no id)."""
    if isinstance(item, str) or item is None:
        return {"": item}
    if isinstance(item, dict):  # already a JSON dump (faster: one dump per study)
        data = {k: v for k, v in item.items() if k != "id"}
    else:
        data = item.model_dump(mode="json", exclude={"id"})
    if "extra" in data:  # codebook values, each a field of the row: "extra.patients_planned"
        data = {k: v for k, v in data.items() if k != "extra"} | {EXTRA + k: v for k, v in data["extra"].items()}
    return data


@dataclass(frozen=True)
class RowKind:
    """A kind of repeated row: where it lives and what identifies one by content."""

    name: str  # "criteria", "conditions"
    json_list: str  # "criteria", "study.conditions"
    identity: Callable[[dict], str]  # the text that says which row this is
    label: Callable[[dict], str]  # a short human name for the report

    def items(self, ab: schema.Abstraction) -> list:
        if self.json_list.startswith("study."):
            return getattr(ab.study, self.json_list[6:])
        return getattr(ab, self.json_list)

    def dumped(self, data: dict) -> list:
        """The same list in a study's JSON dump."""
        if self.json_list.startswith("study."):
            return data["study"][self.json_list[6:]]
        return data[self.json_list]

    def path(self, index: int, field: str = "") -> str:
        return f"{self.json_list}[{index}]" + (f".{field}" if field else "")


def _first(*keys: str) -> Callable[[dict], str]:
    def pick(row: dict) -> str:
        for k in keys:
            if row.get(k) not in (None, ""):
                return str(row[k])
        return " ".join(str(v) for v in row.values() if v not in (None, "", []))
    return pick


def _dose_label(row: dict) -> str:
    if row.get("text"):
        return row["text"]
    v, vmax, unit = row.get("value"), row.get("value_max"), row.get("unit") or ""
    return f"{v:g}{'-' + format(vmax, 'g') if vmax is not None else ''} {unit}".strip() if v is not None else "?"


def _site(row: dict) -> str:
    return ", ".join(str(row[k]) for k in ("facility", "city", "country") if row.get(k)) or "?"


ROW_KINDS: list[RowKind] = [
    RowKind("conditions", "study.conditions", _first(""), _first("")),
    RowKind("sites", "study.sites", _site, _site),
    RowKind("arms", "arms", _first("label", "description"), _first("label", "description")),
    RowKind("interventions", "interventions", _first("name", "description"), _first("name", "description")),
    RowKind("dose_levels", "dose_levels", _first("text", "schedule"), _dose_label),
    RowKind("outcomes", "outcomes", _first("measure", "description"), _first("measure", "description")),
    RowKind("criteria", "criteria", _first("text"), _first("text")),
]
ROW_KIND = {k.name: k for k in ROW_KINDS}


def _enum_in(annotation: Any) -> bool:
    stack = [annotation]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and (issubclass(a, enum.Enum) or a is bool):
            return True
        stack.extend(get_args(a))
    return False


def _enumerated() -> set[tuple[str, str]]:
    out = {("study", f) for f, info in schema.StudyFields.model_fields.items()
           if f in STUDY_FIELDS and _enum_in(info.annotation)}
    for kind, model in (("arms", schema.Arm), ("interventions", schema.Intervention),
                        ("dose_levels", schema.DoseLevel), ("outcomes", schema.Outcome),
                        ("criteria", schema.Criterion)):
        out |= {(kind, f) for f, info in model.model_fields.items() if f != "thresholds" and _enum_in(info.annotation)}
    return out


# (section, field) pairs with a closed list of values: Cohen's kappa applies.
ENUMERATED: set[tuple[str, str]] = _enumerated()


_SECTION = {"study": "study", "arm": "arms", "intervention": "interventions", "dose_level": "dose_levels",
            "outcome": "outcomes", "criterion": "criteria"}


def choice_fields(codebooks) -> frozenset:
    """(section, "extra.NAME") of the codebooks' fields with a closed list of values (one choice,
    yes/no): Cohen's kappa applies to them as to ENUMERATED."""
    return frozenset((_SECTION[f.kind], EXTRA + f.name) for cb in codebooks if cb is not None for f in cb.fields
                     if f.type in ("one_choice", "yes_no"))


def codebook_labels(codebooks) -> dict[tuple[str, str], str]:
    """(section, "extra.NAME") -> the field's label in its codebook, for reports ("Vector")."""
    return {(_SECTION[f.kind], EXTRA + f.name): f.label for cb in codebooks if cb is not None for f in cb.fields}


def display(v: Any) -> str:
    """A value as one line of text for the report and the window."""
    v = plain(v)
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join(display(x) for x in v)
    if isinstance(v, dict):
        if set(v) == THRESHOLD_KEYS:
            return format_threshold(v)
        return "; ".join(f"{k}: {display(x)}" for k, x in v.items() if x not in (None, "", []))
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)
