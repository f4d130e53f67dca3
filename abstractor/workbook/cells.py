"""One value to one cell and back, losslessly.

Text goes through the OOXML ``_xHHHH_`` escape (Excel, LibreOffice and
calamine decode it), so control characters and a literal ``_x0041_`` survive.
An empty cell is an unknown value; known-empty text is written as ``""``
(and text made only of two or more double quotes gets one more, so every
string has exactly one cell form).
"""
from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, time
from typing import Any, Optional

from abstractor.text_values import date_from_text
from abstractor.threshold_text import parse_thresholds, thresholds_text
from abstractor.workbook.layout import TEXT_LIMIT, Column

FORMULA_STARTS = ("=", "+", "-", "@")
_ESCAPE_RE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_QUOTES_RE = re.compile(r'^"*$')
_INT_RE = re.compile(r"^[+-]?\d+$")
_PHASE_SPLIT = re.compile(r"[/,;+\s]+")


class CellError(ValueError):
    """A cell that cannot be read; the message is the reason, in plain words."""


def _escape_one(m: re.Match) -> str:
    ch = m.group(0)
    return "_x005F_" if ch == "_" else f"_x{ord(ch):04X}_"


def escape(s: str) -> str:
    return _ESCAPE_RE.sub(_escape_one, s) if _ESCAPE_RE.search(s) else s


def mark_text(s: str) -> str:
    """Known-empty text is ``""``; text of 2+ double quotes gets one more."""
    if _QUOTES_RE.match(s) and len(s) != 1:
        return s + '""' if not s else s + '"'
    return s


def unmark_text(s: str) -> str:
    if s[:1] != '"':  # nearly every cell: no regex
        return s
    if len(s) >= 2 and _QUOTES_RE.match(s):
        return "" if len(s) == 2 else s[:-1]
    return s


def utf16_len(s: str) -> int:
    return len(s) if s.isascii() else len(s.encode("utf-16-le")) // 2


def split_text(s: str, limit: int = 32_000) -> list[str]:
    """Parts of ``s`` whose escaped form each fits in one cell."""
    if len(s) <= limit and utf16_len(escape(s)) <= TEXT_LIMIT:
        return [s]
    parts: list[str] = []
    i = 0
    while i < len(s):
        size = limit
        while True:
            chunk = s[i:i + size]
            if utf16_len(escape(chunk)) <= TEXT_LIMIT:
                break
            size //= 2
        parts.append(chunk)
        i += len(chunk)
    return parts


# --- writing ---------------------------------------------------------------

def encode_list(items: list[str]) -> Optional[str]:
    if not items:
        return None
    joined = "\n".join(items)
    if all(x.strip() for x in items) and not any("\n" in x or "\r" in x for x in items) \
            and not joined.startswith("["):
        return joined
    return json.dumps(list(items), ensure_ascii=False)


def encode(col: Column, value: Any) -> Any:
    """The cell value for ``value`` (text not yet escaped: the writer does that)."""
    if value is None:
        return None
    kind = col.kind
    if kind == "list":
        return encode_list([str(v) for v in value])
    if kind == "phases":
        return "/".join(str(v) for v in value) or None
    if kind == "thresholds":
        return thresholds_text(value) or None
    if kind == "enum":
        text = str(getattr(value, "value", value))
        return text if col.strict else mark_text(text)
    if kind == "bool":
        return bool(value)
    if kind in ("int", "order"):
        return int(value)
    if kind == "float":
        return float(value)
    return mark_text(str(value))


# --- reading ---------------------------------------------------------------

def cell_text(value: Any) -> str:
    """Whatever a cell holds, as the text a person sees."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def _show(value: Any) -> str:
    text = cell_text(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def decode(col: Column, value: Any) -> Any:
    """A cell's value as the column's type, or CellError with the reason."""
    kind = col.kind
    if value is None or value == "":
        return [] if kind in ("list", "phases", "thresholds") else None
    if kind in ("text", "long", "id", "context"):
        return unmark_text(value) if isinstance(value, str) else cell_text(value)
    if kind == "date":  # a reviewer's spreadsheet turns typed dates into date cells: their day
        if isinstance(value, (datetime, date)):
            return (value.date() if isinstance(value, datetime) else value).isoformat()
        return date_from_text(cell_text(value)) or cell_text(value).strip()
    if kind == "list":
        return decode_list(cell_text(value))
    if kind == "thresholds":
        try:
            return parse_thresholds(cell_text(value))
        except ValueError as exc:
            raise CellError(str(exc)) from None
    if kind == "enum":
        if not col.strict:  # free text with suggestions: kept exactly as written
            return unmark_text(value) if isinstance(value, str) else cell_text(value)
        return _enum_value(col, cell_text(value).strip())
    if kind == "phases":
        text = cell_text(value).strip()
        return [_enum_value(col, p, ("EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4", "NA"))
                for p in _PHASE_SPLIT.split(text) if p]
    if kind in ("int", "order"):
        return _int(value)
    if kind == "float":
        return _float(value)
    if kind == "bool":
        return _bool(value)
    raise CellError(f"unknown column kind {kind}")  # pragma: no cover - layout error


def reader(col: Column):
    """``decode`` for one column, built once: the checks that depend on the column's kind and values
    are chosen here rather than for every cell (the same results as ``decode``)."""
    kind = col.kind
    if kind in ("text", "long", "id", "context") or (kind == "enum" and not col.strict):
        def read_text(value):
            if value.__class__ is str:
                return (unmark_text(value) if value[:1] == '"' else value) if value else None
            return None if value is None else cell_text(value)
        return read_text
    if kind == "enum":
        allowed = set(col.values)

        def read_enum(value):
            if value.__class__ is str and value in allowed:
                return value
            return decode(col, value)
        return read_enum
    if kind in ("int", "order"):
        def read_int(value):
            if value.__class__ is int:
                return value
            if value.__class__ is float and value.is_integer():
                return int(value)
            return decode(col, value)
        return read_int
    if kind == "float":
        def read_float(value):
            if value.__class__ is float and math.isfinite(value):
                return value
            return decode(col, value)
        return read_float
    if kind in ("list", "phases", "thresholds"):
        def read_many(value):
            return [] if value is None or value == "" else decode(col, value)
        return read_many
    return lambda value: decode(col, value)


def decode_list(text: str) -> list[str]:
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list) and all(isinstance(x, str) for x in items):
            return items
    return [line for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def _enum_value(col: Column, text: str, allowed: Optional[tuple[str, ...]] = None) -> str:
    allowed = allowed or col.values
    if text in allowed:
        return text
    folded = {v.casefold(): v for v in allowed}
    if text.casefold() in folded:
        return folded[text.casefold()]
    if not col.strict and col.kind == "enum":
        return text
    shown = ", ".join(allowed)
    raise CellError(f"{_show(text)} is not one of the allowed values ({shown})")


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError(f"{_show(value)} is not a whole number")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and (not math.isfinite(value) or not value.is_integer()):
            raise CellError(f"{_show(value)} is not a whole number")
        return int(value)
    text = cell_text(value)
    f = typed_number(text, whole=True)
    if math.isfinite(f) and f.is_integer():
        return int(f)
    raise CellError(f"{_show(value)} is not a whole number")


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise CellError(f"{_show(value)} is not a number")
    if isinstance(value, (int, float)):
        f = float(value)
    else:
        f = typed_number(cell_text(value).replace("×10^", "e").replace("x10^", "e"), whole=False)
    if not math.isfinite(f):
        raise CellError(f"{_show(value)} is not a finite number")
    return f


# Numbers as people type them in a text cell (a spreadsheet in another language keeps "0,5" as text).
_PLAIN = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$")  # one comma: "0,5", "1,5E+07", "2,5"
_GROUPED = re.compile(r"^[+-]?\d{1,3}(?:(?P<sep>[,\u00a0\u202f ])\d{3})(?:(?P=sep)\d{3})*(?:\.\d+)?(?:[eE][+-]?\d+)?$")


def typed_number(text: str, whole: bool) -> float:
    """A number typed as text, read only where it can mean one thing; CellError otherwise.

    A decimal comma ("0,5", "1,5E+07", "2,5") is a decimal; "12,000" is twelve thousand only in a
    whole-number column (enrollment), and a question anywhere else (12 or 12000?); thousands
    separators in groups of three with a decimal point ("1,234.5") or more than one ("1,234,567")
    are separators.  Nothing is ever read as a different number silently.
    """
    t = text.strip()
    shown = _show(text)
    if _PLAIN.match(t):
        return float(t)
    m = _GROUPED.match(t)
    if m and (whole or m.group("sep") != "," or "." in t or t.count(",") > 1):
        return float(t.replace(m.group("sep"), ""))
    if _DECIMAL_COMMA.match(t):
        head, _, tail = t.lstrip("+-").partition(",")
        digits = re.split("[eE]", tail)[0]
        if len(digits) == 3 and head not in ("", "0"):
            raise CellError(f"{shown} could be a thousands separator or a decimal comma; write it with a point "
                            f"({head}.{digits}) or without the comma ({head}{digits})")
        return float(t.replace(",", "."))
    raise CellError(f"{shown} is not a {'whole number' if whole else 'number'}"
                    + ("" if whole else " (write it like 0.5 or 1E+07)"))


_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0"}


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = cell_text(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"{_show(value)} is not TRUE or FALSE")
