"""Dose-escalation design and DLT observation window.

The method is named by its standard tokens (accelerated titration, 3+3,
i3+3, rolling six, BOIN, mTPI, CRM, keyboard); a combination is joined with
" + " in order of first mention. The window is taken only from phrases that
tie a number of days to observation or DLT assessment, never from outcomes.
"""
from __future__ import annotations

import re
from collections import Counter

from abstractor.extraction.base import Found

NAME = "escalation"
_METHODS = [
    ("accelerated titration", r"accelerat\w*[\s-]*titration"),
    ("i3+3", r"\bi\s*3\s*\+\s*3\b"),
    ("3+3", r"(?<![i\d+])\b3\s*\+\s*3\b(?!\s*\+)"),
    ("rolling six", r"\brolling[\s-]*(?:six|6)\b"),
    ("BOIN", r"\bBOIN\b|bayesian optimal interval"),
    ("mTPI", r"\bmTPI(?:-2)?\b|modified toxicity probability interval"),
    ("CRM", r"\bCRM\b|continual reassessment"),
    ("keyboard", r"\bkeyboard design\b"),
]
_CONTEXT = re.compile(r"(?i)escalat|titration|dose[- ]finding|\bDLTs?\b|dose[- ]limiting")
_DLT = re.compile(r"(?i)\bDLTs?\b|dose[- ]limiting")
_WINDOW = [
    re.compile(r"(?i)\b(\d{1,3})[- ](day|week)s?\s+(?:DLT\s+|safety\s+|toxicity\s+)?(?:observation|assessment|"
               r"evaluation|follow-up)(?:\s+(?:period|window))?"),
    re.compile(r"(?i)\bDLTs?\s+(?:observation|assessment|evaluation)\s+(?:period|window)\s*(?:is|was|of|:|will be)?"
               r"\s*(\d{1,3})\s*(day|week)s?"),
    re.compile(r"(?i)\bDLTs?\s+(?:will be |are |is )?(?:observed|assessed|evaluated|monitored)\s+(?:for|within|"
               r"during|over|in)\s+(?:the\s+first\s+)?(\d{1,3})\s*(day|week)s?"),
    re.compile(r"(?i)\b(?:DLTs?|dose[- ]limiting toxicit(?:y|ies))\b[^.]{0,80}?\b(?:within|during|over) (?:the (?:first )?)?"
               r"(\d{1,3})\s*(day|week)s?\s+(?:after|following|of|post)"),
    re.compile(r"(?i)\b(\d{1,3})[- ](day|week)\s+DLT\s+(?:period|window)\b"),
]


def extract_escalation(text: str) -> dict[str, Found]:
    out: dict[str, Found] = {}
    if not _CONTEXT.search(text):
        return out
    hits = []
    for name, pat in _METHODS:
        m = re.search(pat, text, re.I if name not in ("CRM", "BOIN") else 0)
        if m:
            hits.append((m.start(), m.end(), name))
    if hits:
        hits.sort()
        method = " + ".join(h[2] for h in hits)
        a, b = hits[0][0], hits[-1][1] if len(hits) == 1 else hits[0][1]
        out["method"] = Found(method, a, b, 0.8, NAME + ".method")
    if _DLT.search(text):
        found = []
        for rx in _WINDOW:
            for m in rx.finditer(text):
                n = int(m.group(1)) * (7 if m.group(2).lower().startswith("w") else 1)
                found.append((n, m.start(), m.end()))
        if found:
            n, _c = Counter(f[0] for f in found).most_common(1)[0]
            f = next(x for x in found if x[0] == n)
            out["dlt_window_days"] = Found(n, f[1], f[2], 0.7, NAME + ".dlt_window")
    return out
