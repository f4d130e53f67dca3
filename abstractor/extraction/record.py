"""Values a registry states as flags or repeated fields, read through its table (registries/).

EU CTR prints its design as yes/no rows ("E.8.1.1Randomised Yes", "E.7.3
Therapeutic confirmatory (Phase III) Yes"), its population as "F.2.1Female Yes",
and each product in its own "D.3.1Product name" row.  The document index keeps
those lines (``Doc.reg_lines`` with a ``flag:`` target); this module turns them
into values with the flag lines as evidence.  A page whose flags contradict
each other (two masking rows saying Yes) yields nothing for that field.
"""
from __future__ import annotations

import re

from abstractor.extraction.base import Found, Row
from abstractor.extraction.doc import Doc

NAME = "record"
_YES = re.compile(r"(?i)^yes\b")
_NO = re.compile(r"(?i)^no\b")
_NUMBER = re.compile(r"^(\d[\d,.]*)\s*$")


def read_flags(doc: Doc) -> dict[str, Found]:
    """Scalar fields settled by the registry's yes/no rows and number rows."""
    yes: dict[str, list[tuple[str, int, int]]] = {}
    no: dict[str, list[tuple[int, int]]] = {}
    nums: dict[str, tuple[int, int, int]] = {}
    for i, (tgt, off) in sorted(doc.reg_lines.items()):
        if not tgt.startswith("flag:"):
            continue
        key, _, val = tgt[5:].partition("=")
        ln = doc.lines[i]
        a, b = ln.span()
        rest = ln.s[off:].strip()
        if key in ("enrollment", "enrollment_ms"):
            m = _NUMBER.match(rest)
            if m:
                n = m.group(1).replace(",", "")
                if n.isdigit():
                    s = a + off + ln.s[off:].index(m.group(1))
                    nums.setdefault(key, (int(n), s, s + len(m.group(1))))
        elif _YES.match(rest):
            yes.setdefault(key, []).append((val, a, b))
        elif _NO.match(rest):
            no.setdefault(key, []).append((a, b))
    out: dict[str, Found] = {}
    for key, hits in yes.items():
        vals = sorted({v for v, _a, _b in hits})
        a, b = min(h[1] for h in hits), max(h[2] for h in hits)
        if key == "phases":
            out[key] = Found(vals, a, b, 0.95, NAME + ".flags")
        elif key == "sex":
            out[key] = Found("ALL" if len(vals) == 2 else vals[0], a, b, 0.95, NAME + ".flags")
        elif len(vals) == 1 and key != "intervention":
            out[key] = Found(vals[0], a, b, 0.95, NAME + ".flags")
    if "allocation" not in out and "allocation" in no:
        a, b = no["allocation"][0]
        out["allocation"] = Found("NON_RANDOMIZED", a, b, 0.9, NAME + ".flags")
    n = nums.get("enrollment") or nums.get("enrollment_ms")
    if n:
        out["enrollment"] = Found(n[0], n[1], n[2], 0.95, NAME + ".number")
    return out


def read_products(doc: Doc) -> list[Row]:
    """One intervention per distinct product named in the registry's product rows."""
    rows, seen = [], set()
    for i, (tgt, off) in sorted(doc.reg_lines.items()):
        if tgt != "flag:intervention":
            continue
        ln = doc.lines[i]
        a, _b = ln.span()
        name = ln.s[off:].strip()
        if not name or len(name) > 120 or name.lower() in seen:
            continue
        seen.add(name.lower())
        s = a + off + ln.s[off:].index(name)
        rows.append(Row({"name": name, "type": None, "description": None}, {"name": (s, s + len(name))},
                        0.9, NAME + ".products"))
    return rows
