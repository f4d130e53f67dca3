"""The record kinds of a study, each described once, from the models' own fields.

Everything that lists a kind's fields (the database mapping, the workbook's sheets and columns,
evidence and review paths, compare and review labels, the forms) asks this module instead of
naming them again.  A field's label, value kind and width come from its ``Info`` (models.fields).
"""
from __future__ import annotations

import enum
import re
import typing
from dataclasses import dataclass
from typing import Any, Optional

from pydantic import BaseModel

from models import schema
from models.fields import Info


@dataclass(frozen=True)
class FieldDesc:
    name: str  # the model attribute: "time_frame"
    info: Info
    annotation: Any  # its full type
    item_model: Optional[type] = None  # the model of one list item (Threshold), if any
    workflow: bool = False  # status/abstractor/consensus: on the Abstraction, not on StudyFields

    @property
    def label(self) -> str:
        return self.info.label

    @property
    def kind(self) -> str:
        return self.info.kind

    @property
    def is_list(self) -> bool:
        return self.kind in ("list", "phases", "thresholds")

    @property
    def choices(self) -> tuple[str, ...]:
        if self.info.choices:
            return self.info.choices
        e = enum_of(self.annotation)
        return tuple(m.value for m in e) if e else ()


@dataclass(frozen=True)
class RecordKind:
    name: str  # "criterion": the storage entity, audit and review name
    label: str  # "criterion", for messages
    model: Optional[type]  # the pydantic model of one record (None: a plain string)
    path: Optional[str]  # its JSON list ("criteria", "study.sites"); None for the study and escalation
    sheet: Optional[str]  # its workbook sheet ("Criteria"); None when its fields sit on another sheet
    fields: tuple[FieldDesc, ...]
    scalar: Optional[str] = None  # for lists of strings: the stored column ("name")
    name_field: Optional[str] = None  # the field that says which row this is ("text" of a criterion)

    @property
    def repeated(self) -> bool:
        return self.path is not None

    def field(self, name: str) -> FieldDesc:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.label} has no field {name!r}")

    def has(self, name: str) -> bool:
        return any(f.name == name for f in self.fields)

    def field_problem(self, path: str, codebook: Any = None) -> Optional[str]:
        """Why ``path`` ("time_frame", "thresholds[1].value", "interventions[0]", "" for the whole
        record, "extra.vector" for a codebook field) cannot carry evidence or a review mark on this
        kind, or None when it can.  ``codebook`` (models.codebook.Codebook): the study's, which says
        which "extra." paths exist."""
        if not path:
            return None
        if path.startswith("extra."):
            name = path[6:]
            if codebook is None:
                return f"{path!r}: the study has no codebook, so it has no codebook field {name!r}"
            if not any(f.kind == self.name and f.name == name for f in codebook.fields):
                return (f"{name!r} is not a field of a {self.label} in the codebook "
                        f"{codebook.name} v{codebook.version}")
            return None
        m = _FIELD_PATH.match(path)
        if not m:
            return f"{path!r} is not a field name"
        name, index, sub = m.group(1), m.group(2), m.group(3)
        if not self.has(name):
            return f"{name!r} is not a field of a {self.label}"
        f = self.field(name)
        if not f.info.evidence:
            return f"{f.label} does not take evidence"
        if index is not None and not f.is_list:
            return f"{name} is not a list, so {path!r} names nothing"
        if sub is not None:
            if index is None or f.item_model is None or sub not in f.item_model.model_fields:
                return f"{path!r} is not a part of {name}"
        return None


_FIELD_PATH = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$")


def enum_of(annotation: Any) -> Optional[type]:
    """The enumeration inside a type (Optional[Phase], list[Phase] ...), if any."""
    stack = [annotation]
    while stack:
        a = stack.pop()
        if isinstance(a, type) and issubclass(a, enum.Enum):
            return a
        stack.extend(typing.get_args(a))
    return None


def _item_model(annotation: Any) -> Optional[type]:
    for a in typing.get_args(annotation):
        if isinstance(a, type) and issubclass(a, BaseModel):
            return a
    return None


def describe(model: type, *, skip: tuple[str, ...] = (), workflow: bool = False) -> tuple[FieldDesc, ...]:
    """The described fields of a model, in declaration order (fields without an Info are not data)."""
    out = []
    for name, info in model.model_fields.items():
        meta = next((m for m in info.metadata if isinstance(m, Info)), None)
        if meta is None or name in skip:
            continue
        out.append(FieldDesc(name, meta, info.annotation, _item_model(info.annotation), workflow))
    return tuple(out)


_WORKFLOW = describe(schema.Abstraction, workflow=True)
_STRING = lambda label: (FieldDesc("", Info(label, "text"), str),)  # noqa: E731

STUDY = RecordKind("study", "study", schema.StudyFields, None, "Studies",
                   describe(schema.StudyFields) + _WORKFLOW)
ESCALATION = RecordKind("escalation", "escalation design", schema.Escalation, None, None,
                        describe(schema.Escalation))
REGISTRY_ID = RecordKind("registry_id", "registry id", None, "study.registry_ids", None, _STRING("Registry id"),
                         scalar="value", name_field="value")
CONDITION = RecordKind("condition", "condition", None, "study.conditions", None, _STRING("Condition"),
                       scalar="name", name_field="name")
SITE = RecordKind("site", "site", schema.Site, "study.sites", "Sites", describe(schema.Site), name_field="facility")
ARM = RecordKind("arm", "arm", schema.Arm, "arms", "Arms", describe(schema.Arm), name_field="label")
INTERVENTION = RecordKind("intervention", "intervention", schema.Intervention, "interventions", "Interventions",
                          describe(schema.Intervention), name_field="name")
DOSE_LEVEL = RecordKind("dose_level", "dose level", schema.DoseLevel, "dose_levels", "DoseLevels",
                        describe(schema.DoseLevel), name_field="text")
OUTCOME = RecordKind("outcome", "outcome", schema.Outcome, "outcomes", "Outcomes", describe(schema.Outcome),
                     name_field="measure")
CRITERION = RecordKind("criterion", "criterion", schema.Criterion, "criteria", "Criteria",
                       describe(schema.Criterion), name_field="text")

KINDS: dict[str, RecordKind] = {k.name: k for k in (STUDY, ESCALATION, REGISTRY_ID, CONDITION, SITE, ARM,
                                                      INTERVENTION, DOSE_LEVEL, OUTCOME, CRITERION)}
BY_PATH: dict[str, RecordKind] = {k.path: k for k in KINDS.values() if k.path}
ROW_KINDS = tuple(k for k in KINDS.values() if k.sheet and k.repeated)  # the kinds with a sheet of rows
# StudyFields that are rows of their own kind in storage, not columns of the study.
STUDY_LISTS = tuple(k.path[6:] for k in KINDS.values() if k.path and k.path.startswith("study."))
# Model fields that are not data to describe here: ids, the study's sites (their own kind), and the
# codebook values (each described by the study's codebook, models.codebook).
NOT_DESCRIBED = {"id", "sites", "extra"}  # extra: codebook values, described by the codebook


def kind(name: str) -> RecordKind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown record kind {name!r}") from None


def study_field_kind(name: str) -> RecordKind:
    """The kind that holds a Studies-level field (the study itself or its escalation design)."""
    return STUDY if STUDY.has(name) else ESCALATION
