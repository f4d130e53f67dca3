"""The registry layer: each registry's labels mapped, as data, to the WHO Trial Registration Data Set.

Every WHO primary registry (and the sponsor registers) publishes the same
24-item Trial Registration Data Set under its own labels, in English and in
its own language.  One JSON table per registry (this folder) maps those labels
to TRDS items; ``ITEMS`` below maps each item on to what the document index
understands: a labelled field (``Doc.labels``), a section heading
(``Doc.kinds``), a yes/no flag that settles an enum (EU CTR's "E.8.1.1
Randomised Yes"), or a mere boundary that ends the text before it.

A table is used only when its registry is detected on the page (its ids and
page markers), so a label that is ambiguous elsewhere ("Name" is ANZCTR's
sponsor name) never misleads on other pages.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

# TRDS item -> target.  "label:F" a Doc label field, "heading:K" a Doc heading kind,
# "flag:FIELD=VALUE" settled by a Yes value, "part:KIND.FIELD" a field of a repeated block,
# "stop" a boundary only.  The number is
# the item of the WHO Trial Registration Data Set (v1.3.1) it belongs to.
ITEMS: dict[str, tuple[int, str]] = {
    "trial_id": (1, "label:reg_id"),
    "registration_date": (2, "stop"),
    "secondary_ids": (3, "label:reg_id"),
    "monetary_support": (4, "stop"),
    "primary_sponsor": (5, "label:sponsor"),
    "secondary_sponsor": (6, "stop"),
    "public_contact": (7, "stop"),
    "scientific_contact": (8, "stop"),
    "public_title": (9, "label:title"),
    "scientific_title": (10, "label:official_title"),
    "acronym": (10, "label:acronym"),
    "countries": (11, "stop"),
    "sites": (11, "heading:locations"),
    "conditions": (12, "heading:conditions"),
    "condition": (12, "heading:conditions"),
    "condition_plain": (12, "label:condition_plain"),   # read only when the condition field says nothing
    "interventions": (13, "heading:interventions"),
    "arms": (13, "heading:arms"),
    "criteria": (14, "heading:eligibility"),
    "inclusion": (14, "heading:inclusion"),
    "exclusion": (14, "heading:exclusion"),
    "ages": (14, "label:ages"),
    "min_age": (14, "label:min_age"),
    "max_age": (14, "label:max_age"),
    "sex": (14, "label:sex"),
    "study_type": (15, "label:study_type"),
    "phase": (15, "label:phase"),
    "allocation": (15, "label:allocation"),
    "model": (15, "label:model"),
    "masking": (15, "label:masking"),
    "purpose": (15, "label:purpose"),
    "first_enrollment": (16, "stop"),
    "sample_size": (17, "label:enrollment"),
    "sample_size_actual": (17, "label:enrollment_actual"),   # PACTR's "Actual target sample size", when filled
    "recruitment_status": (18, "label:status"),
    "primary_outcome": (19, "heading:out_primary"),
    "secondary_outcome": (20, "heading:out_secondary"),
    "primary_timepoint": (19, "label:tf_primary"),
    "secondary_timepoint": (20, "label:tf_secondary"),
    "ethics": (21, "stop"),
    "completion_date": (22, "stop"),
    "end_reached": (22, "label:end_reached"),     # EU CTR results: "Global end of trial reached? Yes"
    "ended_early": (22, "label:ended_early"),     # "Was the trial ended prematurely? No"
    "results": (23, "stop"),
    "ipd_sharing": (24, "stop"),
    "summary": (0, "heading:summary"),
    "design": (15, "label:design"),               # "Allocation: Randomized. Masking: None (Open Label)."
    "product": (13, "label:product"),              # a sponsor register's compound field
    "main_objective": (0, "heading:objective"),     # where EU CTR states the regimen's dose
    "other": (0, "stop"),
    # Parts of a repeated block (ChiCTR's groups and sites): read by ``blocks``, a boundary to the rest.
    "arm_label": (13, "part:arm.label"),
    "arm_description": (13, "part:arm.description"),
    "sponsor_block": (5, "heading:sponsor_block"),  # ANZCTR's "Primary sponsor type" then its "Name"
    "sponsor_name": (5, "part:sponsor.name"),
    "site_facility": (11, "part:site.facility"),
    "site_facility_place": (11, "part:site.facility_place"),   # ANZCTR "Hospital name - Suburb"
    "site_block": (11, "part:site.block"),       # ISRCTN: the centre's name over its address lines
    "masked_roles": (15, "label:masked_roles"),
    "site_city": (11, "part:site.city"),
    "site_region": (11, "part:site.region"),
    "site_country": (11, "part:site.country"),
}

HERE = os.path.dirname(os.path.abspath(__file__))


def _norm(s: str) -> str:
    s = s.strip().lower().replace("（", "(").replace("）", ")").replace("：", ":")
    return re.sub(r"\s+", " ", s)


@dataclass
class Registry:
    """One registry's table, compiled."""

    key: str
    name: str
    ids: list[re.Pattern]
    markers: list[str]
    labels: list[tuple[str, str]]                 # (normalised label, target), longest first
    codes: dict[str, tuple[str, str]]             # EU CTR style: section code -> (label, target)
    values: dict[str, dict[str, str]] = field(default_factory=dict)   # field -> {native value: API value}
    sponsor_name: str | None = None               # a sponsor register: the company is the sponsor
    bilingual: bool = False
    langs: tuple[str, ...] = ()                   # ReBEC: each value under "en" / "pt-br" / "es" lines; the first is read

    def __post_init__(self) -> None:
        self.by_char: dict[str, list[tuple[str, str]]] = {}
        for lab, tgt in self.labels:
            self.by_char.setdefault(lab[:1], []).append((lab, tgt))

    def target(self, item: str) -> str:
        return ITEMS[item][1] if item in ITEMS else item

    def value(self, fld: str, s: str) -> str | None:
        """A registry's own wording of a value ("募集中", "Prematurely Ended") in API v2 spelling."""
        table = self.values.get(fld)
        return table.get(_norm(s)) if table else None


def _compile(key: str, d: dict) -> Registry:
    labels, codes = [], {}
    for lab, item in d.get("labels", {}).items():
        for t in lab.split("|"):
            labels.append((_norm(t), ITEMS[item][1] if item in ITEMS else item))
    for code, (lab, item) in d.get("codes", {}).items():
        codes[code] = (_norm(lab), ITEMS[item][1] if item in ITEMS else item)
    labels.sort(key=lambda kv: -len(kv[0]))
    vals = {f: {_norm(k): v for k, v in t.items()} for f, t in d.get("values", {}).items()}
    return Registry(key, d.get("name", key), [re.compile(p) for p in d.get("ids", [])], d.get("markers", []),
                    labels, codes, vals, d.get("sponsor_name"), bool(d.get("bilingual")), tuple(d.get("langs", ())))


@lru_cache(maxsize=1)
def registries() -> tuple[Registry, ...]:
    out = []
    for fn in sorted(os.listdir(HERE)):
        if fn.endswith(".json"):
            with open(os.path.join(HERE, fn), encoding="utf-8") as f:
                out.append(_compile(fn[:-5], json.load(f)))
    return tuple(out)


def by_key(key: str) -> Registry | None:
    return next((r for r in registries() if r.key == key), None)


# Labels of the WHO Trial Registration Data Set that ClinicalTrials.gov-style pages never print: a page
# with three of them, of a registry without its own table (IRCT, PACTR, TCTR ...), is read with the
# WHO data set's labels.
_TRDS = re.compile(r"(?im)^\s*(public title|scientific title|primary sponsor|secondary sponsor|target sample size|"
                   r"recruitment status|countries of recruitment|secondary ids?|source\(?s\)? of monetary support|"
                   r"date of registration|health condition\(s\) or problem\(s\) studied|age minimum|age maximum|"
                   r"key inclusion & exclusion criteria)\b")


def detect(text: str) -> Registry | None:
    """The registry whose page this is: page markers count 2, its own ids 1; at least one marker;
    else the WHO data set's labels when the page prints three of them.

    Only the head of the page is looked at (markers sit in the header, and an id
    quoted deep in a description must not decide)."""
    head = text[:6000]
    best, best_score = None, 0
    for reg in registries():
        score = 2 * sum(1 for m in reg.markers if m in head)
        if not score:
            continue
        score += sum(1 for p in reg.ids if p.search(head))
        if score > best_score:
            best, best_score = reg, score
    if best is None and len({m.group(1).lower() for m in _TRDS.finditer(text, 0, 20000)}) >= 3:
        return by_key("ictrp")
    return best
