"""Arms and interventions a registry prints as coded one-line entries.

ANZCTR's copies of ClinicalTrials.gov records (and its own "Intervention code"
lists) print each intervention as "Treatment: Drugs - Darolutamide (BAY1841788,
Nubeqa)" and each arm as "Experimental: Label - what participants receive".
The code before the dash is a fixed vocabulary, so a line is only read when it
starts with one of those codes.
"""
from __future__ import annotations

import re

from abstractor.extraction.base import Row
from abstractor.extraction.doc import Doc

NAME = "coded_lines"
_INTV_CODES = {"treatment: drugs": "DRUG", "treatment: devices": "DEVICE", "treatment: surgery": "PROCEDURE",
               "treatment: other": "OTHER", "other interventions": "OTHER", "prevention": "OTHER",
               "diagnosis / prognosis": "DIAGNOSTIC_TEST", "rehabilitation": "OTHER", "behaviour": "BEHAVIORAL",
               "lifestyle": "OTHER", "early detection / screening": "OTHER"}
_INTV = re.compile(r"(?i)^(" + "|".join(re.escape(c) for c in _INTV_CODES) + r") - (\S.{0,150}?)\s*$")
_ARM_CODES = {"experimental": "EXPERIMENTAL", "active comparator": "ACTIVE_COMPARATOR",
              "placebo comparator": "PLACEBO_COMPARATOR", "sham comparator": "SHAM_COMPARATOR",
              "no intervention": "NO_INTERVENTION", "other": "OTHER"}
_ARM = re.compile(r"(?i)^(" + "|".join(_ARM_CODES) + r"): (\S[^\n]{0,120}?) - (\S.*)$")
# "Darolutamide (BAY1841788, Nubeqa)": the other names in brackets are not part of the name.
_ALIASES = re.compile(r"\s*\(([^()]{2,80})\)$")


def read(doc: Doc) -> tuple[list[Row], list[Row]]:
    arms: list[Row] = []
    intvs: list[Row] = []
    for ln in doc.lines:
        s = ln.s
        if not s or len(s) > 1500:
            continue
        a, _b = ln.span()
        m = _INTV.match(s)
        if m:
            name = m.group(2)
            other: list[str] = []
            al = _ALIASES.search(name)
            if al and al.start() > 0:
                other = [x.strip() for x in al.group(1).split(",") if x.strip()]
                name = name[:al.start()]
            na = a + m.start(2)
            intvs.append(Row({"name": name, "type": _INTV_CODES[m.group(1).lower()], "description": None,
                              "other_names": other}, {"name": (na, na + len(name))}, 0.85, NAME + ".intervention"))
            continue
        m = _ARM.match(s)
        if m:
            la, da = a + m.start(2), a + m.start(3)
            label, desc = m.group(2), m.group(3)
            text = (label + " " + desc).lower()
            links = [r.values["name"] for r in intvs if r.values["name"].lower() in text]
            arms.append(Row({"label": label, "type": _ARM_CODES[m.group(1).lower()], "description": desc,
                             "interventions": links}, {"label": (la, la + len(label)),
                                                       "description": (da, da + len(desc))}, 0.85, NAME + ".arm"))
    if len(intvs) + len(arms) < 2:
        return [], []          # one matching line is not a list
    return arms, intvs
