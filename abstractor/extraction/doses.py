"""Cell dose levels in every notation registry text uses.

1×10⁷, 1x10^7, 1 × 10^7, `1x10\\^9`, 1E7, 10^7; mantissa ranges "1-2x10^7/kg"
and full ranges "1×10^6 to 3×10^6"; unit words in between ("CAR-positive
cells/kg"). Lab values ("x10^9/L") are not doses. Drug amounts in mg, mg/m2 or
mg/kg are taken only where a drug name stands right before them ("rituximab
375 mg/m2", "Toripalimab 240 mg") or a dose list states them ("flat doses of
25 mg, 50 mg and 100 mg", "dose is escalated from 10 mg/m2/day to ..."), never
after a comparison ("above 4 mg per day") or before the drug ("10 mg prednisone").
"""
from __future__ import annotations

import re

from abstractor.extraction.base import Row

NAME = "doses"
_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SCI = (r"(?:\d+(?:\.\d+)?\s*[×xX*]\s*10\s*(?:\\?\^\s*\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})"
        r"|(?<![\d.])10\s*(?:\\?\^\s*\d{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})"
        r"|\d+(?:\.\d+)?\s*[eE]\+?\d{1,2}(?![\w]))")
_SEP = r"\s*(?:-|–|~|to)\s*"
_UNIT = (r"(?P<cells>\s+(?:[A-Za-z][\w+\-‐]*\s+){0,3}?cells?\b|\s*CAR[-‐ ]?(?:T|NK)s?\b)?"
         r"(?P<per>\s*/\s*kg\b|\s+per\s+kg\b|\s*/\s*m(?:2|²)\b)?")
_DOSE = re.compile(r"(?<![\w.])(?:(?P<lo>\d+(?:\.\d+)?)" + _SEP + r"(?=\d+(?:\.\d+)?\s*[×xX*]))?(?P<a>" + _SCI +
                   r")(?:" + _SEP + r"(?P<b>" + _SCI + r"))?" + _UNIT)
_LAB_AFTER = re.compile(r"\s*(?:/\s*(?:L|l|mm|μL|µL|uL|dL|mL)\b|copies|IU|U\b|cells?/(?:L|mm|μL|µL|uL))")
_CELL_CONTEXT = re.compile(r"(?i)cells?|CAR|infusion|dose")


def sci_value(s: str) -> float:
    s = s.translate(_SUP).replace("\\", "")
    m = re.fullmatch(r"\s*(?:(\d+(?:\.\d+)?)\s*[×xX*]\s*)?10\s*\^?\s*(\d{1,2})\s*", s)
    if m:
        return float(m.group(1) or 1) * 10 ** int(m.group(2))
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*[eE]\+?(\d{1,2})\s*", s)
    return float(m.group(1)) * 10 ** int(m.group(2))


def _mantissa_exp(s: str) -> tuple[float, int]:
    v = sci_value(s)
    e = int(re.search(r"(\d{1,2})\s*$", s.translate(_SUP)).group(1))
    return v / 10 ** e, e


def _cell_dose(m: re.Match) -> dict:
    """A cell dose match as values: the value (the lower end), the upper end, the unit."""
    per = m.group("per") or ""
    unit = "cells/kg" if "kg" in per else ("cells/m2" if per else "cells")
    a = sci_value(m.group("a"))
    vmax = None
    if m.group("b"):
        vmax = sci_value(m.group("b"))
    elif m.group("lo"):
        mant, e = _mantissa_exp(m.group("a"))
        a, vmax = float(m.group("lo")) * 10 ** e, a
    return {"value": _clean(a), "value_max": _clean(vmax), "unit": unit, "per_weight": unit != "cells"}


def read_dose(text: str) -> dict | None:
    """One dose as a person selected it ("3×10⁶ CAR+ T cells per kg", "375 mg/m2"): the grammar the
    suggestions use, without their rules for finding doses in running text (the selection says it is
    one).  The window's capture reads doses through this, so both give the same value and unit."""
    m = _DOSE.search(text)
    if m:
        return _cell_dose(m)
    m = _ONE_MG.search(text)
    if m:
        unit = "mg" + (m.group("per") or "").replace(" ", "").replace("²", "2")
        return {"value": float(m.group("num")), "value_max": None, "unit": unit, "per_weight": unit != "mg"}
    return None


def extract_doses(text: str, drug_names: tuple[str, ...] | list[str] = ()) -> list[Row]:
    """Dose levels; ``drug_names`` (the page's intervention names) also count as drug names before an mg amount."""
    rows: list[Row] = []
    seen = set()
    for m in _DOSE.finditer(text):
        after = text[m.end():m.end() + 12]
        if not m.group("cells") and not m.group("per") and _LAB_AFTER.match(after):
            continue
        if m.group("per") is None and m.group("cells") is None:
            before = text[max(0, m.start() - 80):m.start()]
            if not _CELL_CONTEXT.search(before):
                continue
        values = _cell_dose(m)
        key = (values["value"], values["value_max"], values["unit"])
        if key in seen:
            continue
        seen.add(key)
        rows.append(Row({**values, "text": text[m.start():m.end()]}, {"text": (m.start(), m.end())}, 0.85, NAME))
    rows += _mg_doses(text, seen, drug_names)
    return rows


# An INN-like drug name: the stems of antibodies, kinase inhibitors and cytotoxics.
_DRUG = (r"(?i:\b[a-z][a-z\-]{2,}(?:mab|cept|nib|lib|platin|taxel|rubicin|mide|bine|stine|sone|olone|limus|parib|"
         r"tecan|poside|trexate|mycin|zomib|tide|vir|azole|lisib|degib|rafenib|ciclib|mustine|fen|pam|tin))")
_MG = r"(?P<num>\d+(?:\.\d+)?)\s*(?P<mg>mg)(?P<per>\s*/\s*(?:m2|m²|kg)\b)?(?P<day>\s*/\s*(?:day|d)\b)?"
_DRUG_MG = re.compile(r"(?:%s|\b[A-Z]{1,5}-\d{2,6}\b)" % _DRUG + r"\s+(?:at\s+|,\s*)?" + _MG)
_MG_AT = re.compile(r"\d\s*mg")
_LIST_MG = re.compile(r"(?i)\bdoses?(?: levels?)? of\s+|\bdose\b[^.;\n]{0,30}?\bfrom\s+")
_ONE_MG = re.compile(_MG)
_COMPARE = re.compile(r"(?i)(?:above|below|more than|less than|exceed\w*|over|under|up to|at most|at least|"
                      r"maximum|max\.?|[<>≤≥]|\\[<>])\s*$")


def _mg_row(text: str, m: re.Match, seen: set, conf: float) -> Row | None:
    per = (m.group("per") or "").replace(" ", "").replace("²", "2")
    unit = "mg" + per
    key = (float(m.group("num")), None, unit)
    if key in seen or _COMPARE.search(text[max(0, m.start("num") - 14):m.start("num")]):
        return None
    seen.add(key)
    a, b = m.start("num"), m.end()
    return Row({"value": float(m.group("num")), "value_max": None, "unit": unit, "per_weight": unit != "mg",
                "text": text[a:b]}, {"text": (a, b)}, conf, NAME + ".mg")


def _mg_doses(text: str, seen: set, drug_names=()) -> list[Row]:
    hits: list[tuple[int, Row]] = []
    names = sorted({n.strip() for n in drug_names if n and 3 <= len(n.strip()) <= 60}, key=len, reverse=True)
    rx = _DRUG_MG
    if names:
        alt = "|".join(re.escape(n) for n in names)
        rx = re.compile(r"(?:%s|(?i:\b(?:%s))(?![\w-])|\b[A-Z]{1,5}-\d{2,6}\b)" % (_DRUG, alt) + r"\s+(?:at\s+|,\s*)?" + _MG)
    found: dict[int, re.Match] = {}
    for p in _MG_AT.finditer(text):         # only around an "N mg": the drug-name pattern is slow to scan
        for m in rx.finditer(text, max(0, p.start() - 100), min(len(text), p.end() + 30)):
            found.setdefault(m.start("num"), m)
    for _k, m in sorted(found.items()):
        r = _mg_row(text, m, seen, 0.7)
        if r:
            hits.append((m.start("num"), r))
    for lm in _LIST_MG.finditer(text):
        pos = lm.end()
        while True:
            m = _ONE_MG.match(text, pos)
            if not m:
                break
            r = _mg_row(text, m, seen, 0.7)
            if r:
                hits.append((m.start(), r))
            sep = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+to\s+)", text[m.end():m.end() + 8])
            if not sep:
                break
            pos = m.end() + sep.end()
    return [r for _p, r in sorted(hits, key=lambda h: h[0])]


def _clean(v: float | None) -> float | None:
    return None if v is None else float(f"{v:.6g}")
