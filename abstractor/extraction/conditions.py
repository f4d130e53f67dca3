"""Conditions: the Conditions list, a one-line "Condition: a; b", or the purpose sentence.

Condition names may contain commas ("Carcinoma, Non-Small-Cell Lung"), so a
block is split by lines and a one-line list by semicolons, or by commas between
capitalised multi-word names. The purpose
sentence fallback ("... in patients with relapsed/refractory X.") is for
scrapes that lost the list; it needs a disease word to avoid picking prose.
"""
from __future__ import annotations

import re

from abstractor.extraction.base import Found
from abstractor.extraction.doc import Doc

NAME = "conditions"
_DISEASE = re.compile(r"(?i)(?:leuk[ae]mia|lymphoma|myeloma|malignan|cancer|tumou?r|carcinoma|neoplasm|sarcoma|lupus|"
                      r"disease|syndrome|disorder|infection|itis\b|emia\b|oma\b|malaria|diabetes|asthma|hypertension|obesity|"
                      r"depression|schizophrenia|HIV\b|tuberculosis|fibrosis|failure|insufficiency|stroke)")
# The condition field holding a sentence: "... in infants < 5 kg with uncomplicated falciparum malaria."
_WITH_TAIL = re.compile(r"\bwith\s+((?:[\w'’/-]+\s+){0,6}?[\w'’/-]+)\s*\.?\s*$")
_CODED = re.compile(r"(?i)^(?:ICD-?1[01](?:-GM|-CM)?|MeSH|free text)\s*:\s*(?:[A-Z]\d{2}(?:\.\d{1,2})?(?:-[A-Z]?\d{2})?\s*"
                    r"[-–:]\s*)?(?=\S)")
# Sections whose prose never names the study's condition in a purpose sentence.
_NOT_PURPOSE = ("out_primary", "out_secondary", "out_other", "out_table", "inclusion", "exclusion", "eligibility")
_PURPOSE = re.compile(
    r"\b(?:in|for|of|to)\s+(?:the\s+treatment\s+of\s+)?(?:adult\s+|pediatric\s+)?(?:patients|subjects|participants|adults|children|women|men"
    r"|adolescents)(?:\s+and\s+(?:young\s+)?(?:adults|adolescents|children))?"
    r"(?:\s+aged\s+\d{1,2}\s*(?:to|-|–)\s*\d{1,3}\s+years(?:\s+old)?)?"
    r"\s+with\s+([^.;\n]{3,140}?)(?=\.(?:\s|$)|;|, and |, as well as|, including|\s+(?:who|whose|that|which)\s"
    r"|\s+after\s|\n|$)"
    r"|\bin\s+the\s+treatment\s+of\s+(?!patients|subjects|participants)([^.;\n]{3,140}?)(?=\.(?:\s|$)|;|, and |\n|$)")


# "... CD7 CAR-T cells in relapsed or refractory T-lymphoblastic lymphoma": the product, "in", then a
# disease named with its relapse/advanced state (purpose lines of scrapes that lost the list).
_PRODUCT_IN = re.compile(
    r"(?i)\b(?:cells?|injection|therapy|CAR[- ]?T|CAR[- ]?NK)\s+in\s+"
    r"((?:relapsed|refractory|recurrent|advanced|metastatic|r/r)\b[^.;\n]{3,140}?)(?=\.(?:\s|$)|;|, and |\n|$)")


def _ok_item(s: str) -> bool:
    return 1 < len(s) <= 150 and not s.endswith(":") and len(s.split()) <= 15


# What a condition field holds when it names no condition ("Healthy Volunteers" is a listed condition).
_NO_CONDITION = re.compile(r"(?i)^(?:none|nil|n/?a|not applicable|not specified|other|-+)\.?$")
# "Low Back Pain 311509 0", "Giant Cell Arteritis 0 0": a registry's own record codes after the name.
_CODES_AFTER = re.compile(r"(?:\s+\d{5,}(?:\s+\d+)*|(?:\s+\d+){2,})$")  # "... 311509 0", "... 0 0"
# "Condition Healthy adults": the field's label repeated on the value's line.
_LABEL_BEFORE = re.compile(r"(?i)^(?:health\s+)?conditions?(?:\s*\(s\))?\s+(?=\S{3})")
# ISRCTN prints a condition under its category: "Pregnancy and Childbirth: Labour".
_CATEGORY_BEFORE = re.compile(
    r"^(?:Cancer|Circulatory System|Congenital Disorders|Digestive System|Ear, Nose and Throat|Eye Diseases|"
    r"Genetic Diseases|Haematological Disorders|Infections and Infestations|"
    r"Injury, Occupational Diseases, Poisoning|Mental and Behavioural Disorders|Musculoskeletal Diseases|"
    r"Neonatal Diseases|Nervous System Diseases|Nutritional, Metabolic, Endocrine|Oral Health|"
    r"Pregnancy and Childbirth|Respiratory|Skin and Connective Tissue Diseases|Surgery|"
    r"Urological and Genital Diseases|Signs and Symptoms|Other|"
    r"[A-Z][a-z]+(?: [a-z]+){0,3} (?:tract )?(?:diseases|disorders)):\s+(?=\S)")   # "Respiratory tract diseases: Asthma"


def _clean(f: Found) -> Found | None:
    """A condition as the page names it, without its label or trailing record codes; None when
    the field names no condition."""
    v, a, b = f.value, f.start, f.end
    m = _LABEL_BEFORE.match(v) or _CATEGORY_BEFORE.match(v)
    if m:
        v, a = v[m.end():], a + m.end()
    m = _CODES_AFTER.search(v)
    if m and m.start() > 0:
        v, b = v[:m.start()], b - (len(v) - m.start())
    if not v.strip() or _NO_CONDITION.match(v.strip()):
        return None
    return Found(v, a, b, f.confidence, f.extractor) if (v, a, b) != (f.value, f.start, f.end) else f


def extract_conditions(doc: Doc) -> list[Found]:
    out: list[Found] = []
    for h, k in enumerate(doc.kinds):
        if k != "conditions":
            continue
        items = []
        for i in range(h + 1, min(len(doc.lines), h + 41)):
            ln = doc.lines[i]
            if doc.kinds[i] or i in doc.valued_lines or doc.reg_lines.get(i, ("heading:conditions",))[0] != \
                    "heading:conditions":
                break             # the next heading or field ("Purpose of the trial Education /Training")
            if not ln.s:
                if items:
                    break
                continue
            if items and not any(ch.isalnum() for ch in ln.s):
                break             # a pictogram line ("☰") after the list: page chrome
            if doc.registry and doc.registry.bilingual and not ln.s.isascii():
                continue          # the native line of a bilingual registry: its English line follows
            if doc.registry and ln.s in doc.registry.langs:
                if ln.s == doc.registry.langs[0] and not items:
                    continue      # "en" above the English value (ReBEC)
                break             # another language's copy
            if not _ok_item(ln.s):
                items = []
                m = _WITH_TAIL.search(ln.s) if not out and doc.registry else None
                if m and _DISEASE.search(m.group(1)):
                    a = ln.start + ln.text.index(m.group(1), m.start(1) + ln.span()[0] - ln.start)
                    out.append(Found(m.group(1), a, a + len(m.group(1)), 0.7, NAME + ".field_sentence"))
                break
            a, b = ln.span()
            m = _CODED.match(ln.s)         # "ICD10: H93.1 - Tinnitus": the name after the code
            if m:
                a += m.end()
            items.append(Found(ln.s[m.end():] if m else ln.s, a, b, 0.92, NAME + ".block"))
        if len(items) == 1:
            items = _split_found(doc, items[0], NAME + ".block")
        out.extend(items)
        if out and not (doc.registry and h in doc.reg_lines):
            return _dedupe(out)
        # a registry's condition fields (PACTR's disease and sub-disease) are read one after another
    if out and not doc.registry:
        return _dedupe(out)
    for lv in doc.labels.get("condition", []):
        if not lv.inline:
            continue
        pos = lv.start
        for part in _inline_parts(lv.value):
            p = part.strip()
            a = doc.text.index(p, pos) if p else pos
            pos = a + len(p)
            if p and _ok_item(p):
                out.append(Found(p, a, a + len(p), 0.92, NAME + ".inline"))
        if out and not doc.registry:
            return _dedupe(out)       # a registry may print two condition fields (PACTR's disease and sub-disease)
    if out:
        return _dedupe(sorted(out, key=lambda f: f.start))
    for lv in doc.labels.get("condition_plain", []):
        if _ok_item(lv.value):   # EU CTR's "condition in easily understood language" when E.1.1 is empty
            return [Found(lv.value, lv.start, lv.end, 0.85, NAME + ".plain")]
    if doc.registry:
        return []            # a registry states its conditions in its own field; a summary's prose is not that
    skip = [(doc.lines[a].start, doc.lines[b - 1].end) for a, b, _k in doc.sections(*_NOT_PURPOSE) if b > a]
    for m in _PURPOSE.finditer(doc.text):
        if any(x <= m.start() < y for x, y in skip):
            continue
        g = 1 if m.group(1) else 2
        val = m.group(g).strip().rstrip(",")
        if _DISEASE.search(val) and len(val.split()) <= 14:
            s = m.start(g)
            return [Found(val, s, s + len(val), 0.65, NAME + ".purpose")]
    found = [m for m in _PRODUCT_IN.finditer(doc.text) if _DISEASE.search(m.group(1)) and len(m.group(1).split()) <= 14]
    # prose only ("in relapsed ..."): a title-case title line ("in Relapsed or Refractory ...") may shorten
    # or reword the disease
    m = next((m for m in found if m.group(1)[:1].islower()), None)
    if m:
        val = m.group(1).strip().rstrip(",")
        s = m.start(1)
        return [Found(val, s, s + len(val), 0.6, NAME + ".purpose")]
    return []


def _split_found(doc: Doc, f: Found, who: str) -> list[Found]:
    parts = _inline_parts(f.value)
    if len(parts) < 2:
        return [f]
    out, pos = [], f.start
    for part in parts:
        p = part.strip()
        a = doc.text.index(p, pos)
        pos = a + len(p)
        out.append(Found(p, a, pos, f.confidence, who))
    return out


# Modifier words of an inverted index term ("Lymphoma, B-Cell", "Breast Neoplasms, Male"): never a name alone.
_MODIFIER = re.compile(r"(?i)^(?:acute|chronic|male|female|adult|childhood|juvenile|recurrent|refractory|relapsed|"
                       r"familial|hereditary|primary|secondary|metastatic|[a-z]-cell|unspecified|other)$")


# A part ending in a qualifier names no disease of its own.
_ADJ_END = re.compile(r"(?i)(?:mutant|mutated|positive|negative|advanced|metastatic|recurrent|refractory|relapsed|"
                      r"resectable|unresectable|untreated|previously treated|naive|naïve)$")


def _inline_parts(v: str) -> list[str]:
    """A one-line list: split by semicolons; by commas only when every part is a capitalised name of
    two or more words ("Breast Cancer, Mammographic Density"), never an inverted term such as
    "Carcinoma, Non-Small-Cell Lung" or "Lymphoma, B-Cell"."""
    if ";" in v:
        return v.split(";")
    spaced = re.sub(r"\s+,", ",", v.strip().rstrip(",").rstrip())
    parts = [p.strip() for p in spaced.split(", ")]
    if (" , " in v or v.rstrip().endswith(" ,")) and all(parts):
        if not (len(parts) >= 3 and parts[-1].startswith("and ")):
            return parts                  # "HIV/AIDS , Tuberculosis ,": a registry's own separators
    if len(parts) >= 3 and parts[-1].startswith("and ") and all(0 < len(p.split()) <= 6 for p in parts):
        # "gastrointestinal ulcer, reflux esophagitis, ..., Crohn's disease, and hepatic cirrhosis"
        return parts[:-1] + [parts[-1][4:]]
    sep = "," if ", " not in v and re.search(r"[a-z)],[A-Z]", v) else ", "   # "Infections,Nervous System Diseases"
    parts = [p.strip() for p in v.split(sep)]
    if any(_ADJ_END.search(p) for p in parts[:-1]):
        return [v]              # "KRAS G12C-Mutant, Locally Advanced ... Cancer": qualifiers of one disease
    if len(parts) > 1 and all(len(p.split()) >= 2 and p[:1].isupper() for p in parts):
        return parts
    # "Postoperative Ileus, Colectomy": a multi-word name first, then capitalised names of one word or more
    if len(parts) > 1 and len(parts[0].split()) >= 2 and all(
            p[:1].isupper() and (len(p.split()) >= 2 or (len(p) >= 4 and p.isalpha() and not _MODIFIER.match(p)))
            for p in parts):
        return parts
    return [v]


def _dedupe(items: list[Found]) -> list[Found]:
    seen, out = set(), []
    for f in filter(None, map(_clean, items)):
        k = f.value.lower()
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out
