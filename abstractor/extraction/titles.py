"""Title, official title, acronym and sponsor from the page header.

Registry renderings open with a header block: brief title, optionally the
official title, an "(ACRONYM)" line, the id line and the sponsor, with or
without labels. Scrapes may open with site chrome or straight with a summary
sentence, which must not be taken for a title.
"""
from __future__ import annotations

import re

from abstractor.extraction.base import Found
from abstractor.extraction.doc import Doc
from abstractor.extraction.ids import ID_RE

NAME = "titles"
_SENTENCE_START = re.compile(
    r"^(?:this|these|the (?:purpose|aim|goal|objective|study|primary)|we |in this|our |to [a-z]+ |it is|there )",
    re.I)
_STUDYISH = re.compile(r"(?i)\b(?:study|trial|phase|randomi[sz]ed|versus|vs\.?|effects?|efficacy|safety|"
                       r"evaluation|evaluating|treatment|patients|participants|subjects|compared|comparison|"
                       r"investigat\w+|assess\w*|cohort|registry|program(?:me)?|pilot|adults?|children|"
                       r"infants|women|men|volunteers|follow-up|monitoring|therap(?:y|ies)|quality of life|"
                       r"outcomes?|prevention|screening|vaccines?|surgery)\b")
_BODY_LABELS = {"study_type", "allocation", "model", "masking", "purpose", "enrollment", "status", "phase"}
_ACRONYM_LINE = re.compile(r"^\(([A-Za-z0-9][\w\-+./ ]{0,24})\)$")
_STOP_WORDS = {"of", "in", "with", "and", "or", "the", "a", "an", "for", "to", "on", "at", "by", "vs", "from",
               "as", "after", "before", "versus", "into", "via", "per", "among", "its", "their"}


def _cap_ratio(s: str) -> float:
    words = [w for w in re.findall(r"[A-Za-z][\w'\-/]*", s) if w.lower() not in _STOP_WORDS]
    if not words:
        return 0.0
    caps = sum(1 for w in words if w[0].isupper() or any(c.isdigit() for c in w))
    return caps / len(words)


def _structural(doc: Doc, i: int) -> bool:
    """A header line that only follows a title: official title, id, acronym, sponsor."""
    s = doc.lines[i].s
    if _ACRONYM_LINE.match(s):
        return True
    return any(lv.line == i and lv.inline for f in ("official_title", "reg_id", "sponsor", "acronym")
               for lv in doc.labels.get(f, []))


def _header_block(doc: Doc) -> list[int] | None:
    """Line indexes of the header block whose first line is the title, or None."""
    lines, n = doc.lines, len(doc.lines)
    i, tried, seen, under = 0, 0, 0, None
    while i < n and tried < 3 and seen < 12:
        if i in doc.valued_lines and doc.label_field.get(i) in _BODY_LABELS:
            return None            # the design fields have started: the header is behind us
        if seen == 0 and under is None and lines[i].s and (_structural(doc, i) or _id_only(lines[i].s) or
                                                           _chrome(lines[i].s)) and not _title_label(doc, i):
            i += 1                 # the page opens with its id (or sponsor ...) line: the title follows
            continue
        if not lines[i].s or doc.kinds[i] or (i in doc.label_lines and not _structural(doc, i)):
            if lines[i].s:
                rl = doc.reg_lines.get(i)
                # "Registered date:03/06/2024": a whole field on one line has no text under it
                under = None if rl and rl[0] == "stop" and lines[i].s[rl[1]:].strip() else doc.kinds[i]
            seen += bool(lines[i].s)
            i += 1
            continue
        first = seen == 0 and under is None
        if under not in (None, "chrome"):
            # A block right under a content heading ("Conditions") is that section's text.
            j = i
            while j < n and lines[j].s and not doc.kinds[j]:
                j += 1
            tried, seen, i, under = tried + 1, seen + (j - i), j, None
            continue
        block = [i]
        j = i + 1
        while j < n and lines[j].s and not doc.kinds[j] and len(block) < 6:
            if j in doc.label_lines and not _structural(doc, j):
                break
            t = lines[j].s
            if len(t) > 250 or _looks_sentence(t) or t[0] in "•*-⁃·" or t.endswith((".", ";")) and \
                    not _structural(doc, j) and len(t.split()) > 12:
                break
            block.append(j)
            j += 1
        tried += 1
        seen += len(block)
        if _is_title(doc, block, first):
            return block
        if len(block) > 1 and not _looks_sentence(lines[block[0]].s):
            i = j
            continue
        i = j
    return None


def _id_only(s: str) -> bool:
    """A bare registry id line ("NCT01234567", "ID: ChiCTR..."): at most one word besides the id."""
    m = ID_RE.search(s)
    return bool(m) and len((s[:m.start()] + s[m.end():]).split()) <= 1


def _title_label(doc: Doc, i: int) -> bool:
    return any(lv.line == i for lv in doc.labels.get("title", []))


# Page chrome that reads like a header line: "Last Update Posted 2026-03-02", "First posted: ...".
_DATED = re.compile(r"(?i)\b(?:19|20)\d\d-\d\d-\d\d\b|\b\d\d?/\d\d?/(?:19|20)\d\d\b|\b(?:first|last)\s+(?:update\s+)?(?:posted|submitted|verified)\b|"
                    r"\bupdate posted\b")


# The registry's or site's own name above the record: "EU Clinical Trials Register",
# "Study Details | ClinicalTrials.gov", "... public portal", "Clinical trials for 2019-...".
_CHROME = re.compile(r"(?i)clinicaltrials\.gov|\bregister\b|\bportal\b|registry of clinical trials|"
                     r"^clinical trials for\b|^trial registered on\b|\b\d{4}-\d{6}-\d{2}\b|"
                     r"^(?:skip to (?:main )?content|skip navigation|main menu|menu|search(?: trials| studies)?|"
                     r"sign in|log in|share(?: this (?:trial|study|page))?|print|back to (?:top|results|search))$|"
                     r"^home\s*[/>›»|]")
# Header lines that are record metadata, never a sponsor's name.
_NOT_SPONSOR = re.compile(r"(?i)\b(?:status|approved|submitted|registered|registration|date|updated?|posted)\b|"
                          r"\bphase\s*(?:[1-4]|i{1,3}|iv)\b|^why stopped\b|^(?:not yet recruiting|recruiting|"
                          r"active, not recruiting|enrolling by invitation|completed|terminated|withdrawn|suspended)$")


def _chrome(s: str) -> bool:
    return bool(_CHROME.search(s)) or ("\t" in s and bool(ID_RE.search(s)))


def _looks_sentence(s: str) -> bool:
    return bool(_SENTENCE_START.match(s)) or (s.endswith(".") and len(s.split()) > 25)


def _is_title(doc: Doc, block: list[int], first: bool = False) -> bool:
    """A title line: followed by an official-title/id/acronym/sponsor line, or mostly capitalised,
    or (sentence case) the page's very first line when it reads like a study name, not a sentence."""
    s = doc.lines[block[0]].s
    if not 12 <= len(s) <= 400 or s.endswith(":") or _looks_sentence(s) or s.startswith(("•", "*", "-")) \
            or _DATED.search(s) or _chrome(s):
        return False
    if _META_LINE.match(s) or _under_label(doc, block[0]):
        return False
    words = len(s.split())
    followed = len(block) > 1 and _structural(doc, block[1])
    if followed:
        return words >= 2
    if words >= 4 and _cap_ratio(s) >= 0.6:
        return True
    return first and 4 <= words <= 40 and not s.endswith((".", ";", ",")) and bool(_STUDYISH.search(s) or
                                                                                     len(block) > 1)


# "Sponsor's Protocol Code Number: X", "Date of registration: ...": a record field, never a title.
_META_LINE = re.compile(r"(?i)^[^:]{0,40}\b(?:number|code|id|date|status|type|phase)\s*[:：]")


def _under_label(doc: Doc, i: int) -> bool:
    """The line right under a bare label line ("Trial phase") is that label's value."""
    j = i - 1
    while j >= 0 and not doc.lines[j].s:
        j -= 1
    return j >= 0 and j in doc.label_lines and not doc.labels_inline(j)


def _title_like(s: str) -> bool:
    return len(s.split()) >= 6 and bool(_STUDYISH.search(s))


def extract_header(doc: Doc) -> dict[str, Found]:
    """Found values for title, official_title, acronym and sponsor."""
    out: dict[str, Found] = {}
    for fld in ("official_title", "sponsor", "acronym", "title"):
        for lv in doc.labels.get(fld, []):
            if fld == "acronym" and len(lv.value.split()) > 5:
                continue  # a registry's "Acronym" field holding a short title (UMIN, ChiCTR): no acronym
            if lv.value and len(lv.value) <= 400:
                key = fld
                out.setdefault(key, Found(lv.value, lv.start, lv.end, 0.95, NAME + ".labelled"))
                break
    block = _header_block(doc)
    if block is None:
        return out
    lines = doc.lines
    t0 = lines[block[0]]
    a, b = t0.span()
    if "title" not in out and not t0.s.startswith("|"):  # "|  Summary | |": a table's row, never a title
        out["title"] = Found(t0.s, a, b, 0.9, NAME + ".header")
    rest = []
    for i in block[1:]:
        ln = lines[i]
        s = ln.s
        m = _ACRONYM_LINE.match(s)
        if m:
            if "acronym" not in out:
                a, _ = ln.span()
                out["acronym"] = Found(m.group(1), a + 1, a + 1 + len(m.group(1)), 0.85, NAME + ".header")
            continue
        if any(lv.line == i for f in ("official_title", "reg_id", "sponsor", "acronym", "title")
               for lv in doc.labels.get(f, [])):
            continue
        if ID_RE.search(s) and len(s) < 60 or _DATED.search(s) or _chrome(s):
            continue
        rest.append(i)
    for k, i in enumerate(rest):
        ln = lines[i]
        s = ln.s
        a, b = ln.span()
        if _title_like(s) or (k == 0 and len(rest) > 1 and len(s.split()) >= 6):
            if "official_title" not in out:
                out["official_title"] = Found(s, a, b, 0.75, NAME + ".header")
            continue
        if k == len(rest) - 1 and "sponsor" not in out and len(s) <= 120 and not s.endswith(":") \
                and not _NOT_SPONSOR.search(s) and not doc.registry:   # a registry names its sponsor in a field
            out["sponsor"] = Found(s, a, b, 0.75, NAME + ".header")
    return out
