"""Suggestions: every field of an abstraction proposed from a document's text.

``extract(text)`` runs small named extractors (one module per field group)
over one shared index of the text and assembles their candidates into a
validated ``Abstraction``. Every suggested value and list item carries an
``Evidence`` entry whose quote is exactly ``text[start:end]``, a confidence
and the name of the extractor that produced it. Candidates below
``MIN_CONFIDENCE`` are dropped: a wrong suggestion costs more than none.
On a page of a known registry (``registries/``: its labels as data, mapped to the
WHO Trial Registration Data Set) the registry's own fields and block shapes
(``record``) come first.
No Qt, no network, no model: deterministic and fast (one core, many pages/s).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from models.schema import Abstraction, Evidence, Source

from abstractor.extraction import ages, arms, celltherapy, conditions, criteria, design, doses, escalation, ids, outcomes
from abstractor.extraction import blocks, coded_lines, record, sites, titles
from abstractor.extraction.base import Found, Row
from abstractor.extraction.doc import Doc

__all__ = ["Extraction", "extract", "MIN_CONFIDENCE"]

MIN_CONFIDENCE = 0.5


@dataclass
class Extraction:
    abstraction: Abstraction
    confidence: dict[str, float] = field(default_factory=dict)
    extractor: dict[str, str] = field(default_factory=dict)


class _Builder:
    """Collects values with their evidence, confidence and extractor by field path."""

    def __init__(self, text: str):
        self.text = text
        self.evidence: list[dict[str, Any]] = []
        self.confidence: dict[str, float] = {}
        self.extractor: dict[str, str] = {}

    def note(self, path: str, start: int, end: int, conf: float, who: str) -> bool:
        if not (0 <= start < end <= len(self.text)):
            return False
        self.evidence.append({"field": path, "start": start, "end": end, "quote": self.text[start:end]})
        self.confidence[path] = round(conf, 3)
        self.extractor[path] = who
        return True

    def scalar(self, target: dict, key: str, path: str, f: Found | None) -> None:
        if f is not None and f.confidence >= MIN_CONFIDENCE and self.note(path, f.start, f.end, f.confidence,
                                                                          f.extractor):
            target[key] = f.value

    def items(self, path: str, found: list[Found]) -> list:
        out = []
        for f in found:
            if f.confidence >= MIN_CONFIDENCE and self.note("%s[%d]" % (path, len(out)), f.start, f.end,
                                                            f.confidence, f.extractor):
                out.append(f.value)
        return out

    def rows(self, path: str, rows: list[Row], key_field: str) -> list[dict]:
        out = []
        for r in rows:
            if r.confidence < MIN_CONFIDENCE or key_field not in r.spans:
                continue
            base = "%s[%d]" % (path, len(out))
            if not self.note("%s.%s" % (base, key_field), *r.spans[key_field], r.confidence, r.extractor):
                continue
            for k, (a, b) in r.spans.items():
                if k != key_field:
                    self.note("%s.%s" % (base, k), a, b, r.confidence, r.extractor)
            out.append(dict(r.values))
        return out


# "Not provided at time of registration": a registry's words for an empty field, not an outcome.
_PLACEHOLDER = re.compile(r"(?i)^not (?:provided|applicable|available|specified)\b")
_SEE = re.compile(r"(?i)^see (detailed description|brief summary|official title|scientific title)\.?$")


def _pointed_text(doc: Doc, heading: str) -> Found | None:
    """The one line of text under the heading a field points to."""
    for i, ln in enumerate(doc.lines):
        if ln.s.lower() == heading.lower():
            j = doc.next_nonblank(i + 1, limit=1)
            if j is not None and not doc.kinds[j] and 12 <= len(doc.lines[j].s) <= 400:
                a, b = doc.lines[j].span()
                return Found(doc.lines[j].s, a, b, 0.85, "titles.pointed")
    return None


def _dose_spans(doc: Doc, header: dict, arm_rows: list[Row]) -> list[tuple[int, int]]:
    """Where a registry page states its regimen doses: the titles, the main objective (EU CTR), the
    arm labels and descriptions."""
    out = [(f.start, f.end) for k, f in header.items() if k in ("title", "official_title")]
    out += [(doc.lines[a].start, doc.lines[b - 1].end) for a, b, _k in doc.sections("objective") if b > a]
    for r in arm_rows:
        out += [r.spans[k] for k in ("label", "description") if k in r.spans]
    return out


def extract(text: str, *, file_name: str | None = None, sha256: str | None = None) -> Extraction:
    """Suggest an abstraction of one document's stored text (``\\n`` line ends)."""
    doc = Doc(text)
    b = _Builder(text)
    study: dict[str, Any] = {}
    study["registry_ids"] = b.items("study.registry_ids", ids.extract_registry_ids(doc))
    header = titles.extract_header(doc)
    if doc.registry:
        for key in ("title", "official_title"):
            m = _SEE.match(header[key].value) if key in header else None
            if m:                    # "Study Title: See Detailed Description": the title is that text
                header.pop(key)
                f = _pointed_text(doc, m.group(1))
                if f:
                    header[key] = f
    for key in [k for k, f in header.items() if not any(c.isalnum() for c in f.value)
                or (k == "sponsor" and len(f.value) < 3)]:
        header.pop(key)              # "-": a registry's mark for an empty field; "F": a name cut off
    if doc.registry and "acronym" in header and len(header["acronym"].value.split()) > 2:
        header.pop("acronym")        # "Ph1/2 study of X in ...", ChiCTR's "English Acronym": a short title
    if doc.registry and "title" in header and len(header["title"].value.split()) < 3:
        header.pop("title")          # "AML-SCT15 (AML-SCT15)" under a public-title label: an acronym, not a title
    if "title" not in header and "official_title" in header and doc.registry:
        header["title"] = header["official_title"]     # a registry page whose only title is the scientific one
    if doc.registry and "sponsor" not in header:
        f = blocks.read_sponsor(doc)
        if f:
            header["sponsor"] = f
    for key in ("title", "official_title", "acronym", "sponsor"):
        b.scalar(study, key, "study." + key, header.get(key))
    study["conditions"] = b.items("study.conditions", conditions.extract_conditions(doc))
    found = design.extract_design(doc)
    block_arms, block_intvs, block_total, sized = blocks.read_arms(doc) if doc.registry else ([], [], None, False)
    if doc.registry:            # the registry's own yes/no and number rows outrank words on the page
        found.update(record.read_flags(doc))
        if "masking" not in found:
            f = record.read_masked_roles(doc)
            if f:
                found["masking"] = f
        if "allocation" not in found or found["allocation"].extractor.endswith(".prose"):
            f = record.allocation_from_design(doc)
            if f:
                found["allocation"] = f
        if "overall_status" not in found:
            f = record.status_from_end(doc)
            if f:
                found["overall_status"] = f
        if sized:               # sizes per group: their sum, or nothing when a group has none
            found.pop("enrollment", None)
            if block_total:
                found["enrollment"] = block_total
    title_finds = [header[k] for k in ("title", "official_title") if k in header]
    found.update(design.from_titles(doc, title_finds, found))
    design.observational_only(found)
    for key in ("phases", "study_type", "allocation", "intervention_model", "masking", "primary_purpose",
                "enrollment", "overall_status"):
        b.scalar(study, key, "study." + key, found.get(key))
    found = ages.extract_ages(doc)
    for key in ("min_age", "max_age"):
        b.scalar(study, key, "study." + key, found.get(key))
    b.scalar(study, "sex", "study.sex", (record.read_flags(doc).get("sex") if doc.registry else None)
             or ages.extract_sex(doc))
    site_rows = sites.extract_sites(doc)
    if doc.registry and not site_rows:
        site_rows = blocks.read_sites(doc) or record.read_sites(doc)
    study["sites"] = b.rows("study.sites", site_rows, "facility")
    cell = celltherapy.extract_cell_facts(text)
    study["target_antigens"] = b.items("study.target_antigens", cell["target_antigens"])
    for key in ("cell_type", "cell_source", "lymphodepletion"):
        b.scalar(study, key, "study." + key, cell.get(key))
    arm_rows, intv_rows = arms.extract_arms(doc)
    if doc.registry and not arm_rows and block_arms:
        arm_rows, intv_rows = block_arms, block_intvs
    if doc.registry and not arm_rows:
        # the registry's own shapes: typed arm lines, GSK's turns, EU CTR's product rows
        reg_arms, reg_intvs = record.read_arms(doc)
        if not reg_arms and not reg_intvs:
            reg_arms, reg_intvs = coded_lines.read(doc)
        products = record.read_products(doc)
        if reg_arms or reg_intvs or products:
            arm_rows, intv_rows = reg_arms, reg_intvs or products
            record.add_product(doc, arm_rows, intv_rows)
    regimen_doses: list[Row] = []
    if doc.registry and not intv_rows:
        intv_rows, regimen_doses = record.read_regimen(doc)
    esc: dict[str, Any] = {}
    for key, f in escalation.extract_escalation(text).items():
        b.scalar(esc, key, "escalation." + key, f)
    data = {
        "source": Source(file=file_name, sha256=sha256),
        "study": study,
        "arms": b.rows("arms", arm_rows, "label"),
        "interventions": b.rows("interventions", intv_rows, "name"),
        "dose_levels": b.rows("dose_levels", regimen_doses or (record.read_doses(doc, _dose_spans(
            doc, header, arm_rows)) if doc.registry else []) or doses.extract_doses(
            text, [r.values.get("name") or "" for r in intv_rows]), "text"),
        "escalation": esc,
        "outcomes": b.rows("outcomes", [
            r for r in (record.read_block_outcomes(doc) if doc.registry else []) or outcomes.extract_outcomes(doc)
            if not _PLACEHOLDER.match(r.values.get("measure") or "")], "measure"),
        "criteria": b.rows("criteria", criteria.extract_criteria(doc), "text"),
    }
    data["evidence"] = [Evidence(**e) for e in b.evidence]
    ab = Abstraction.model_validate(data)
    return Extraction(ab, b.confidence, b.extractor)
