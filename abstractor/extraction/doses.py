"""Cell dose levels in every notation registry text uses.

1×10⁷, 1x10^7, 1 × 10^7, `1x10\\^9`, 1E7, 10^7; mantissa ranges "1-2x10^7/kg"
and full ranges "1×10^6 to 3×10^6"; unit words in between ("CAR-positive
cells/kg"). Only scientific-notation counts are taken: they are the product
doses of cell therapies, whereas plain mg amounts are mostly conditioning or
concomitant drugs. Lab values ("x10^9/L") are not doses.
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


def extract_doses(text: str) -> list[Row]:
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
        per = m.group("per") or ""
        unit = "cells/kg" if "kg" in per else ("cells/m2" if per else "cells")
        a = sci_value(m.group("a"))
        vmax = None
        if m.group("b"):
            vmax = sci_value(m.group("b"))
        elif m.group("lo"):
            mant, e = _mantissa_exp(m.group("a"))
            a, vmax = float(m.group("lo")) * 10 ** e, a
        a, vmax = _clean(a), _clean(vmax)
        key = (a, vmax, unit)
        if key in seen:
            continue
        seen.add(key)
        rows.append(Row({"value": a, "value_max": vmax, "unit": unit, "per_weight": unit != "cells",
                         "text": text[m.start():m.end()]},
                        {"text": (m.start(), m.end())}, 0.85, NAME))
    return rows


def _clean(v: float | None) -> float | None:
    return None if v is None else float(f"{v:.6g}")
