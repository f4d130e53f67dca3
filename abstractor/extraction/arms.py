"""Arms and interventions, with their types and the links between them.

Layouts: an "Arms and Interventions" list ("Label (TYPE)", description,
"Drug: name" lines, then a details list of interventions), a "Participant
Group/Arm | Intervention/Treatment" table ("TYPE: label", description,
"  - name: description"), a glued "GroupInterventionDescription" row whose
parts are told apart by the intervention names listed elsewhere, and a bare
"Interventions" list of "Type: name" lines. Scrapes with none of these get the
product named in the purpose sentence, without a type.
"""
from __future__ import annotations

import re

from abstractor.extraction import vocab
from abstractor.extraction.base import Row
from abstractor.extraction.doc import Doc

NAME = "arms"
_ATYPES = "|".join(sorted((re.escape(k).replace("_", "[_ ]") for k in vocab.ARM_TYPES), key=len, reverse=True))
_ARM_LIST = re.compile(r"^(?P<label>.+?)\s*\((?P<type>%s)\)$" % _ATYPES, re.I)
_ARM_TABLE = re.compile(r"^(?P<type>%s)\s*:\s*(?P<label>.+)$" % _ATYPES, re.I)
_ITYPES = "|".join(sorted((re.escape(k).replace("_", "[_ ]") for k in vocab.INTERVENTION_TYPES),
                          key=len, reverse=True))
_INTV = re.compile(r"^(?P<type>%s)\s*:\s*(?P<name>.+)$" % _ITYPES, re.I)
_UNTYPED = re.compile(r"^[\w][\w+\-/ .()]{1,60}$")
_PRODUCT_WORD = re.compile(r"(?i)CAR[- ]?(?:T|NK)|\bcells?\b|\w+mab\b|\w+nib\b|vaccine|injection")
_OTHER_NAMES = re.compile(r"(?i)^other names?\s*:\s*(.+)$")
_TABLE_INTV = re.compile(r"^\s+[-*•]\s+(?P<name>[^:]{1,150}?)(?::\s*(?P<desc>.*))?$")
_PRODUCT = re.compile(
    r"(?i)(?:safety|efficacy|tolerability|treatment study)[^.]{0,60}? of (?:(?:autologous|allogeneic|allogenic|"
    r"intraperitoneal|intravenous|intrathecal)\s+)?((?:anti-?\s?)?(?:[\w\-/ ]|\.(?=\w)){2,60}?(?:CAR[- ]?(?:T|NK)\w*"
    r"(?:[- ]cells?)?(?: (?:cell )?injection)?|cells?(?: injection)?|injection|vaccine|\w+mab|\w+nib))"
    r"(?= in\b| for\b| and the\b|\s*[,.]| to\b| that\b| which\b|\s\()")
# Second choice, same product shape: "open-label study of X in ...", "planned to give X to patients".
_PRODUCT2 = re.compile(_PRODUCT.pattern.replace(
    "(?:safety|efficacy|tolerability|treatment study)[^.]{0,60}? of ",
    "(?:\\b(?:study|trial)\\b[^.]{0,40}? of |\\b(?:give|administer|infuse)\\s+)"))


def _in_sentence(doc: Doc, m: re.Match) -> bool:
    """The match sits in a prose sentence (its line ends with a full stop), not in a title or a labelled field."""
    a = doc.text.rfind("\n", 0, m.start()) + 1
    b = doc.text.find("\n", m.end())
    line = doc.text[a:b if b >= 0 else len(doc.text)].rstrip()
    return line.endswith(".") and not re.search(r"[:：]", doc.text[a:m.start()])


def _arm_type(s: str) -> str:
    k = s.lower()
    return vocab.ARM_TYPES.get(k) or vocab.ARM_TYPES.get(k.replace("_", " ")) or "OTHER"


def _itype(s: str) -> str:
    k = s.lower()
    return vocab.INTERVENTION_TYPES.get(k) or vocab.INTERVENTION_TYPES.get(k.replace("_", " ")) or "OTHER"


class _Acc:
    """Arms and interventions being built, in page order, interventions unique by name."""

    def __init__(self, doc: Doc):
        self.doc, self.arms, self.intvs, self.by_name = doc, [], [], {}

    def intv(self, name, a, b, itype=None, conf=0.9):
        key = name.strip().lower()
        if key in self.by_name:
            return self.by_name[key]
        r = Row({"name": name.strip(), "type": itype, "description": None, "other_names": []},
                {"name": (a, b)}, conf, NAME + ".interventions")
        if itype:
            r.spans["type"] = (a, b)
        self.by_name[key] = r
        self.intvs.append(r)
        return r

    def arm(self, label, a, b, atype, ta, tb, conf=0.9):
        r = Row({"label": label.strip(), "type": atype, "description": None, "interventions": []},
                {"label": (a, b), "type": (ta, tb)}, conf, NAME + ".arms")
        self.arms.append(r)
        return r


def _set_desc(row: Row, lines) -> None:
    if lines:
        row.values["description"] = "\n".join(ln.s for ln in lines)
        row.spans["description"] = (lines[0].span()[0], lines[-1].span()[1])


def _link(arm: Row, intv: Row, a: int, b: int) -> None:
    names = arm.values["interventions"]
    if intv.values["name"] not in names:
        arm.spans["interventions[%d]" % len(names)] = (a, b)
        names.append(intv.values["name"])


_TYPED_SEP = re.compile(r";\s*(?=(?:%s)\s*:)" % _ITYPES, re.I)


def _typed_run(s: str, a: int, m: re.Match) -> list[tuple[int, int, re.Match]]:
    """The typed interventions of one line (start, end, match each): "Drug: A; Drug: B" gives two."""
    cuts = [0] + [x.end() for x in _TYPED_SEP.finditer(s)]
    if len(cuts) == 1:
        return [(a, a + len(s), m)]
    out = []
    for k, c in enumerate(cuts):
        e = cuts[k + 1] if k + 1 < len(cuts) else len(s)
        seg = s[c:e].rstrip().rstrip(";").rstrip()
        tm = _INTV.match(seg)
        if tm:
            out.append((a + c, a + c + len(seg), tm))
    return out


def _parse_block(doc: Doc, first: int, end: int, acc: _Acc, table: bool) -> None:
    lines = doc.lines
    arm, desc, cur_intv, details = None, [], None, False
    known = set()
    for i in range(first, end):
        ln = lines[i]
        s = ln.s
        if not s:
            if arm is not None and not table:
                _set_desc(arm, desc) if desc and arm.values["description"] is None else None
                details, arm, desc = True, None, []
            continue
        a, b = ln.span()
        m_arm = (_ARM_TABLE.match(s) if table and ln.indent == 0 else _ARM_LIST.match(s))
        if m_arm and table and arm is not None and not desc and cur_intv is None and len(s) > 150:
            m_arm = None          # "Experimental: Label and a long description" right under its arm line
        if m_arm and not details:
            if arm is not None and desc and arm.values["description"] is None:
                _set_desc(arm, desc)
            la, lb = a + m_arm.start("label"), a + m_arm.end("label")
            arm = acc.arm(m_arm.group("label"), la, lb, _arm_type(m_arm.group("type")),
                          a + m_arm.start("type"), a + m_arm.end("type"))
            desc, cur_intv = [], None
            continue
        if table:
            m = _TABLE_INTV.match(ln.text)
            if m and arm is not None:
                na = ln.start + m.start("name")
                cur_intv = acc.intv(m.group("name"), na, na + len(m.group("name").rstrip()))
                _link(arm, cur_intv, na, na + len(m.group("name").rstrip()))
                if m.group("desc") and cur_intv.values["description"] is None:
                    da = ln.start + m.start("desc")
                    cur_intv.values["description"] = m.group("desc").strip()
                    cur_intv.spans["description"] = (da, b)
                if arm.values["description"] is None and desc:
                    _set_desc(arm, desc)
                    desc = []
                continue
            if cur_intv is not None:          # a continuation line of the intervention description
                if cur_intv.spans.get("description"):
                    cur_intv.values["description"] += "\n" + s
                    cur_intv.spans["description"] = (cur_intv.spans["description"][0], b)
                continue
            if arm is not None:
                desc.append(ln)
            continue
        m = _INTV.match(s)
        if m and not details and arm is not None:
            for ta, tb, tm in _typed_run(s, a, m):      # "Drug: Placebo; Drug: Melatonin": one each
                na = ta + tm.start("name")
                it = acc.intv(tm.group("name"), na, tb, _itype(tm.group("type")))
                known.add(it.values["name"].lower())
                _link(arm, it, na, tb)
            if desc and arm.values["description"] is None:
                _set_desc(arm, desc)
            desc = []
            continue
        if m and (m.group("name").strip().lower() in known or not known or details and cur_intv is None):
            if cur_intv is not None and desc:
                _set_desc(cur_intv, desc) if cur_intv.values["description"] is None else None
            for ta, tb, tm in _typed_run(s, a, m):
                na = ta + tm.start("name")
                cur_intv = acc.intv(tm.group("name"), na, tb, _itype(tm.group("type")))
            details, desc = True, []
            continue
        mo = _OTHER_NAMES.match(s)
        if mo and cur_intv is not None:
            cur_intv.values["other_names"] = [x.strip() for x in mo.group(1).split(",") if x.strip()]
            continue
        desc.append(ln)
    if arm is not None and desc and arm.values["description"] is None and not details:
        _set_desc(arm, desc)
    if cur_intv is not None and desc and cur_intv.values["description"] is None:
        _set_desc(cur_intv, desc)


def _glued_rows(doc: Doc, first: int, end: int, acc: _Acc) -> None:
    """'Experimental: Label.InterventionNameDescription...' split at a known intervention name."""
    names = sorted((r.values["name"] for r in acc.intvs), key=len, reverse=True)
    for i in range(first, end):
        ln = doc.lines[i]
        m = _ARM_TABLE.match(ln.s)
        if not m or not names:
            continue
        a, _b = ln.span()
        rest, ra = m.group("label"), a + m.start("label")
        hit = min(((rest.find(n), n) for n in names if rest.find(n) > 0), default=None)
        if hit is None:
            continue
        k, n = hit
        arm = acc.arm(rest[:k].strip(), ra, ra + len(rest[:k].rstrip()), _arm_type(m.group("type")),
                      a + m.start("type"), a + m.end("type"), 0.8)
        _link(arm, acc.by_name[n.lower()], ra + k, ra + k + len(n))
        d = rest[k + len(n):].strip()
        if d:
            da = doc.text.index(d, ra + k + len(n))
            arm.values["description"] = d
            arm.spans["description"] = (da, da + len(d))


def extract_arms(doc: Doc) -> tuple[list[Row], list[Row]]:
    acc = _Acc(doc)
    for first, end, _k in doc.sections("interventions"):
        for i in range(first, end):
            m = _INTV.match(doc.lines[i].s)
            a, b = doc.lines[i].span()
            if m:
                acc.intv(m.group("name"), a + m.start("name"), b, _itype(m.group("type")))
            elif _UNTYPED.match(doc.lines[i].s) and _PRODUCT_WORD.search(doc.lines[i].s):
                acc.intv(doc.lines[i].s, a, b, None, 0.7)      # a bare "Treatments" list: "NKG2D CAR-NK cells"
    for i, k in enumerate(doc.kinds):
        if k not in ("arms", "arms_table"):
            continue
        j = i + 1
        while j < len(doc.lines) and (not doc.kinds[j]) and j not in doc.label_lines:
            j += 1
        if k == "arms_table" and doc.lines[i].s.replace(" ", "").lower() == "groupinterventiondescription":
            _glued_rows(doc, i + 1, j, acc)
        else:
            _parse_block(doc, i + 1, j, acc, table=(k == "arms_table"))
    if not acc.intvs and not acc.arms:
        m = _PRODUCT.search(doc.text) or next((x for x in _PRODUCT2.finditer(doc.text) if _in_sentence(doc, x)), None)
        if m:
            name = m.group(1).strip()
            s = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
            acc.intv(name, s, s + len(name), None, 0.6)
    return acc.arms, acc.intvs
