"""Values a registry states as flags or repeated fields, read through its table (registries/).

EU CTR prints its design as yes/no rows ("E.8.1.1Randomised Yes", "E.7.3
Therapeutic confirmatory (Phase III) Yes"), its population as "F.2.1Female Yes",
and each product in its own "D.3.1Product name" row.  The document index keeps
those lines (``Doc.reg_lines`` with a ``flag:`` target); this module turns them
into values with the flag lines as evidence.  A page whose flags contradict
each other (two masking rows saying Yes) yields nothing for that field.
"""
from __future__ import annotations

import re

from abstractor.extraction import designwords
from abstractor.extraction.base import Found, Row
from abstractor.extraction.doc import Doc

NAME = "record"
_YES = re.compile(r"(?i)^yes\b")
_NO = re.compile(r"(?i)^no\b")
_NUMBER = re.compile(r"^(\d[\d,.]*)\s*$")


def read_flags(doc: Doc) -> dict[str, Found]:
    """Scalar fields settled by the registry's yes/no rows and number rows."""
    yes: dict[str, list[tuple[str, int, int]]] = {}
    no: dict[str, list[tuple[int, int]]] = {}
    nums: dict[str, tuple[int, int, int]] = {}
    for i, (tgt, off) in sorted(doc.reg_lines.items()):
        if not tgt.startswith("flag:"):
            continue
        key, _, val = tgt[5:].partition("=")
        ln = doc.lines[i]
        a, b = ln.span()
        rest = ln.s[off:].strip()
        if key in ("enrollment", "enrollment_ms"):
            m = _NUMBER.match(rest)
            if m:
                n = m.group(1).replace(",", "")
                if n.isdigit():
                    s = a + off + ln.s[off:].index(m.group(1))
                    nums.setdefault(key, (int(n), s, s + len(m.group(1))))
        elif _YES.match(rest):
            yes.setdefault(key, []).append((val, a, b))
        elif _NO.match(rest):
            no.setdefault(key, []).append((a, b))
    out: dict[str, Found] = {}
    for key, hits in yes.items():
        vals = sorted({v for v, _a, _b in hits})
        a, b = min(h[1] for h in hits), max(h[2] for h in hits)
        if key == "phases":
            out[key] = Found(vals, a, b, 0.95, NAME + ".flags")
        elif key == "sex":
            out[key] = Found("ALL" if len(vals) == 2 else vals[0], a, b, 0.95, NAME + ".flags")
        elif len(vals) == 1 and key != "intervention":
            out[key] = Found(vals[0], a, b, 0.95, NAME + ".flags")
    if "allocation" not in out and "allocation" in no:
        a, b = no["allocation"][0]
        out["allocation"] = Found("NON_RANDOMIZED", a, b, 0.9, NAME + ".flags")
    n = nums.get("enrollment") or nums.get("enrollment_ms")
    if n:
        out["enrollment"] = Found(n[0], n[1], n[2], 0.95, NAME + ".number")
    return out


def status_from_end(doc: Doc) -> Found | None:
    """A results page's end-of-trial answers: ended prematurely is TERMINATED; the global end reached
    and not ended prematurely is COMPLETED; anything else says nothing."""
    def answer(fld: str):
        lv = next(iter(doc.labels.get(fld, [])), None)
        v = _yes_no_value(lv.value) if lv else None
        return (v, lv) if v is not None else (None, None)
    early, lv_e = answer("ended_early")
    reached, lv_r = answer("end_reached")
    if early:
        return Found("TERMINATED", lv_e.start, lv_e.end, 0.9, NAME + ".end_of_trial")
    if reached and early is False:
        return Found("COMPLETED", lv_r.start, lv_e.end, 0.9, NAME + ".end_of_trial")
    return None


def _yes_no_value(s: str) -> bool | None:
    return True if _YES.match(s.strip()) else False if _NO.match(s.strip()) else None


def allocation_from_design(doc: Doc) -> Found | None:
    """The allocation a registry's design word also states ("随机平行对照" is randomised and parallel)."""
    for lv in doc.labels.get("model", []):
        v = doc.registry.value("allocation", doc.text[lv.start:lv.end])
        if v:
            return Found(v, lv.start, lv.end, 0.9, NAME + ".design_word")
        raw = doc.text[lv.start:lv.end]
        r = designwords.allocation(raw) if len(raw) <= 120 else None
        if r:               # "Randomized, Parallel Group, Active Controlled Trial"
            return Found(r[0], lv.start + r[1], lv.start + r[2], 0.9, NAME + ".design_word")
    return None


_BY_ROLES = {1: "SINGLE", 2: "DOUBLE", 3: "TRIPLE", 4: "QUADRUPLE"}


def read_masked_roles(doc: Doc) -> Found | None:
    """Masking from the roles a registry lists as masked (ANZCTR's "Who is / are masked / blinded?"
    lines), counted only when every line is one of the registry's role wordings."""
    for i, (tgt, off) in sorted(doc.reg_lines.items()):
        if tgt != "label:masked_roles":
            continue
        got, j, end = [], i, doc.lines[i].span()[1]
        rest = doc.lines[i].s[off:].strip()
        pieces = [rest] if rest else []
        j = i + 1
        while j < len(doc.lines) and j not in doc.reg_lines and not doc.kinds[j] and doc.lines[j].s:
            pieces.append(doc.lines[j].s)
            end = doc.lines[j].span()[1]
            j += 1
        got = [doc.registry.value("masked_roles", p) for p in pieces]
        if not got or None in got:
            return None
        a = doc.lines[i].span()[0]
        return Found(_BY_ROLES[min(4, len(set(got)))], a, end, 0.85, NAME + ".masked_roles")
    return None


def read_products(doc: Doc) -> list[Row]:
    """One intervention per distinct product named in the registry's product rows (EU CTR "D.3.1
    Product name"; its "D.3.8 INN" rows when no product has a name)."""
    rows = _products(doc, "flag:intervention")
    return rows or _products(doc, "flag:intervention_inn")


def _products(doc: Doc, flag: str) -> list[Row]:
    rows, seen = [], set()
    for i, (tgt, off) in sorted(doc.reg_lines.items()):
        if tgt != flag:
            continue
        ln = doc.lines[i]
        a, _b = ln.span()
        name = ln.s[off:].strip()
        if not name or len(name) > 120 or name.lower() in seen:
            continue
        seen.add(name.lower())
        s = a + off + ln.s[off:].index(name)
        rows.append(Row({"name": name, "type": None, "description": None}, {"name": (s, s + len(name))},
                        0.9, NAME + ".products"))
    return rows


_ARM_TYPE = {"experimental": "EXPERIMENTAL", "active": "ACTIVE_COMPARATOR", "active comparator": "ACTIVE_COMPARATOR",
             "placebo": "PLACEBO_COMPARATOR", "placebo comparator": "PLACEBO_COMPARATOR",
             "sham comparator": "SHAM_COMPARATOR", "no intervention": "NO_INTERVENTION", "other": "OTHER"}
# "Experimental: Group B: Drug X", "Placebo: Group A: Placebo", ": Drug Y" (a sponsor register's arm line).
_ARM_LINE = re.compile(r"(?i)^(?:(experimental|active comparator|placebo comparator|sham comparator|no intervention|"
                       r"active|placebo|other))?\s*:\s+(\S.{0,200})$")
_ARM_INTV = re.compile(r"(?i)^interventions?\s*:\s*(?:(drug|biological|device|procedure|radiation|behavioral|genetic|"
                       r"dietary supplement|other)\s*:\s*)?(\S.{0,150})$")
_INTV_TYPE = re.compile(r"(?i)^type\s*:\s*(drug|biological|biologic|device|procedure|radiation|behavioral|genetic|"
                        r"dietary supplement|combination product|diagnostic test|other)\s*$")
_ARMS_OF = re.compile(r"(?i)^arms?\s*:\s*(\S.{0,200})$")


def _row(values: dict, spans: dict, conf: float, who: str) -> Row:
    return Row(values, spans, conf, NAME + "." + who)


def read_arms(doc: Doc) -> tuple[list[Row], list[Row]]:
    """Arms and interventions in a registry's own block shapes, read only on registry pages:
    "TYPE: label" / description / "Intervention: drug: name" lines (sponsor registers), or
    label and description lines taking turns with the interventions listed as
    "name" / "Type: drug" / "Arms: label" (GSK)."""
    arms: list[Row] = []
    intvs: dict[str, Row] = {}
    lines = doc.lines

    def intv(name: str, a: int, itype: str | None) -> Row:
        key = name.lower()
        if key not in intvs:
            intvs[key] = _row({"name": name, "type": itype.upper().replace(" ", "_") if itype else None,
                               "description": None}, {"name": (a, a + len(name))}, 0.85, "interventions")
        return intvs[key]

    for first, end, _k in doc.sections("interventions"):
        for i in range(first, end - 1):
            m = _INTV_TYPE.match(lines[i + 1].s)
            if m and lines[i].s and not _INTV_TYPE.match(lines[i].s):
                a, _b = lines[i].span()
                t = m.group(1).lower()
                intv(lines[i].s, a, "biological" if t == "biologic" else t)
    for first, end, _k in doc.sections("arms"):
        body = [i for i in range(first, end) if lines[i].s]
        typed = [i for i in body if _ARM_LINE.match(lines[i].s) and not _ARM_INTV.match(lines[i].s)]
        if typed:
            cur = None
            for i in body:
                s = lines[i].s
                a, _b = lines[i].span()
                mi = _ARM_INTV.match(s)
                if mi and cur is not None:
                    name = mi.group(2).strip()
                    na = a + s.index(name, mi.start(2))
                    intv(name, na, mi.group(1))
                    cur.values["interventions"].append(name)
                    continue
                m = _ARM_LINE.match(s)
                if m and i in typed:
                    label = m.group(2).strip()
                    la = a + m.start(2)
                    t = _ARM_TYPE.get((m.group(1) or "").lower())
                    cur = _row({"label": label, "type": t, "description": None, "interventions": []},
                               {"label": (la, la + len(label))}, 0.85, "arms")
                    arms.append(cur)
                elif cur is not None and cur.values["description"] is None:
                    cur.values["description"] = s
                    cur.spans["description"] = lines[i].span()
        elif len(body) % 2 == 0 and intvs:
            # label and description lines taking turns, linked through the interventions' "Arms:" lines
            for j in range(0, len(body), 2):
                la, lb = lines[body[j]].span()
                arms.append(_row({"label": lines[body[j]].s, "type": None, "description": lines[body[j + 1]].s,
                                  "interventions": []}, {"label": (la, lb),
                                                         "description": lines[body[j + 1]].span()}, 0.8, "arms"))
    if arms and intvs and not any(a.values["interventions"] for a in arms):
        by_label = {a.values["label"].lower(): a for a in arms}
        for first, end, _k in doc.sections("interventions"):
            cur = None
            for i in range(first, end):
                s = lines[i].s
                if i + 1 < end and _INTV_TYPE.match(lines[i + 1].s):
                    cur = intvs.get(s.lower())
                m = _ARMS_OF.match(s)
                if m and cur is not None and m.group(1).strip().lower() in by_label:
                    by_label[m.group(1).strip().lower()].values["interventions"].append(cur.values["name"])
    return arms, list(intvs.values())


def add_product(doc: Doc, arms: list[Row], intvs: list[Row]) -> None:
    """The register's compound ("Compound: TAK-648") as the intervention of the arms that name it in
    their label or description but list none."""
    lv = next((lv for lv in doc.labels.get("product", []) if 1 < len(lv.value) <= 60), None)
    if lv is None or re.search(r"[,;]|\s(?:and|or)\s", lv.value):
        return
    name = lv.value.strip()
    rx = re.compile(r"(?<![\w-])%s(?![\w-])" % re.escape(name), re.I)
    hit = [a for a in arms if not a.values["interventions"] and
           (rx.search(a.values["label"]) or rx.search(a.values.get("description") or ""))]
    if not hit:
        return
    for a in hit:
        a.values["interventions"].append(name)
    if not any(r.values["name"].lower() == name.lower() for r in intvs):
        s = lv.start + lv.value.index(name)
        intvs.append(_row({"name": name, "type": None, "description": None}, {"name": (s, s + len(name))},
                          0.8, "product"))


# A place line that starts with the country: "United States, Alaska, Anchorage, 99508".
_POSTCODE = re.compile(r"^[A-Z0-9]{0,3}[\d][\dA-Z -]{1,8}$")


def read_sites(doc: Doc) -> list[Row]:
    """Sites as some registers print them: a facility line over "Country, Region, City[, postcode]"."""
    from abstractor.extraction.sites import _COUNTRY_SET

    rows = []
    lines = doc.lines
    for i in range(1, len(lines)):
        s = lines[i].s
        if ", " not in s or len(s) > 160:
            continue
        parts = [p.strip() for p in s.split(",")]
        if parts[0] not in _COUNTRY_SET or len(parts) < 3:
            continue
        if _POSTCODE.match(parts[-1]):
            parts = parts[:-1]
        if not 2 <= len(parts) <= 3 or any(not p or len(p) > 60 or any(c.isdigit() for c in p) for p in parts):
            continue
        fac = lines[i - 1]
        f = fac.s
        if not f or len(f) > 150 or i - 1 in doc.label_lines or doc.kinds[i - 1] or f.endswith((".", ":")):
            continue
        country, city = parts[0], parts[-1]
        region = parts[1] if len(parts) == 3 else None
        a, b = lines[i].span()
        fa, fb = fac.span()
        rows.append(_row({"facility": f, "city": city, "region": region, "country": country},
                         {"facility": (fa, fb), "city": (a, b), "country": (a, a + len(country))}, 0.85, "sites"))
    return rows if len(rows) >= 1 else []


# "FLAMEL regimen: fludarabine (30 mg/m^2 x 1/day for 4 days), cytarabine (2 g/m^2 ...) and low-dose
# total body irradiation (2 Gy x 1/day)": each agent with its dose in brackets.
_REGIMEN_ITEM = re.compile(r"(?:^|[,:;]\s*|\band\s+)([A-Za-z][\w -]{2,60}?)\s*\(\s*(\d+(?:\.\d+)?)\s*"
                           r"(mg/m\^?2|g/m\^?2|mg/m²|g/m²|mg/kg|mcg|µg|mg|g|Gy)(?![\w/])[^()]{0,60}\)")
_UNITS = {"mg/m^2": "mg/m2", "mg/m²": "mg/m2", "g/m^2": "g/m2", "g/m²": "g/m2", "µg": "mcg"}


def read_regimen(doc: Doc) -> tuple[list[Row], list[Row]]:
    """Interventions and their doses from the first English line of a registry's interventions text
    that lists two agents or more, each with its dose in brackets."""
    for first, end, _k in doc.sections("interventions"):
        for i in range(first, end):
            ln = doc.lines[i]
            if not ln.s.isascii():
                continue
            hits = list(_REGIMEN_ITEM.finditer(ln.text))
            if len(hits) < 2:
                continue
            intvs, doses = [], []
            for m in hits:
                name = m.group(1).strip()
                a = ln.start + m.start(1)
                intvs.append(_row({"name": name, "type": None, "description": None},
                                  {"name": (a, a + len(name))}, 0.8, "regimen"))
                unit = _UNITS.get(m.group(3), m.group(3))
                da, db = ln.start + m.start(2), ln.start + m.end(3)
                doses.append(_row({"value": float(m.group(2)), "value_max": None, "unit": unit,
                                   "per_weight": "/" in unit, "text": doc.text[da:db]}, {"text": (da, db)},
                                  0.8, "regimen"))
            return intvs, doses
    return [], []


_DU = r"(mg/m\^?2|mg/m²|g/m\^?2|g/m²|mg/kg|mcg|µg|μg|mg|g)"
_NUM = r"(\d+(?:\.\d+)?)"
_END = r"(?:\s*/\s*(?:day|d)\b)?(?![\w/^²])"
# "150-300mg/day", "2.5 mg to 5 mg", "100/25 mcg", "50 or 100 mg", "50 mg": a drug amount as a registry
# prints it.
_DOSE_FORMS = [
    ("range", re.compile(_NUM + r"\s*(?:-|–|to)\s*" + _NUM + r"\s*" + _DU + _END)),
    ("range2", re.compile(_NUM + r"\s*" + _DU + r"\s*(?:-|–|to)\s*" + _NUM + r"\s*\2" + _END)),
    ("pair", re.compile(_NUM + r"\s*(?:/|\bor\b|\band\b)\s*" + _NUM + r"\s*" + _DU + _END)),
    ("one", re.compile(r"(?<![\d./-])" + _NUM + r"\s*" + _DU + _END)),
]


def _unit(u: str) -> str:
    return {"mg/m^2": "mg/m2", "mg/m²": "mg/m2", "g/m^2": "g/m2", "g/m²": "g/m2", "µg": "mcg", "μg": "mcg"}.get(u, u)


def read_doses(doc: Doc, spans: list[tuple[int, int]]) -> list[Row]:
    """Drug amounts stated in the given spans (a registry page's title, its arm labels and
    descriptions): ranges, "A/B mcg" pairs (one level each) and single amounts, in page order."""
    text = doc.text
    rows, seen, taken = [], set(), []
    for a, b in spans:
        for kind, rx in _DOSE_FORMS:
            for m in rx.finditer(text, a, b):
                if any(x <= m.start() < y or m.start() <= x < m.end() for x, y in taken):
                    continue
                taken.append((m.start(), m.end()))
                if kind == "range":
                    vals = [(float(m.group(1)), float(m.group(2)), _unit(m.group(3)), m.start(1), m.end())]
                elif kind == "range2":
                    vals = [(float(m.group(1)), float(m.group(3)), _unit(m.group(2)), m.start(1), m.end())]
                elif kind == "pair":
                    u = _unit(m.group(3))
                    vals = [(float(m.group(1)), None, u, m.start(1), m.end()),
                            (float(m.group(2)), None, u, m.start(2), m.end())]
                else:
                    vals = [(float(m.group(1)), None, _unit(m.group(2)), m.start(1), m.end())]
                for v, w, u, s, e in vals:
                    if w is not None and w <= v:
                        continue
                    key = (v, w, u)
                    if key in seen:
                        continue
                    seen.add(key)
                    rows.append((s, _row({"value": v, "value_max": w, "unit": u, "per_weight": "/" in u,
                                          "text": text[s:e]}, {"text": (s, e)}, 0.75, "doses")))
    return [r for _s, r in sorted(rows, key=lambda x: x[0])]


# ChiCTR's outcome blocks: "Outcome：X" "Type：Primary indicator" "Measure time point of outcome：Y", on
# their own lines or run together on one.
_CHICTR_OUTCOME = re.compile(
    r"Outcome[：:]\s*(?P<m>[^\n：:]+?)\s*\n?\s*Type[：:]\s*(?P<t>Primary|Secondary|Additional)\s*indicator"
    r"(?:\s*\n?\s*Measure time point of outcome[：:][ \t]*(?P<tf>[^\n：:]+?))?"
    r"(?=\s*\n?\s*Measure method|\s*\n|\s*$)")


def read_block_outcomes(doc: Doc) -> list[Row]:
    """Outcomes in a registry's repeated outcome blocks (ChiCTR's Outcome / Type / time point)."""
    rows = []
    for m in _CHICTR_OUTCOME.finditer(doc.text):
        kind = {"Primary": "PRIMARY", "Secondary": "SECONDARY"}.get(m.group("t"), "OTHER")
        vals = {"kind": kind, "measure": m.group("m"), "description": None,
                "time_frame": m.group("tf"), "time_frame_days": None}
        spans = {"measure": m.span("m"), "kind": m.span("t")}
        if m.group("tf"):
            from abstractor.extraction.outcomes import time_frame_days

            vals["time_frame_days"] = time_frame_days(m.group("tf"))
            spans["time_frame"] = m.span("tf")
            if vals["time_frame_days"] is not None:
                spans["time_frame_days"] = m.span("tf")
        rows.append(_row(vals, spans, 0.85, "outcomes"))
    return rows
