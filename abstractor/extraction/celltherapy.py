"""Cell-therapy product facts: target antigens, cell type, cell source, lymphodepletion regimen.

Each fact is read only where the page ties it to the cell product, so that a
CAR-T page's exclusion criterion "prior allogeneic stem cell transplantation"
never makes the product allogeneic:
- antigens bound to a CAR/TCR ("anti-CD19 CAR-T", "CD123-targeted CAR-NK",
  "CAR T cells targeting BCMA", "CD19/CD22 bispecific CAR");
- the cell type named most often (CAR-T, CAR-NK, TCR-T, TIL ...), only when it
  clearly dominates any other;
- the source word right before a cell product ("autologous anti-CD19 CAR-T
  cells", "allogenic CD123-CAR-NK", "universal CAR-T", "off-the-shelf",
  "donor-derived", "cord blood-derived NK cells"), only when one source dominates;
- the lymphodepletion regimen: the clause that names lymphodepletion (or
  conditioning before the infusion) together with its drugs.
"""
from __future__ import annotations

import re
from collections import Counter

from abstractor.extraction.base import Found

NAME = "celltherapy"

_ANTIGEN = (r"CD\d{1,3}[a-z]?|BCMA|GPC3|GPRC5D|CLDN18\.2|Claudin\s?18\.2|HER-?2|EGFRvIII|EGFR|GD2|"
            r"mesothelin|MSLN|MUC1|MUC16|NKG2D|NKG2DL|PSMA|PSCA|ROR1|DLL3|B7-H3|EpCAM|CEA|IL13R[αa]2|PD-L1|"
            r"NY-ESO-1|MAGE-A\d{1,2}|AFP|CS1|SLAMF7|FLT3|CLL-?1|TRBC1|TSHR|LMP1|HPV16 E7|KRAS G12[DV]|Lewis[- ]Y|"
            r"IL-?3R[αa]?|Integrin [αa]v[βb]6|c-Met|FAP|CAIX|CD44v6|LeY|Tn-MUC1|BAFF-?R|Kappa light chain|CD79b")
_ANT = r"(?:%s)" % _ANTIGEN
_PRODUCT = r"(?:CAR|chimeric antigen receptor|TCR|T[- ]cell receptor|bispecific CAR|TRuC|STAR)"
# "anti-CD19 CAR", "CD19-CAR-T", "CD19/CD22 CAR", "CD123-Targeted CAR-NK", "anti-human CD7 CAR-NK".
_BEFORE = re.compile(r"(?<![\w-])(?:anti-?\s?(?:human\s+)?)?(%s(?:\s*(?:/|and|×|x|-|,)\s*%s){0,2})\s*[-‐ ]?\s*"
                     r"(?:(?:targeted|targeting|specific|directed|redirected|based|engineered)\s*[-‐ ]?\s*)?%s"
                     % (_ANT, _ANT, _PRODUCT), re.I)
# "CAR T cells targeting BCMA", "CAR-NK cells directed against CD33".
_AFTER = re.compile(r"%s[- ]?(?:T|NK|M)?[\w -]{0,20}?\b(?:targeting|directed against|specific for|against)\s+"
                    r"(%s(?:\s*(?:/|and|,)\s*%s){0,2})(?![\w-])" % (_PRODUCT, _ANT, _ANT), re.I)
_ONE = re.compile(r"(?<![\w-])%s(?![\w])" % _ANT, re.I)

_TYPES = [("CAR-NK", r"\bCAR[- ]?NK\b|chimeric antigen receptor[- ](?:modified |engineered )?(?:natural killer|NK)\b"),
          ("CAR-T", r"\bCAR[- ]?T\b|\bCART(?:-?\d+)?\b|\bCAR-T\w*|chimeric antigen receptor[- ](?:modified |engineered )?T\b"),
          ("CAR-M", r"\bCAR[- ]?M(?:acrophages?)?\b"),
          ("TCR-T", r"\bTCR[- ]?T\b|\bTCR[- ](?:engineered|modified|transduced) T\b|T[- ]cell receptor[- ](?:engineered|"
                    r"modified|transduced) T\b"),
          ("TIL", r"\bTILs?\b|tumou?r[- ]infiltrating lymphocytes?"),
          ("CIK", r"\bCIK\b|cytokine[- ]induced killer"),
          ("NK", r"\bNK cells?\b(?! engager)|natural killer cells?")]
_TYPE_RES = [(t, re.compile(p, re.I)) for t, p in _TYPES]

_SOURCES = [("AUTOLOGOUS", r"autologous"),
            ("ALLOGENEIC", r"allogene?ic|allogenic|universal|off-the-shelf|off the shelf|donor-derived|"
                           r"(?:umbilical )?cord[- ]blood(?:[- ]derived)?|healthy[- ]donor")]
# The source word must qualify the cell product, not a transplant.
_CELLS = r"(?:(?:[\w/()-]+\s+){0,4}?(?:CAR|TCR|TIL|NK|CIK|T)[\w-]*\s*(?:cells?|lymphocytes?|products?|injection|therapy)?)"
_SOURCE_RES = [(v, re.compile(r"\b(%s)[- ]\s*%s" % (p, _CELLS), re.I)) for v, p in _SOURCES]
_TRANSPLANT = re.compile(r"(?i)transplant|\bHSCT\b|\bSCT\b|stem cells?|hematopoietic|haematopoietic|bone marrow")

_LD_KEY = re.compile(r"(?i)lympho-?\s?deplet\w*|lymphocyte depletion|(?:pre-?)?conditioning (?:chemotherapy|regimen)|"
                     r"\bLDC\b")
_LD_DRUG = re.compile(r"(?i)fludarabine|cyclophosphamide|bendamustine|\bFlu\b|\bCy\b|\bFC\b|\bFlu/Cy\b|busulfan|"
                      r"melphalan|alemtuzumab|etoposide")
# "... lymphodepletion", "...-based lymphodepleting chemotherapy" after the drugs: the keyword, not the regimen.
_LD_TAIL = re.compile(r"(?i)[\s-]*(?:based\s+)?(?:lympho-?\s?deplet\w*|conditioning)(?:\s+(?:chemotherapy|regimen))?$")
# A line break ends the clause unless the next line carries on (a wrapped line: lower case or a dose).
_CLAUSE_END = re.compile(r"(?<!\d)\.(?!\d)|\.(?=\s|$)|\n(?![ \t]*(?:[a-z]|\d+(?![.)\d])))|;\s|。|,?\s+(?:and )?then\b|,?\s+followed by\b")


def _dominant(counts: Counter) -> str | None:
    top = counts.most_common(2)
    if not top:
        return None
    if len(top) > 1 and top[0][1] < 2 * top[1][1]:
        return None                     # two kinds named about as often: cannot tell
    return top[0][0]


_CANON = {"MSLN": "Mesothelin", "MESOTHELIN": "Mesothelin", "CLL-1": "CLL1", "HER-2": "HER2", "BAFFR": "BAFF-R",
          "LEWIS Y": "Lewis Y", "LEWIS-Y": "Lewis Y", "LEY": "Lewis Y", "NKG2DL": "NKG2D"}


def _norm_antigen(s: str) -> str:
    s = re.sub(r"\s+", " ", s.strip())
    if s.upper() in _CANON:
        return _CANON[s.upper()]
    if re.fullmatch(r"(?i)cd\d{1,3}[a-z]?", s):
        return "CD" + s[2:]
    if re.fullmatch(r"(?i)claudin\s?18\.2", s):
        return "CLDN18.2"
    return s if not s.islower() else s.upper()


# Where a product is named: the antigen patterns are tried only in a window around these.
_PRODUCT_AT = re.compile(r"CAR|TCR|TRuC|STAR|[Cc]himeric [Aa]ntigen [Rr]eceptor|T[- ]cell receptor")
_TYPE_ALL = re.compile("|".join("(?P<g%d>%s)" % (i, p) for i, (_t, p) in enumerate(_TYPES)), re.I)
_TYPE_LOW = re.compile("|".join("(?P<g%d>%s)" % (i, re.sub(r"\\[A-Z]|([A-Z])", lambda m: m.group(1).lower()
                                                            if m.group(1) else m.group(0), p))
                                for i, (_t, p) in enumerate(_TYPES)))
_TYPE_START = re.compile(r"car|chimeric|tcr|t[- ]cell receptor|til|tumou?r|cik|cytokine|nk|natural")
_TYPE_HINT = ("CAR", "TCR", "TIL", "CIK", "NK", "atural killer", "nfiltrating", "himeric")


def extract_antigens(text: str) -> list[Found]:
    out, seen, done = [], set(), set()
    for p in _PRODUCT_AT.finditer(text):
        for rx, a, b in ((_BEFORE, max(0, p.start() - 90), p.end() + 30), (_AFTER, p.start(), p.end() + 120)):
            for m in rx.finditer(text, a, min(len(text), b)):
                grp = m.start(1)
                if (grp, m.end(1)) in done:
                    continue
                done.add((grp, m.end(1)))
                for x in _ONE.finditer(m.group(1)):
                    v = _norm_antigen(x.group(0))
                    if v.upper() in seen:
                        continue
                    seen.add(v.upper())
                    out.append((grp + x.start(), Found(v, grp + x.start(), grp + x.end(), 0.85, NAME + ".antigen")))
    return [f for _p, f in sorted(out, key=lambda x: x[0])]


def extract_cell_type(text: str) -> Found | None:
    if not any(h in text for h in _TYPE_HINT):
        return None
    counts: Counter = Counter()
    first: dict[str, re.Match] = {}
    low = text.lower()          # a case-sensitive scan of the lowered text is several times faster
    if len(low) == len(text):
        matches, pos = [], 0
        for c in _TYPE_START.finditer(low):   # every type pattern starts with one of these words
            if c.start() < pos:
                continue
            m = _TYPE_LOW.match(low, c.start())
            if m:
                matches.append(m)
                pos = m.end()
    else:
        matches = list(_TYPE_ALL.finditer(text))
    for m in matches:
        t = _TYPES[int(m.lastgroup[1:])][0]
        counts[t] += 1
        first.setdefault(t, m)
    if counts.get("NK") and any(counts.get(k) for k in ("CAR-NK", "CAR-T", "TCR-T", "TIL", "CIK", "CAR-M")):
        del counts["NK"]                # engineered cells named: plain "NK cells" are a marker or the disease
    t = _dominant(counts)
    if t is None:
        return None
    m = first[t]
    return Found(t, m.start(), m.end(), 0.8, NAME + ".cell_type")


def extract_cell_source(text: str) -> Found | None:
    counts: Counter = Counter()
    first: dict[str, re.Match] = {}
    for v, rx in _SOURCE_RES:
        for m in rx.finditer(text):
            if _TRANSPLANT.search(m.group(0)) or _TRANSPLANT.match(text, m.end(), m.end() + 30):
                continue
            counts[v] += 1
            first.setdefault(v, m)
    v = _dominant(counts)
    if v is None:
        return None
    m = first[v]
    return Found(v, m.start(1), m.end(1), 0.8, NAME + ".cell_source")


def extract_lymphodepletion(text: str) -> Found | None:
    """The first clause naming lymphodepletion with at least one of its drugs, as written."""
    for m in _LD_KEY.finditer(text):
        a = max(text.rfind("\n", 0, m.start()) + 1, _clause_start(text, m.start()))
        e = _CLAUSE_END.search(text, m.end())
        b = e.start() if e else len(text)
        if b - a > 400 or not _LD_DRUG.search(text, a, b):
            continue
        a = _LD_DRUG.search(text, a, b).start()      # the regimen: from its first drug on
        seg = _LD_TAIL.sub("", text[a:b].rstrip(" ,;:)"))
        b = a + len(seg)
        if b > a:
            return Found(text[a:b], a, b, 0.75, NAME + ".lymphodepletion")
    return None


def _clause_start(text: str, pos: int) -> int:
    k = max(text.rfind(". ", 0, pos), text.rfind("; ", 0, pos), text.rfind("。", 0, pos))
    return k + 2 if k >= 0 else 0


def extract_cell_facts(text: str) -> dict:
    """target_antigens (list), cell_type, cell_source, lymphodepletion; the last three only on a
    page about a cell product (a cell type found)."""
    ctype = extract_cell_type(text)
    out: dict = {"target_antigens": extract_antigens(text), "cell_type": ctype}
    if ctype is not None or out["target_antigens"]:
        out["cell_source"] = extract_cell_source(text)
        out["lymphodepletion"] = extract_lymphodepletion(text)
    return out
