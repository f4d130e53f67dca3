"""Agreement between two abstractors: percent agreement, Cohen's kappa, row F1.

Conventions (stated in the report too): a field counts only where at least one
abstractor filled it (two blanks say nothing about agreement); a blank against
a value is a disagreement, and for kappa "blank" is a category of its own.
Kappa is computed across studies (one study gives one item per field, too few
for chance correction) and is None where undefined (both always chose the same
single category).  For repeated rows A is the reference: a row paired by
content is a true positive, a row only in B a false positive, only in A a false
negative; precision = paired/|B|, recall = paired/|A|.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field as dc_field
from typing import Any, Hashable, Iterable, Optional

from abstractor.review.bulk import no_cyclic_gc
from abstractor.review.compare import Comparison, FieldResult, StudyComparison
from abstractor.review.values import ENUMERATED, ROW_KINDS

BLANK = "(blank)"


def percent_agreement(pairs: Iterable[tuple[Hashable, Hashable]]) -> Optional[float]:
    pairs = list(pairs)
    return 100.0 * sum(a == b for a, b in pairs) / len(pairs) if pairs else None


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> Optional[float]:
    """(p_o - p_e) / (1 - p_e) over the items; None when there are none or p_e = 1."""
    pairs = list(pairs)
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if pe >= 1.0:
        return None
    return (po - pe) / (1.0 - pe)


@dataclass
class RowAgreement:
    kind: str
    paired: int = 0  # true positives
    only_a: int = 0  # false negatives
    only_b: int = 0  # false positives
    exact: int = 0  # paired rows with no differing field

    @property
    def precision(self) -> Optional[float]:
        return self.paired / (self.paired + self.only_b) if self.paired + self.only_b else None

    @property
    def recall(self) -> Optional[float]:
        return self.paired / (self.paired + self.only_a) if self.paired + self.only_a else None

    @property
    def f1(self) -> Optional[float]:
        d = 2 * self.paired + self.only_a + self.only_b
        return 2 * self.paired / d if d else None

    def add(self, other: "RowAgreement") -> None:
        self.paired += other.paired
        self.only_a += other.only_a
        self.only_b += other.only_b
        self.exact += other.exact


@dataclass
class FieldAgreement:
    section: str
    field: str
    items: int
    agree: int
    kappa: Optional[float] = None  # enumerated fields only
    enumerated: bool = False

    @property
    def percent(self) -> Optional[float]:
        return 100.0 * self.agree / self.items if self.items else None

    @property
    def name(self) -> str:
        return f"{self.section}.{self.field}" if self.field else self.section

    @property
    def label(self) -> str:
        """As the forms say it: "Study: Brief title", "Criteria: Category"."""
        from abstractor.workbook.labels import field_label

        section = self.section.replace("_", " ").capitalize()
        return f"{section}: {field_label(self.section, self.field)}" if self.field else section


@dataclass
class StudyAgreement:
    label: str
    matched_by: str
    fields: int
    agree: int
    discrepancies: int
    rows: dict[str, RowAgreement] = dc_field(default_factory=dict)

    @property
    def percent(self) -> Optional[float]:
        return 100.0 * self.agree / self.fields if self.fields else None


@dataclass
class Agreement:
    fields: list[FieldAgreement]
    rows: dict[str, RowAgreement]
    studies: list[StudyAgreement]

    @property
    def items(self) -> int:
        return sum(f.items for f in self.fields)

    @property
    def percent(self) -> Optional[float]:
        n = self.items
        return 100.0 * sum(f.agree for f in self.fields) / n if n else None


def _category(fr: FieldResult, which: str) -> Hashable:
    v = fr.key_a if which == "a" else fr.key_b
    return BLANK if v is None else v


def _row_of(path: str) -> str:
    return path[: path.index("].") + 1] if "]." in path else path


def study_agreement(sc: StudyComparison) -> StudyAgreement:
    rows = {}
    differing = {_row_of(fr.path_a) for fr in sc.fields if not fr.agree and "[" in fr.path_a}
    for kind in ROW_KINDS:
        m = sc.rows.get(kind.name)
        if m is None:
            rows[kind.name] = RowAgreement(kind.name)
            continue
        exact = sum(kind.path(i) not in differing for i, _j, _s in m.pairs)
        rows[kind.name] = RowAgreement(kind.name, len(m.pairs), len(m.only_a), len(m.only_b), exact)
    return StudyAgreement(sc.label, sc.matched_by, len(sc.fields), sum(f.agree for f in sc.fields),
                          len(sc.discrepancies), rows)


def compute(comparison: Comparison) -> Agreement:
    """Per field (pooled over studies and rows), per kind of row, and per matched study."""
    with no_cyclic_gc():
        return _compute(comparison)


def _compute(comparison: Comparison) -> Agreement:
    by_field: dict[tuple[str, str], list[FieldResult]] = {}
    studies, rows = [], {k.name: RowAgreement(k.name) for k in ROW_KINDS}
    for sc in comparison.matched:
        for fr in sc.fields:
            by_field.setdefault((fr.section, fr.field), []).append(fr)
        sa = study_agreement(sc)
        studies.append(sa)
        for k, ra in sa.rows.items():
            rows[k].add(ra)
    fields = []
    for (section, field), frs in by_field.items():
        enumerated = (section, field) in ENUMERATED or (section, field) in comparison.choice_fields
        kappa = cohen_kappa((_category(f, "a"), _category(f, "b")) for f in frs) if enumerated else None
        fields.append(FieldAgreement(section, field, len(frs), sum(f.agree for f in frs), kappa, enumerated))
    return Agreement(fields, rows, studies)


def fmt(v: Any, pct: bool = False) -> str:
    """Figures for people: "n/a" for undefined, one decimal for percentages."""
    if v is None:
        return "n/a"
    return f"{v:.1f}%" if pct else f"{v:.3f}"


def summary(comparison: Comparison, agreement: Agreement) -> str:
    """The result in one sentence whose counts cannot contradict each other: the percentage is
    over the values compared in paired studies, and so is the count of differing values; rows
    and studies on one side only are counted apart (they have no value to agree on)."""
    c, ag = comparison, agreement
    differ = ag.items - sum(f.agree for f in ag.fields)
    rows_one_side = sum(ra.only_a + ra.only_b for ra in ag.rows.values())
    head = f"{_n(len(c.matched), 'study')} paired and compared"
    if not c.matched:
        head = "no study paired"
    values = (f"{differ} of {_n(ag.items, 'value')} differ ({fmt(ag.percent, pct=True)} agreement)"
              if ag.items else "no value to compare")
    rows = f"{_n(rows_one_side, 'row')} on one side only"
    one_side = f"{len(c.only_a)} only in {c.label_a}, {len(c.only_b)} only in {c.label_b}"
    return f"{head}: {values}, {rows}; studies not paired: {one_side}"


def _n(n: int, what: str) -> str:
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    return f"{n} {what if n == 1 else plural}"
