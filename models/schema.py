"""Pydantic form of one study abstraction: ABSTRACTION_JSON, validated.

This is the shape that `extract` prints, JSON export writes, workbooks carry
and the window reads.  Unknown values are ``None`` and empty lists ``[]``.
Keys beyond ABSTRACTION_JSON (ids, extra facts, review) are additions the
document allows; they keep a study lossless through every format.
"""
from __future__ import annotations

import re
from typing import Annotated, Any, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from models.enums import (
    AbstractionStatus,
    CellType,
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
from models.fields import Info

SCHEMA_ID = "protocol-abstraction/1"
# The largest whole number every format holds exactly: a spreadsheet cell and a JSON reader keep numbers
# as doubles (exact to 2**53), a database integer to 2**63.
MAX_INT = 2**53
_THRESHOLD_PATH = re.compile(r"^(criteria\[\d+\])\.threshold(?=$|\.)")
AGE_RE = re.compile(r"^\d+(\.\d+)? (Years?|Months?|Weeks?|Days?|Hours?|Minutes?)$")

Age = Annotated[str, StringConstraints(pattern=AGE_RE.pattern)]
# A date as precise as the source gives it: 2024-03-15, 2024-03 or 2024.
PartialDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]


class _Model(BaseModel):
    # extra="forbid": a misspelt key in a hand-edited file is an error, not lost data.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)


def _f(label: str, kind: str = "text", help: str = "", width: float = 14, **kw) -> Info:
    return Info(label, kind, help or label, width, **kw)


Text = Optional[str]

# A codebook field's name (models.codebook): the key of ``extra`` and a workbook column.
EXTRA_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
# A codebook field's value as JSON holds it; its own type is checked by the study's codebook
# (models.codebook), which the model cannot see: here only its shape.
ExtraValue = Optional[Union[bool, int, float, str, list[str], dict[str, Union[float, str, None]]]]


def _extra_names(v: dict) -> dict:
    for name in v:
        if not EXTRA_NAME.match(name):
            raise ValueError(f"{name!r} is not a codebook field name (small letters, digits and _)")
    return {k: x for k, x in v.items() if x not in (None, "", [])}


# The values of a team's codebook fields (docs/CODEBOOK.md): {"costimulatory_domain": "4-1BB"}.
# An optional JSON key, left out when empty.
Extra = Annotated[dict[str, ExtraValue], AfterValidator(_extra_names)]


def _extra() -> Any:
    return Field(default_factory=dict, exclude_if=lambda v: not v)


class Site(_Model):
    id: Optional[str] = None
    facility: Annotated[Text, _f("Facility", "long", "Facility name", 36)] = None
    city: Annotated[Text, _f("City")] = None
    region: Annotated[Text, _f("Region", help="State, province or region")] = None
    country: Annotated[Text, _f("Country")] = None


class StudyFields(_Model):
    registry_ids: Annotated[list[str], _f("Registry ids", "list", "Registry ids (NCT..., ChiCTR...), one per line",
                                          18)] = []
    title: Annotated[Text, _f("Brief title", "long", width=40)] = None
    official_title: Annotated[Text, _f("Official title", "long", width=40)] = None
    acronym: Annotated[Text, _f("Acronym", width=12)] = None
    sponsor: Annotated[Text, _f("Sponsor", "long", width=24)] = None
    conditions: Annotated[list[str], _f("Conditions", "list", "Conditions studied, one per line", 28)] = []
    phases: Annotated[list[Phase], _f("Phases", "phases", "Phases joined by / (PHASE1/PHASE2 for a phase 1/2 study)",
                                      16, strict=False)] = []
    study_type: Annotated[Optional[StudyType], _f("Study type", "enum", width=18)] = None
    allocation: Annotated[Optional[Allocation], _f("Allocation", "enum", width=16)] = None
    intervention_model: Annotated[Optional[InterventionModel], _f("Intervention model", "enum", width=18)] = None
    masking: Annotated[Optional[Masking], _f("Masking", "enum", width=12)] = None
    primary_purpose: Annotated[Optional[PrimaryPurpose], _f("Primary purpose", "enum", width=18)] = None
    enrollment: Annotated[Optional[Annotated[int, Field(ge=0, le=MAX_INT)]],
                          _f("Enrollment", "int", "Enrollment (a whole number of participants)", 11)] = None
    overall_status: Annotated[Optional[OverallStatus], _f("Overall status", "enum", "Overall recruitment status",
                                                          20)] = None
    start_date: Annotated[Optional[PartialDate], _f("Start date", "date", "Date of first enrolment, as precise as "
                                                    "the source: 2024-03-15, 2024-03 or 2024", 12)] = None
    min_age: Annotated[Optional[Age], _f("Minimum age", "age", "Minimum age as the registry writes it: 18 Years",
                                         11)] = None
    max_age: Annotated[Optional[Age], _f("Maximum age", "age", "Maximum age as the registry writes it: 70 Years",
                                         11)] = None
    sex: Annotated[Optional[Sex], _f("Sex", "enum", width=9)] = None
    sites: list[Site] = []
    # Cell-therapy product facts (DESIGN.md).
    target_antigens: Annotated[list[str], _f("Target antigens", "list",
                                             "Target antigens (CD5, CD7, CD123 ...), one per line")] = []
    cell_type: Annotated[Text, _f("Cell type", "enum", "Cell type (CAR-T, CAR-NK or other words)", 11,
                                  strict=False, choices=tuple(CellType.values()))] = None
    cell_source: Annotated[Optional[CellSource], _f("Cell source", "enum", "Autologous or allogeneic")] = None
    lymphodepletion: Annotated[Text, _f("Lymphodepletion", "long", "Lymphodepletion regimen", 24)] = None
    extra: Extra = _extra()


class Arm(_Model):
    id: Optional[str] = None
    label: Annotated[Text, _f("Arm", "long", "Arm label", 28)] = None
    type: Annotated[Optional[ArmType], _f("Arm type", "enum", width=20)] = None
    description: Annotated[Text, _f("Description", "long", "Arm description", 48)] = None
    interventions: Annotated[list[str], _f("Interventions", "list", "Names of the arm's interventions (as on the "
                                           "Interventions sheet), one per line", 28)] = []
    extra: Extra = _extra()


class Intervention(_Model):
    id: Optional[str] = None
    name: Annotated[Text, _f("Intervention", "long", "Intervention name", 28)] = None
    type: Annotated[Optional[InterventionType], _f("Intervention type", "enum", width=20)] = None
    description: Annotated[Text, _f("Description", "long", "Intervention description", 48)] = None
    other_names: Annotated[list[str], _f("Other names", "list", "Other names, one per line", 24)] = []
    extra: Extra = _extra()


class DoseLevel(_Model):
    id: Optional[str] = None
    value: Annotated[Optional[float], _f("Dose", "dose", "Dose (the lower end of a range), a number: 1E+07", 12)] = None
    value_max: Annotated[Optional[float], _f("Up to", "dose", "Upper end of a dose range, a number", 12)] = None
    unit: Annotated[Text, _f("Unit", help="Unit: cells/kg, cells, mg/m2, mg/kg, mg ...", width=12)] = None
    per_weight: Annotated[Optional[bool], _f("Per kg", "bool", "TRUE when the dose is per body weight", 11)] = None
    route: Annotated[Text, _f("Route", help="Route of administration", width=12)] = None
    schedule: Annotated[Text, _f("Schedule", "long", width=24)] = None
    text: Annotated[Text, _f("Dose as written", "long", "The dose as the document writes it", 30)] = None
    extra: Extra = _extra()


class Escalation(_Model):
    method: Annotated[Text, _f("Escalation method", help="Dose-escalation design (3+3, BOIN, accelerated "
                               "titration ...)", width=18)] = None
    dlt_window_days: Annotated[Optional[Annotated[int, Field(ge=0, le=MAX_INT)]],
                               _f("DLT window (days)", "int", "DLT observation window in days", 12)] = None
    redosing: Annotated[Text, _f("Re-dosing", "long", "Re-dosing rules", 24)] = None


class Outcome(_Model):
    id: Optional[str] = None
    kind: Annotated[OutcomeKind, _f("Kind", "enum", "Primary, secondary or other outcome", 12)] = OutcomeKind.OTHER
    measure: Annotated[Text, _f("Measure", "long", "The outcome measure", 40)] = None
    description: Annotated[Text, _f("Description", "long", "Its description", 40)] = None
    time_frame: Annotated[Text, _f("Time frame", "long", "Time frame as written", 20)] = None
    time_frame_days: Annotated[Optional[float], _f("Days", "float", "Time frame in days (parsed)", 12)] = None
    extra: Extra = _extra()


class Threshold(_Model):
    parameter: Optional[str] = None
    operator: Optional[Operator] = None
    value: Optional[float] = None
    unit: Optional[str] = None


class Criterion(_Model):
    id: Optional[str] = None
    kind: Annotated[CriterionKind, _f("Kind", "enum", "Inclusion or exclusion", 12)] = CriterionKind.INCLUSION
    text: Annotated[str, _f("Criterion", "long", "The criterion as one item of text", 60)] = ""
    category: Annotated[Optional[CriterionCategory], _f("Category", "enum", width=18)] = None
    thresholds: Annotated[list[Threshold], _f("Thresholds", "thresholds", "Thresholds the criterion states, one "
                                              "per line: parameter, comparison, value, unit (creatinine < 220 umol/L)",
                                              24)] = []
    extra: Extra = _extra()

    @model_validator(mode="before")
    @classmethod
    def _one_threshold(cls, data: Any) -> Any:
        # Files written before criteria had several thresholds carry one "threshold".
        if isinstance(data, dict) and "threshold" in data:
            data = dict(data)
            one = data.pop("threshold")
            if one and "thresholds" not in data:
                data["thresholds"] = [one]
        return data


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
    # Who set the status and when (ISO 8601, UTC): kept through every format, so a study read elsewhere
    # still names its marker.  Optional JSON keys, left out when unknown.
    by: Optional[str] = Field(default=None, exclude_if=lambda v: v is None)
    at: Optional[str] = Field(default=None, exclude_if=lambda v: v is None)


class CodebookRef(_Model):
    """Which codebook (name and version) a study's ``extra`` values were abstracted with."""

    name: str = Field(min_length=1)
    version: int = Field(ge=1)


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
    status: Annotated[AbstractionStatus, _f("Workflow status", "enum", "Abstraction workflow status", 14,
                                            evidence=False)] = AbstractionStatus.IN_PROGRESS
    abstractor: Annotated[Text, _f("Abstractor", help="Who abstracted the study", evidence=False)] = None
    consensus: Annotated[bool, _f("Consensus", "bool", "TRUE for an adjudicated consensus record", 11,
                                  evidence=False)] = False
    review: list[ReviewEntry] = []
    codebook: Optional[CodebookRef] = Field(default=None, exclude_if=lambda v: v is None)  # optional key

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_assignment=True)

    @model_validator(mode="before")
    @classmethod
    def _old_threshold_paths(cls, data: Any) -> Any:
        # "criteria[2].threshold.value" (one threshold per criterion) is now "criteria[2].thresholds[0].value".
        if isinstance(data, dict):
            for key in ("evidence", "review"):
                items = data.get(key)
                if isinstance(items, list) and any(isinstance(i, dict) and ".threshold" in str(i.get("field"))
                                                   for i in items):
                    data = {**data, key: [{**i, "field": _THRESHOLD_PATH.sub(r"\1.thresholds[0]", i["field"])}
                                          if isinstance(i, dict) and isinstance(i.get("field"), str) else i
                                          for i in items]}
        return data

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
    """Fields holding an enum or a list of sub-models (a criterion's thresholds), by name."""
    if model not in _ENUM_FIELDS:
        import enum
        import typing

        found = {}
        for name, info in model.model_fields.items():
            for arg in (info.annotation, *typing.get_args(info.annotation)):
                if isinstance(arg, type) and (issubclass(arg, enum.Enum) or issubclass(arg, BaseModel)):
                    found[name] = arg
        _ENUM_FIELDS[model] = found
    return _ENUM_FIELDS[model]


def construct(model: type, **data: Any):
    """``model.model_construct`` for trusted data, with enum fields as enums and sub-records as models."""
    for name, cls in _enum_fields(model).items():
        v = data.get(name)
        if v is None or isinstance(v, cls):
            continue
        if isinstance(v, list):
            data[name] = [x if isinstance(x, cls) else construct(cls, **x) if issubclass(cls, BaseModel) else cls(x)
                          for x in v]
        elif issubclass(cls, BaseModel):
            data[name] = v if isinstance(v, BaseModel) else construct(cls, **v)
        else:
            data[name] = cls(v)
    return model.model_construct(**data)
