"""The document index built once per text: lines, headings and labelled values.

Scraped registry pages are line-oriented but messy: a site status can be glued
to the next heading ("RECRUITINGPrimary Outcome Measures"), a label to its
value, and page chrome sits between sections. The index splits glued status
words into virtual lines and classifies each line once, so that every
extractor works on the same view and offsets always point into the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from abstractor.extraction import registries, values, vocab
from abstractor.extraction.registries.match import EU_CODE, NATIVE_HALF, broken_labels, registry_label


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    s: str = field(init=False, repr=False, compare=False)  # the line's content, read once (extractors ask often)

    def __post_init__(self) -> None:
        t = self.text.strip()
        if t.endswith("|"):
            core = t.rstrip("| \t")
            if "|" not in core:  # a table cell's closing bars ("Randomized, Parallel Group Trial |", "NCT0… | ||")
                t = core         # or a line of bars only: an empty cell
            elif core.count("|") == 1 and not core.startswith("|") and " | " in core:
                t = core         # "Target sample size | 268 |": a label and its value, the row's bars closed
        object.__setattr__(self, "s", t)

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip())

    def span(self) -> tuple[int, int]:
        t = self.text
        a = self.start + (len(t) - len(t.lstrip()))
        return a, a + len(self.s)


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


_SPACES = re.compile(r"\s+")


def _key(s: str) -> str:
    s = s.strip().lower()
    if "&" in s:
        s = s.replace("&&", "and").replace("&", "and")
    if "  " in s or "\t" in s or "\u00a0" in s or "\r" in s or "\n" in s:
        s = _SPACES.sub(" ", s)
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
    return len(s) <= 160 and bool(_COL_OUTCOME.search(s)) and bool(_COL_ROW_RE.match(s))


# A protocol section number before a heading: "4.2 Exclusion criteria", "3 Endpoints"; not a list
# number ("1." / "1)"), which starts an item.
_SECTION_NO = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}|[IVX]{1,4}\.)\s+(?=[A-Za-z])")


# Any other numbered protocol section in capitals: "5 TREATMENT", "6.1 STATISTICAL METHODS".
_SECTION_HEAD = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\s+[A-Z]{3,}(?:[ ,&/-]+[A-Z]{2,})*$")


_LOCATIONS_N = re.compile(r"^locations? \(\d+\)$")


def heading_kind(s: str) -> str | None:
    """Section kind of a stripped line, or None for ordinary text."""
    if not s or len(s) > 160:
        return None
    k = _key(s)
    kind = vocab.HEADINGS.get(k)
    if kind:
        return kind
    if k.startswith("location") and _LOCATIONS_N.match(k):
        return "locations"
    if "clusion" in k:
        if _INCL_RE.match(s):
            return "inclusion"
        if _EXCL_RE.match(s):
            return "exclusion"
    m = _SECTION_NO.match(s) if s[0].isdigit() or s[0] in "IVX" else None
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
    if s[0].isdigit() and _SECTION_HEAD.match(s):
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


_LABELS_BY_CHAR: dict[str, list[tuple[str, str]]] = {}
for _lab, _fld in vocab.LABELS_BY_LENGTH:          # longest first within each first letter
    _LABELS_BY_CHAR.setdefault(_lab[:1], []).append((_lab, _fld))


def _match_label(s: str) -> tuple[str, str, int, bool] | None:
    """(field, rest, offset of rest in s, colon seen) when the line starts with a known label."""
    code = _EU_CODE.match(s)
    if code:
        m = _match_label(s[code.end():])
        return (m[0], m[1], m[2] + code.end(), m[3]) if m else None
    low = s.lower()
    for lab, fld in _LABELS_BY_CHAR.get(low[:1], ()):
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
    "allocation": values.allocation,
    "model": values.model,
    "masking": values.masking,
    "purpose": lambda s: values.enum_value(values.PURPOSES, s),
    "enrollment": values.enrollment,
    "enrollment_actual": values.enrollment,
    "end_reached": _yes_no,
    "ended_early": _yes_no,
    "status": lambda s: values.enum_value(values.STATUSES, s),
    "sex": values.sex,
    "ages": lambda s: values.age_range(s) or (values.is_na(s) or None),
    "min_age": lambda s: values.age(s) or (values.is_na(s) or None),
    "max_age": lambda s: values.age(s) or (values.is_na(s) or None),
    "volunteers": _yes_no,
}
_ID_RE = re.compile(r"^(?:NCT\d{8}|ChiCTR[-\w]+|ISRCTN\d+|jRCT\w+|CTRI/[\d/]+|\d{4}-\d{6}-\d{2}(?:-\d{2})?)\b")


_REG_SIZE = re.compile(r"(?i)^(?:target|planned|anticipated|estimated)\s*:?\s*(\d{1,3}(?:,\d{3})+|\d{1,6})\s*$")
_REG_AGE = re.compile(r"(?i)^(\d{1,3})\s*(?:歳|岁|周岁|age old|years?[- ]old|years?\b)")


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
        self.registry = registries.detect(text)
        # line -> (target, offset of its inline value) for lines holding one of the registry's labels
        self.reg_lines: dict[int, tuple[str, int]] = {}
        if self.registry:
            self._index_registry()
        self._index_labels()

    def _index_registry(self) -> None:
        """Registry labels: headings set their section kind, every other label ends the text before it."""
        reg = self.registry
        for i, ln in enumerate(self.lines):
            s = ln.s
            if not s or len(s) > 3000:
                continue
            m = registry_label(reg, s)
            lead = 0
            if not m and s.startswith("|"):
                inner = s.lstrip("| \t")      # "|     EudraCT number | 2014-003849-10 |": a two-cell row
                lead = len(s) - len(inner)
                m = registry_label(reg, inner) if inner.rstrip("| \t").count("|") <= 1 else None
            elif not m and s.startswith(("- ", "• ")):
                lead = 2                       # "- Primary sponsor: X", "• Enrollment:": fields as a list
                m = registry_label(reg, s[2:])
            if not m:
                continue
            tgt, rest, off = m
            off += lead
            if tgt.startswith("label:") and rest.strip() and not self._plausible(tgt[6:], s, rest, off):
                continue            # "Phase II study of ...": a title line, not the "Phase" label
            self._set_reg(i, tgt, off, rest)
        self._split_labels()

    def _set_reg(self, i: int, tgt: str, off: int, rest: str) -> None:
        self.reg_lines[i] = (tgt, off)
        if tgt.startswith("heading:"):
            if not rest.strip():
                self.kinds[i] = tgt[8:]
        elif not self.kinds[i] or self.kinds[i] == "chrome":
            self.kinds[i] = "section" if tgt == "stop" or tgt.startswith(("flag:", "part:")) else None

    def _split_labels(self) -> None:
        """A label the page broke over two or three lines ("Institution" / "hospital："): the last line
        holds the label, the lines before it are boundaries."""
        for i, j, tgt in broken_labels(self.registry, [ln.s for ln in self.lines], self.reg_lines):
            for x in range(i, j):
                self._set_reg(x, "stop", len(self.lines[x].s), "")
            self._set_reg(j, tgt, len(self.lines[j].s), "")

    def _plausible(self, fld: str, s: str, rest: str, off: int) -> bool:
        """A registry label with text after it on the line: its value, or just a line that starts
        with the label's words? A value is set apart (":", tab, two spaces, an EU code) or valid."""
        if EU_CODE.match(s) and self.registry.codes:
            return True
        head = s[:off]
        sep = head[len(head.rstrip(" \t:|：]")):]
        if len(sep) >= 2 or any(c in sep for c in ":：|\t]"):
            return True
        rest = rest.strip()
        if fld in ("title", "official_title", "sponsor") and head.strip() and head.strip()[0].isupper() \
                and len(rest.split()) >= 4 and rest[:1].isupper():
            return True         # "Public title Were trials ...": a table flattened to "label value" lines
        check = VALIDATORS.get(fld)
        if check is not None and len(head.split()) >= 4 and head[:1].isupper():
            return True         # "Purpose of the trial Education /Training": a long label, whatever its value
        if check is not None:
            return check(rest) is not None or self._value(fld, rest, 0) is not None
        return (fld == "reg_id" and bool(_ID_RE.match(rest))) or " " not in rest or \
            self.registry.value(fld, rest) is not None        # "Trial acronym COLKNEE", a value the table knows

    def _index_labels(self) -> None:
        lines = self.lines
        for i, ln in enumerate(lines):
            s = ln.s
            rl = self.reg_lines.get(i)
            if not s or (len(s) > 200 and rl is None):
                continue
            m = None
            if rl is not None and rl[0] == "heading:conditions" and s[rl[1]:].strip():
                a, _b = ln.span()       # "E.1.1 Medical condition(s) being investigated: X": the condition
                v = s[rl[1]:].rstrip()
                self._add(LabelValue("condition", v, a + rl[1], a + rl[1] + len(v), i, True))
                self.label_lines.add(i)
                self.label_field[i] = "condition"
                continue
            if rl is not None and rl[0].startswith("heading:") and s[rl[1]:].strip():
                rl = None               # a heading label with its value on the line: the generic labels read it
            elif rl is not None:
                if not rl[0].startswith("label:"):
                    continue
                m = (rl[0][6:], s[rl[1]:], rl[1], True)
            m = m or _match_label(s)
            if not m:
                continue
            fld, rest, off, colon = m
            a, _b = ln.span()
            rest = rest.rstrip()
            if s.startswith("|"):
                rest = rest.rstrip("| \t")      # the row's closing bars
            if rest:
                v = self._value(fld, rest, a + off) if rl is not None else None
                if v:
                    self._add(LabelValue(fld, v[0], v[1], v[2], i, True))
                    self.label_lines.add(i)
                    self.label_field[i] = fld
                    self.valued_lines.add(i)
                    continue
                check = VALIDATORS.get(fld)
                ok = (check(rest) is not None) if check else (colon or (fld == "reg_id" and _ID_RE.match(rest)))
                if ok:
                    self._add(LabelValue(fld, rest, a + off, a + off + len(rest), i, True))
                    self.label_lines.add(i)
                    self.label_field[i] = fld
                    self.valued_lines.add(i)
                elif rl is not None:
                    self.label_lines.add(i)
                    self.label_field[i] = fld
                continue
            self.label_lines.add(i)
            self.label_field[i] = fld
            if rl is not None and self._registry_next(i, fld):
                continue
            j = self.next_nonblank(i + 1, limit=2)
            if j is None or self.kinds[j] or j in self.reg_lines:
                continue
            nm = _match_label(lines[j].s)
            if nm and (not nm[1].strip() or nm[3] or (VALIDATORS.get(nm[0]) and VALIDATORS[nm[0]](nm[1]))):
                continue            # the next line is another label: this one is empty
            vs, ve = lines[j].span()
            check = VALIDATORS.get(fld)
            if check is None or check(lines[j].s) is not None:
                self.valued_lines.add(i)
            self._add(LabelValue(fld, lines[j].s, vs, ve, j, False))

    def _value(self, fld: str, s: str, start: int) -> tuple[str, int, int] | None:
        """A registry label's value as the validators read it: the registry's own wording mapped
        ("募集中" -> RECRUITING), or the English half of a bilingual value ("第Ⅱ相/Phase II")."""
        reg = self.registry
        mapped = reg.value(fld, s)
        if mapped:
            return mapped, start, start + len(s)
        if fld == "enrollment":
            m = _REG_SIZE.match(s)     # "Target 80", "Planned: 120"
            if m:
                return m.group(1).replace(",", ""), start + m.start(1), start + m.end(1)
        if fld in ("min_age", "max_age"):
            m = _REG_AGE.match(s)      # "20歳", "20age old", "20 歳/years-old" (number and unit on two lines)
            if m:
                return "%s Years" % m.group(1), start, start + m.end()
        check = VALIDATORS.get(fld)
        m = NATIVE_HALF.match(s)
        if m and check is not None:
            en = s[m.end():].strip()
            mapped = reg.value(fld, en)
            if mapped or check(en) is not None:
                return mapped or en, start + m.end(), start + m.end() + len(en)
        return None

    def _registry_next(self, i: int, fld: str) -> bool:
        """The value lines under a registry label, up to the next label; True when settled here.

        Enumerated values are read from the first line; free text (titles, sponsor) from the
        first line in English on a bilingual page (the native line comes first)."""
        lines = self.lines
        j = i + 1
        vals = []
        while j < len(lines) and len(vals) < 4 and j not in self.reg_lines and not self.kinds[j]:
            if lines[j].s:
                vals.append(j)
            j += 1
        if not vals:
            return True
        langs = self.registry.langs
        if langs and lines[vals[0]].s in langs:
            # "Scientific title:" / "en" / the English value / "pt-br" / ...: the value under the first language
            tags = [k for k in vals if lines[k].s in langs]
            pick = next((k for k in tags if lines[k].s == langs[0]), tags[0])
            vals = [k for k in vals if k > pick and lines[k].s not in langs][:1]
            if not vals:
                return True
            if VALIDATORS.get(fld) is None:
                a, b = lines[vals[0]].span()
                self._add(LabelValue(fld, lines[vals[0]].s, a, b, vals[0], False))
                return True
        check = VALIDATORS.get(fld)
        if check is not None:
            ln = lines[vals[0]]
            a, b = ln.span()
            v = self._value(fld, ln.s, a)
            if v is None and ln.s.startswith("- "):      # "- Completed": the value as a list item
                v = self._value(fld, ln.s[2:], a + 2) or ((ln.s[2:], a + 2, b) if check(ln.s[2:]) else None)
            if v is None and len(vals) > 1 and fld in ("min_age", "max_age") and ln.s.isdigit():
                v = self._value(fld, self.text[a:lines[vals[1]].span()[1]], a)
            if v is None and len(vals) > 1 and self.registry.bilingual:
                a2, _b2 = lines[vals[1]].span()      # the English line under the native one
                v = self._value(fld, lines[vals[1]].s, a2)
                if v is None and check(lines[vals[1]].s) is not None:
                    v = (lines[vals[1]].s, a2, lines[vals[1]].span()[1])
            if v is None and check(ln.s) is not None:
                v = (ln.s, a, b)
            if v:
                self.valued_lines.add(i)
                self._add(LabelValue(fld, v[0], v[1], v[2], vals[0], False))
            return True
        if self.registry.bilingual:
            for k in vals:
                t = lines[k].s
                if sum(c.isascii() for c in t) >= 0.9 * len(t) and re.search(r"[A-Za-z]{2}", t):
                    a, b = lines[k].span()
                    self._add(LabelValue(fld, t, a, b, k, False))
                    return True
            return True
        return False

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
