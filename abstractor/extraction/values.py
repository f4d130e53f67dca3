"""Normalisers from a labelled value as printed to the API v2 spelling.

Each returns None unless the whole value is understood: a label followed by
something else (a heading, a sentence) must yield nothing rather than a guess.
"""
from __future__ import annotations

import re

from abstractor.extraction import designwords
from abstractor.extraction.base import unescape

_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4"}


def _enum_key(s: str) -> str:
    s = unescape(s).strip()
    s = re.sub(r"\s*\(.*\)\s*$", "", s)            # "TRIPLE (Participant, ...)" -> "TRIPLE"
    s = re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").upper()
    return s


STUDY_TYPES = {"INTERVENTIONAL": "INTERVENTIONAL", "OBSERVATIONAL": "OBSERVATIONAL",
               "EXPANDED_ACCESS": "EXPANDED_ACCESS", "INTERVENTIONAL_STUDY": "INTERVENTIONAL",
               "OBSERVATIONAL_STUDY": "OBSERVATIONAL",
               "OBSERVATIONAL_PATIENT_REGISTRY": "OBSERVATIONAL"}
ALLOCATIONS = {"RANDOMIZED": "RANDOMIZED", "RANDOMISED": "RANDOMIZED", "NON_RANDOMIZED": "NON_RANDOMIZED",
               "NON_RANDOMISED": "NON_RANDOMIZED", "NONRANDOMIZED": "NON_RANDOMIZED", "NA": "NA", "N_A": "NA",
               "NOT_APPLICABLE": "NA",
               "RANDOMISED_CONTROLLED_TRIAL": "RANDOMIZED", "RANDOMIZED_CONTROLLED_TRIAL": "RANDOMIZED"}
MODELS = {"SINGLE_GROUP": "SINGLE_GROUP", "SINGLE_GROUP_ASSIGNMENT": "SINGLE_GROUP", "SINGLE_ARM": "SINGLE_GROUP",
          "PARALLEL": "PARALLEL", "PARALLEL_ASSIGNMENT": "PARALLEL", "CROSSOVER": "CROSSOVER",
          "CROSSOVER_ASSIGNMENT": "CROSSOVER", "CROSS_OVER": "CROSSOVER", "FACTORIAL": "FACTORIAL",
          "FACTORIAL_ASSIGNMENT": "FACTORIAL", "SEQUENTIAL": "SEQUENTIAL", "SEQUENTIAL_ASSIGNMENT": "SEQUENTIAL"}
MASKINGS = {"NONE": "NONE", "NONE_OPEN_LABEL": "NONE", "OPEN_LABEL": "NONE", "OPEN": "NONE",
            "SINGLE": "SINGLE", "SINGLE_BLIND": "SINGLE", "DOUBLE": "DOUBLE", "DOUBLE_BLIND": "DOUBLE",
            "TRIPLE": "TRIPLE", "TRIPLE_BLIND": "TRIPLE", "QUADRUPLE": "QUADRUPLE"}
PURPOSES = {"TREATMENT": "TREATMENT", "PREVENTION": "PREVENTION", "DIAGNOSTIC": "DIAGNOSTIC",
            "SUPPORTIVE_CARE": "SUPPORTIVE_CARE", "SCREENING": "SCREENING",
            "HEALTH_SERVICES_RESEARCH": "HEALTH_SERVICES_RESEARCH", "BASIC_SCIENCE": "BASIC_SCIENCE",
            "DEVICE_FEASIBILITY": "DEVICE_FEASIBILITY", "ECT": "ECT",
            "EDUCATIONAL_COUNSELING_TRAINING": "ECT", "OTHER": "OTHER"}
STATUSES = {"NOT_YET_RECRUITING": "NOT_YET_RECRUITING", "RECRUITING": "RECRUITING",
            "ENROLLING_BY_INVITATION": "ENROLLING_BY_INVITATION",
            "ACTIVE_NOT_RECRUITING": "ACTIVE_NOT_RECRUITING", "COMPLETED": "COMPLETED",
            "SUSPENDED": "SUSPENDED", "TERMINATED": "TERMINATED", "WITHDRAWN": "WITHDRAWN",
            "UNKNOWN": "UNKNOWN", "UNKNOWN_STATUS": "UNKNOWN"}
SEXES = {"ALL": "ALL", "BOTH": "ALL", "MALE": "MALE", "FEMALE": "FEMALE", "MALE_OR_FEMALE": "ALL",
         "MALE_AND_FEMALE": "ALL", "FEMALE_ONLY": "FEMALE", "MALE_ONLY": "MALE",
         "BOTH_MALES_AND_FEMALES": "ALL", "BOTH_MALE_AND_FEMALE": "ALL", "MALE_FEMALE": "ALL",
         "FEMALE_MALE": "ALL"}


_ROLES = re.compile(r"(?i)\b(?:participant|subject|care\s?giver|investigator|outcomes? assessor|assessor)s?\b")
_BY_ROLES = {1: "SINGLE", 2: "DOUBLE", 3: "TRIPLE", 4: "QUADRUPLE"}


def enum_value(table: dict[str, str], s: str) -> str | None:
    v = table.get(_enum_key(s))
    if v in ("DOUBLE", "SINGLE", "TRIPLE") and table is MASKINGS:
        # "Double Blind (Subject, Caregiver, Investigator, Assessor)": the roles masked decide.
        m = re.search(r"\(([^)]*)\)\s*$", s)
        roles = len({r.lower().replace(" ", "") for r in _ROLES.findall(m.group(1))}) if m else 0
        if roles and m and len(m.group(1).split(",")) == roles:
            v = _BY_ROLES[roles]
    return v


_ROLES_BLIND = re.compile(r"(?i)^((?:[\w -]+(?:,\s*|\s+and\s+))*[\w -]+?)\s+blind(?:ed)?$")
_BLIND_LEVEL = [("QUADRUPLE", re.compile(r"(?i)quadruple[- ]?(?:blind|mask)")),
                ("TRIPLE", re.compile(r"(?i)triple[- ]?(?:blind|mask)|三盲")),
                ("DOUBLE", re.compile(r"(?i)double[- ]?(?:blind|mask)|双盲")),
                ("SINGLE", re.compile(r"(?i)single[- ]?(?:blind|mask)|单盲"))]
_OPEN = re.compile(r"(?i)\bopen[- ]?label|^open\b|\bnon[- ]?blind|\bunblinded\b|\bnot blinded\b|\bmasking not used\b|"
                   r"\bno (?:blinding|masking)\b|开放|不设盲|非盲")
# The one role blinded in an otherwise open study: "Open-label study with blinded-evaluators".
_ASSESSOR = re.compile(r"(?i)\bblind(?:ed)?[- ](?:outcome[- ])?(?:evaluators?|assessors?|assessments?|raters?|"
                       r"readers?|reviewers?)|\b(?:evaluators?|assessors?|raters?|readers?)[- ](?:blind(?:ed)?|masked)|"
                       r"对评估者[^，。,;；]{0,6}(?:盲|隐藏)|评估者盲")


def model(s: str) -> str | None:
    """'Parallel Assignment', or the model a short design phrase names ("Randomized, Parallel Group Trial")."""
    return enum_value(MODELS, s) or designwords.phrase_model(unescape(s))


def allocation(s: str) -> str | None:
    return enum_value(ALLOCATIONS, s) or designwords.phrase_allocation(unescape(s))


def masking(s: str) -> str | None:
    """A masking value as a registry prints it: the API spellings and roles, or a short free text
    ("Double-blind", "双盲", "Open-label study with blinded-evaluators" is SINGLE); None when it says
    two things or nothing clear."""
    v = enum_value(MASKINGS, s)
    if v or len(s) > 80:
        return v
    m = _ROLES_BLIND.match(s.strip())
    if m:       # "Participant, Investigator, Outcome Assessor and Date-entry Operator Blind": the roles decide
        roles = {r.lower().replace(" ", "").rstrip("s") for r in _ROLES.findall(m.group(1))}
        roles = {"outcomeassessor" if r == "assessor" else "participant" if r == "subject" else r for r in roles}
        if roles:
            return _BY_ROLES[min(len(roles), 4)]
    levels = {lv for lv, rx in _BLIND_LEVEL if rx.search(s)}
    opened, assessor = bool(_OPEN.search(s)), bool(_ASSESSOR.search(s))
    if len(levels) == 1 and not opened:
        return levels.pop()
    if not levels and opened:
        return "SINGLE" if assessor else "NONE"
    return None


_PHASE_TOKEN = re.compile(
    r"(EARLY[ _]?PHASE[ _]?(?:1|I)\b|PHASE[ _]?(?:[1-4]|IV|I{1,3})(?![A-Za-z0-9])|"
    r"(?<![A-Za-z])(?:NOT APPLICABLE|N/?A)(?![A-Za-z]))", re.I)


def phases(s: str) -> list[str] | None:
    """'PHASE1, PHASE2' | 'Phase 1 / Phase 2' | 'Phase 1|Phase 2' | 'Phase 1/2' | 'Not Applicable'."""
    s = unescape(s).strip()
    if not s or len(s) > 60:
        return None
    m = re.fullmatch(r"(?i)(1|2|3|4|i{1,3}|iv)(?:\s*[/-]\s*(1|2|3|4|i{1,3}|iv))?", s)   # "Study phase: 1/2"
    if m:
        return _phase_list(["PHASE" + _ROMAN.get(x.lower(), x) for x in m.groups() if x])
    m = re.fullmatch(r"(?i)(early\s+)?phase\s*(1|2|3|4|i{1,3}|iv)\s*(?:/|-|,|and)\s*(?:phase\s*)?(1|2|3|4|i{1,3}|iv)", s)
    if m:
        a, b = (_ROMAN.get(x.lower(), x) for x in (m.group(2), m.group(3)))
        return _phase_list([("EARLY_PHASE1" if m.group(1) and a == "1" else "PHASE" + a), "PHASE" + b])
    out = []
    pos = 0
    for t in _PHASE_TOKEN.finditer(s):
        gap = s[pos:t.start()]
        if gap.strip(" ,|/;&+-") and gap.strip().lower() not in ("and", "/", "|"):
            return None
        tok = re.sub(r"[ _]", "", t.group(1).upper())
        if tok.startswith("EARLY"):
            out.append("EARLY_PHASE1")
        elif tok.startswith("PHASE"):
            n = tok[5:]
            out.append("PHASE" + _ROMAN.get(n.lower(), n))
        else:
            out.append("NA")
        pos = t.end()
    if not out or s[pos:].strip(" ,|/;&+-."):
        return None
    return _phase_list(out)


def _phase_list(items: list[str]) -> list[str]:
    seen = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen


def enrollment(s: str) -> int | None:
    m = re.fullmatch(r"(?i)\s*(\d{1,3}(?:,\d{3})+|\d{1,6})\s*(?:participants?|patients?|subjects?|persons?|"
                     r"people|cases?)?\s*(?:\[?\(?(?:estimated|actual|anticipated)\)?\]?)?\s*\.?\s*"
                     r"(?:\((?:\d[^()]{0,80})\)\s*)?", s)        # "160 (80 in each group)"
    return int(m.group(1).replace(",", "")) if m else None


_AGE_UNIT = {"y": "Years", "yr": "Years", "yrs": "Years", "year": "Years", "years": "Years",
             "month": "Months", "months": "Months", "mo": "Months", "week": "Weeks", "weeks": "Weeks",
             "day": "Days", "days": "Days", "hour": "Hours", "hours": "Hours"}
_AGE = r"(\d{1,3}(?:\.\d+)?)\s*(years?|yrs?|months?|weeks?|days?|hours?)(?:\(s\))?"


def age(s: str) -> str | None:
    """'18 Years' -> '18 Years'; 'N/A' or anything else -> None."""
    m = re.fullmatch(r"(?i)\s*" + _AGE + r"(?:\s+old)?\s*", unescape(s))
    if not m:
        return None
    return "%s %s" % (_num(m.group(1)), _AGE_UNIT[m.group(2).lower()])


def _num(s: str) -> str:
    """'5.00' -> '5' (CTRI prints "5.00 Year(s)"); '0.5' stays."""
    return re.sub(r"\.0+$", "", s)


def age_range(s: str) -> tuple[str | None, str | None] | None:
    """'18 Years and older' | '18 Years to 65 Years' | 'up to 17 Years' | '18 Years - 65 Years'."""
    s = unescape(s).strip().rstrip(".")
    m = re.fullmatch(r"(?i)" + _AGE + r"\s*(?:to|-|–|and)\s*" + _AGE + r"(?:\s*\(.*\))?", s)
    if m:
        return ("%s %s" % (m.group(1), _AGE_UNIT[m.group(2).lower()]),
                "%s %s" % (m.group(3), _AGE_UNIT[m.group(4).lower()]))
    m = re.fullmatch(r"(?i)" + _AGE + r"\s*(?:and|or)\s*(?:older|over|above|up)(?:\s*\(.*\))?", s)
    if m:
        return ("%s %s" % (m.group(1), _AGE_UNIT[m.group(2).lower()]), None)
    m = re.fullmatch(r"(?i)(?:up to|<=?|≤)\s*" + _AGE + r"(?:\s*\(.*\))?", s)
    if m:
        return (None, "%s %s" % (m.group(1), _AGE_UNIT[m.group(2).lower()]))
    return None


def sex(s: str) -> str | None:
    return enum_value(SEXES, s)


def is_na(s: str) -> bool:
    return _enum_key(s) in ("N_A", "NA", "NONE", "NO_LIMIT", "NOT_APPLICABLE")
