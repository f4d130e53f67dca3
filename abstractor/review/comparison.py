"""What comparing two abstractors' studies gives: every compared value, the row pairings,
and the discrepancies with the evidence quote of each side."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Any, Optional

from models import schema


@dataclass(slots=True)
class FieldResult:
    """One value compared between A and B (agreeing or not)."""

    section: str  # "study", "escalation", or a row kind ("criteria")
    field: str  # "phases", "threshold.value"; "" for plain-string rows
    path_a: str
    path_b: str
    value_a: Any
    value_b: Any
    agree: bool
    row_label: str = ""
    key_a: Any = None  # the compared (normalised) forms
    key_b: Any = None


@dataclass
class RowMatch:
    """How the rows of one kind were paired: (index A, index B, score)."""

    kind: str
    pairs: list[tuple[int, int, float]] = dc_field(default_factory=list)
    only_a: list[int] = dc_field(default_factory=list)
    only_b: list[int] = dc_field(default_factory=list)


@dataclass(slots=True)
class Discrepancy:
    study: str  # the study's label (registry id, else title)
    section: str  # "study", "escalation", "criteria", ... or "(study)" for an unmatched study
    field: str  # "" = the whole row or study
    issue: str  # "differs", "only in A", "only in B"
    path_a: str
    path_b: str
    value_a: Any
    value_b: Any
    evidence_a: str = ""
    evidence_b: str = ""
    row_label: str = ""


@dataclass
class StudyComparison:
    label: str
    a: Optional[schema.Abstraction]
    b: Optional[schema.Abstraction]
    matched_by: str  # one of pairing.RULES, "" when on one side only
    fields: list[FieldResult] = dc_field(default_factory=list)
    rows: dict[str, RowMatch] = dc_field(default_factory=dict)
    discrepancies: list[Discrepancy] = dc_field(default_factory=list)
    unpaired_reason: str = ""  # why a study on one side only was not paired

    @property
    def matched(self) -> bool:
        return self.a is not None and self.b is not None


@dataclass
class Comparison:
    label_a: str
    label_b: str
    studies: list[StudyComparison]
    notes: list[str] = dc_field(default_factory=list)  # what was left out, and why
    choice_fields: frozenset = frozenset()  # (section, "extra.NAME") codebook fields with a closed list: kappa
    field_labels: dict = dc_field(default_factory=dict)  # (section, "extra.NAME") -> its codebook label

    @property
    def matched(self) -> list[StudyComparison]:
        return [s for s in self.studies if s.matched]

    @property
    def only_a(self) -> list[StudyComparison]:
        return [s for s in self.studies if s.b is None]

    @property
    def only_b(self) -> list[StudyComparison]:
        return [s for s in self.studies if s.a is None]

    @property
    def discrepancies(self) -> list[Discrepancy]:
        return [d for s in self.studies for d in s.discrepancies]
