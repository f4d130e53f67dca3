"""Repeated label blocks of a registry page: one record per group or site.

ChiCTR prints each study group as "组别 / Sample size / Group / Intervention" lines and
each site as "Country / Province / City / Institution hospital" lines, Chinese and English
labels each over their own value.  The registry tables mark those labels as parts
(``part:arm.label``, ``part:site.country`` ...); a record starts again wherever the label
that opened the first record comes back.  Only parts inside the block's own section
count (the sponsor's address block uses the same Country / Province labels).
"""
from __future__ import annotations

import re

from abstractor.extraction.base import Found, Row
from abstractor.extraction.doc import Doc
from abstractor.extraction.sites import _COUNTRY_SET
from abstractor.extraction.registries.match import _SAME_LEN

_INDEX = re.compile(r"\s*\[\d{1,2}\]$")

NAME = "blocks"


def _english(s: str) -> bool:
    return sum(c.isascii() for c in s) >= 0.9 * len(s)


def _value(doc: Doc, i: int, off: int, many: bool) -> tuple[str, int, int] | None:
    """The value of part line i: the text after its label, else the lines under it up to the next
    label (the first only unless ``many``)."""
    ln = doc.lines[i]
    a, _b = ln.span()
    rest = ln.s[off:].strip()
    if rest and not many:
        s = a + ln.s.index(rest, off)
        return rest, s, s + len(rest)
    got: list[int] = []
    j = i + 1
    while j < len(doc.lines) and j not in doc.reg_lines and not doc.kinds[j] and len(got) < 6:
        if doc.lines[j].s:
            got.append(j)
            if not many:
                break
        elif rest or got:
            break                   # a blank line ends a block that has started
        j += 1
    if rest:
        s = a + ln.s.index(rest, off)
        e = doc.lines[got[-1]].span()[1] if got else s + len(rest)
        return " ".join([rest] + [doc.lines[k].s for k in got]), s, e
    if not got:
        return None
    s, e = doc.lines[got[0]].span()[0], doc.lines[got[-1]].span()[1]
    return " ".join(doc.lines[k].s for k in got), s, e


def _glued(doc: Doc, i: int) -> list[tuple[str, str, tuple[str, int, int] | None]] | None:
    """A line of labels run together with their values ("Group：A groupSample size：18Intervention：X"):
    (target, label, value) for each label found right before a full-width colon; None when the line
    is not such a run."""
    ln = doc.lines[i]
    if ln.text.count("：") < 2:
        return None
    low = ln.text.lower().translate(_SAME_LEN)
    cuts = []                                  # (label start, colon position, target)
    for c in (k for k, ch in enumerate(ln.text) if ch == "："):
        seg = low[cuts[-1][1] + 1 if cuts else 0:c].rstrip()
        for lab, tgt in doc.registry.labels:
            if seg.endswith(lab):
                cuts.append((cuts[-1][1] + 1 + len(seg) - len(lab) if cuts else len(seg) - len(lab), c, tgt))
                break
    if len(cuts) < 2:
        return None
    out = []
    for k, (a, c, tgt) in enumerate(cuts):
        e = cuts[k + 1][0] if k + 1 < len(cuts) else len(ln.text)
        v = ln.text[c + 1:e].strip()
        vs = ln.start + ln.text.index(v, c + 1) if v else 0
        out.append((tgt, low[a:c].strip(), (v, vs, vs + len(v)) if v else None))
    return out


def _fields(doc: Doc):
    """(target, label, value or None, line, offset) for every registry field, glued runs split."""
    for i in sorted(doc.reg_lines):
        tgt, off = doc.reg_lines[i]
        run = _glued(doc, i) if off < len(doc.lines[i].s) else None
        if run:
            for t, lab, v in run:
                yield t, lab, v, None, 0
        else:
            yield tgt, doc.lines[i].s[:off].strip(" :：").lower(), None, i, off


def records(doc: Doc, kind: str, sections: tuple[str, ...]) -> list[dict[str, tuple[str, int, int]]]:
    """Records of ``kind`` parts inside the given registry headings, each {field: (value, start, end)};
    on a bilingual page the English value of a field wins over the native one."""
    out: list[dict[str, tuple[str, int, int]]] = []
    inside, opener, cur, head = False, None, None, None
    for tgt, label, v, i, off in _fields(doc):
        if tgt == "label:enrollment" and inside and kind == "arm":
            tgt = "part:arm.size"           # a group's own sample size, not the trial's
        if tgt.startswith(("heading:", "label:")):
            inside = tgt[8:] in sections if tgt.startswith("heading:") else False
            if not inside:
                opener = None
            elif i is not None:
                head = i
            continue
        if not inside or not tgt.startswith("part:" + kind + "."):
            continue
        fld = tgt.split(".", 1)[1]
        label = _INDEX.sub("", label)            # "Recruitment hospital [2]": the same label as "[1]"
        if opener is None:
            opener = label
        if label == opener or cur is None:
            cur = {"_heading": head}
            out.append(cur)
        if i is not None:
            v = _value(doc, i, off, fld in ("description", "block"))
        if v and (fld not in cur or (_english(v[0]) and not _english(cur[fld][0]))):
            cur[fld] = v
    return out


# "A in combination with B, C and D", "placebo with B", "A plus B", "A + B": a group's regimen as a list.
_JOIN = re.compile(r"\s+(?:in combination with|combined with|plus|with|and)\s+|\s*[,+、]\s*(?:and\s+)?")
# Words of a sentence, not of a drug's name: such a part means the text is not a plain list.
_PROSE = re.compile(r"(?i)\b(?:for|of|to|by|at|per|in|on|once|twice|daily|weekly|every|oral|orally|mg|g|ml|"
                    r"days?|weeks?|cycles?|group|monotherapy|maintenance|treatment|therapy|dose|doses|"
                    r"infusion|injection|tablets?|capsules?|followed|then|or)\b|^[\d.]+$")


def components(text: str, start: int) -> list[tuple[str, int]]:
    """The agents of a group's regimen text with their offsets: two or more short names joined by
    "in combination with", "with", "plus", "+", commas or "and"; else the whole text as one."""
    parts, pos = [], 0
    for m in _JOIN.finditer(text):
        parts.append((text[pos:m.start()], pos))
        pos = m.end()
    parts.append((text[pos:], pos))
    names = [(p.strip(), k + len(p) - len(p.lstrip())) for p, k in parts]
    if len(names) >= 2 and all(n and len(n.split()) <= 3 and not _PROSE.search(n) for n, _k in names):
        return [(n, start + k) for n, k in names]
    return [(text, start)]


def read_arms(doc: Doc) -> tuple[list[Row], list[Row], Found | None, bool]:
    """Arms, their interventions, the enrollment summed over the groups' sample sizes (ChiCTR
    states a size per group and no total) and whether any group stated a size."""
    recs = [r for r in records(doc, "arm", ("interventions", "arms")) if "label" in r]
    arms, intvs, sizes = [], [], []
    for r in recs:
        lab = r["label"]
        vals = {"label": lab[0], "type": None, "description": None, "interventions": []}
        spans = {"label": lab[1:]}
        d = r.get("description")
        if d and len(d[0]) <= 300:
            vals["description"] = d[0]
            spans["description"] = d[1:]
            if len(d[0]) <= 100 and d[0].count(". ") == 0:
                for name, a in components(d[0], d[1]):
                    vals["interventions"].append(name)
                    if not any(x.values["name"].lower() == name.lower() for x in intvs):
                        intvs.append(Row({"name": name, "type": None, "description": None},
                                         {"name": (a, a + len(name))}, 0.8, NAME + ".interventions"))
        arms.append(Row(vals, spans, 0.8, NAME + ".arms"))
        n = r.get("size")
        sizes.append(n if n and n[0].isdigit() and len(n[0]) <= 6 else None)
    total = None
    if sizes and all(sizes):
        total = Found(sum(int(n[0]) for n in sizes), sizes[0][1], sizes[-1][2], 0.8, NAME + ".sizes")
    return arms, intvs, total, any(sizes)


def read_sites(doc: Doc) -> list[Row]:
    """Sites as records of facility, city, region and country under the registry's sites heading;
    ANZCTR's "Hospital - Suburb" lines give the facility and its city."""
    rows = []
    for r in records(doc, "site", ("locations",)):
        blk = r.get("block")
        if blk and "facility" not in r:          # the name, then address lines ending with the country
            parts = doc.text[blk[1]:blk[2]].split("\n")
            first = parts[0].strip()
            r["facility"] = (first, blk[1] + parts[0].index(first), blk[1] + parts[0].index(first) + len(first))
            last = parts[-1].strip()
            if len(parts) > 1 and last in _COUNTRY_SET:
                r["country"] = (last, blk[2] - len(last), blk[2])
        fp = r.get("facility_place")
        if fp and "facility" not in r:
            v, a, _b = fp
            fac, sep, place = v.rpartition(" - ")
            if not sep:
                fac, place = v, ""
            r["facility"] = (fac.strip(), a, a + len(fac.strip()))
            if place.strip() and len(place) <= 40:
                k = a + v.rindex(place.strip())
                r["city"] = (place.strip(), k, k + len(place.strip()))
            h = r.get("_heading")
            if h is not None and "country" not in r:    # "Recruitment in Australia"
                ln = doc.lines[h]
                c = next((c for c in _COUNTRY_SET if ln.s.endswith(" " + c)), None)
                if c:
                    k = ln.span()[1] - len(c)
                    r["country"] = (c, k, k + len(c))
        if "facility" not in r or len(r["facility"][0]) > 150:
            continue
        vals = {k: (r[k][0] if k in r else None) for k in ("facility", "city", "region", "country")}
        spans = {k: r[k][1:] for k in ("facility", "city", "country") if k in r}
        rows.append(Row(vals, spans, 0.8, NAME + ".sites"))
    return rows


def read_sponsor(doc: Doc) -> Found | None:
    """The name under a registry's primary-sponsor block (ANZCTR: "Primary sponsor type" then "Name")."""
    recs = records(doc, "sponsor", ("sponsor_block",))
    name = recs[0].get("name") if recs else None
    if not name or len(name[0]) > 150:
        return None
    return Found(name[0], name[1], name[2], 0.85, NAME + ".sponsor")
