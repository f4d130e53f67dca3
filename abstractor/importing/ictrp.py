"""WHO ICTRP XML export: each trial rendered to readable text, its structured fields taken as the
study's values, each with evidence into that text (as ``ctgov`` does for ClinicalTrials.gov JSON).

Two shapes are read, both one ``Trial`` (``trial``) element per trial:
- the search portal's export, ``<Trials_downloaded_from_ICTRP><Trial><TrialID>...`` with flat fields
  (Public_title, Scientific_title, Primary_sponsor, Recruitment_Status, Inclusion_agemin/agemax,
  Inclusion_gender, Target_size, Study_type, Study_design, Phase, Countries, Condition,
  Intervention, Primary_outcome, Secondary_outcome, Inclusion_Criteria, Exclusion_Criteria,
  Secondary_ID ...), and the same fields under ``<Main>``;
- the ICTRP data format the registries send, ``<trials><trial><main><trial_id>...`` with nested
  ``criteria``, ``countries``, ``primary_outcome/prim_outcome``, ``secondary_ids/secondary_id/sec_id``,
  ``health_condition_keyword/hc_keyword``, ``intervention_keyword/i_keyword``; ChiCTR's own XML
  download is this format with a ``Triall`` element and its group fields (``chictr_xml``).
Field names are matched without regard to case.  Contacts (names, e-mails, phones) are not rendered.
The XML is parsed with defusedxml: no DTDs, entities or external references.
"""
from __future__ import annotations

import re
from typing import Optional

from pydantic import ValidationError

from models import schema
from abstractor.errors import ImportRejected
from abstractor.extraction import values
from abstractor.extraction.ids import ID_RE
from abstractor.importing import chictr_xml
from abstractor.importing.document import normalise
from abstractor.importing.rendered import RenderedText

MAX_TRIALS = 5000          # one file; an export of the whole platform is for a database, not this program

# Field name (lower case) -> our key; first name wins when a record has several.
_FIELDS = {
    "trialid": "trial_id", "trial_id": "trial_id", "main_id": "trial_id",
    "source_register": "register", "reg_name": "register",
    "public_title": "public_title", "scientific_title": "scientific_title",
    "acronym": "acronym", "scientific_acronym": "acronym",
    "primary_sponsor": "sponsor", "secondary_sponsor": "secondary_sponsor", "sponsor_name": "secondary_sponsor",
    "source_support": "support", "source_name": "support",
    "recruitment_status": "status", "date_registration": "date_registration",
    "date_enrollement": "date_enrolment", "date_enrolment": "date_enrolment",
    "target_size": "target_size", "study_type": "study_type", "study_design": "study_design", "phase": "phase",
    "countries": "countries", "country": "countries", "country2": "countries",
    "condition": "conditions", "hc_freetext": "conditions", "hc_keyword": "condition_keywords",
    "intervention": "intervention", "i_freetext": "intervention", "i_keyword": "intervention_keywords",
    "primary_outcome": "primary_outcome", "prim_outcome": "primary_outcome",
    "secondary_outcome": "secondary_outcome", "sec_outcome": "secondary_outcome",
    "inclusion_criteria": "inclusion", "exclusion_criteria": "exclusion",
    "inclusion_agemin": "min_age", "agemin": "min_age", "inclusion_agemax": "max_age", "agemax": "max_age",
    "inclusion_gender": "sex", "gender": "sex",
    "secondary_id": "secondary_ids", "secondary_ids": "secondary_ids", "sec_id": "secondary_ids",
    "web_address": "url", "url": "url",
}
_SKIP = {"contacts", "contact"}               # personal data: never rendered
_BR = re.compile(r"(?i)<br\s*/?>|&lt;br\s*/?&gt;")
# ICTRP's statuses; "Not recruiting" covers both ongoing and finished trials: no value.
_STATUS = {"recruiting": "RECRUITING", "completed": "COMPLETED", "pending": "NOT_YET_RECRUITING",
           "not yet recruiting": "NOT_YET_RECRUITING", "withdrawn": "WITHDRAWN", "terminated": "TERMINATED",
           "suspended": "SUSPENDED", "active, not recruiting": "ACTIVE_NOT_RECRUITING",
           "enrolling by invitation": "ENROLLING_BY_INVITATION"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def is_ictrp(root) -> bool:
    name = _local(root.tag)
    return name in ("trials_downloaded_from_ictrp", "trials") or \
        (name == "root" and any(_local(c.tag) == "trials" for c in root))


def parse(data: bytes) -> list[dict[str, list[str]]]:
    """The trials of an export: one dict per trial, our key -> the texts in document order."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise ImportRejected("is XML with a DTD or entity declarations, which this program does not read "
                             "(a WHO ICTRP export has none)") from None
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        raise ImportRejected(f"is not well-formed XML (line {line}, column {col})") from None
    if not is_ictrp(root):
        raise ImportRejected(f"is XML but not a WHO ICTRP export (its root element is <{_local(root.tag)}>, "
                             "not <Trials_downloaded_from_ICTRP> or <trials>)")
    trials = [el for el in root.iter() if _local(el.tag) in ("trial", "triall")]   # ChiCTR's "Triall"
    if not trials:
        raise ImportRejected("is a WHO ICTRP export without any <Trial> record")
    if len(trials) > MAX_TRIALS:
        raise ImportRejected(f"holds {len(trials):,} trials; this program imports at most {MAX_TRIALS:,} "
                             "from one file (export a smaller search)")
    return [_record(t) for t in trials]


def _record(trial) -> dict[str, list[str]]:
    rec: dict[str, list[str]] = {}

    def walk(el, skip: bool) -> None:
        for child in el:
            name = _local(child.tag)
            if name in _SKIP or skip:
                continue
            if len(child):
                walk(child, False)
                continue
            key = _FIELDS.get(name)
            text = _clean(child.text or "")
            if key and text and text not in rec.get(key, ()):
                rec.setdefault(key, []).append(text)
    walk(trial, False)
    return rec


def _clean(s: str) -> str:
    s = _BR.sub("\n", s.replace("&#x0D;", "\n"))
    s = normalise(s)
    return "\n".join(ln.strip() for ln in s.strip().split("\n") if ln.strip())


def _age(s: Optional[str]) -> Optional[str]:
    if not s:
        return None
    m = re.fullmatch(r"(?i)\s*(\d{1,3}(?:\.\d+)?)\s*(?:y|yrs?|years?|year\(s\))?\s*", s)
    return f"{m.group(1)} Years" if m else values.age(s)


def _split(texts: list[str], sep: str = r"\n|;\s*") -> list[str]:
    out = []
    for t in texts:
        for part in re.split(sep, t):
            part = part.strip(" ;")
            if part and len(part) <= 500 and part not in out:
                out.append(part)
    return out


def render(rec: dict[str, list[str]], file_name: str, sha256: str) -> tuple[str, schema.Abstraction]:
    """The trial as a labelled text, and the values it states with evidence into that text."""
    one = lambda k: (rec.get(k) or [None])[0]  # noqa: E731
    w = RenderedText()
    st = schema.StudyFields()
    ab = schema.Abstraction(source=schema.Source(file=file_name, sha256=sha256))
    w.write("WHO ICTRP record\n")
    trial_id = one("trial_id")
    ids = []
    if trial_id:
        # ICTRP puts "JPRN-" before Japanese ids: the registry's own id follows it
        pre, core = (trial_id[:5], trial_id[5:]) if trial_id.startswith("JPRN-") else ("", trial_id)
        w.write("Trial ID: " + pre)
        w.value(core, "study.registry_ids[0]" if ID_RE.fullmatch(core) else None)
        w.write("\n")
        if ID_RE.fullmatch(core):
            ids.append(core)
    w.field("Register", one("register"))
    secondary = _split(rec.get("secondary_ids", []), r"\n|[;,]\s*")
    if secondary:
        w.write("Secondary IDs: ")
        for i, sid in enumerate(secondary):
            w.write(", " if i else "")
            ok = ID_RE.fullmatch(sid) and sid not in ids
            w.value(sid, f"study.registry_ids[{len(ids)}]" if ok else None)
            if ok:
                ids.append(sid)
        w.write("\n")
    st.registry_ids = ids
    st.title = one("public_title")
    w.field("Public title", st.title, "study.title")
    st.official_title = one("scientific_title")
    w.field("Scientific title", st.official_title, "study.official_title")
    st.acronym = one("acronym")
    w.field("Acronym", st.acronym, "study.acronym")
    st.sponsor = one("sponsor")
    w.field("Primary sponsor", st.sponsor, "study.sponsor")
    w.field("Secondary sponsor", "; ".join(rec.get("secondary_sponsor", [])))
    w.field("Source of monetary support", "; ".join(rec.get("support", [])))
    status = one("status")
    st.overall_status = _STATUS.get((status or "").strip().lower())
    w.field("Recruitment status", status, "study.overall_status" if st.overall_status else None)
    w.field("Date of registration", one("date_registration"))
    w.field("Date of first enrolment", one("date_enrolment"))
    chictr = chictr_xml.is_chictr(rec)
    size = one("target_size")
    st.enrollment = values.enrollment(size) if size else None
    if st.enrollment is None and chictr:
        st.enrollment = chictr_xml.total_size(size)        # "A group:30;B group:30;": sizes per group
    w.field("Target size", size, "study.enrollment" if st.enrollment is not None else None)
    stype = one("study_type")
    st.study_type = values.enum_value(values.STUDY_TYPES, re.sub(r"(?i)\s*\[.*\]$", "", stype or "")) \
        if stype else None
    w.field("Study type", stype, "study.study_type" if st.study_type else None)
    design = one("study_design")
    st.intervention_model = chictr_xml.model(design) if chictr else None
    parts = _design_parts(design) if design and not st.intervention_model else []
    if parts:                   # "Allocation: Randomized. Intervention model: Parallel Assignment. ..."
        w.write("Study design: ")
        for k, (label, text, fld, v) in enumerate(parts):
            w.write((" " if k else "") + label + ": ")
            w.value(text, "study." + fld if v else None)
            w.write(".")
            if v:
                setattr(st, fld, v)
        w.write("\n")
    else:
        w.field("Study design", design, "study.intervention_model" if st.intervention_model else None)
    phase = one("phase")
    st.phases = (values.phases(phase) or []) if phase else []
    w.field("Phase", phase, "study.phases" if st.phases else None)
    w.field("Countries of recruitment", "; ".join(_split(rec.get("countries", []))))
    _lists(w, st, ab, rec, chictr)
    ab.study = st
    _eligibility(w, st, rec)
    ab.evidence = w.evidence
    try:
        ab = schema.Abstraction.model_validate(ab.model_dump(by_alias=True))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ImportRejected(f"has a value this program cannot store (trial {trial_id}): {where}: "
                             f"{err['msg']}") from None
    return w.text, ab


def _lists(w: RenderedText, st: schema.StudyFields, ab: schema.Abstraction, rec: dict, chictr: bool) -> None:
    conditions = _split(rec.get("conditions", []) or rec.get("condition_keywords", []))
    w.listed("Health condition(s) or problem(s) studied", conditions, "study.conditions")
    if conditions:
        st.conditions = conditions
    if chictr and len(rec.get("intervention", [])) == 1 and not rec.get("intervention_keywords") and \
            chictr_xml.write_groups(w, ab, rec["intervention"][0]):
        pass                    # ChiCTR's "group:intervention;" text: arms and their interventions
    elif rec.get("intervention") or rec.get("intervention_keywords"):
        w.heading("Intervention(s)")
        for t in rec.get("intervention", []):
            w.write(t + "\n")
        names = _split(rec.get("intervention_keywords", []))
        for i, n in enumerate(names):
            w.write("Intervention keyword: ")
            w.value(n, f"interventions[{i}].name")
            w.write("\n")
        ab.interventions = [schema.Intervention(name=n) for n in names]
    outcomes = []
    for key, heading, kind in (("primary_outcome", "Primary outcome(s)", "PRIMARY"),
                               ("secondary_outcome", "Secondary outcome(s)", "SECONDARY")):
        items = _split(rec.get(key, []))
        if items:
            w.heading(heading)
        for m in items:
            w.write("- ")
            w.value(m, f"outcomes[{len(outcomes)}].measure")
            w.write("\n")
            outcomes.append(schema.Outcome(kind=kind, measure=m))
    ab.outcomes = outcomes


def _eligibility(w: RenderedText, st: schema.StudyFields, rec: dict) -> None:
    lo, hi, sex = one_of(rec, "min_age"), one_of(rec, "max_age"), one_of(rec, "sex")
    st.min_age, st.max_age = _age(lo), _age(hi)
    st.sex = values.sex(sex) if sex else None
    if lo or hi or sex:
        w.heading("Eligibility")
        w.field("Minimum age", lo, "study.min_age" if st.min_age else None)
        w.field("Maximum age", hi, "study.max_age" if st.max_age else None)
        w.field("Gender", sex, "study.sex" if st.sex else None)
    for key, heading in (("inclusion", "Inclusion criteria"), ("exclusion", "Exclusion criteria")):
        texts = rec.get(key, [])
        if texts:
            w.heading(heading)
            for t in texts:
                # the export often repeats the heading inside the text: "Inclusion criteria: 1. ..."
                t = re.sub(r"(?i)^\s*(?:inclusion|exclusion) criteria\s*[:：]\s*", "", t)
                w.write(t.strip() + "\n")


_PART = re.compile(r"([A-Z][A-Za-z ]{2,30}):\s*([^.;:]{1,80}?)\s*(?:[.;]|$)")
_PART_FIELD = {"allocation": ("allocation", values.ALLOCATIONS), "intervention model": ("intervention_model", values.MODELS),
               "primary purpose": ("primary_purpose", values.PURPOSES), "masking": ("masking", None)}


def _design_parts(design: str) -> list[tuple[str, str, str, Optional[str]]]:
    """(label, text, field, value or None) of a design written "Label: value." part after part; [] unless
    the whole text is such parts and one of them is a design field."""
    parts, pos = [], 0
    for m in _PART.finditer(design):
        if design[pos:m.start()].strip():
            return []
        pos = m.end()
        fld, table = _PART_FIELD.get(m.group(1).strip().lower(), (None, None))
        v = None
        if fld:
            v = values.masking(m.group(2)) if fld == "masking" else values.enum_value(table, m.group(2))
        parts.append((m.group(1).strip(), m.group(2), fld or "", v))
    if design[pos:].strip() or not any(f for _l, _t, f, _v in parts):
        return []
    return parts


def one_of(rec: dict, key: str) -> Optional[str]:
    return (rec.get(key) or [None])[0]


def read_all(data: bytes, file_name: str, sha256: str) -> list[tuple[str, str, str, schema.Abstraction]]:
    """(file name, sha256, text, abstraction) for each trial of an export.  One trial keeps the file's
    name and hash; several get "name [trial id]" and a hash of the file and the trial's place in it, so
    that importing the same file again is recognised trial by trial."""
    from abstractor.importing.document import sha256_of

    recs = parse(data)
    out = []
    for k, rec in enumerate(recs):
        name, sha = file_name, sha256
        if len(recs) > 1:
            name = "%s [%s]" % (file_name, one_of(rec, "trial_id") or "trial %d" % (k + 1))
            sha = sha256_of(data + b"\n#trial %d" % k)
        text, ab = render(rec, name, sha)
        out.append((name, sha, normalise(text), ab))
    return out
