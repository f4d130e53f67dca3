"""Design facts stated by the words of a title or of a registry's one-phrase design field.

"A Randomized, Parallel-group, Double-blind ... Phase III Trial" and CTRI's
"Randomized, Parallel Group, Active Controlled Trial" say the allocation, the
model and the phase of the study itself, unlike prose, which may describe
another trial.  Only unambiguous words count; two contradicting words say
nothing.
"""
from __future__ import annotations

import re

_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}

_ALLOC = [("NON_RANDOMIZED", re.compile(r"(?i)\bnon[- ]?randomi[sz]ed\b|\bnot randomi[sz]ed\b|非随机|"
                                        r"\bno (?:aleatorizad|randomizad)[oa]\b|\bnão[- ]randomizad[oa]\b")),
          ("RANDOMIZED", re.compile(r"(?i)(?<!non-)(?<!not-)(?<!non )(?<!not )\brandomi[sz]ed\b|\brandomi[sz]ation\b|"
                                    r"\bRCT\b|(?<!no )(?<!não )(?<!não-)\b(?:aleatorizad|randomizad)[oa]s?\b|"
                                    r"(?<!非)随机(?:对照|分组|化|平行|双盲|单盲|开放)"))]
_MODEL = [("PARALLEL", re.compile(r"(?i)\bparallel[- ]?(?:group|arm|design|assignment|controlled)s?\b")),
          ("CROSSOVER", re.compile(r"(?i)\bcross[- ]?over\b")),
          ("SINGLE_GROUP", re.compile(r"(?i)\bsingle[- ](?:arm|group|cohort)\b|\bone[- ]arm\b")),
          ("FACTORIAL", re.compile(r"(?i)\bfactorial\b"))]
_PHASE = re.compile(r"(?i)\b(?:phase|fase)\s*(I{1,3}V?|IV|[1-4])[ab]?(?:\s*(?:/|-|and|to)\s*(?:phase\s*)?(I{1,3}|IV|[1-4])[ab]?)?"
                    r"(?![\w/])(?!\s*(?:part|portion|cohort|component|extension|dose|of\b))")


_ANY_PHASE = re.compile(r"(?i)\b(?:phase|fase)\s*(I{1,3}V?|IV|[1-4])(?![\w])")


def _one(table, s: str) -> tuple[str, int, int] | None:
    hits = [(v, m.start(), m.end()) for v, rx in table for m in [rx.search(s)] if m]
    if not hits:
        return None
    return hits[0] if len({v for v, _a, _b in hits}) == 1 else None


def allocation(s: str) -> tuple[str, int, int] | None:
    return _one(_ALLOC, s)


def model(s: str) -> tuple[str, int, int] | None:
    return _one(_MODEL, s)


def phases(s: str) -> tuple[list[str], int, int] | None:
    found = []
    for m in _PHASE.finditer(s):
        a = _ROMAN.get(m.group(1).upper(), m.group(1))
        v = ["PHASE" + a]
        if m.group(2):
            b = _ROMAN.get(m.group(2).upper(), m.group(2))
            if b != a:
                v.append("PHASE" + b)
        found.append((v, m.start(), m.end()))
    if found:               # every mention, also "phase 3 extension", must be part of the first
        first = set(found[0][0])
        if any("PHASE" + _ROMAN.get(m.group(1).upper(), m.group(1)) not in first for m in _ANY_PHASE.finditer(s)):
            return None
    if not found or any(not set(v) <= set(found[0][0]) for v, _a, _b in found[1:]):
        return None        # "phase 2 ... phase 3 extension": leave it to the fields
    return found[0]        # "fase II-III ..., doble ciego en la fase II": the later mention is a part


def design_words(s: str) -> dict[str, tuple[object, int, int]]:
    """Field -> (value, start, end) for the allocation, model and phase the words state."""
    out: dict[str, tuple[object, int, int]] = {}
    for fld, fn in (("allocation", allocation), ("intervention_model", model), ("phases", phases)):
        r = fn(s)
        if r:
            out[fld] = r
    return out


def phrase_model(s: str) -> str | None:
    """The model of a short design phrase ("Randomized, Parallel Group, Active Controlled Trial")."""
    if len(s) > 120:
        return None
    r = model(s)
    return r[0] if r else None


def phrase_allocation(s: str) -> str | None:
    if len(s) > 120:
        return None
    r = allocation(s)
    return r[0] if r else None
