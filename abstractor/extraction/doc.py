"""The document index built once per text: lines, headings and labelled values.

Scraped registry pages are line-oriented but messy: a site status can be glued
to the next heading ("RECRUITINGPrimary Outcome Measures"), a label to its
value, and page chrome sits between sections. The index splits glued status
words into virtual lines and classifies each line once, so that every
extractor works on the same view and offsets always point into the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from abstractor.extraction import values, vocab


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def s(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    def span(self) -> tuple[int, int]:
        t = self.text
        return self.start + (len(t) - len(t.lstrip())), self.start + len(t.rstrip())


_STATUS_WORDS = ("NOT_YET_RECRUITING|ACTIVE_NOT_RECRUITING|ENROLLING_BY_INVITATION|RECRUITING|COMPLETED|"
                 "TERMINATED|WITHDRAWN|SUSPENDED|Not yet recruiting|Active, not recruiting|Recruiting|"
                 "Completed|Terminated|Withdrawn|Suspended")
# A site status glued to whatever follows: "RECRUITINGIncidence of ...".
_GLUE_RE = re.compile(r"^(\s*(?:%s))(?=[A-Z0-9\[(])" % _STATUS_WORDS)


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        end = pos + len(raw)
        m = _GLUE_RE.match(raw)
        if m:
            cut = pos + m.end(1)
            out.append(Line(pos, cut, text[pos:cut]))
            out.append(Line(cut, end, text[cut:end]))
        else:
            out.append(Line(pos, end, raw))
        pos = end + 1
    return out


def _key(s: str) -> str:
    s = s.strip().lower().replace("&&", "and").replace("&", "and")
    s = re.sub(r"\s+", " ", s)
    return s.rstrip(" :：").strip()


_INCL_RE = re.compile(r"^[\W_]*(?:key |main |general )?inclusions?(?: criteria)?[\W_]*$", re.I)
_EXCL_RE = re.compile(r"^[\W_]*(?:key |main |general )?exclusions?(?: criteria)?[\W_]*$", re.I)
_BULLET_START = re.compile(r"^\s*(?:[-*\u2022\u25aa\u25cf\u2043\u00b7o]\s|\d{1,2}[.)]\s)")


# A table header row of outcome column titles, glued ("Outcome MeasureMeasure DescriptionTime Frame")
# or separated by spaces, tabs or pipes: never an outcome itself.
_COL = (r"(?:outcome\s*measures?|measure\s*(?:titles?|descriptions?|types?|names?)|outcome\s*(?:titles?|names?)|"
        r"outcomes?|measures?|descriptions?|time\s*frames?|time\s*points?|assessment\s*(?:time|methods?)|"
        r"end\s*points?|safety\s*issues?|names?|titles?|time|methods?|types?|assessments?)")
_COL_ROW_RE = re.compile(r"(?i)^[|\s]*%s(?:[\s|/,;]*%s)+[|\s:]*$" % (_COL, _COL))
_COL_OUTCOME = re.compile(r"(?i)measure|outcome|time|end\s*point")


def is_column_header(s: str) -> bool:
    """A row of outcome-table column titles: at least two titles, one of them outcome-specific."""
    s = s.strip()
    return len(s) <= 160 and bool(_COL_ROW_RE.match(s)) and bool(_COL_OUTCOME.search(s))


# A protocol section number before a heading: "4.2 Exclusion criteria", "3 Endpoints"; not a list
# number ("1." / "1)"), which starts an item.
_SECTION_NO = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}|[IVX]{1,4}\.)\s+(?=[A-Za-z])")


# Any other numbered protocol section in capitals: "5 TREATMENT", "6.1 STATISTICAL METHODS".
_SECTION_HEAD = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\s+[A-Z]{3,}(?:[ ,&/-]+[A-Z]{2,})*$")


def heading_kind(s: str) -> str | None:
    """Section kind of a stripped line, or None for ordinary text."""
    if not s or len(s) > 160:
        return None
    k = _key(s)
    kind = vocab.HEADINGS.get(k)
    if kind:
        return kind
    if re.match(r"^locations? \(\d+\)$", k):
        return "locations"
    if _INCL_RE.match(s):
        return "inclusion"
    if _EXCL_RE.match(s):
        return "exclusion"
    m = _SECTION_NO.match(s)
    if m:
        rest = s[m.end():]
        kind = vocab.HEADINGS.get(_key(rest))
        if kind in ("out_primary", "out_secondary", "out_other", "eligibility"):
            return kind
        if _INCL_RE.match(rest):
            return "inclusion"
        if _EXCL_RE.match(rest):
            return "exclusion"
    if is_column_header(s):
        return "out_table"
    if _SECTION_HEAD.match(s):
        return "section"
    if not _BULLET_START.match(s) and s.rstrip().endswith(":") and len(s) < 160:
        low = k
        if "inclusion criteria" in low and "exclusion" not in low:
            return "inclusion"
        if "exclusion criteria" in low and "inclusion" not in low:
            return "exclusion"
    return None


@dataclass(frozen=True)
class LabelValue:
    field: str
    value: str
    start: int
    end: int
    line: int          # index of the line holding the value
    inline: bool       # value on the label's own line


_PHASE_NO = re.compile(r"(?i)[ _]?(?:[1-4]|iv|i{1,3})(?![a-z0-9])")


# An EU CTR section code before a field label: "E.8.1.1 ", "F.4.2.2 ", "A.3 ".
_EU_CODE = re.compile(r"^[A-HN]\.\d{1,2}(?:\.\d{1,2}){0,4}\s+(?=[A-Z])")


def _match_label(s: str) -> tuple[str, str, int, bool] | None:
    """(field, rest, offset of rest in s, colon seen) when the line starts with a known label."""
    code = _EU_CODE.match(s)
    if code:
        m = _match_label(s[code.end():])
        return (m[0], m[1], m[2] + code.end(), m[3]) if m else None
    low = s.lower()
    for lab, fld in vocab.LABELS_BY_LENGTH:
        if not low.startswith(lab):
            continue
        rest = s[len(lab):]
        if not rest:
            return fld, "", len(s), False
        c = rest[0]
        if fld == "phase" and _PHASE_NO.match(rest):
            return fld, s, 0, False      # "PHASE1", "Phase 1/Phase 2", "Phase I": the label word is the value's
        if c in ":：|" or c.isspace() or c.isupper() or c.isdigit() or c == "(":
            m = re.match(r"\s*([:：|]?)\s*", rest)      # "|": a synopsis table row ("Sponsor | X")
            return fld, s[len(lab) + m.end():], len(lab) + m.end(), bool(m.group(1))
    return None


def _yes_no(s: str) -> bool | None:
    k = s.strip().lower()
    return True if k in ("yes", "accepts healthy volunteers") else False if k in ("no",) else None


VALIDATORS = {
    "study_type": lambda s: values.enum_value(values.STUDY_TYPES, s),
    "phase": values.phases,
    "allocation": lambda s: values.enum_value(values.ALLOCATIONS, s),
    "model": lambda s: values.enum_value(values.MODELS, s),
    "masking": lambda s: values.enum_value(values.MASKINGS, s),
    "purpose": lambda s: values.enum_value(values.PURPOSES, s),
    "enrollment": values.enrollment,
    "status": lambda s: values.enum_value(values.STATUSES, s),
    "sex": values.sex,
    "ages": lambda s: values.age_range(s) or (values.is_na(s) or None),
    "min_age": lambda s: values.age(s) or (values.is_na(s) or None),
    "max_age": lambda s: values.age(s) or (values.is_na(s) or None),
    "volunteers": _yes_no,
}
_ID_RE = re.compile(r"^(?:NCT\d{8}|ChiCTR[-\w]+|ISRCTN\d+|jRCT\w+|CTRI/[\d/]+|\d{4}-\d{6}-\d{2}(?:-\d{2})?)\b")


class Doc:
    """Lines, heading kinds and labelled values of one document."""

    def __init__(self, text: str):
        self.text = text
        self.lines = split_lines(text)
        self.kinds = [heading_kind(ln.s) for ln in self.lines]
        self.labels: dict[str, list[LabelValue]] = {}
        self.label_lines: set[int] = set()
        self.label_field: dict[int, str] = {}
        self.valued_lines: set[int] = set()   # label lines that carry a valid value
        self._index_labels()

    def _index_labels(self) -> None:
        lines = self.lines
        for i, ln in enumerate(lines):
            s = ln.s
            if not s or len(s) > 200:
                continue
            m = _match_label(s)
            if not m:
                continue
            fld, rest, off, colon = m
            a, _b = ln.span()
            rest = rest.rstrip()
            if rest:
                check = VALIDATORS.get(fld)
                ok = (check(rest) is not None) if check else (colon or (fld == "reg_id" and _ID_RE.match(rest)))
                if ok:
                    self._add(LabelValue(fld, rest, a + off, a + off + len(rest), i, True))
                    self.label_lines.add(i)
                    self.label_field[i] = fld
                    self.valued_lines.add(i)
                continue
            self.label_lines.add(i)
            self.label_field[i] = fld
            j = self.next_nonblank(i + 1, limit=2)
            if j is None or self.kinds[j]:
                continue
            nm = _match_label(lines[j].s)
            if nm and (not nm[1].strip() or nm[3] or (VALIDATORS.get(nm[0]) and VALIDATORS[nm[0]](nm[1]))):
                continue            # the next line is another label: this one is empty
            vs, ve = lines[j].span()
            check = VALIDATORS.get(fld)
            if check is None or check(lines[j].s) is not None:
                self.valued_lines.add(i)
            self._add(LabelValue(fld, lines[j].s, vs, ve, j, False))

    def labels_inline(self, i: int) -> bool:
        """Line i is a label line carrying its value on the same line."""
        return any(lv.line == i and lv.inline for lv in self.labels.get(self.label_field.get(i, ""), []))

    def _add(self, lv: LabelValue) -> None:
        self.labels.setdefault(lv.field, []).append(lv)

    def next_nonblank(self, i: int, limit: int = 10**9) -> int | None:
        n = 0
        while i < len(self.lines) and n <= limit:
            if self.lines[i].s:
                return i
            i += 1
            n += 1
        return None

    def is_stop(self, i: int) -> bool:
        """A heading or label line: the end of any free-text block."""
        return bool(self.kinds[i]) or i in self.label_lines

    def sections(self, *kinds: str) -> list[tuple[int, int, str]]:
        """(first line, end line exclusive, kind) for each heading of the given kinds.

        A section runs to the next heading of any kind (or label line)."""
        out = []
        n = len(self.lines)
        for i, k in enumerate(self.kinds):
            if k in kinds:
                j = i + 1
                while j < n and not self.is_stop(j):
                    j += 1
                out.append((i + 1, j, k))
        return out

    def first_heading(self, *kinds: str) -> int | None:
        for i, k in enumerate(self.kinds):
            if k in kinds:
                return i
        return None
