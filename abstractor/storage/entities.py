"""Which table holds which part of a study, and how JSON paths name its fields.

ABSTRACTION_JSON names a field by position ("outcomes[2].time_frame"); the
database names it by row id ("outcome", "<uuid>", "time_frame") so that
evidence and review survive reordering.  This module maps one to the other.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from pydantic import TypeAdapter

from models import records, schema, tables
from models.schema import parse_path


@dataclass(frozen=True)
class Entity:
    """A record kind (models.records) with the table that stores it."""

    name: str  # "outcome"
    table: Any  # the SQLModel table class
    json_list: Optional[str]  # "outcomes", "study.sites"; None for study/escalation
    model: Any  # pydantic class of one item (None for plain strings)
    scalar: Optional[str] = None  # for lists of strings: the column holding the string

    @property
    def repeated(self) -> bool:
        return self.json_list is not None


# The one storage-specific fact about each record kind: its table.
TABLES = {"study": tables.Study, "escalation": tables.Escalation, "registry_id": tables.RegistryId,
          "condition": tables.Condition, "site": tables.Site, "arm": tables.Arm,
          "intervention": tables.Intervention, "dose_level": tables.DoseLevel, "outcome": tables.Outcome,
          "criterion": tables.Criterion}
ENTITIES: dict[str, Entity] = {k.name: Entity(k.name, TABLES[k.name], k.path, k.model, k.scalar)
                               for k in records.KINDS.values()}
BY_LIST = {e.json_list: e for e in ENTITIES.values() if e.json_list}
REPEATED = [e for e in ENTITIES.values() if e.repeated]

# Study-level keys of the Abstraction that live on the study row, beside StudyFields.
STUDY_WORKFLOW_FIELDS = tuple(f.name for f in records.STUDY.fields if f.workflow)
STUDY_LIST_FIELDS = (*records.STUDY_LISTS,)  # stored as rows


def entity(name: str) -> Entity:
    try:
        return ENTITIES[name]
    except KeyError:
        raise ValueError(f"unknown record kind {name!r}") from None


def column_for(field: str) -> str:
    """A field's column: the same name (kept as a function: storage may one day rename)."""
    return field


_ADAPTERS: dict[tuple[str, str], TypeAdapter] = {}


def adapter(entity_name: str, field: str) -> TypeAdapter:
    """A validator for one field, from the pydantic schema (the one source of types)."""
    key = (entity_name, field)
    if key not in _ADAPTERS:
        ent = entity(entity_name)
        if ent.scalar:
            ann: Any = str
        else:
            holder = schema.Abstraction if entity_name == "study" and field in STUDY_WORKFLOW_FIELDS else ent.model
            info = holder.model_fields.get(field) if field != "id" else None
            if info is None:
                raise ValueError(f"{entity_name} has no field {field!r}")
            ann = info.rebuild_annotation()
        _ADAPTERS[key] = TypeAdapter(ann)
    return _ADAPTERS[key]


def to_db(value: Any) -> Any:
    """Pydantic value -> column value (enums to their strings)."""
    if isinstance(value, list):
        return [to_db(v) for v in value]
    if hasattr(value, "model_dump"):  # a sub-record kept in a JSON column (a criterion's thresholds)
        return value.model_dump(mode="json")
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
