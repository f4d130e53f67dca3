"""Age range and sex: the eligibility fields, else the criteria's own words.

"Ages Eligible for Study: 18 Years to 65 Years", "Minimum Age\\n18 Years", and
in scrapes without those fields "aged 18-70 years (including 18 and 70 years)"
or "gender is not limited".
"""
from __future__ import annotations

import re

from abstractor.extraction import values
from abstractor.extraction.base import Found
from abstractor.extraction.doc import Doc

NAME = "ages"
_UNIT = r"(years?|yrs?|months?|weeks?|days?)"
_RANGE_RE = re.compile(r"(?i)\bage[ds]?\s*(?:of|between|from|:)?\s*(?:≥|>=)?\s*(\d{1,2})\s*(?:years?\s*)?"
                       r"(?:-|–|~|to|and)\s*(\d{1,3})\s*" + _UNIT + r"\b")
_MIN_RE = re.compile(r"(?i)\bage[ds]?\s*(?:of\s*)?(?::\s*)?(?:≥|>=|at least|over|above|older than)?\s*(\d{1,2})\s*"
                     + _UNIT + r"\s*(?:old\s*)?(?:and|or)\s*(?:older|above|over)\b"
                     r"|\bage[ds]?\s*:?\s*(?:≥|>=)\s*(\d{1,2})\s*" + _UNIT)
_OF_AGE_RE = re.compile(r"(?i)\b(\d{1,2})\s*(?:-|–|to)\s*(\d{1,3})\s*years?\s+of\s+age\b")
_SEX_ALL_RE = re.compile(r"(?i)\b(?:gender|sex) (?:is )?(?:not limited|unlimited|unrestricted)\b|"
                         r"\bmale or female\b|\bmales and females\b|\bmen and women\b|\bboth (?:sexes|genders)\b")

# An age criterion that opens with one sex ("1、Female patients aged 18-70 years;"): a single-sex study.
_SEX_ONE_RE = re.compile(r"(?im)^[^\w\n]*(?:\(?\d{1,2}\s*[.)、]\s*)?(female|male)s?(?:\s+(?:patients|subjects|participants))?"
                         r",?\s+aged?\s+(?:between\s+|from\s+)?\d{1,2}\s*(?:-|–|~|to)\s*\d{1,3}\s*years")


def _unit(u: str) -> str:
    return values.age("1 " + u).split()[1]


def extract_ages(doc: Doc) -> dict[str, Found]:
    out: dict[str, Found] = {}
    for lv in doc.labels.get("ages", []):
        r = values.age_range(lv.value)
        if r:
            lo, hi = r
            if lo:
                out["min_age"] = Found(lo, lv.start, lv.end, 0.95, NAME + ".labelled")
            if hi:
                out["max_age"] = Found(hi, lv.start, lv.end, 0.95, NAME + ".labelled")
            return out
        if values.is_na(lv.value):
            return out
    labelled = False
    for fld, label in (("min_age", "min_age"), ("max_age", "max_age")):
        for lv in doc.labels.get(label, []):
            v = values.age(lv.value)
            if v or values.is_na(lv.value):
                labelled = True
                if v:
                    out[fld] = Found(v, lv.start, lv.end, 0.95, NAME + ".labelled")
                break
    if labelled:
        return out
    skip: list[tuple[int, int]] = []
    if doc.registry:
        # a registry page: not from its titles or summary ("children aged 6 to 59 months" in a public title)
        skip = [(lv.start, lv.end) for f in ("title", "official_title") for lv in doc.labels.get(f, [])]
        skip += [(doc.lines[a].start, doc.lines[b - 1].end) for a, b, _k in doc.sections("summary", "objective")
                 if b > a]
    return _from_words(doc.text, skip)


def _first(rx: re.Pattern, text: str, skip: list[tuple[int, int]]):
    return next((m for m in rx.finditer(text) if not any(a <= m.start() < b for a, b in skip)), None)


def _from_words(text: str, skip: list[tuple[int, int]]) -> dict[str, Found]:
    """Ages stated in words ("aged 18 to 65 years", "18 years of age or older") outside the skipped spans."""
    out: dict[str, Found] = {}
    m = _first(_RANGE_RE, text, skip)
    if m:
        u = _unit(m.group(3))
        out["min_age"] = Found("%s %s" % (m.group(1), u), m.start(), m.end(), 0.8, NAME + ".criteria")
        out["max_age"] = Found("%s %s" % (m.group(2), u), m.start(), m.end(), 0.8, NAME + ".criteria")
        return out
    m = _first(_OF_AGE_RE, text, skip)
    if m:
        out["min_age"] = Found("%s Years" % m.group(1), m.start(), m.end(), 0.8, NAME + ".criteria")
        out["max_age"] = Found("%s Years" % m.group(2), m.start(), m.end(), 0.8, NAME + ".criteria")
        return out
    m = _first(_MIN_RE, text, skip)
    if m:
        n, u = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        out["min_age"] = Found("%s %s" % (n, _unit(u)), m.start(), m.end(), 0.7, NAME + ".criteria")
    return out


def extract_sex(doc: Doc) -> Found | None:
    for lv in doc.labels.get("sex", []):
        v = values.sex(lv.value)
        if v:
            return Found(v, lv.start, lv.end, 0.95, NAME + ".labelled")
    m = _SEX_ALL_RE.search(doc.text)
    if m:
        return Found("ALL", m.start(), m.end(), 0.75, NAME + ".criteria")
    m = _SEX_ONE_RE.search(doc.text)
    if m:
        return Found(m.group(1).upper(), m.start(1), m.end(1), 0.7, NAME + ".criteria")
    return None
