"""Eligibility criteria split into one item per criterion, the way a reader would.

Rules (the ctgov README's): each top-level bullet or number is an item; nested
bullets (deeper indent) fold into their parent, joined with "; " or with a
space after a ":" or a sentence end; indented paragraphs are appended; a
non-bullet line between bullet items is a group note and not an item; in a
list without bullets every line is an item (a short "Label:" line prefixes the
lines under it). Run-together numbers ("...disease; 9 Suffering from...") are
split. Pages that lost the headings get their first criteria-like bullet run.
"""
from __future__ import annotations

import re

from abstractor.extraction.base import Row, ascending_marks
from abstractor.extraction.doc import Doc
from models.schema import Criterion

from abstractor.extraction.thresholds import category, threshold, thresholds

NAME = "criteria"
_BULLET = re.compile(r"^\s*\d{1,3}、\s*(?=\S)|^\s*(?:[-*]|o(?=\s)|\(?\d{1,3}\\?[.)、]|\(\d{1,3}\)|\d{1,2}(?:\.\d{1,2})+\.?|"
                     r"[a-zA-Z]\\?[.)]|[ivxIVX]{1,4}\\?[.)])\s+|^\s*\d{1,2}\.(?=[A-Z][A-Za-z]|[\u4e00-\u9fff])|"
                     r"^\s*[\u2022\u25aa\u25cf\u25e6\u2043\u00b7\u2023\u25cb\u27a2\u25a0\u25a1\u2713]\s*")
_NUM = re.compile(r"^\s*\(?(\d{1,3})")
# Criteria carry every threshold they state once the model has the list (models/schema.py), the first before.
_MANY = "thresholds" in Criterion.model_fields
_STOP_KINDS = {"section", "locations", "out_primary", "out_secondary", "out_other", "out_table", "arms", "arms_table",
               "conditions", "chrome", "interventions", "summary", "eligibility"}
_STOP_LABELS = {"study_type", "allocation", "model", "masking", "purpose", "status", "enrollment", "phase",
                "volunteers", "start", "sponsor", "reg_id"}
_FIELD_LABELS = {"sex", "ages", "min_age", "max_age"}
# A registry's age and sex fields inside its criteria block ("Age From 5 Year(s)"): skipped, not an end.
_ELIG_TARGETS = {"label:" + f for f in _FIELD_LABELS}
_EMPTY = re.compile(r"(?i)^(?:not provided|none|n/?a|not applicable|-+)\.?$")
_HEADINGISH = re.compile(r"(?i)^[\w'’ ,/()-]{0,80}\b(?:inclusion|exclusion)s?(?: criteria)?:?$")
# "Women must satisfy at least one of the entry criteria listed below.": a lead-in pointing at the list.
_LEAD_IN = re.compile(r"(?i)\b(?:criteria|conditions|requirements)\b[^.]{0,40}\b(?:listed below|below|as follows)\s*[.:]?$")
# "... core studies. 2) Previous ...", "...anti-CD20)3) Treatment ...": the next number glued to the item.
_RUN_SPLIT2 = re.compile(r"(?:(?<=[.)])\s*|\s{2,})\(?(\d{1,2})[.)]\s*(?=[A-Z])")
_RUN_SPLIT = re.compile(r";\s+(\d{1,2})\\?\.?\s+(?=[A-Z])")
_CUES = re.compile(r"(?i)informed consent|\baged?\b|years|ECOG|Karnofsky|pregnan|diagnos|life expectancy|"
                   r"eligible|function")
_LABEL_LINE = re.compile(r"^[A-Z][\w /&-]{1,38}:$")


def _strip_bullet(s: str) -> tuple[int, bool]:
    """Offset of the item text after up to two bullet/number markers, and whether one was found."""
    off, found = 0, False
    for _ in range(2):
        m = _BULLET.match(s[off:])
        if not m:
            break
        off += m.end()
        found = True
    return off, found


class _Item:
    def __init__(self, kind, text, start, end, number):
        self.kind, self.text, self.start, self.end, self.number = kind, text, start, end, number

    def add(self, piece: str, end: int, child: bool) -> None:
        t = self.text.rstrip()
        sep = "; " if child and not t.endswith((":", ".", ";", "：")) else " "
        self.text = t + sep + piece.strip()
        self.end = end


# A synopsis table's next row ("Study Duration | Approximately 4 years"): never part of a criterion.
_PIPE_ROW = re.compile(r"^[A-Z][A-Za-z ()/'-]{1,40}?\s*\|(?:\s|$)")


def _section_end(doc: Doc, start: int) -> int:
    j = start
    while j < len(doc.lines):
        k = doc.kinds[j]
        if k in ("inclusion", "exclusion") or k in _STOP_KINDS or _INLINE_HEAD.match(doc.lines[j].text) or \
                (j > start and _PIPE_ROW.match(doc.lines[j].text)):
            break
        if doc.label_field.get(j) in _STOP_LABELS or (j in doc.reg_lines and j > start and
                                                       doc.reg_lines[j][0] not in _ELIG_TARGETS):
            break                 # a registry's next field label ends the criteria text
        if doc.label_field.get(j) in _FIELD_LABELS and not doc.labels_inline(j) and j in doc.valued_lines:
            break                 # "Sex" / "Ages" with the value on the next line: the record's own fields
        j += 1
    return j


def _parse(doc: Doc, first: int, end: int, kind: str) -> list[_Item]:
    lines = doc.lines
    body = [i for i in range(first, end) if lines[i].s and doc.reg_lines.get(i, ("",))[0] not in _ELIG_TARGETS]
    bullets = [i for i in body if _strip_bullet(lines[i].text)[1]]
    items: list[_Item] = []
    if not bullets:
        label = None
        for i in body:
            ln = lines[i]
            s = ln.s
            if _LABEL_LINE.match(s) and len(s.split()) <= 5:
                # a short category label ("Hepatic:") prefixes the lines under it; an all-capitals
                # group heading ("PATIENT CHARACTERISTICS:") is a note and ends the previous label
                label = None if s.upper() == s else s
                continue
            a, b = ln.span()
            parts = [] if label else _line_items(kind, doc.text[a:b], a)
            items += parts if len(parts) > 1 else [_Item(kind, (label + " " + s) if label else s, a, b, None)]
        return items
    top = min(lines[i].indent for i in bullets)
    cur: _Item | None = None
    prev = None
    paragraphs = False            # unbulleted paragraphs under an item that ends with ":"
    for i in body:
        ln = lines[i]
        off, is_bullet = _strip_bullet(ln.text)
        a, b = ln.span()
        piece_start = ln.start + off
        piece = doc.text[piece_start:b]
        adjacent = prev is not None and prev == i - 1
        if is_bullet and ln.indent <= top + 1:
            m = _NUM.match(ln.text)
            cur = _Item(kind, piece.strip(), piece_start, b, int(m.group(1)) if m else None)
            items.append(cur)
            paragraphs = False
        elif is_bullet and cur is not None:
            cur.add(piece, b, child=True)
        elif cur is not None and adjacent and ln.indent < top + 2 and ln.s[:1].isupper() and \
                (paragraphs or cur.text.rstrip().endswith((":", "："))) and len(ln.s) >= 20:
            # "10. Contraception, at screening:" / "Female patients ..." / "Male patients ...": each its own
            cur = _Item(kind, ln.s, a, b, None)
            items.append(cur)
            paragraphs = True
        elif cur is not None and (ln.indent >= top + 2 or (adjacent and not ln.s.endswith(":"))):
            cur.add(ln.s, b, child=False)
        else:
            cur = None            # a group note: "Part 1 cohort ONLY:", "Other ... criteria apply"
        prev = i
    return items


def _split_runs(doc: Doc, items: list[_Item]) -> list[_Item]:
    out = []
    for it in items:
        raw = doc.text[it.start:it.end]
        if it.number is None or it.text.split() != raw.split():
            out.append(it)            # an item whose text is not its span's (a category label before it)
            continue
        pos, n = 0, it.number
        for m in sorted(list(_RUN_SPLIT.finditer(raw)) + list(_RUN_SPLIT2.finditer(raw)), key=lambda x: x.start()):
            if m.start() < pos:
                continue
            k = int(m.group(1))
            if n < k <= n + 3:
                end = m.start() + 1 if m.re is _RUN_SPLIT else len(raw[:m.start()].rstrip())
                out.append(_Item(it.kind, " ".join(raw[pos:end].split()), it.start + pos, it.start + end, n))
                pos, n = m.end(), k
        out.append(_Item(it.kind, " ".join(raw[pos:].split()), it.start + pos, it.end, n) if pos else it)
    return out


def _fallback_run(doc: Doc) -> tuple[int, int] | None:
    """First run of 3+ bullet lines with criteria words, for pages without headings."""
    lines = doc.lines
    i = 0
    while i < len(lines):
        if not _strip_bullet(lines[i].text)[1] or doc.kinds[i]:
            i += 1
            continue
        j, count, cues = i, 0, False
        while j < len(lines) and not doc.kinds[j]:
            s = lines[j].s
            if s and _strip_bullet(lines[j].text)[1]:
                count += 1
                cues = cues or bool(_CUES.search(s))
            elif s and lines[j].indent == 0 and not (j > 0 and lines[j - 1].s):
                break
            j += 1
        if count >= 3 and cues:
            return i, j
        i = j + 1
    return None


def _after_eligibility_fields(doc: Doc) -> int | None:
    """First line of criteria text under an "Eligibility" heading that has no inclusion heading."""
    i = doc.first_heading("eligibility")
    if i is None:
        return None
    j = i + 1
    values = {lv.line for lst in doc.labels.values() for lv in lst}
    while j < len(doc.lines) and (not doc.lines[j].s or j in doc.label_lines or j in values):
        j += 1
    if j >= len(doc.lines) or doc.kinds[j]:
        return None
    return j


# "Inclusion criteria: 1. ...", "Exclusion criteria1. Active ..." (a heading glued to its first item).
_INLINE_HEAD = re.compile(r"(?i)^\W*(inclusion|exclusion) criteria\s*(?:[:：]\s*(?=\S)|(?=\(?\d{1,2}[.、)]\s*\S))")
_INLINE_NUM = re.compile(r"(?:^|(?<=[\s;；。.)]))\(?(\d{1,2})\s*(?:[.、)]|-(?=\s))(?!\d)\s*")   # "1. A 2) B 3- C"
_LEAD_DASH = re.compile(r"\s*-\s+")
_SEMI = re.compile(r"\s*[;；]\s+")


# Items run together on one line with dashes: "  -  A  -  B", "     - A     - B", "criteria:-A.-B".
_DASH = re.compile(r"\s{2,}-\s+|\s+-\s{2,}|(?<=[.:;])-(?=[A-Z])")
_MID_HEAD = re.compile(r"(?i)(inclusion|exclusion) criteria\s*[:：]")


def _line_items(kind: str, rest: str, start: int) -> list[_Item]:
    """Items run together on one line: a mid-line "Exclusion Criteria:" switches the kind, dashes
    ("  -  A  -  B", "criteria:-A.-B") and ascending numbers ("1. A     2. B") separate items, a
    lead-in ending in ":" is not an item. Without any of these: "A; B; C" clauses, else one item."""
    segs, pos, k0 = [], 0, kind
    for m in _MID_HEAD.finditer(rest):
        if m.start() > 0:
            segs.append((k0, pos, m.start()))
            k0, pos = ("INCLUSION" if m.group(1).lower() == "inclusion" else "EXCLUSION"), m.end()
    segs.append((k0, pos, len(rest)))
    dashed = len(_DASH.findall(rest)) >= 2 or (len(segs) > 1 and _DASH.search(rest))
    out, split = [], len(segs) > 1
    for k, s0, e0 in segs:
        cuts = [s0] + [x for m in (_DASH.finditer(rest, s0, e0) if dashed else ()) for x in (m.start(), m.end())] + [e0]
        pieces = list(zip(cuts[::2], cuts[1::2]))
        split = split or len(pieces) > 1
        for n, (a, b) in enumerate(pieces):
            m = _LEAD_DASH.match(rest, a, b)
            a = m.end() if m else a
            nums = ascending_marks(_INLINE_NUM, rest, a, b)
            split = split or bool(nums)
            bounds = ([(a, nums[0][0])] if nums else [(a, b)]) + \
                [(e, nums[j + 1][0] if j + 1 < len(nums) else b) for j, (_s, e) in enumerate(nums)]
            for j, (x, y) in enumerate(bounds):
                piece = rest[x:y]
                lead = len(piece) - len(piece.lstrip())
                piece = piece.strip()
                if not piece or (j == 0 and piece.endswith((":", "：")) and (nums or len(pieces) > 1 or n == 0 and
                                                                           len(bounds) > 1)):
                    continue
                out.append(_Item(k, piece, start + x + lead, start + x + lead + len(piece), None))
                out[-1].dashed = True
    if not split:
        return _semicolon_items(kind, rest, start)
    return out


def _inline_items(doc: Doc, i: int, kind: str, off: int) -> list[_Item]:
    """'Inclusion criteria: 1. A; 2. B' on one line (see ``_line_items``); 'Inclusion criteria1. A'
    (the first item of numbered lines below) without its number."""
    ln = doc.lines[i]
    _a, b = ln.span()
    start = ln.start + off
    items = _line_items(kind, doc.text[start:b], start)
    if len(items) == 1:
        k, found = _strip_bullet(items[0].text)
        if found and k < len(items[0].text):
            m = _NUM.match(items[0].text)
            items[0] = _Item(kind, items[0].text[k:], items[0].start + k, items[0].end,
                             int(m.group(1)) if m else None)
    return items


def _semicolon_items(kind: str, rest: str, start: int) -> list[_Item]:
    """'Inclusion criteria: A; B; C.' -- three or more short clauses are a list; else one item."""
    body = rest.rstrip()
    cuts = [m for m in _SEMI.finditer(body)]
    pieces, pos = [], 0
    for m in cuts:
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(body)))
    if len(pieces) < 3 or any(not (2 <= e - s0 <= 200) for s0, e in pieces) or \
            any(re.match(r"(?i)(?:or|and|but|alternatively|except|including)\b", body[s0:e]) for s0, e in pieces):
        return [_Item(kind, body.strip(), start, start + len(body), None)]
    return [_Item(kind, body[s0:e], start + s0, start + e, None) for s0, e in pieces]


def read_criterion(text: str, start: int, end: int) -> tuple[dict, dict] | None:
    """One criterion a person selected (a line of ``text[start:end]``): its values and their spans,
    read as the suggestions read an item: bullets and numbering left out ("⁃ 10\\.", "(a)", "1、",
    "1)"), the category and every threshold it states.  None for an empty line."""
    line = text[start:end]
    off, _found = _strip_bullet(line)
    body = line[off:]
    s = start + off + (len(body) - len(body.lstrip()))
    e = start + off + len(body.rstrip())
    if s >= e:
        return None
    item = " ".join(text[s:e].split())
    vals = {"text": item, "category": category(item), "thresholds": []}
    spans = {"text": (s, e), "category": (s, e)}
    found = thresholds(text, s, e)
    vals["thresholds"] = [t for t, _sp in found]
    if found:
        spans["thresholds"] = (min(sp[0] for _t, sp in found), max(sp[1] for _t, sp in found))
    return vals, spans


def _cut_heading(text: str) -> bool:
    """"Key exclusion cri": a criteria heading cut off at the end of a saved page, not an item."""
    t = text.lower()
    return len(t) >= 5 and any(h.startswith(t) for h in ("key inclusion criteria", "key exclusion criteria",
                                                          "inclusion criteria", "exclusion criteria"))


def extract_criteria(doc: Doc) -> list[Row]:
    items: list[_Item] = []
    conf = 0.9
    heads = [(i, k) for i, k in enumerate(doc.kinds) if k in ("inclusion", "exclusion")]
    inline = []
    for i, ln in enumerate(doc.lines):
        m = _INLINE_HEAD.match(ln.text)
        rl = doc.reg_lines.get(i)
        head = (m.group(1).lower(), m.end()) if m else None
        if rl and rl[0] in ("heading:inclusion", "heading:exclusion") and ln.s[rl[1]:].strip() and not m:
            # "E.3 Principal inclusion criteria: 1. Male or female ...": a registry heading and its first item
            head = (rl[0][8:], ln.text.index(ln.s) + rl[1])
        if head and not doc.kinds[i]:
            kind = "INCLUSION" if head[0] == "inclusion" else "EXCLUSION"
            items += _inline_items(doc, i, kind, head[1])
            j = i + 1             # bullet lines right under an inline heading belong to it
            if rl and rl[0].startswith("heading:"):
                j = i + 1 if i + 1 in doc.reg_lines else _section_end(doc, i + 1)   # up to its next field
            while j < len(doc.lines) and (_strip_bullet(doc.lines[j].text)[1] or doc.lines[j].indent >= 2) \
                    and not doc.kinds[j]:
                j += 1
            items += _parse(doc, i + 1, j, kind)
            inline.append((i, kind.lower()))
    for i, k in heads:
        end = _section_end(doc, i + 1)
        items += _parse(doc, i + 1, end, "INCLUSION" if k == "inclusion" else "EXCLUSION")
    if not any(k == "inclusion" for _i, k in heads + inline):
        first = _after_eligibility_fields(doc)
        if first is not None:
            end = _section_end(doc, first)
            items = _parse(doc, first, end, "INCLUSION") + items
            heads = heads or [(first, "inclusion")]
    heads += inline
    if not heads:
        run = _fallback_run(doc)
        if run:
            items = _parse(doc, run[0], run[1], "INCLUSION")
            conf = 0.65
    rows = []
    seen = set()
    for it in _split_runs(doc, items):
        text = it.text.strip()
        if text[:1] == "-" and text[1:2].isalnum():
            it.start += it.text.index("-") + 1      # "-15 years or older": a dash bullet glued to its item
            text = text[1:]
        if not text or _EMPTY.match(text) or _HEADINGISH.match(text) or _LEAD_IN.search(text) or _cut_heading(text) or \
                (it.kind, text) in seen:
            continue                # a registry's preview repeats its one-line list: once is enough
        if getattr(it, "dashed", False) or doc.registry:
            seen.add((it.kind, text))     # a registry's record repeated per member state: each item once
        vals = {"kind": it.kind, "text": text, "category": category(text)}
        spans = {"text": (it.start, it.end), "category": (it.start, it.end)}
        if _MANY:
            found = thresholds(doc.text, it.start, it.end)
            vals["thresholds"] = [t for t, _s in found]
            spans.update(("thresholds[%d]" % k, sp) for k, (_t, sp) in enumerate(found))
        else:
            th = threshold(doc.text, it.start, it.end)
            vals["threshold"] = th[0] if th else None
            if th:
                spans["threshold"] = th[1]
        rows.append(Row(vals, spans, conf, NAME))
    return rows
