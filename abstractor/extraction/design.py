"""Design enums, enrollment and status: labelled fields first, plain words second.

Labelled values ("Allocation\\nNA", "Model: PARALLEL") are near certain. When a
scrape lost the labels, the page's own words still settle a few fields
("single-arm" is a single-group model, "open-label" is no masking); those get a
lower confidence and never override a label.
"""
from __future__ import annotations

import re

from abstractor.extraction import designwords, values
from abstractor.extraction.base import Found
from abstractor.extraction.doc import Doc

NAME = "design"

_ENUMS = {
    "study_type": ("study_type", values.STUDY_TYPES),
    "allocation": ("allocation", values.ALLOCATIONS),
    "intervention_model": ("model", values.MODELS),
    "masking": ("masking", values.MASKINGS),
    "primary_purpose": ("purpose", values.PURPOSES),
    "overall_status": ("status", values.STATUSES),
}

_CONV = {"masking": values.masking, "intervention_model": values.model, "allocation": values.allocation}
# (field, value, pattern, confidence): words that state a design fact in prose.
_PROSE = [
    ("intervention_model", "SINGLE_GROUP", r"(?i)\bsingle[- ](?:arm|group)\b|\bone[- ]arm\b|\bone-group\b", 0.75),
    ("masking", "NONE", r"\b[Oo]pen[- ][Ll]abel(?:l?ed)?\b|\b[Oo]pen, ", 0.75),
    ("masking", "DOUBLE", r"(?i)(?<![\w-])double[- ](?:blind(?:ed)?|mask(?:ed)?)\b", 0.75),
    ("masking", "SINGLE", r"(?i)(?<![\w-])single[- ](?:blind(?:ed)?|mask(?:ed)?)\b", 0.75),
    ("masking", "TRIPLE", r"(?i)(?<![\w-])triple[- ](?:blind(?:ed)?|mask(?:ed)?)\b", 0.75),
    ("masking", "DOUBLE", r"(?i)\b(?:doble[- ]ciego|duplo[- ]cego)\b", 0.75),
    ("primary_purpose", "TREATMENT", r"(?i)\btreatment (?:study|trial)\b", 0.7),
    # singular only: "interventional clinical trials that were approved ..." is a register's banner
    ("study_type", "INTERVENTIONAL", r"\binterventional (?:clinical )?(?:study|trial)\b(?!s)|, interventional,", 0.7),
    ("allocation", "NON_RANDOMIZED", r"(?i)\bnon-?randomi[sz]ed(?:,|\s+(?:open|controlled|clinical|study|trial|phase))", 0.7),
    ("allocation", "RANDOMIZED", r"(?i)(?<!non-)(?<!non)\b(?:randomly assigned|randomi[sz]ed (?:in|at) a \d:\d|"
     r"(?:a|this is a|is a) (?:[\w/-]+,?\s+){0,3}randomi[sz]ed,? (?:[\w-]+,?\s+){0,5}(?:study|trial)|"
     r"(?:will be|are) randomi[sz]ed (?:to|into|in a \d:\d|1:1))\b", 0.7),
]
_ASSESSOR_BLIND = re.compile(r"(?i)\b(?:evaluator|assessor|rater|outcome[- ]assessor)s?[- ]blind(?:ing|ed)\b|"
                             r"\bblinded[- ](?:evaluator|assessor|rater|outcome assessor)s?\b")
_MULTI_BLIND = re.compile(r"(?i)\b(?:double|triple|quadruple)[- ](?:blind|mask)")
_PHASE_PROSE = re.compile(
    r"\b(?:a|an|this|the)\s+(?:[\w-]+,?\s+){0,3}?(early\s+)?phase\s+(I{1,3}V?|[1-4])(?:\s*(?:/|and|-)\s*"
    r"(?:phase\s+)?(I{1,3}|[1-4]))?\b(?!\s*(?:part|portion|cohort|component|dose|:))", re.I)   # "Phase IV: using ...": a stage of the work
# "the earlier phase 3 trial", "participants of a previous phase 2 study": another trial's phase.
_OTHER_TRIAL = re.compile(r"(?i)\b(?:earlier|previous|prior|parent|preceding|original|another|other|feeder|"
                          r"lead-in|took part in|participated in|completed|enrolled in)\b")
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
_PHASE_ORDER = ["EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4", "NA"]


def _labelled(doc: Doc, label: str, conv) -> Found | None:
    for lv in doc.labels.get(label, []):
        v = conv(lv.value)
        if v:
            return Found(v, lv.start, lv.end, 0.97 if lv.inline or not doc.kinds[lv.line] else 0.9,
                         NAME + ".labelled")
    return None


def extract_design(doc: Doc) -> dict[str, Found]:
    out: dict[str, Found] = {}
    for fld, (label, table) in _ENUMS.items():
        f = _labelled(doc, label, _CONV.get(fld) or (lambda s, t=table: values.enum_value(t, s)))
        if f:
            out[fld] = f
    for fld, f in _design_parts(doc).items():
        out.setdefault(fld, f)
    for fld, f in _design_block(doc).items():
        out.setdefault(fld, f)
    # A registry field the page has but whose value was not understood: its prose must not decide.
    stated = {_ENUMS[k][0] for k in _ENUMS} & set(doc.label_field.values()) if doc.registry else set()
    for fld, val, pat, conf in _PROSE:
        if fld in out or (fld in _ENUMS and _ENUMS[fld][0] in stated):
            continue
        m = re.search(pat, doc.text)
        if m:
            out[fld] = Found(val, m.start(), m.end(), conf, NAME + ".prose")
    t = doc.text
    m = _ASSESSOR_BLIND.search(t) if "masking" not in stated and ("lind" in t or "LIND" in t) else None
    if m and (out.get("masking") is None or out["masking"].extractor.endswith(".prose")) \
            and not _MULTI_BLIND.search(doc.text):
        # "open-label, assessor-blinded", "evaluator blinding": only the outcome assessor is masked
        out["masking"] = Found("SINGLE", m.start(), m.end(), 0.75, NAME + ".prose")
    f = extract_phases(doc)
    if f and f.extractor.endswith("phase_prose") and "phases" in out:
        f = None                # a registry's design field ("..., randomized group, phase 3") outranks prose
    if f:
        out["phases"] = f
    f = extract_enrollment(doc)
    if f:
        out["enrollment"] = f
    if "overall_status" not in out:
        f = site_status(doc)
        if f:
            out["overall_status"] = f
    return out


_PART = re.compile(r"(?:^|(?<=[.;,])\s*)([A-Z][A-Za-z ]{2,30}):\s*([^.;:]{1,80}?)\s*(?=[.;]|$|,\s*[A-Z][A-Za-z ]{2,30}:)")


# A model word standing alone as one item of a design field's list ("..., parallel, prospective, ...").
_BARE = {"parallel": "PARALLEL", "crossover": "CROSSOVER", "cross-over": "CROSSOVER", "factorial": "FACTORIAL",
         "single group": "SINGLE_GROUP", "single arm": "SINGLE_GROUP", "single-arm": "SINGLE_GROUP"}
_BARE_MODEL = re.compile(r"(?i)(?:^|,\s*|\bwith )(parallel|cross-?over|factorial|single[- ](?:group|arm))\s*(?=,|$)")


_SIZE_IN_DESIGN = re.compile(r"(?i)\b(?:on|of|with|in|includ(?:e|es|ing)|enrol(?:l|ls|ling)?|recruit(?:s|ing)?)\s+"
                             r"(\d{1,5})\s+(?:patients|participants|subjects|people|individuals|volunteers|women|"
                             r"men|children|adults|mothers|pregnant (?:women|mothers))\b")
_NO_BLINDING = re.compile(r"(?i)\bwithout (?:any )?(?:blinding|masking)\b|\bno (?:blinding|masking)\b|"
                          r"\bnot blinded\b|\bopen[- ]label(?:l?ed)?\b")
_MASK_TAIL = re.compile(r"(?i)\b(?:blinding and masking|blinding/masking|masking)\s*:\s*([^:]{3,120})$")


def _design_parts(doc: Doc) -> dict[str, Found]:
    """A registry's one-line design ("Allocation: Randomized. Intervention model: Parallel Assignment.
    Masking: Double (Participant, Investigator)."): each part through the generic labels."""
    from abstractor.extraction.doc import _match_label

    out: dict[str, Found] = {}
    fields = {label: fld for fld, (label, _t) in _ENUMS.items()}
    for lv in doc.labels.get("design", []):
        nxt = lv.line + 1
        if nxt < len(doc.lines) and nxt not in doc.reg_lines and nxt not in doc.label_lines:
            # the design field's next line (ICTRP's copy of a CTRI record): "... Blinding and masking:Participant,
            # Investigator, Outcome Assessor and Date-entry Operator Blinded"
            ln = doc.lines[nxt]
            m = _MASK_TAIL.search(ln.s)
            v = values.masking(m.group(1).strip()) if m else None
            if v:
                a = ln.span()[0] + m.start(1)
                out["masking"] = Found(v, a, a + len(m.group(1).rstrip()), 0.9, NAME + ".design_parts")
        if ":" not in lv.value and len(lv.value) <= 400:
            # "Randomized controlled trial, parallel, prospective, blind, with two arms", "A phase 2 clinical
            # trial without blinding and with parallel design ...": the design field's words
            for fld, r in designwords.design_words(lv.value).items():
                out.setdefault(fld, Found(r[0], lv.start + r[1], lv.start + r[2], 0.9, NAME + ".design_words"))
            m = _SIZE_IN_DESIGN.search(lv.value)
            if m:       # "... randomized, on 40 patients (20 patients in each group)"
                a = lv.start + m.start(1)
                out.setdefault("enrollment", Found(int(m.group(1)), a, a + len(m.group(1)), 0.85, NAME + ".design_words"))
            m = _NO_BLINDING.search(lv.value)
            if m:
                out.setdefault("masking", Found("NONE", lv.start + m.start(), lv.start + m.end(), 0.9,
                                                NAME + ".design_words"))
            for m in _BARE_MODEL.finditer(lv.value):
                out.setdefault("intervention_model", Found(_BARE[m.group(1).lower()], lv.start + m.start(1),
                                                           lv.start + m.end(1), 0.9, NAME + ".design_words"))
                break
        for m in _PART.finditer(lv.value):
            lab = _match_label(m.group(1) + ": x")
            fld = fields.get(lab[0]) if lab and lab[1] == "x" else None
            if fld is None or fld in out:
                continue
            conv = _CONV.get(fld) or (lambda s, t=_ENUMS[fld][1]: values.enum_value(t, s))
            v = conv(m.group(2))
            if v:
                a = lv.start + m.start(2)
                out[fld] = Found(v, a, lv.start + m.end(2), 0.9, NAME + ".design_parts")
    return out


def _design_block(doc: Doc) -> dict[str, Found]:
    """A registry's design field printed as unlabelled lines (SLCTR: "Non-randomized controlled trial" /
    "Masking not used" / "Health services research"): a line is taken only when exactly one design
    field reads it."""
    out: dict[str, Found] = {}
    if not doc.registry:
        return out
    for lv in doc.labels.get("design", []):
        if lv.inline:
            continue
        i = lv.line
        while i < len(doc.lines) and i not in doc.reg_lines and not doc.kinds[i] and i < lv.line + 16:
            s = doc.lines[i].s
            if s:
                hits = [(fld, v) for fld in ("allocation", "intervention_model", "masking", "primary_purpose")
                        for v in [(_CONV.get(fld) or (lambda x, t=_ENUMS[fld][1]: values.enum_value(t, x)))(s)] if v]
                if len(hits) == 1 and hits[0][0] not in out:
                    a, b = doc.lines[i].span()
                    out[hits[0][0]] = Found(hits[0][1], a, b, 0.85, NAME + ".design_block")
            i += 1
    return out


def extract_phases(doc: Doc) -> Found | None:
    f = _labelled(doc, "phase", values.phases)
    if f:
        return _merge_next_phase(doc, f)
    # A line that is nothing but a phase ("Early Phase 1") in a page that lost its labels.
    for ln in doc.lines[:60]:
        s = ln.s
        if s and len(s) < 40 and re.search(r"(?i)phase", s):
            v = values.phases(s)
            if v and v != ["NA"]:
                a, b = ln.span()
                return _merge_next_phase(doc, Found(v, a, b, 0.8, NAME + ".phase_line"))
    m = next((m for m in _PHASE_PROSE.finditer(doc.text) if not _OTHER_TRIAL.search(
        doc.text[max(0, m.start() - 40):m.start() + m.group(0).lower().index("phase")])), None)
    if m:
        a = _ROMAN.get(m.group(2).upper(), m.group(2))
        v = ["EARLY_PHASE1" if m.group(1) and a == "1" else "PHASE" + a]
        if m.group(3):
            v.append("PHASE" + _ROMAN.get(m.group(3).upper(), m.group(3)))
        s = m.start() + m.group(0).lower().index("phase") - (len(m.group(1)) if m.group(1) else 0)
        return Found(v, s, m.end(), 0.7, NAME + ".phase_prose")
    return None


def _merge_next_phase(doc: Doc, f: Found) -> Found:
    """"Phase 1" with "Phase 2" printed on the next line of its own is a phase 1/2 study."""
    if f.value == ["NA"]:
        return f
    j = next((k for k, ln in enumerate(doc.lines) if ln.start <= f.end <= ln.end), None)
    if j is None:
        return f
    j += 1
    while j < len(doc.lines) and not doc.lines[j].s:
        j += 1
    nxt = doc.lines[j].s if j < len(doc.lines) else ""
    w = values.phases(nxt) if nxt and len(nxt) < 40 and re.search(r"(?i)phase", nxt) else None
    if not w or w == ["NA"] or set(w) & set(f.value):
        return f
    v = sorted(set(f.value) | set(w), key=_PHASE_ORDER.index)
    return Found(v, f.start, doc.lines[j].span()[1], f.confidence, f.extractor)


_ENROLL_PROSE = re.compile(r"\b(\d{1,5}) (?:participants|patients|subjects) in \d+ (?:patient |treatment )?"
                           r"(?:groups?|arms?|cohorts?)\b"
                           r"|^(?:Participants|Number of participants|Planned participants)\s*[:：]\s*(\d{1,5})\s*$", re.M)


def extract_enrollment(doc: Doc) -> Found | None:
    """The labelled size; an actual size a registry prints beside the anticipated one wins."""
    for lv in doc.labels.get("enrollment_actual", []) + doc.labels.get("enrollment", []):
        v = values.enrollment(lv.value)
        if v is not None:
            m = re.search(r"\d[\d,]*", lv.value)
            s = lv.start + m.start()
            return Found(v, s, s + len(m.group(0)), 0.95, NAME + ".labelled")
    m = _ENROLL_PROSE.search(doc.text)
    if m:
        g = 1 if m.group(1) else 2
        return Found(int(m.group(g)), m.start(g), m.end(g), 0.75, NAME + ".enrollment_prose")
    return None


def site_status(doc: Doc) -> Found | None:
    """The overall status when the page only shows site statuses, all the same."""
    found = []
    for i, ln in enumerate(doc.lines):
        s = ln.s
        if s and s == s.upper() and len(s) < 30:
            v = values.enum_value(values.STATUSES, s)
            if v:
                found.append((v, ln))
    if not found:
        return _status_line(doc)
    if len({v for v, _ in found}) != 1:
        return None
    v, ln = found[0]
    a, b = ln.span()
    return Found(v, a, b, 0.6, NAME + ".site_status")


_STATUS_LINE = re.compile(r"(?i)^(?:not yet recruiting|recruiting|active, not recruiting|enrolling by invitation|"
                          r"completed|terminated|withdrawn|suspended)$")
_STATUS_CONTEXT = re.compile(r"(?i)^(?:status and phase|why stopped\b.*|(?:early\s+)?phase\s*(?:[1-4]|i{1,3}|iv)"
                             r"(?:\s*/\s*(?:phase\s*)?(?:[1-4]|i{1,3}|iv))?)$")


def _status_line(doc: Doc) -> Found | None:
    """A bare status line ("Recruiting", "Withdrawn") beside a phase line, the "Status and phase" heading
    or a "Why stopped" line, as aggregator pages print it under the title."""
    lines = [ln for ln in doc.lines[:80] if ln.s]
    for k, ln in enumerate(lines):
        if _STATUS_LINE.match(ln.s) and any(_STATUS_CONTEXT.match(x.s) for x in lines[max(0, k - 2):k + 3]
                                            if x is not ln):
            v = values.enum_value(values.STATUSES, ln.s)
            if v:
                a, b = ln.span()
                return Found(v, a, b, 0.7, NAME + ".status_line")
    return None


_BY_TITLE = ("allocation", "intervention_model", "phases")


def from_titles(doc: Doc, titles: list[Found], found: dict[str, Found]) -> dict[str, Found]:
    """Allocation, model and phase stated by the study's own titles, where no field stated them.

    A title describes this study, so its words outrank prose; a field the page labels (even one
    not understood) keeps the say; two titles that disagree say nothing."""
    stated = set(doc.label_field.values()) if doc.registry else set()
    out: dict[str, Found] = {}
    for fld in _BY_TITLE:
        label = "phase" if fld == "phases" else _ENUMS[fld][0]
        have = found.get(fld)
        if (have and not have.extractor.endswith(("prose", "phase_prose"))) or label in stated:
            continue
        hits = []
        for t in titles:
            r = designwords.design_words(t.value).get(fld)
            if r:
                hits.append(Found(r[0], t.start + r[1], t.start + r[2], 0.8, NAME + ".title_words"))
        if hits and all(h.value == hits[0].value for h in hits):
            out[fld] = hits[0]
    return out


def observational_only(found: dict[str, Found]) -> None:
    """An observational study has no allocation, intervention model or masking (the API v2 has none
    for it): words or fields that seemed to state one (CTRI's "Single Arm Study", "open label" in a
    title) are dropped."""
    st = found.get("study_type")
    if st is None or st.value != "OBSERVATIONAL":
        return
    for fld in ("allocation", "intervention_model", "masking"):
        found.pop(fld, None)
