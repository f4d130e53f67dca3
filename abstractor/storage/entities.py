"""Which table holds which part of a study, and how JSON paths name its fields.

ABSTRACTION_JSON names a field by position ("outcomes[2].time_frame"); the
database names it by row id ("outcome", "<uuid>", "time_frame") so that
evidence and review survive reordering.  This module maps one to the other.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from pydantic import TypeAdapter

from models import schema, tables
from models.schema import parse_path


@dataclass(frozen=True)
class Entity:
    name: str  # "outcome"
    table: Any  # the SQLModel table class
    json_list: Optional[str]  # "outcomes", "study.sites"; None for study/escalation
    model: Any  # pydantic class of one item (None for plain strings)
    scalar: Optional[str] = None  # for lists of strings: the column holding the string

    @property
    def repeated(self) -> bool:
        return self.json_list is not None


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in [
        Entity("study", tables.Study, None, schema.StudyFields),
        Entity("escalation", tables.Escalation, None, schema.Escalation),
        Entity("registry_id", tables.RegistryId, "study.registry_ids", None, "value"),
        Entity("condition", tables.Condition, "study.conditions", None, "name"),
        Entity("site", tables.Site, "study.sites", schema.Site),
        Entity("arm", tables.Arm, "arms", schema.Arm),
        Entity("intervention", tables.Intervention, "interventions", schema.Intervention),
        Entity("dose_level", tables.DoseLevel, "dose_levels", schema.DoseLevel),
        Entity("outcome", tables.Outcome, "outcomes", schema.Outcome),
        Entity("criterion", tables.Criterion, "criteria", schema.Criterion),
    ]
}
BY_LIST = {e.json_list: e for e in ENTITIES.values() if e.json_list}
REPEATED = [e for e in ENTITIES.values() if e.repeated]

# Study-level keys of the Abstraction that live on the study row, beside StudyFields.
STUDY_WORKFLOW_FIELDS = ("status", "abstractor", "consensus")
STUDY_LIST_FIELDS = ("registry_ids", "conditions", "sites")  # stored as rows


def entity(name: str) -> Entity:
    try:
        return ENTITIES[name]
    except KeyError:
        raise ValueError(f"unknown record kind {name!r}") from None


def column_for(field: str) -> str:
    """JSON field name -> column name ("threshold.value" -> "threshold_value")."""
    return field.replace(".", "_")


def field_for(column: str) -> str:
    return column.replace("threshold_", "threshold.", 1) if column.startswith("threshold_") else column


_ADAPTERS: dict[tuple[str, str], TypeAdapter] = {}
_WORKFLOW = {"status": schema.Abstraction.model_fields["status"].annotation,
             "abstractor": schema.Abstraction.model_fields["abstractor"].annotation,
             "consensus": bool}


def adapter(entity_name: str, field: str) -> TypeAdapter:
    """A validator for one field, from the pydantic schema (the one source of types)."""
    key = (entity_name, field)
    if key not in _ADAPTERS:
        ent = entity(entity_name)
        if ent.scalar:
            ann: Any = str
        elif entity_name == "study" and field in _WORKFLOW:
            ann = _WORKFLOW[field]
        elif field.startswith("threshold."):
            ann = Optional[schema.Threshold.model_fields[field.split(".", 1)[1]].annotation]
        elif field in ent.model.model_fields:
            ann = ent.model.model_fields[field].annotation
        else:
            raise ValueError(f"{entity_name} has no field {field!r}")
        _ADAPTERS[key] = TypeAdapter(ann)
    return _ADAPTERS[key]


def to_db(value: Any) -> Any:
    """Pydantic value -> column value (enums to their strings)."""
    if isinstance(value, list):
        return [to_db(v) for v in value]
    return getattr(value, "value", value)


@dataclass(frozen=True)
class Target:
    """A stored field: the record kind, the row, and the field ("" = the whole row)."""

    entity: str
    row_id: str
    field: str


def path_to_target(path: str, ids: dict[str, list[str]], study_id: str) -> Target:
    """"outcomes[2].time_frame" -> Target("outcome", ids["outcomes"][2], "time_frame").

    ``ids`` maps each JSON list ("outcomes", "study.conditions") to its row ids in order.
    """
    head, index, rest = parse_path(path)
    if head == "study" and rest:
        sub, sub_index, sub_rest = parse_path(rest)
        list_key = f"study.{sub}"
        if list_key in BY_LIST and sub_index is not None:
            ent = BY_LIST[list_key]
            return Target(ent.name, _nth(ids, list_key, sub_index, path), sub_rest or (ent.scalar or ""))
        return Target("study", study_id, rest)
    if head == "escalation":
        return Target("escalation", study_id, rest or "")
    if head in BY_LIST and index is not None:
        return Target(BY_LIST[head].name, _nth(ids, head, index, path), rest or "")
    if head in STUDY_WORKFLOW_FIELDS:
        return Target("study", study_id, head)
    raise ValueError(f"not a field path: {path!r}")


def _nth(ids: dict[str, list[str]], key: str, index: int, path: str) -> str:
    rows = ids.get(key, [])
    if index >= len(rows):
        raise ValueError(f"{path}: there is no item {index} in {key} (it has {len(rows)})")
    return rows[index]


def target_to_path(t: Target, positions: dict[str, int]) -> str:
    """The inverse: ``positions`` maps row id -> index in its list."""
    ent = entity(t.entity)
    if ent.name == "study":
        return t.field if t.field in STUDY_WORKFLOW_FIELDS else f"study.{t.field}"
    if ent.name == "escalation":
        return f"escalation.{t.field}" if t.field else "escalation"
    base = f"{ent.json_list}[{positions[t.row_id]}]"
    if ent.scalar and t.field == ent.scalar:
        return base
    return f"{base}.{t.field}" if t.field else base
