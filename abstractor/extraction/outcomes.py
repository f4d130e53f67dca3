"""Outcomes with kind, measure, description, time frame and its length in days.

Three layouts are read in one pass over the lines: a block closed by a
"Time frame: ..." / "Timeframe: ..." line (measure first, description after),
"1. measure [Time Frame: ...]" with the description indented below, and table
rows whose time frame is glued to the measure under a "NameTimeMethod" header
("Dose limiting toxicities (DLTs)1 Months"). The kind comes from the nearest
Primary/Secondary heading, OTHER without one.
"""
from __future__ import annotations

import re

from abstractor.extraction.base import Row, ascending_marks
from abstractor.extraction.doc import Doc, is_column_header
from abstractor.extraction.sites import parse_place

NAME = "outcomes"
_KIND = {"out_primary": "PRIMARY", "out_secondary": "SECONDARY", "out_other": "OTHER"}
_TF_LINE = re.compile(r"(?i)^\s*time\s?frame\s*[:：]\s*(.*?)\s*$")
_TF_ONLY_BRACKET = re.compile(r"(?i)^\s*[\[(]\s*time\s?frame\s*[:：]\s*(.*?)\s*[\])]\s*$")
_TF_TAIL = re.compile(r"(?i)\s[\[(]?time\s?frame\s*[:：]\s*(.*?)\s*[\])]?\s*$")
_BRACKET = re.compile(r"(?i)^(.*?)\s*\[\s*time\s?frame\s*:\s*(.*?)\s*\]\s*$")
# An item number or letter before a measure: "1. ", "2) ", "(a) ", "b) ", "(3) ".
_NUM_PREFIX = re.compile(r"^\s*(?:\d{1,2}\s*[.)]|\(\d{1,2}\)|\(?[a-z]\))\s*")
_UNITS = r"(?:days?|dyas|weeks?|wks?|months?|mos?|years?|yrs?|hours?|hrs?|minutes?|mins?)"
_GLUED_TF = re.compile(r"(?i)(?:up to |within |at |over |through )?\d+(?:\.\d+)?(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?"
                       r"\s*" + _UNITS + r"\b[^\n]{0,40}")
_CHROME = re.compile(r"(?i)informational purposes only|(?:constitute|substitute for|replace) (?:[\w'’]+ ){0,3}"
                     r"(?:medical |professional )?advice|for reference only|^loading\.*$|"
                     r"^©|all rights reserved|^advertisement$|^share this")
_PROSE = re.compile(r"[a-z)][.!?]\s+[A-Z][^\n]*[.!?]$")    # two sentences or more: prose, not a measure
# "[Designated as Safety Issue: Yes]", "Safety Issue: No": a column of the old ClinicalTrials.gov record.
_SAFETY = re.compile(r"(?i)^\[?\s*(?:designated as )?safety issue\s*[:?]\s*(?:yes|no)\s*\]?$")
_TIMEPOINT = re.compile(r"(?i)^\s*(?:time\s?points?|time\s?frame|measure time point of outcome)\s*(?:\(s\))?\s*"
                        r"(?:\[\d{1,2}\])?\s*[:：]?\s*(\S.*?)\s*$")
_GLUED = re.compile(r"[a-z]{3}\.(?=[A-Z][a-z]{2})")
_STATUS_ONLY = re.compile(r"^(?:[A-Z_]{6,}|Recruiting|Completed|Not yet recruiting|Active, not recruiting)$")

_DAYS = {"d": 1.0, "w": 7.0, "m": 30.4375, "y": 365.25, "h": 1 / 24, "mi": 1 / 1440}
_DUR = re.compile(r"(?i)(\d+(?:\.\d+)?)\s*(?:-|–|to)?\s*(?:\d+(?:\.\d+)?)?\s*(day|dya|week|wk|month|mo|year|yr|hour|"
                  r"hr|min)|\b(day|week|month|year)s?\s+(\d+(?:\.\d+)?)")
_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "twelve": 12, "eighteen": 18, "twenty": 20, "thirty": 30}


def time_frame_days(tf: str | None) -> float | None:
    """Longest duration named in a time frame: '28 days' -> 28, 'Up to 2 years' -> 730.5, 'Week 56' -> 392."""
    if not tf:
        return None
    s = re.sub(r"(?i)\b(%s)\b" % "|".join(_WORDNUM), lambda m: str(_WORDNUM[m.group(1).lower()]), tf)
    s = re.sub(r"(?<=\d),(?=\d{3})", "", s)
    best = None
    for m in _DUR.finditer(s):
        if m.group(1):
            hi = re.findall(r"\d+(?:\.\d+)?", m.group(0))
            n, unit = float(hi[-1]), m.group(2).lower()
        else:
            n, unit = float(m.group(4)), m.group(3).lower()
        key = "mi" if unit.startswith("mi") else ("m" if unit.startswith("mo") else unit[0])
        key = "d" if unit == "dya" else key
        d = n * _DAYS[key]
        if best is None or d > best:
            best = d
    return round(best, 4) if best is not None else None


def _strip_num(text: str, a: int, b: int) -> tuple[int, int]:
    m = _NUM_PREFIX.match(text[a:b])
    return (a + m.end(), b) if m else (a, b)


# "Primary: Cmax of X" under a plain "Endpoints" heading: the line names its own kind.
_KIND_LEAD = re.compile(r"(?i)(primary|secondary)(?:\s+(?:end\s*points?|outcomes?))?\s*:\s*(?=\S)")


def _emit(doc: Doc, rows, kind, kind_span, m_span, d_lines, tf_span, conf):
    text = doc.text
    ma, mb = _strip_num(text, *m_span)
    lead = _KIND_LEAD.match(text, ma, mb) if kind == "OTHER" else None
    if lead:
        kind, kind_span, ma = lead.group(1).upper(), (ma, ma + len(lead.group(1))), lead.end()
    measure = " ".join(text[ma:mb].split())      # a measure the page wrapped reads as one line
    if not measure or len(measure) > 500 or is_column_header(measure):
        return
    if doc.registry:
        g = _GLUED.search(measure)
        if g:       # "...depressive episode.Change from ...": two measures the page ran together
            cut = ma + g.end()
            _emit(doc, rows, kind, kind_span, (ma, cut), d_lines, tf_span, conf)
            _emit(doc, rows, kind, kind_span, (cut, mb), d_lines, tf_span, conf)
            return
    vals = {"kind": kind, "measure": measure, "description": None, "time_frame": None, "time_frame_days": None}
    spans = {"measure": (ma, mb)}
    if d_lines:
        vals["description"] = "\n".join(ln.s for ln in d_lines)
        spans["description"] = (d_lines[0].span()[0], d_lines[-1].span()[1])
    if kind_span:
        spans["kind"] = kind_span
    rows.append(Row(vals, spans, conf, NAME))
    if tf_span and tf_span[1] > tf_span[0]:
        _set_time_frame(doc, rows[-1], tf_span)


def _set_time_frame(doc: Doc, row: Row, span: tuple[int, int]) -> None:
    row.values["time_frame"] = doc.text[span[0]:span[1]]
    row.values["time_frame_days"] = time_frame_days(row.values["time_frame"])
    row.spans["time_frame"] = span
    if row.values["time_frame_days"] is not None:
        row.spans["time_frame_days"] = span


def extract_outcomes(doc: Doc) -> list[Row]:
    rows: list[Row] = []
    lines, text = doc.lines, doc.text
    kind, kind_span, table = "OTHER", None, False
    pending: list = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        s = ln.s
        k = doc.kinds[i]
        if k in _KIND and pending and s.endswith(":"):
            k = None              # "Primary Outcome Measure:" inside a description, not a heading
        if k:
            pending, table = [], k == "out_table" or (table and k is None)
            if k in _KIND:
                kind, kind_span, table = _KIND[k], ln.span(), False
            elif k != "out_table":
                kind, kind_span = "OTHER", None
            i += 1
            continue
        if not s:
            # Inside an outcome section a blank line may sit within a description; the previous
            # time frame or the heading already bounds the block. Elsewhere it ends the block.
            if kind_span is None:
                pending = []
            table = False
            i += 1
            continue
        if _CHROME.search(s) or _SAFETY.match(s):
            i += 1
            continue
        a, b = ln.span()
        m = _TF_LINE.match(ln.text) or _TF_ONLY_BRACKET.match(ln.text)   # "[ Time Frame: 7 days ]" alone
        if m:
            while len(pending) >= 2 and _PROSE.search(pending[0].s) and (
                    len(pending) >= 3 or not pending[1].s.endswith(".") and len(pending[1].s) < 150):
                pending = pending[1:]     # a paragraph of page text just above the first measure
            if pending and len(pending) <= 8:
                tfa = ln.start + m.start(1)
                _emit(doc, rows, kind, kind_span, pending[0].span(), pending[1:], (tfa, tfa + len(m.group(1))), 0.9)
            pending = []
            i += 1
            continue
        m = _BRACKET.match(ln.text)
        if m and m.group(1).strip():
            desc, j = [], i + 1
            while j < len(lines) and lines[j].s and not doc.kinds[j] and not _BRACKET.match(lines[j].text) \
                    and not _NUM_PREFIX.match(lines[j].text):
                desc.append(lines[j])
                j += 1
            ms = (ln.start + m.start(1), ln.start + m.end(1))
            _emit(doc, rows, kind, kind_span, ms, desc, (ln.start + m.start(2), ln.start + m.end(2)), 0.92)
            pending = []
            i = j
            continue
        m = _TF_TAIL.search(ln.text) if ("rame" in ln.text or "RAME" in ln.text) else None
        if m and m.start() > 0 and re.search(r"[A-Za-z]", ln.text[:m.start()]):
            ms = (a, ln.start + m.start())
            _emit(doc, rows, kind, kind_span, ms, [], (ln.start + m.start(1), ln.start + m.end(1)), 0.85)
            pending = []
            i += 1
            continue
        if table and "|" in s:
            cells = _cells(ln)         # "Measure | Time frame" under an "Outcome | TimePoints" header row
            if len(cells) >= 2 and re.search(r"[A-Za-z]", doc.text[cells[0][0]:cells[0][1]]):
                _emit(doc, rows, kind, kind_span, cells[0], [], cells[-1] if len(cells) == 2 else None, 0.85)
                i += 1
                continue
        if table:
            split = _split_glued_row(s)
            if split is not None:
                ms = (a, a + split)
                tfa, tfb = a + split, b
                _emit(doc, rows, kind, kind_span, ms, [], (tfa, tfb), 0.85)
                i += 1
                continue
        if i in doc.label_lines or _STATUS_ONLY.match(s) or parse_place(s):
            pending = []
        else:
            pending.append(ln)
        i += 1
    if doc.registry:
        rows += _registry_sections(doc, rows)
        _registry_timepoints(doc, rows)
        seen: set = set()           # a registry's record repeated per member state: each outcome once
        rows = [r for r in rows if not ((r.values["kind"], r.values["measure"]) in seen or
                                        seen.add((r.values["kind"], r.values["measure"])))]
    return rows


def _registry_timepoints(doc: Doc, rows: list[Row]) -> None:
    """A registry's one time point field per kind (EU CTR "E.5.1.1 Timepoint(s) of evaluation of this
    end point") as the time frame of its outcomes that have none."""
    for kind, fld in (("PRIMARY", "tf_primary"), ("SECONDARY", "tf_secondary")):
        lv = next((lv for lv in doc.labels.get(fld, []) if 0 < len(lv.value) <= 200), None)
        if lv is None:
            continue
        for r in rows:
            if r.values["kind"] == kind and not r.values.get("time_frame"):
                r.values["time_frame"] = lv.value
                r.values["time_frame_days"] = time_frame_days(lv.value)
                r.spans["time_frame"] = (lv.start, lv.end)
                if r.values["time_frame_days"] is not None:
                    r.spans["time_frame_days"] = (lv.start, lv.end)


# A group heading inside a registry's outcome text ("1) Efficacy", "(2) Short-term safety (...)").
_GROUP = re.compile(r"^\(?\d{1,2}\)\s*[A-Z][\w -]{0,40}(?:\([^)]*\))?$")
_BULLET = re.compile(r"^(?:[-*\u2022\u00b7]\s*|\d{1,2}[.)]\s+)")


def _registry_sections(doc: Doc, rows: list[Row]) -> list[Row]:
    """Outcome text under a registry's own outcome label, without time-frame lines: one outcome
    per line (per bullet), a line ending in "," or "and" running on into the next; on a bilingual
    page only the English lines."""
    out: list[Row] = []
    taken = [r.spans["measure"] for r in rows]
    for i, (tgt, off) in sorted(doc.reg_lines.items()):
        kind = {"heading:out_primary": "PRIMARY", "heading:out_secondary": "SECONDARY"}.get(tgt)
        ln = doc.lines[i]
        glued = ln.s[off - 1:off].isascii() and ln.s[off - 1:off].isalpha() and ln.s[off:off + 1].isupper()
        if kind is None or not ln.s[off:].strip() or any(ln.start <= a < ln.end for a, _b in taken) \
                or (ln.s[off - 1] not in " \t:：]|" and not glued):
            continue            # the label must be set apart from its value: not "主たる評価項目に係る..."
            # (an English label glued to its capitalised value, "Primary outcome measureDuration ...", is apart)
        a = ln.span()[0] + off        # "Primary outcome [1] Knee pain ..." with its "Timepoint [1] ..." below
        end = i + 1
        while end < len(doc.lines) and not doc.is_stop(end) and end not in doc.reg_lines:
            end += 1            # up to the next field ("Key inclusion criteria200 women ..." too)
        if ln.s.endswith(":") and any(_BULLET.match(doc.lines[j].s) for j in range(i + 1, end)):
            # "E.5.1 Primary end point(s): Over a 26-week period:" and its bullets under it: the lead-in
            # is not an outcome
            _body(doc, out, kind, (ln.span()[0], a), i + 1, end)
            continue
        tf = _TIMEPOINT.match(doc.lines[i + 1].text) if i + 1 < len(doc.lines) else None
        tfs = (doc.lines[i + 1].start + tf.start(1), doc.lines[i + 1].start + tf.end(1)) if tf else None
        pieces = _numbered(doc.text, a, ln.span()[1])
        for pa, pb in pieces:       # "Effectiveness and satisfaction: 1. Effectiveness ... 2. Satisfaction ..."
            _emit(doc, out, kind, (ln.span()[0], a), (pa, pb), [], None, 0.85)
        if not pieces:
            _emit(doc, out, kind, (ln.span()[0], a), (a, ln.span()[1]), [], tfs, 0.85)
        stop = i + 1                  # "E.5.1 ...: A" with B and C on the lines right below it
        while stop < end and doc.lines[stop].s and not _FIELD_LINE.match(doc.lines[stop].s):
            stop += 1
        if not tf and stop > i + 1:
            _body(doc, out, kind, (ln.span()[0], a), i + 1, stop)
    for first, end, k in doc.sections("out_primary", "out_secondary"):
        if k not in _KIND or end <= first:
            continue
        a0, b0 = doc.lines[first].start, doc.lines[end - 1].end
        if any(a0 <= a < b0 for a, _b in taken):
            continue
        _body(doc, out, _KIND[k], doc.lines[first - 1].span(), first, end)
    return out


_INLINE_NO = re.compile(r"(?:^|(?<=[\s;.]))(\d{1,2})[.)]\s+(?=\S)")


def _numbered(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of "1. A 2. B" items numbered 1, 2, ... on one line (a lead-in before the first is left out)."""
    cuts = ascending_marks(_INLINE_NO, text, a, b)
    out = []
    for k, (_s, e) in enumerate(cuts):
        end = cuts[k + 1][0] if k + 1 < len(cuts) else b
        piece = text[e:end].rstrip()
        if piece:
            out.append((e, e + len(piece)))
    return out


# Another field of the record on its own line ("Secondary Outcome(s): ...", "Contact: ...").
_FIELD_LINE = re.compile(r"^[A-Z][A-Za-z ()/'-]{1,40}:\s*\S")


_LEAD_SENTENCE = re.compile(r"(?i)^there (?:are|is|will be) (?:several|many|a number of|\w+)\b[^.]{0,40}\boutcomes?\b")
_WHEN_ONLY = re.compile(r"^(?:every|at|after|from|until|up to|over|within|during|for)\b[^.;:]*\b"
                        r"(?:days?|weeks?|months?|years?|visits?|administration|baseline|treatment)\b[^.;:]*$")


def _body(doc: Doc, out: list[Row], kind: str, kind_span, first: int, end: int) -> None:
    """The outcomes of a registry's outcome text (lines first..end): one per line or bullet, "lead-in:"
    lines above a bullet list left out."""
    unit: list = []
    for i in range(first, end):
        ln = doc.lines[i]
        s = ln.s
        if s.count("•") >= 2 and not unit:      # "lead-in: • A. • B. • C." on one line
            a, _b = ln.span()
            cuts = [a + k for k, ch in enumerate(ln.text[ln.span()[0] - ln.start:]) if ch == "•"]
            for x, c in enumerate(cuts):
                e = cuts[x + 1] if x + 1 < len(cuts) else ln.span()[1]
                piece = doc.text[c + 1:e]
                pa = c + 1 + len(piece) - len(piece.lstrip())
                pb = c + 1 + len(piece.rstrip())
                if pb > pa:
                    _emit(doc, out, kind, kind_span, (pa, pb), [], None, 0.85)
            continue
        if not unit and len(s) <= 80 and _WHEN_ONLY.match(s):
            continue            # "every 4 weeks from the start of administration": a time frame, not an outcome
        tf = _TF_LINE.match(s) if not unit else None
        if tf:                  # "Timeframe: At Month 24" under the outcome it belongs to (GSK's register)
            if out and out[-1].values["time_frame"] is None and tf.group(1):
                a = ln.span()[0] + s.index(tf.group(1), tf.start(1))
                _set_time_frame(doc, out[-1], (a, a + len(tf.group(1))))
            continue
        if not unit and _LEAD_SENTENCE.match(s):
            continue            # "There are several secondary outcomes": a lead-in, not an outcome
        parts = s.split(";") if ";" in s else s.split(" - ")
        if not unit and len(parts) >= 3 and all(0 < len(p.strip()) <= 80 and "." not in p.strip()[:-1]
                                                 for p in parts):
            # "Hypertension; diabetes; tobacco smoking": a list of short outcomes on one line
            pos = ln.span()[0]
            for p in parts:
                pa = doc.text.index(p.strip(), pos)
                pos = pa + len(p.strip())
                _emit(doc, out, kind, kind_span, (pa, pos), [], None, 0.85)
            continue
        if not s or (doc.registry.bilingual and sum(c.isascii() for c in s) < 0.9 * len(s)) \
                or _GROUP.match(s) or _CHROME.search(s) or _SAFETY.match(s) or len(s) > 500:
            continue
        if not unit and s.endswith(":") and not _BULLET.match(s) and i + 1 < end and \
                _BULLET.match(doc.lines[i + 1].s):
            continue            # "Over a 52-week follow-up period:" above its bullets
        if s.lower() in ("and", "or", "and/or"):
            continue            # a conjunction on its own line between two bullets
        unit.append(ln)
        if len(unit) < 6 and (re.search(r"(?:,|\band)$", s) or _runs_on(doc, unit, i + 1, end)):
            continue
        a, _b = unit[0].span()
        m = _BULLET.match(doc.text[a:unit[-1].span()[1]])
        ma = a + (m.end() if m else 0)
        _emit(doc, out, kind, kind_span, (ma, unit[-1].span()[1]), [], None, 0.85)
        unit = []


def _runs_on(doc: Doc, unit: list, j: int, end: int) -> bool:
    """A bullet the page wrapped: its bracket still open, or the next line an unbulleted lower-case
    continuation ("... (based" / "on central reading)")."""
    if j >= end or not doc.lines[j].s or _BULLET.match(doc.lines[j].s) or \
            doc.lines[j].s.lower() in ("and", "or", "and/or"):
        return False
    t = " ".join(ln.s for ln in unit)
    return t.count("(") > t.count(")") or (bool(_BULLET.match(unit[0].s)) and doc.lines[j].s[0].islower())


def _cells(ln) -> list[tuple[int, int]]:
    """Spans of the non-empty cells of a pipe-table row."""
    out, pos = [], ln.start
    for part in ln.text.split("|"):
        a = pos + len(part) - len(part.lstrip())
        b = pos + len(part.rstrip())
        if b > a:
            out.append((a, b))
        pos += len(part) + 1
    return out


def _split_glued_row(s: str) -> int | None:
    """Offset where a glued time frame starts: 'Overall Survival (OS)12 months' -> 21."""
    for p in range(1, len(s)):
        if (s[p].isdigit() or s[p] in "UuWw") and not s[p - 1].isspace() and not s[p - 1].isdigit() \
                and _GLUED_TF.fullmatch(s[p:]):
            return p
    return None
