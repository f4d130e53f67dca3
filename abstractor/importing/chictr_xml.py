"""ChiCTR's own XML download ("下载XML文档" on a ChiCTR detail page), read with the WHO ICTRP importer.

The file is the ICTRP data format (``<trials><Triall><main><trial_id>ChiCTR...``; ChiCTR spells the
trial element "Triall") with ChiCTR's habits inside it: fields of the study groups are written
"group:value;" once per group (``target_size`` "A group:30;B group:30;", ``i_freetext``
"A group:drug X;B group:placebo;"), the design is one of ChiCTR's words ("Parallel",
"Single arm"), and "N/A" stands for an empty value.  This module reads those habits; ``ictrp``
renders the record and keeps the evidence.
"""
from __future__ import annotations

import re
from typing import Optional

from models import schema
from abstractor.extraction import values
from abstractor.importing.rendered import RenderedText

# "A group:30;B group:30;" -- group names may hold spaces and hyphens, never ":" or ";".
_PAIR = re.compile(r"\s*([^:;：\n]{1,120}?)\s*[:：]\s*([^;\n]*?)\s*(?:;|\n|$)")
_NA = re.compile(r"(?i)^(?:n/?a|none|nil|无|/|-+)?$")


def is_chictr(rec: dict[str, list[str]]) -> bool:
    ids = rec.get("trial_id", []) + rec.get("register", [])
    return any(s.upper().startswith("CHICTR") for s in ids)


def groups(s: Optional[str]) -> list[tuple[str, str]]:
    """[(group, value)] of a "group:value;group:value;" field; [] unless the whole text is such pairs."""
    if not s or ":" not in s and "：" not in s:
        return []
    out, pos = [], 0
    while pos < len(s):
        m = _PAIR.match(s, pos)
        if not m or m.end() == pos:
            return []
        out.append((m.group(1), m.group(2)))
        pos = m.end()
        while pos < len(s) and s[pos] in " ;\n":
            pos += 1
    return out


def total_size(s: Optional[str]) -> Optional[int]:
    """The sum of the groups' sizes when every group states a whole number; else None."""
    pairs = groups(s)
    if not pairs or not all(re.fullmatch(r"\d{1,6}", v) for _g, v in pairs):
        return None
    return sum(int(v) for _g, v in pairs)


def model(s: Optional[str]) -> Optional[str]:
    """ChiCTR's study design word as an intervention model ("Parallel", "Single arm"); None otherwise."""
    if not s:
        return None
    from abstractor.extraction.registries import by_key

    reg = by_key("chictr")
    return (reg.value("model", s) if reg else None) or values.enum_value(values.MODELS, s)


def write_groups(w: RenderedText, ab: schema.Abstraction, text: str) -> bool:
    """The groups of an "i_freetext" written as arms (label, intervention); False when the text is not
    in ChiCTR's group form."""
    pairs = groups(text)
    if not pairs:
        return False
    w.heading("Groups and interventions")
    arms, intvs = [], []
    for label, what in pairs:
        k = len(arms)
        w.write("Group: ")
        w.value(label, f"arms[{k}].label")
        arm = schema.Arm(label=label)
        if not _NA.match(what):
            w.write("\nIntervention: ")
            a = w.length
            w.value(what, f"arms[{k}].description")
            what = "".join(w.parts[-1:])            # as written (normalised)
            arm.description = what
            arm.interventions = [what]
            if what not in [i.name for i in intvs]:
                w.evidence.append(schema.Evidence(field=f"interventions[{len(intvs)}].name",
                                                  start=a, end=w.length, quote=what))
                intvs.append(schema.Intervention(name=what))
        w.write("\n")
        arms.append(arm)
    ab.arms = arms
    ab.interventions = intvs
    return True
