"""Registry ids (NCT, ChiCTR, ITMCTR, EudraCT/CTIS, ISRCTN, jRCT, CTRI, DRKS, ACTRN ...).

A page often cites other trials ("participants who completed NCT0..."), so an
unlabelled id is only taken when it is the page's dominant one.
"""
from __future__ import annotations

import re
from collections import Counter

from abstractor.extraction.base import Found
from abstractor.extraction.doc import Doc

NAME = "ids"
ID_RE = re.compile(
    r"\b(ChiCTR\d{10}(?=[A-Z][a-z])|"            # glued to the next label: "ChiCTR2300074415Date of ..."
    r"(?:NCT\d{8}|ChiCTR-?[A-Z]{0,4}-?\d{8,10}|ISRCTN\d{8}|jRCT[a-z]?\d{9,10}|CTRI/\d{4}/\d{2,3}/\d{6}|"
    r"ITMCTR\d{10}|ChiMCTR\d{10}|DRKS\d{8}|ACTRN\d{14}p?|KCT\d{7}|UMIN\d{9}|JapicCTI-R?\d{6}|PACTR\d{15,16}|IRCT\d{8,14}N\d{1,3}|"
    r"TCTR\d{11}|RBR-\w{6,8}|NL-OMON\d{3,6}|NTR\d{3,5}|SLCTR/\d{4}/\d{3}|CTIS\d{4}-\d{6}-\d{2}-\d{2}|EUCTR\d{4}-\d{6}-\d{2}(?:-[A-Z]{2})?|"
    r"(?<=EudraCT )\d{4}-\d{6}-\d{2}|(?<=EudraCT Number: )\d{4}-\d{6}-\d{2}|(?<=EU CT )\d{4}-\d{6}-\d{2}-\d{2}|"
    r"(?<=EU CT number )\d{4}-\d{6}-\d{2}-\d{2}|(?<=EU CT number: )\d{4}-\d{6}-\d{2}-\d{2}|"
    r"(?<=EudraCT number: )\d{4}-\d{6}-\d{2}|(?<=EudraCT No: )\d{4}-\d{6}-\d{2})\b)")
# An EU number is only matched after its own registry name: as good as a label.
_EU_NUM = re.compile(r"^\d{4}-\d{6}-\d{2}")
_EU_BARE = re.compile(r"(?<![\w-])\d{4}-\d{6}-\d{2}(?:-\d{2})?(?![\w-])")


def extract_registry_ids(doc: Doc) -> list[Found]:
    """Labelled ids first; otherwise the id the page repeats most (or its only one)."""
    labelled: list[Found] = []
    for lv in doc.labels.get("reg_id", []):
        for m in ID_RE.finditer(lv.value):
            s = lv.start + m.start()
            labelled.append(Found(m.group(1), s, s + len(m.group(1)), 0.97, NAME + ".labelled"))
        if doc.registry:          # a registry's own id field: a bare EudraCT number is an id too
            for m in _EU_BARE.finditer(lv.value):
                s = lv.start + m.start()
                labelled.append(Found(m.group(0), s, s + len(m.group(0)), 0.95, NAME + ".labelled"))
    if labelled or any(_EU_NUM.match(m.group(1)) for m in ID_RE.finditer(doc.text)):
        labelled += [Found(m.group(1), m.start(1), m.end(1), 0.9, NAME + ".eu_number")
                     for m in ID_RE.finditer(doc.text) if _EU_NUM.match(m.group(1))]
    if labelled:
        seen, out = set(), []
        for f in labelled:
            if f.value not in seen:
                seen.add(f.value)
                out.append(f)
        return out
    hits = [(m.group(1), m.start(1), m.end(1)) for m in ID_RE.finditer(doc.text)]
    if not hits:
        return []
    score: Counter = Counter()
    for val, a, _b in hits:
        before = doc.text[max(0, a - 45):a]
        score[val] += 0.2 if _OTHER_STUDY.search(before) else 1.0
    ranked = score.most_common()
    top, n = ranked[0]
    if len(ranked) > 1 and (n < 1.5 * ranked[1][1] or n < 2):
        return []                      # no clearly dominant id: cannot tell which is this study's
    conf = 0.85 if len(ranked) == 1 else 0.7
    first = next(h for h in hits if h[0] == top)
    return [Found(top, first[1], first[2], conf, NAME + ".dominant")]


# Words that introduce another trial's id: "the lead-in study (NCT...)", "participated in NCT...".
_OTHER_STUDY = re.compile(r"(?i)(?:lead-in|extension|parent|previous|prior|preceding|feeder|induction|original|"
                          r"another|other|earlier|participated in|completed|enrolled in|from)[^.]{0,30}$")
