"""Reading a line through a registry's table: which label starts it, and where its value begins.

Handles the forms registries print: EU CTR section codes glued to the label and the value
("B.1.1Name of SponsorX"), bilingual "native / English" labels (the English half is tried first),
numbered repeated fields ("Primary outcome [2] ...") and full-width colons.
"""
from __future__ import annotations

import re

from abstractor.extraction.registries import Registry

# A section code of the EU CTR, glued to its label or not: "E.8.1.1Randomised", "B.3.1 and B.3.2Status".
EU_CODE = re.compile(r"^([A-HNP]\.(?:\d{1,2}(?:\.\d{1,2}){0,5}|[A-Z]+(?=[ :]))?)"
                            r"(?:\s+(?:and|to)\s+[A-HNP]\.[\d.]+)?\s*")
# The native half of a bilingual label: "一般向け試験名/Public title", "研究名称   /   Scientific Title".
NATIVE_HALF = re.compile(r"^[^A-Za-z/]*[^\x00-\x7f][^A-Za-z/]*/\s*(?=[A-Za-z])")
# The language tag of a field's translation in the EU CTR download ("(es):", "(de):").
_LANG = re.compile(r"^\s*\([a-z]{2}\)\s*:")
_INDEX_LEAD = re.compile(r"^\s*\[\d{1,2}\]\s*:?\s*(?=\S)")
_INDEX = re.compile(r"^\s*\[\d{1,2}\]\s*:?(?:\s+\d+)*\s*$")   # "[1] 0 0", "[1] 2291 0": ANZCTR's record codes
_SAME_LEN = str.maketrans({"（": "(", "）": ")", "：": ":"})


def registry_label(reg: Registry, s: str) -> tuple[str, str, int] | None:
    """(target, rest, offset of rest in s) when the stripped line s starts with one of reg's labels."""
    if reg.codes:
        m = EU_CODE.match(s)
        if m and "." in m.group(1):
            entry = reg.codes.get(m.group(1))
            rest = s[m.end():]
            if entry and rest.lower().translate(_SAME_LEN).startswith(entry[0]):
                k = m.end() + len(entry[0])
                r = s[k:]
                if _LANG.match(r):          # "A.3 Full title of the trial (es): ...": another language's copy
                    return "stop", r, k
                k += len(r) - len(r.lstrip(" :："))
                return entry[1], s[k:], k
            return "stop", rest, m.end()
    low = s.lower().translate(_SAME_LEN)
    starts = [0]
    m = NATIVE_HALF.match(s)
    if m:
        starts.insert(0, m.end())     # "研究名称   /   Scientific Title": the English half is the more specific
    for off in starts:
        sub = low[off:]
        for lab, tgt in reg.by_char.get(sub[:1], ()):
            if not sub.startswith(lab):
                continue
            rest = s[off + len(lab):]
            if rest and not (rest[0] in ":|/([" or rest[0].isspace() or rest[0].isupper() or rest[0].isdigit()
                             or ord(rest[0]) > 127):
                continue
            if tgt == "stop" and len(lab) <= 4 and lab.isascii() and rest.strip() and rest.lstrip()[0] not in ":：":
                continue            # "To determine the dose ...": a sentence, not ChiCTR's "To" date field
            if _INDEX.match(rest):          # "Primary outcome [2]": ANZCTR numbers its repeated fields
                return tgt, "", len(s)
            m = _INDEX_LEAD.match(rest)
            if m:                           # "Primary outcome [1] Knee pain ...": the value after the index
                return tgt, rest[m.end():], off + len(lab) + m.end()
            k = off + len(lab) + len(rest) - len(rest.lstrip(" \t:|："))
            if s[k:].startswith("/"):       # "盲検化     /masking": the English half of the same label
                k = len(s)
            return tgt, s[k:], k
    return None


def broken_labels(reg: Registry, lines: list[str], taken) -> list[tuple[int, int, str]]:
    """(first line, label line, target) for each label broken over two or three stripped lines
    ("Institution" / "hospital："), the last ending in a colon; lines in ``taken`` are labels already."""
    out = []
    for i in range(len(lines) - 1):
        if i in taken or not lines[i] or len(lines[i]) > 60 or lines[i][-1] in ":：":
            continue
        for j in (i + 1, i + 2):
            if j >= len(lines) or j in taken or not lines[j] or len(lines[j]) > 80:
                break
            if lines[j][-1] not in ":：":
                continue
            m = registry_label(reg, " ".join(lines[i:j + 1]))
            if m and not m[1].strip():
                out.append((i, j, m[0]))
            break
    return out
