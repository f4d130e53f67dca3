"""Sites: facility with city, region and country.

Layouts: a facility line over a "City, Region, Country" line (with an optional
status line), or "Facility - City, Region, Country" on one line. A place line
is recognised by ending in a known country; outside a Locations section a
site is only taken when its facility line looks like an institution.
"""
from __future__ import annotations

import re

from abstractor.extraction import vocab
from abstractor.extraction.base import Row
from abstractor.extraction.doc import Doc

NAME = "sites"
_ORG = re.compile(r"(?i)\b(?:hospital|university|universit\w+|center|centre|clinic|clinical|institute|college|"
                  r"medical|health|cancer|oncology|research|foundation|school|infirmary|pharma\w*|"
                  r"laborator\w+|department|unit|ltd|inc|llc|gmbh|hôpital|ospedale|klinik\w*|universität)\b")
_STATUS = re.compile(r"^(?:recruiting|not yet recruiting|active, not recruiting|completed|withdrawn|suspended|"
                     r"terminated|enrolling by invitation|available|[A-Z_]{6,})$", re.I)


# A country name not in the list, accepted only inside a Locations section: 1-4 capitalised words.
_LOOSE_COUNTRY = re.compile(r"[A-Z\u00c0-\u00de][\w'\u00c0-\u024f.\-]*(?:\s+(?:and|of|the|[A-Z\u00c0-\u00de]"
                            r"[\w'\u00c0-\u024f.\-]*)){0,3}")


_COUNTRY_SET = frozenset(vocab.COUNTRIES)


def parse_place(s: str, loose: bool = False) -> tuple[str, str | None, str] | None:
    """'Wuhan, Hubei, China' -> ('Wuhan', 'Hubei', 'China').

    The country must be a known one; with ``loose`` (inside a Locations section)
    any short capitalised last part that does not look like an institution."""
    if ", " not in s:
        return None
    s = _POSTCODE_TAIL.sub("", s.strip().rstrip("."))
    if len(s) > 100:
        return None
    k = s.find(", ")
    while k > 0:             # the leftmost ", " before a known country: the longest country name
        if s[k + 2:] in _COUNTRY_SET:
            return _parts(s[:k], s[k + 2:])
        k = s.find(", ", k + 1)
    if loose:
        k = s.rfind(", ")
        c = s[k + 2:] if k > 0 else ""
        if c and _LOOSE_COUNTRY.fullmatch(c) and not _ORG.search(c) and not any(ch.isdigit() for ch in c):
            return _parts(s[:k], c)
    return None


# A postcode after the country: "Shijiazhuang, Hebei, China, 050031", "Toronto, Ontario, Canada, M4N 3M5".
_POSTCODE_TAIL = re.compile(r",\s*(?=[A-Z0-9 -]*\d)[A-Z0-9]{2,5}(?:[ -]?[A-Z0-9]{3,4})?$")


def one_line_site(s: str) -> tuple[str, tuple[str, str | None, str]] | None:
    """'Facility, City[, Region], Country' on one line, the facility institution-like."""
    k = s.find(", ")
    if k <= 0:
        return None
    fac, rest = s[:k].strip(), s[k + 2:]
    if not _ORG.search(fac) or len(fac) > 120:
        return None
    place = parse_place(rest)
    return (fac, place) if place else None


def _parts(head: str, country: str) -> tuple[str, str | None, str] | None:
    parts = [p.strip() for p in head.split(",")]
    parts = [p for p in parts if p and not re.fullmatch(r"[\d\- ]+", p)]
    if not parts or len(parts) > 3:
        return None
    if any(len(p) > 40 or not (p[0].isupper() or p[0].isdigit()) or " - " in p for p in parts):
        return None
    return parts[0], (parts[1] if len(parts) > 1 else None), country


def _is_flag(s: str) -> bool:
    """A flag or other pictogram line (no letter or digit): page decoration, never a facility."""
    return not any(ch.isalnum() for ch in s)


def _section_sites(doc: Doc, first: int, rows: list[Row], used: set[int]) -> None:
    """Sites in a Locations section: facility line, place line, optional status line, in turn."""
    lines = doc.lines
    pending = None
    j = first
    while j < len(lines) and (not doc.kinds[j] or doc.kinds[j] == "locations") and j not in doc.valued_lines:
        ln = lines[j]
        s = ln.s
        j += 1
        if not s or _is_flag(s) or doc.kinds[j - 1]:
            continue
        if j - 1 in used:          # already read from an enclosing "Locations" section
            pending = None
            continue
        if _STATUS.match(s):
            pending = None
            continue
        a, b = ln.span()
        k = s.rfind(" - ")
        place = parse_place(s[k + 3:], loose=True) if k > 0 else None
        if place:                  # "Facility - City, Region, Country" on one line
            fac = s[:k].strip()
            rows.append(_row(doc.text, fac, a, a + len(fac), place, a + k + 3, b, 0.9))
            used.add(j - 1)
            continue
        place = parse_place(s, loose=True) if pending is not None else None
        nxt = doc.next_nonblank(j, limit=1)
        one = None if place else one_line_site(s)
        if one and (nxt is None or not parse_place(lines[nxt].s) or one_line_site(lines[nxt].s)):
            fac = one[0]          # "Facility, City, Region, Country" on one line
            rows.append(_row(doc.text, fac, a, a + len(fac), one[1], a + len(fac), b, 0.85))
            used.add(j - 1)
            pending = None
            continue
        if place and len(pending.s) <= 200:
            fa, fb = pending.span()
            rows.append(_row(doc.text, pending.s, fa, fb, place, a, b, 0.9))
            used.update((j - 1, lines.index(pending, max(0, j - 6))))
            pending = None
            continue
        pending = ln


def extract_sites(doc: Doc) -> list[Row]:
    lines = doc.lines
    rows: list[Row] = []
    used: set[int] = set()
    for first, _end, _k in doc.sections("locations"):
        _section_sites(doc, first, rows, used)
    if rows or doc.registry:
        return rows          # a registry page names its sites in its own fields, not in its banner's address
    # No Locations section: a place line under an institution-like line (scrapes without headings).
    for i, ln in enumerate(lines):
        s = ln.s
        if not s or doc.kinds[i] or i in used:
            continue
        place = parse_place(s)
        if not place:
            continue
        j = i - 1
        while j >= 0 and (not lines[j].s or _is_flag(lines[j].s)):
            j -= 1
        if j < 0 or j in used or doc.kinds[j] or j in doc.label_lines:
            continue
        fac = lines[j].s
        if len(fac) > 200 or parse_place(fac) or _STATUS.match(fac) or fac.endswith("."):
            continue
        nxt = doc.next_nonblank(i + 1, limit=1)
        status_next = nxt is not None and _STATUS.match(lines[nxt].s or "")
        if not (_ORG.search(fac) or status_next):
            continue
        fa, fb = lines[j].span()
        a, b = ln.span()
        used.update((i, j))
        rows.append(_row(doc.text, fac, fa, fb, place, a, b, 0.75))
    return rows


def _row(text, fac, fa, fb, place, pa, pb, conf) -> Row:
    city, region, country = place
    spans = {"facility": (fa, fb)}
    pos = pa
    for key, val in (("city", city), ("region", region), ("country", country)):
        if val:
            k = text.find(val, pos, pb)
            if k >= 0:
                spans[key] = (k, k + len(val))
                pos = k + len(val)
    return Row({"facility": fac, "city": city, "region": region, "country": country}, spans, conf, NAME)
