"""Pydantic form of one study abstraction: ABSTRACTION_JSON, validated.

This is the shape that `extract` prints, JSON export writes, workbooks carry
and the window reads.  Unknown values are ``None`` and empty lists ``[]``.
Keys beyond ABSTRACTION_JSON (ids, extra facts, review) are additions the
document allows; they keep a study lossless through every format.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from models.enums import (
    AbstractionStatus,
    Allocation,
    ArmType,
    CellSource,
    CriterionCategory,
    CriterionKind,
    InterventionModel,
    InterventionType,
    Masking,
    Operator,
    OutcomeKind,
    OverallStatus,
    Phase,
    PrimaryPurpose,
    ReviewState,
    Sex,
    StudyType,
)

SCHEMA_ID = "protocol-abstraction/1"
AGE_RE = re.compile(r"^\d+(\.\d+)? (Years?|Months?|Weeks?|Days?|Hours?|Minutes?)$")

Age = Annotated[str, StringConstraints(pattern=AGE_RE.pattern)]


class _Model(BaseModel):
    # extra="forbid": a misspelt key in a hand-edited file is an error, not lost data.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


class Site(_Model):
    id: Optional[str] = None
    facility: Optional[str] = None
    city: Optional[str] = None
    region: Optional[str] = None
    country: Optional[str] = None


class StudyFields(_Model):
    registry_ids: list[str] = []
    title: Optional[str] = None
    official_title: Optional[str] = None
    acronym: Optional[str] = None
    sponsor: Optional[str] = None
    conditions: list[str] = []
    phases: list[Phase] = []
    study_type: Optional[StudyType] = None
    allocation: Optional[Allocation] = None
    intervention_model: Optional[InterventionModel] = None
    masking: Optional[Masking] = None
    primary_purpose: Optional[PrimaryPurpose] = None
    enrollment: Optional[Annotated[int, Field(ge=0)]] = None
    overall_status: Optional[OverallStatus] = None
    min_age: Optional[Age] = None
    max_age: Optional[Age] = None
    sex: Optional[Sex] = None
    sites: list[Site] = []
    # Cell-therapy product facts (DESIGN.md).
    target_antigens: list[str] = []
    cell_type: Optional[str] = None
    cell_source: Optional[CellSource] = None
    lymphodepletion: Optional[str] = None


class Arm(_Model):
    id: Optional[str] = None
    label: Optional[str] = None
    type: Optional[ArmType] = None
    description: Optional[str] = None
    interventions: list[str] = []


class Intervention(_Model):
    id: Optional[str] = None
    name: Optional[str] = None
    type: Optional[InterventionType] = None
    description: Optional[str] = None
    other_names: list[str] = []


class DoseLevel(_Model):
    id: Optional[str] = None
    value: Optional[float] = None
    value_max: Optional[float] = None
    unit: Optional[str] = None
    per_weight: Optional[bool] = None
    route: Optional[str] = None
    schedule: Optional[str] = None
    text: Optional[str] = None


class Escalation(_Model):
    method: Optional[str] = None
    dlt_window_days: Optional[Annotated[int, Field(ge=0)]] = None
    redosing: Optional[str] = None


class Outcome(_Model):
    id: Optional[str] = None
    kind: OutcomeKind = OutcomeKind.OTHER
    measure: Optional[str] = None
    description: Optional[str] = None
    time_frame: Optional[str] = None
    time_frame_days: Optional[float] = None


class Threshold(_Model):
    parameter: Optional[str] = None
    operator: Optional[Operator] = None
    value: Optional[float] = None
    unit: Optional[str] = None


class Criterion(_Model):
    id: Optional[str] = None
    kind: CriterionKind = CriterionKind.INCLUSION
    text: str = ""
    category: Optional[CriterionCategory] = None
    threshold: Optional[Threshold] = None


class Evidence(_Model):
    field: str
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]
    quote: str
    document: Optional[str] = None  # sha256 of the source document; None = this abstraction's source

    @model_validator(mode="after")
    def _ordered(self) -> "Evidence":
        if self.end < self.start:
            raise ValueError(f"evidence for {self.field}: end {self.end} is before start {self.start}")
        return self


class Source(_Model):
    file: Optional[str] = None
    sha256: Optional[str] = None


class Comment(_Model):
    author: Optional[str] = None
    at: Optional[str] = None  # ISO 8601, UTC
    text: str


class ReviewEntry(_Model):
    field: str
    status: ReviewState = ReviewState.UNCHECKED
    comments: list[Comment] = []


class Abstraction(_Model):
    """One study: ABSTRACTION_JSON plus ids and review, validated."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema")
    id: Optional[str] = None
    source: Optional[Source] = None
    study: StudyFields = StudyFields()
    arms: list[Arm] = []
    interventions: list[Intervention] = []
    dose_levels: list[DoseLevel] = []
    escalation: Escalation = Escalation()
    outcomes: list[Outcome] = []
    criteria: list[Criterion] = []
    evidence: list[Evidence] = []
    status: AbstractionStatus = AbstractionStatus.IN_PROGRESS
    abstractor: Optional[str] = None
    consensus: bool = False
    review: list[ReviewEntry] = []

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)

    @field_validator("schema_")
    @classmethod
    def _known_schema(cls, v: str) -> str:
        if v != SCHEMA_ID:
            raise ValueError(f"unknown schema {v!r}; this program reads {SCHEMA_ID!r}")
        return v

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", by_alias=True)


# --- field paths ---------------------------------------------------------
# Evidence and review name a field by a dotted path: "study.enrollment",
# "outcomes[2].time_frame", "study.sites[0].city".

LIST_KEYS = ("arms", "interventions", "dose_levels", "outcomes", "criteria")
_PATH_RE = re.compile(r"^(?P<head>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<rest>.+))?$")


def parse_path(path: str) -> tuple[str, Optional[int], Optional[str]]:
    """Split "outcomes[2].time_frame" into ("outcomes", 2, "time_frame")."""
    m = _PATH_RE.match(path)
    if not m:
        raise ValueError(f"not a field path: {path!r}")
    index = m.group("index")
    return m.group("head"), int(index) if index is not None else None, m.group("rest")


# --- trusted construction -------------------------------------------------
# Bulk paths (workbook import/export) build many rows from values that were
# already checked; they skip validation but must still hold real enums, so the
# objects behave exactly like validated ones.

_ENUM_FIELDS: dict[type, dict[str, type]] = {}


def _enum_fields(model: type) -> dict[str, type]:
    if model not in _ENUM_FIELDS:
        import enum
        import typing

        found = {}
        for name, info in model.model_fields.items():
            for arg in (info.annotation, *typing.get_args(info.annotation)):
                if isinstance(arg, type) and issubclass(arg, enum.Enum):
                    found[name] = arg
        _ENUM_FIELDS[model] = found
    return _ENUM_FIELDS[model]


def construct(model: type, **data: Any):
    """``model.model_construct`` for trusted data, with enum fields as enums."""
    for name, cls in _enum_fields(model).items():
        v = data.get(name)
        if v is not None and not isinstance(v, cls):
            data[name] = cls(v)
    return model.model_construct(**data)
