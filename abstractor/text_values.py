"""Turning text (typed into a cell, or selected in a document) into a field's value.

Pure Python, no Qt: "what did the user mean" when a cell is typed or text is
selected, kept in the core so widgets hold no such rules; validate() has the last word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

from abstractor.errors import InvalidValue
from abstractor.threshold_text import parse_thresholds

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SCI_RE = re.compile(
    r"(?P<m>\d+(?:\.\d+)?)\s*(?:[x×X*]\s*10\s*(?:\^|\*\*)?\s*(?P<e>-?\d+)|[eE](?P<e2>[-+]?\d+))?")
_NUMBERING_RE = re.compile(r"^\s*(?:[-*•·]\s+|\(?\d{1,3}[.)]\s*|\(?[a-z][.)]\s+|\(?[ivx]{1,4}[.)]\s+)", re.I)
_TIME_FRAME_RE = re.compile(r"^\s*time\s*frame\s*[:：]?\s*", re.I)
_PHASE_RE = re.compile(r"(early\s*phase\s*(?:1|i)\b|phase\s*(?:iv|iii|ii|i|[1-4])(?:\s*/\s*(?:iv|iii|ii|i|[1-4]))?)", re.I)
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}
_AGE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(years?|yrs?|months?|weeks?|days?|y)?\b", re.I)


_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                        "dec"), 1)}
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_WORD_DATE = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+(?:(\d{1,2}),?\s+)?(\d{4})$")


def date_from_text(text: str) -> Optional[str]:
    """"2024-03-15", "2024-3", "2024", "15 March 2024", "March 2024", "Mar 15, 2024" -> ISO, as precise
    as written; None when it is not one of these (day/month orders that could be either are not)."""
    s = " ".join(str(text).split()).strip()
    m = _ISO_DATE.match(s)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
    else:
        m = _WORD_DATE.match(s)
        if not m or m.group(2)[:3].lower() not in _MONTHS or (m.group(1) and m.group(3)):
            return None
        y, mo, d = m.group(4), str(_MONTHS[m.group(2)[:3].lower()]), m.group(1) or m.group(3)
    import datetime as dt

    try:
        dt.date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        return None
    return "-".join([y] + ([f"{int(mo):02d}"] if mo else []) + ([f"{int(d):02d}"] if d else []))


def parse_number(text: str) -> Optional[float]:
    """"1×10⁶" -> 1e6, "3x10^7" -> 3e7, "1.5E8" -> 1.5e8, "25" -> 25.0; None when no number."""
    s = text.translate(SUPERSCRIPTS).replace(",", "")
    m = _SCI_RE.search(s)
    if not m:
        return None
    value = float(m.group("m"))
    exp = m.group("e") or m.group("e2")
    return value * 10 ** int(exp) if exp else value


def parse_int(text: str) -> Optional[int]:
    m = re.search(r"\d[\d,]*", text)
    return int(m.group(0).replace(",", "")) if m else None


@dataclass
class Dose:
    value: Optional[float]
    value_max: Optional[float]
    unit: Optional[str]
    per_weight: Optional[bool]


def parse_dose(text: str) -> Dose:
    """A dose as written: "1-2x10^7/kg", "1×10⁶ CAR+ T cells per kg", "30 mg/m2": read with the
    suggestions' grammar (abstractor.extraction.doses.read_dose), so capture and suggestion agree;
    a bare number is just its value."""
    from abstractor.extraction.doses import read_dose

    d = read_dose(text)
    if d is not None:
        return Dose(d["value"], d["value_max"], d["unit"], d["per_weight"])
    return Dose(parse_number(text), None, None, None)


def enum_from_text(values: list[str], text: str) -> Optional[str]:
    """The enumeration value a piece of text names ("Non-Randomized" -> NON_RANDOMIZED)."""
    if text in values:
        return text
    key = re.sub(r"[^A-Z0-9<>=]+", "_", text.strip().upper()).strip("_")
    upper = {v.upper(): v for v in values}
    if key in upper:
        return upper[key]
    # Values named inside the text, longest first; one inside a longer one's words does not count
    # ("NOT_YET_RECRUITING" is not also RECRUITING); two different ones named: nothing (precision first).
    taken: list[tuple[int, int]] = []
    found = []
    for v in sorted(upper, key=len, reverse=True):
        for m in re.finditer(rf"(?:^|_)({re.escape(v)})(?=$|_)", key):
            a, b = m.span(1)
            if not any(a < y and x < b for x, y in taken):
                taken.append((a, b))
                found.append(upper[v])
    if len(set(found)) == 1:
        return found[0]
    if found:
        return None
    if "OPEN_LABEL" in key and "NONE" in values:
        return "NONE"
    if key in ("N_A", "NOT_APPLICABLE") and "NA" in values:
        return "NA"
    return _synonym(values, text)


def _synonym(values: list[str], text: str) -> Optional[str]:
    """The one value whose usual words the text uses ("Allogenic", "universal" -> ALLOGENEIC;
    "Open" -> NONE); the cell-source words are the suggestions' own (extraction.celltherapy)."""
    from abstractor.extraction.celltherapy import _SOURCES

    table = [*_SOURCES, ("NONE", r"open(?:[- ]label)?|unblinded|no masking"), ("SINGLE", r"single[- ]blind(?:ed)?"),
             ("DOUBLE", r"double[- ]blind(?:ed)?"), ("TRIPLE", r"triple[- ]blind(?:ed)?")]
    hits = {v for v, p in table if v in values and re.search(rf"(?i)(?<![\w-])(?:{p})(?![\w-])", text)}
    return hits.pop() if len(hits) == 1 else None


def phases_from_text(text: str) -> list[str]:
    out: list[str] = []
    for m in _PHASE_RE.finditer(text):
        token = m.group(0).lower()
        if token.startswith("early"):
            out.append("EARLY_PHASE1")
            continue
        for part in re.findall(r"iv|iii|ii|i|[1-4]", token.split("phase", 1)[1]):
            out.append(f"PHASE{_ROMAN.get(part, part)}")
    if not out and text.strip().upper().replace(" ", "_") in ("PHASE1", "PHASE2", "PHASE3", "PHASE4", "EARLY_PHASE1"):
        out.append(text.strip().upper().replace(" ", "_"))
    return list(dict.fromkeys(out))


def age_from_text(text: str) -> Optional[str]:
    """"18 years" -> "18 Years"; "6 months" -> "6 Months"; a bare number means years."""
    m = _AGE_RE.search(text)
    if not m:
        return None
    unit = (m.group(2) or "years").lower()
    unit = {"y": "years", "yr": "years", "yrs": "years"}.get(unit, unit)
    unit = unit if unit.endswith("s") else unit + "s"
    return f"{m.group(1)} {unit.title()}"


def strip_numbering(text: str) -> tuple[str, int]:
    """Text without a leading "1." / "2)" / "*" / "(a)"; and how many characters were cut."""
    m = _NUMBERING_RE.match(text)
    return (text[m.end():], m.end()) if m else (text, 0)


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) of ``text`` to exclude surrounding white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_lines(text: str, offset: int) -> list[tuple[int, int]]:
    """Spans (absolute, stripped, without list numbering) of the non-empty lines of ``text``."""
    spans, pos = [], 0
    for line in text.split("\n"):
        _, cut = strip_numbering(line)
        s, e = clean_span(text, pos + cut, pos + len(line))
        if e > s:
            spans.append((offset + s, offset + e))
        pos += len(line) + 1
    return spans


_STRICT_NUMBER = re.compile(r"\d+(\.\d+)?\s*([x×X*]\s*10\s*(\^|\*\*)?\s*-?\d+|[eE][-+]?\d+)?")


def coerce(kind: str, text: Any, choices: Optional[list[str]] = None, lenient: bool = False) -> Any:
    """A typed or selected text as a value of a field of ``kind``; InvalidValue when it cannot be.

    kinds: str, text, int, float, dose, enum, bool, phases, age, list.  ``lenient``: the text is a
    selection from a document, so a number may have words around it ("Enrollment: 18 participants").
    """
    if not isinstance(text, str):
        return text
    s = " ".join(text.split())
    if s == "":
        return [] if kind in ("phases", "list", "thresholds") else None
    if kind in ("str", "text"):
        return s if kind == "str" else text.strip()
    if kind == "int":
        if not re.fullmatch(r"\d[\d,]*", s):
            n = parse_int(s) if lenient else None
            if n is None:
                raise InvalidValue(f"{s!r} is not a whole number")
            return n
        return int(s.replace(",", ""))
    if kind in ("float", "dose"):
        if not lenient and not _STRICT_NUMBER.fullmatch(s.translate(SUPERSCRIPTS).replace(",", "")):
            raise InvalidValue(f"{s!r} is not a number (write 25, 0.5, 1x10^6 or 1×10⁶)")
        n = parse_number(s)
        if n is None:
            raise InvalidValue(f"{s!r} is not a number (write 25, 0.5, 1x10^6 or 1×10⁶)")
        return n
    if kind == "enum":
        v = enum_from_text(choices or [], s)
        if v is None:
            raise InvalidValue(f"{s!r} is not one of {', '.join(choices or [])}")
        return v
    if kind == "bool":
        low = s.lower()
        if low in ("yes", "true", "y", "1", "per kg", "/kg"):
            return True
        if low in ("no", "false", "n", "0", "flat"):
            return False
        raise InvalidValue(f"{s!r} is not yes or no")
    if kind == "phases":
        v = phases_from_text(s)
        if not v:
            raise InvalidValue(f"{s!r} names no phase (e.g. Phase 1, Phase 1/2, Early Phase 1)")
        return v
    if kind == "age":
        v = age_from_text(s)
        if v is None:
            raise InvalidValue(f"{s!r} is not an age (write 18 Years, 6 Months)")
        return v
    if kind == "list":
        return [p.strip() for p in re.split(r"[,;]", s) if p.strip()]
    if kind == "date":
        v = date_from_text(s)
        if v is None:
            raise InvalidValue(f"{s!r} is not a date (write 2024-03-15, 2024-03, 2024 or 15 March 2024)")
        return v
    if kind == "thresholds":
        try:
            return parse_thresholds(text.replace(";", "\n"))
        except ValueError as exc:
            raise InvalidValue(str(exc)) from None
    return s


def field_value(validate: Callable[[str, str, Any], Any], entity: str, field: str, kind: str, text: Any,
                choices: Optional[list[str]] = None, lenient: bool = False) -> Any:
    """Typed or selected text as the value a field stores: interpreted (coerce), validated as the
    field's type (``validate``: Store.validate), enums as their strings, as panels and commands hold values."""
    value = validate(entity, field, coerce(kind, text, choices, lenient))
    if isinstance(value, list):
        return [getattr(x, "value", x) for x in value]
    return getattr(value, "value", value)


# --- reading a selection as a new row ------------------------------------------------
# Each returns {field: (value, (start, end))}: the value and the span (absolute
# offsets) that is its evidence.  ``text`` is the selected text, ``offset`` where it starts.

def _lines(text: str, offset: int) -> list[tuple[str, int, int]]:
    return [(text[s - offset:e - offset], s, e) for s, e in split_lines(text, offset)]


def criteria_from_selection(text: str, offset: int) -> list[dict]:
    """One criterion per non-empty line, read as the suggestions read one (abstractor.extraction.
    criteria.read_criterion): numbering left out, category and thresholds set."""
    from abstractor.extraction.criteria import read_criterion

    out = []
    for _line, s, e in _lines(text, offset):
        got = read_criterion(text, s - offset, e - offset)
        if got is None:
            continue
        values, spans = got
        out.append({f: (values[f], (spans[f][0] + offset, spans[f][1] + offset)) for f in spans})
    return out


def outcome_from_selection(text: str, offset: int) -> dict:
    """First line the measure, a "Time frame:" line the time frame, the rest the description."""
    lines = _lines(text, offset)
    out: dict = {}
    if not lines:
        return out
    measure, s, e = lines[0]
    out["measure"] = (" ".join(measure.split()), (s, e))
    desc = []
    for line, s, e in lines[1:]:
        if _TIME_FRAME_RE.match(line) and "time_frame" not in out:
            cut = _TIME_FRAME_RE.match(line).end()
            out["time_frame"] = (line[cut:].strip(), (s + cut, e))
            from abstractor.extraction.outcomes import time_frame_days  # (the extraction package: not at start-up)

            days = time_frame_days(out["time_frame"][0])  # the same reading the suggestions use
            if days is not None:
                out["time_frame_days"] = (days, (s + cut, e))
        else:
            desc.append((line, s, e))
    if desc:
        out["description"] = (" ".join(" ".join(d[0] for d in desc).split()), (desc[0][1], desc[-1][2]))
    return out


_DOSE_LABEL_RE = re.compile(r"^[^:：\d]*(?:\d+\s*)?[:：]\s*")


def doses_from_selection(text: str, offset: int) -> list[dict]:
    """One dose level per line; a "Dose level 2:" label before the dose is left out."""
    out = []
    for line, s, e in _lines(text, offset):
        m = _DOSE_LABEL_RE.match(line)
        if m and re.search(r"\d", line[m.end():]):
            line, s = line[m.end():], s + m.end()
        d = parse_dose(line)
        span = (s, e)
        row: dict = {"text": (" ".join(line.split()), span)}
        if d.value is not None:
            row["value"] = (d.value, span)
        if d.value_max is not None:
            row["value_max"] = (d.value_max, span)
        if d.unit:
            row["unit"] = (d.unit, span)
        if d.per_weight is not None:
            row["per_weight"] = (d.per_weight, span)
        out.append(row)
    return out


def arm_from_selection(text: str, offset: int) -> dict:
    lines = _lines(text, offset)
    if not lines:
        return {}
    label, s, e = lines[0]
    m = re.match(r"^(experimental|active comparator|placebo comparator|sham comparator|no intervention|other)\s*:\s*",
                 label, re.I)
    out: dict = {}
    if m:
        out["type"] = (m.group(1).upper().replace(" ", "_"), (s, s + m.end()))
        label, s = label[m.end():], s + m.end()
    out["label"] = (" ".join(label.split()), (s, e))
    if len(lines) > 1:
        out["description"] = (" ".join(" ".join(x[0] for x in lines[1:]).split()), (lines[1][1], lines[-1][2]))
    return out


_ITYPES = ("DRUG", "BIOLOGICAL", "DEVICE", "PROCEDURE", "RADIATION", "BEHAVIORAL", "GENETIC", "DIETARY_SUPPLEMENT",
           "COMBINATION_PRODUCT", "DIAGNOSTIC_TEST", "OTHER")


def intervention_from_selection(text: str, offset: int) -> dict:
    lines = _lines(text, offset)
    if not lines:
        return {}
    name, s, e = lines[0]
    out: dict = {}
    head, sep, rest = name.partition(":")
    if sep and head.strip().upper().replace(" ", "_") in _ITYPES:
        out["type"] = (head.strip().upper().replace(" ", "_"), (s, s + len(head)))
        cut = len(head) + 1 + (len(rest) - len(rest.lstrip()))
        name, s = name[cut:], s + cut
    out["name"] = (" ".join(name.split()), (s, e))
    if len(lines) > 1:
        out["description"] = (" ".join(" ".join(x[0] for x in lines[1:]).split()), (lines[1][1], lines[-1][2]))
    return out
