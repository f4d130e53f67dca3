"""Criterion category (models.enums.CriterionCategory) and structured threshold.

Category: the first matching keyword group, in an order that puts the
specific (age, consent, pregnancy, performance status) before the broad
(disease, comorbidity). Threshold: a known lab/score parameter followed by a
comparison and a number ("ALT/AST \\< 3 x ULN", "creatinine < 220 umol/L",
"LVEF >= 40%", "ECOG score 0 to 2"); an unknown parameter gives none.
"""
from __future__ import annotations

import re

NAME = "thresholds"
# Up to two words naming the agent ("CAR-T cell", "anti-CD19"); not "lines of" (a disease-status
# count) nor "prior to" (a time).
_W = r"(?:(?!(?:lines?|of|to)\b)[\w+-]+ ){0,2}"
_CATS = [
    ("consent", r"informed consent|\bconsent form|\bsign(?:ed|s)? (?:the |an |a )?(?:written )?(?:informed )?"
                r"consent|\bICF\b"),
    ("age", r"\bage[ds]?\b(?!nt)|\byears? (?:old|of age)\b"),
    ("performance_status", r"\bECOG\b|Karnofsky|performance status|\bKPS\b|Lansky|\bPS score"),
    ("life_expectancy", r"life expectancy|expected survival|survival time|expected to survive"),
    ("pregnancy", r"pregnan|lactat|breast-?feed|contracept|child-?bearing|birth control|nursing"),
    ("organ_function", r"(?:liver|renal|kidney|hepatic|cardiac|lung|pulmonary|organ|marrow|heart|"
                       r"cardiopulmonary) function|creatinine|bilirubin|\bALT\b|\bAST\b|\bLVEF\b|ejection fraction|"
                       r"oxygen saturation|hemoglobin|haemoglobin|platelet|neutrophil|\bANC\b|\bWBC\b|\bINR\b|"
                       r"\bFEV1\b|\bULN\b"),
    ("infection", r"infection|\bHIV\b|\bHBV\b|\bHCV\b|hepatitis|tuberculosis|syphilis|COVID|seropositive"),
    ("prior_therapy", r"\bprior %s(?:therapy|treatment|chemotherapy)|previous(?:ly)? %s(?:therapy|" % (_W, _W) +
                      r"treatment|received)|(?:have|has|had) (?:not )?received|systemic use|washout|"
                      r"within \d+ (?:weeks?|days?|months?) (?:prior|before)"),
    ("diagnosis", r"diagnos|histolog|cytolog|patholog|confirmed|WHO (?:standards|criteria|classification)"),
    ("disease_status", r"relapse|refractory|remission|measurable|evaluable|lesion|central nervous system|\bCNS\b|"
                       r"metasta|progress|\bstage\b|involve"),
    ("comorbidity", r"history of|autoimmune|mental|psychiatric|hypersensitiv|allerg|dependence|alcohol|"
                    r"cardiovascular|diabetes|malignanc|immunodeficien|\bdisease\b|disorder|illness|hypertension|"
                    r"heart failure|myocardial|arrhythmi|angina|stroke|seizure|epilep|cirrhosis|thrombo|"
                    r"uncontrolled"),
]
_CAT_RES = [(c, re.compile(p, re.I)) for c, p in _CATS]


def category(text: str) -> str:
    for cat, rx in _CAT_RES:
        if rx.search(text):
            return cat
    return "other"


_PARAMS = (r"ALT\s*(?:/|and|or)\s*AST|AST\s*(?:/|and|or)\s*ALT|ALT|AST|SGOT|SGPT|creatinine clearance|serum creatinine|creatinine|"
           r"total bilirubin|bilirubin|LVEF|left ventricular ejection fraction|ejection fraction|"
           r"oxygen saturation|SpO2|hemoglobin|haemoglobin|Hb|platelets?(?: count)?|PLT|ANC|"
           r"absolute neutrophil count|neutrophils?|WBC|white blood cells?|INR|FEV1|DLCO|BMI|body mass index|"
           r"QTc|albumin|eGFR|GFR|ECOG(?: performance status| score| PS)?|Karnofsky(?: performance status| score)?|"
           r"KPS|lymphocytes?|serum cholesterol|cholesterol|triglycerides|MoCA")
_OPS = [(r"less than or equal to|not (?:more|greater) than|no more than|not exceeding|≤|<=|=<|≦|⩽", "<="),
        (r"greater than or equal to|(?:at least|no less than|not less than)|≥|>=|=>|≧|⩾", ">="),
        (r"less than|below|under|lower than|<", "<"),
        (r"greater than|more than|above|over|exceeds?|higher than|>", ">"),
        (r"=", "=")]
_OP_RE = "|".join("(?:%s)" % p for p, _ in _OPS)
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT = (r"(?:\s*(?:x|×|times)\s*(?:the\s+)?(?:upper limit of normal|institutional upper limit of normal|ULN)"
         r"(?:\s*\(ULN\))?|\s*(?:μ|µ|u)mol/L|\s*mmol/L|\s*mg/dL|\s*g/dL|\s*g/L|\s*mL/min(?:/1\.73\s*m2)?|\s*%|"
         r"\s*/mm\^?3|\s*/(?:μ|µ|u)L|\s*[x×]\s*10(?:\^?9|⁹)\s*/L|\s*kg/m2|\s*ms)?")
_TH_RE = re.compile(r"(?i)\b(" + _PARAMS + r")\b[^.;<>≤≥=\d\n]{0,40}?(" + _OP_RE + r")\s*" + _NUMBER + "(" + _UNIT + ")")
_RANGE_RE = re.compile(r"(?i)\b(ECOG|Karnofsky|KPS)\b[^.;\d\n]{0,30}?(\d{1,3})\s*(?:-|–|~|to|or)\s*(\d{1,3})\b")
_PARAM_NORM = {"left ventricular ejection fraction": "LVEF", "ejection fraction": "LVEF",
               "absolute neutrophil count": "ANC", "body mass index": "BMI", "haemoglobin": "hemoglobin"}


def _op(s: str) -> str:
    for p, o in _OPS:
        if re.fullmatch("(?:%s)" % p, s, re.I):
            return o
    return "="


def _unit(u: str) -> str | None:
    u = u.strip()
    if not u:
        return None
    if re.search(r"(?i)ULN|upper limit", u):
        return "x ULN"
    u = re.sub(r"^[μµ]", "u", u)
    u = re.sub(r"^[x×]\s*10(?:\^?9|⁹)\s*/L$", "x10^9/L", u)
    return re.sub(r"\s+", "", u)


def _param(p: str) -> str:
    p = re.sub(r"\s*/\s*", "/", p.strip())
    low = p.lower()
    if low.startswith("ecog"):
        return "ECOG"
    if low.startswith(("karnofsky", "kps")):
        return "Karnofsky"
    return _PARAM_NORM.get(low, p)


def thresholds(text: str, start: int, end: int, split: bool = True) -> list[tuple[dict, tuple[int, int]]]:
    """Every threshold inside text[start:end], in order: [({parameter, operator, value, unit}, span)].

    "ALT/AST < 3 x ULN and total bilirubin <= 34.2 umol/L" gives three: ALT, AST (same span) and
    total bilirubin."""
    seg = text[start:end].replace("\\<", " <").replace("\\>", " >")   # same length: offsets stay valid
    out: list[tuple[dict, tuple[int, int]]] = []
    for m in _TH_RE.finditer(seg):
        val = float(m.group(3).replace(",", ""))
        span = (start + m.start(), start + m.end())
        for p in (_split_param(m.group(1)) if split else [m.group(1)]):
            out.append(({"parameter": _param(p), "operator": _op(m.group(2).strip()), "value": val,
                         "unit": _unit(m.group(4))}, span))
    for m in _RANGE_RE.finditer(seg):
        if int(m.group(2)) < int(m.group(3)) and not any(a <= start + m.start() < b for _t, (a, b) in out):
            out.append(({"parameter": _param(m.group(1)), "operator": "<=", "value": float(m.group(3)),
                         "unit": None}, (start + m.start(), start + m.end())))
    out.sort(key=lambda t: t[1][0])
    return out


def _split_param(p: str) -> list[str]:
    """"ALT/AST", "AST and ALT": one threshold for each enzyme."""
    parts = re.split(r"\s*(?:/|\band\b|\bor\b)\s*", p.strip())
    if len(parts) == 2 and {x.upper() for x in parts} == {"ALT", "AST"}:
        return parts
    return [p]


def threshold(text: str, start: int, end: int) -> tuple[dict, tuple[int, int]] | None:
    """The first threshold inside text[start:end] (see ``thresholds``); None without one."""
    found = thresholds(text, start, end, split=False)
    return found[0] if found else None
