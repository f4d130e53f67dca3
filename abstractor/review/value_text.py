"""A consensus value as text the adjudicator can edit, and that text back as a value.

Pure Python, so the adjudication widgets hold no such rules: a row becomes a line
per field, a list a line per item; only values nested deeper than a row's
sub-record (the threshold of a criterion) fall back to JSON.  What comes back is
typed text; the core validates it as the field's type (abstractor.review.adjudicate).
"""
from __future__ import annotations

import json
from typing import Any

from models import records
from abstractor.errors import InvalidValue
from abstractor.threshold_text import format_threshold, parse_thresholds
from abstractor.review.values import display

LIST_SEPARATOR = ";"


def is_scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


# Fields whose items are sub-records written as text lines (a criterion's thresholds: "ALT < 3 x ULN").
TEXT_LISTS = {f.name for k in records.KINDS.values() for f in k.fields if f.kind == "thresholds"}


def flatten_row(row: dict) -> dict[str, Any]:
    """{"threshold": {"value": 2}} -> {"threshold.value": 2}: one line per field."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if k in TEXT_LISTS and isinstance(v, list):
            out[k] = f"{LIST_SEPARATOR} ".join(format_threshold(t) for t in v)
        elif isinstance(v, dict) and all(is_scalar(x) for x in v.values()):
            out.update({f"{k}.{sk}": sv for sk, sv in v.items()})
        else:
            out[k] = v
    return out


def unflatten_row(lines: dict[str, Any], original: dict) -> dict:
    """The values read from flatten_row's lines, put back into the row's shape."""
    out: dict[str, Any] = {}
    for key, v in lines.items():
        head, dot, sub = key.partition(".")
        if dot and isinstance(original.get(head), dict):
            out.setdefault(head, {})[sub] = v
        else:
            out[key] = v
    for key in TEXT_LISTS & set(out):
        try:
            out[key] = [t.model_dump(mode="json") for t in parse_thresholds((out[key] or "").replace(";", "\n"))]
        except ValueError as exc:
            raise InvalidValue(str(exc)) from None
    for head, sub in list(out.items()):  # a sub-record left all empty is no sub-record
        if isinstance(original.get(head), dict) and isinstance(sub, dict) and all(x is None for x in sub.values()):
            out[head] = None
    return out


def as_line(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list) and all(is_scalar(x) for x in v):
        return f"{LIST_SEPARATOR} ".join("" if x is None else str(x) for x in v)
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)  # nested deeper: JSON, the fallback
    return str(v)


def from_line(text: str, like: Any) -> Any:
    """A line back as the kind of value it showed (the core checks the type)."""
    text = text.strip()
    if isinstance(like, list) and all(is_scalar(x) for x in like):
        return [x.strip() for x in text.split(LIST_SEPARATOR) if x.strip()]
    if text == "":
        return None
    if isinstance(like, (dict, list)):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidValue(f"{text[:40]!r} is not valid JSON ({exc.msg})") from None
    if isinstance(like, bool):
        low = text.lower()
        return True if low in ("yes", "y", "true", "1") else False if low in ("no", "n", "false", "0") else text
    return text


def items_as_text(items: list) -> str:
    """A list for a multi-line box: an item per line, or JSON when the items are records."""
    if all(is_scalar(x) for x in items):
        return "\n".join("" if x is None else str(x) for x in items)
    return json.dumps(items, ensure_ascii=False, indent=1)


def items_from_text(text: str, original: list) -> list:
    """items_as_text's box read back (InvalidValue: the JSON is not readable)."""
    if all(is_scalar(x) for x in original):
        return [line.strip() for line in text.splitlines() if line.strip()]
    return from_line(text, original) or []


def value_as_text(v: Any) -> str:
    """A single value for a one-line prompt (lists and rows as JSON)."""
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return display(v)


def value_from_text(text: str, like: Any) -> Any:
    """What was typed, as the kind of value it replaces (JSON for lists and rows)."""
    text = text.strip()
    if text == "":
        return None
    if isinstance(like, (dict, list)) or text[:1] in "[{":
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            if isinstance(like, list):
                return [x.strip() for x in text.split(",") if x.strip()]
            return text
    if isinstance(like, (int, float)) and not isinstance(like, bool):
        try:
            return float(text) if isinstance(like, float) or "." in text or "e" in text.lower() else int(text)
        except ValueError:
            return text
    return text
