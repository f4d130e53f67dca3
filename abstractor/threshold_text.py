"""A criterion's thresholds as people write them: one "parameter op value unit" per line.

The workbook cell, the form's cell and the review report all show thresholds this way and read
them back with ``parse_thresholds``, so "ALT < 3 x ULN" round-trips everywhere.
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterable, Optional

from models.enums import Operator
from models.schema import Threshold

_OPS = {"<=": "<=", "≤": "<=", "=<": "<=", ">=": ">=", "≥": ">=", "=>": ">=", "<": "<", ">": ">", "=": "="}
_LINE = re.compile(r"^(?P<param>.*?)\s*(?P<op><=|>=|=<|=>|≤|≥|<|>|=)\s*"
                   r"(?P<value>[-+]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][-+]?\d+)?)?\s*(?P<unit>.*?)\s*$")
_NUMBER_ONLY = re.compile(r"^[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$")


def format_threshold(th: Any) -> str:
    """{"parameter": "creatinine", "operator": "<", "value": 220, "unit": "umol/L"} -> "creatinine < 220 umol/L"."""
    get = th.get if isinstance(th, dict) else (lambda k: getattr(th, k, None))
    op = get("operator")
    op = getattr(op, "value", op)
    value = get("value")
    parts = [get("parameter") or "", op or "?", _number(value) if value is not None else "", get("unit") or ""]
    return " ".join(p for p in parts if p)


def format_thresholds(items: Iterable[Any]) -> str:
    return "\n".join(format_threshold(t) for t in items)


def _number(v: float) -> str:
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)


def parse_threshold(line: str) -> Threshold:
    """One line back into a Threshold; ValueError with the reason when it is not one."""
    m = _LINE.match(line.strip())
    if not m or not m.group("param"):
        raise ValueError(f"{line.strip()!r} is not a threshold like 'creatinine < 220 umol/L' "
                         "(a parameter, a comparison <, <=, >, >= or =, a value and a unit)")
    raw = m.group("value")
    value: Optional[float] = None
    if raw is not None:
        if "," in raw:
            # A decimal comma only where it cannot be a thousands separator: "0,5", "1,25".
            head, _, tail = raw.lstrip("+-").partition(",")
            if len(tail.split("e")[0].split("E")[0]) == 3 and head not in ("", "0"):
                raise ValueError(f"{raw!r} in {line.strip()!r} could be a thousands separator or a decimal "
                                 "comma; write it with a point (1.5 or 1500)")
            raw = raw.replace(",", ".")
        value = float(raw)
    unit = m.group("unit") or None
    return Threshold(parameter=m.group("param").strip(), operator=Operator(_OPS[m.group("op")]), value=value,
                     unit=unit)


def parse_thresholds(text: str) -> list[Threshold]:
    """Lines back into Thresholds (or the JSON list form ``thresholds_text`` falls back to)."""
    text = str(text)
    if text.lstrip().startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None  # a line that starts with "[": read as lines
        if isinstance(items, list):
            try:
                return [Threshold.model_validate(x) for x in items]
            except (ValueError, TypeError) as exc:
                raise ValueError(f"the thresholds are not a readable list ({exc})") from None
    return [parse_threshold(line) for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def thresholds_text(items: Iterable[Any]) -> str:
    """Lines when every threshold reads back exactly from its line, else the JSON list (lossless)."""
    items = [t if isinstance(t, Threshold) else Threshold.model_validate(t) for t in items]
    lines = [format_threshold(t) for t in items]
    try:
        joined = "\n".join(lines)
        if not joined.startswith("[") and [parse_threshold(line) for line in lines] == items:
            return joined
    except ValueError:
        pass
    return json.dumps([t.model_dump(mode="json") for t in items], ensure_ascii=False)
