"""A team's codebook: the extra fields it abstracts beyond the built-in ones, as data.

A codebook is a versioned list of fields per record kind (study, arm, intervention, dose level,
outcome, criterion), each with a label, a type, allowed choices with synonyms, help text and
whether it is required.  It is kept as JSON (``protocol-codebook/1``).  Values of codebook fields
are validated here, by their field's type, like built-in values are by the models.
"""
from __future__ import annotations

import json
from pathlib import Path
from dataclasses import dataclass, field as dc_field
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator

from models import records
from models.schema import EXTRA_NAME, MAX_INT, PartialDate

CODEBOOK_SCHEMA = "protocol-codebook/1"
KINDS = ("study", "arm", "intervention", "dose_level", "outcome", "criterion")
TYPES = ("text", "integer", "number_with_unit", "date", "yes_no", "one_choice", "several_choices", "list")
_NAME = EXTRA_NAME  # the key of a record's "extra" values


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Choice(_Model):
    value: str = Field(min_length=1)
    synonyms: list[str] = []  # other words documents use for it ("4-1BB": "CD137", "41BB")
    renamed_from: list[str] = []  # values this choice had in earlier versions (stored values move over)


class NumberWithUnit(_Model):
    value: float
    unit: Optional[str] = None


class CodebookField(_Model):
    kind: Literal["study", "arm", "intervention", "dose_level", "outcome", "criterion"]
    name: str
    label: str = Field(min_length=1)
    type: Literal["text", "integer", "number_with_unit", "date", "yes_no", "one_choice", "several_choices", "list"]
    choices: list[Choice] = []
    help: str = ""
    required: bool = False
    retired: bool = False  # kept so stored values stay readable; no longer offered in forms

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _NAME.match(v):
            raise ValueError(f"{v!r} is not a field name (small letters, digits and _, starting with a letter)")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "CodebookField":
        if records.kind(self.kind).has(self.name):
            raise ValueError(f"{self.kind}.{self.name} is a built-in field; a codebook field needs another name")
        choosing = self.type in ("one_choice", "several_choices")
        if choosing and not self.choices:
            raise ValueError(f"{self.name}: a {self.type} field needs its choices")
        if self.choices and not choosing:
            raise ValueError(f"{self.name}: only choice fields have choices (this one is {self.type})")
        words: dict[str, str] = {}
        for c in self.choices:
            for w in (c.value, *c.synonyms):
                key = w.casefold()
                if key in words and words[key] != c.value:
                    raise ValueError(f"{self.name}: {w!r} names both {words[key]!r} and {c.value!r}")
                words[key] = c.value
        return self

    @property
    def values(self) -> list[str]:
        return [c.value for c in self.choices]

    def validate_value(self, value: Any) -> Any:
        """The value as this field's type, or ValueError with a plain reason.  Choices are matched
        without regard to case, and by their synonyms."""
        if value is None or value == [] or value == "":
            return None
        if self.type in ("one_choice", "several_choices"):
            items = value if isinstance(value, list) else [value]
            if self.type == "one_choice" and len(items) != 1:
                raise ValueError(f"{self.label}: one choice, not {len(items)}")
            out = [self._choice(str(x)) for x in items]
            return out[0] if self.type == "one_choice" else list(dict.fromkeys(out))
        if self.type == "number_with_unit" and isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = _number_with_unit(value)  # as a workbook cell or a form writes it: "1e7 cells/kg"
        try:
            return _ADAPTERS[self.type].validate_python(value)
        except ValidationError as exc:
            raise ValueError(f"{self.label}: {value!r} is not {_WORDS[self.type]} "
                             f"({exc.errors()[0]['msg']})") from None

    def _choice(self, text: str) -> str:
        key = text.strip().casefold()
        for c in self.choices:
            if key in (w.casefold() for w in (c.value, *c.synonyms)):
                return c.value
        raise ValueError(f"{self.label}: {text!r} is not one of {', '.join(self.values)}")


def _number_with_unit(value) -> Any:
    """ "1e7 cells/kg" -> {"value": 1e7, "unit": "cells/kg"}; a bare number has no unit; other text is
    left for the type check to refuse."""
    if not isinstance(value, str):
        return {"value": value}
    number, _, unit = value.strip().partition(" ")
    try:
        return {"value": float(number.replace(",", ".")), "unit": unit.strip() or None}
    except ValueError:
        return value


_ADAPTERS = {
    "text": TypeAdapter(str),
    "integer": TypeAdapter(Annotated[int, Field(ge=-MAX_INT, le=MAX_INT)]),
    "number_with_unit": TypeAdapter(NumberWithUnit),
    "date": TypeAdapter(PartialDate),
    "yes_no": TypeAdapter(bool),
    "list": TypeAdapter(list[str]),
}
_WORDS = {"text": "text", "integer": "a whole number", "number_with_unit": "a number with its unit",
          "date": "a date (2024, 2024-03 or 2024-03-15)", "yes_no": "yes or no", "list": "a list of text"}


class Codebook(_Model):
    schema_: str = Field(default=CODEBOOK_SCHEMA, alias="schema")
    name: str = Field(min_length=1)
    version: int = Field(ge=1)
    fields: list[CodebookField] = []

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @field_validator("schema_")
    @classmethod
    def _known(cls, v: str) -> str:
        if v != CODEBOOK_SCHEMA:
            raise ValueError(f"unknown codebook format {v!r}; this program reads {CODEBOOK_SCHEMA!r}")
        return v

    @model_validator(mode="after")
    def _unique(self) -> "Codebook":
        seen = set()
        for f in self.fields:
            if (f.kind, f.name) in seen:
                raise ValueError(f"{f.kind}.{f.name} is listed twice")
            seen.add((f.kind, f.name))
        return self

    def field(self, kind: str, name: str) -> CodebookField:
        for f in self.fields:
            if f.kind == kind and f.name == name:
                return f
        raise KeyError(f"the codebook {self.name} v{self.version} has no {kind} field {name!r}")

    def of_kind(self, kind: str, *, with_retired: bool = False) -> list[CodebookField]:
        return [f for f in self.fields if f.kind == kind and (with_retired or not f.retired)]

    def validate_extra(self, kind: str, extra: dict) -> dict:
        """A record's ``extra`` values checked field by field (unknown names refused)."""
        out = {}
        for name, value in extra.items():
            v = self.field(kind, name).validate_value(value)
            if v is not None:
                out[name] = v
        return out

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json", by_alias=True, exclude_defaults=False), ensure_ascii=False,
                          indent=2) + "\n"


@dataclass
class Migrated:
    """A record's extra values under a new codebook version, and what needs a person's look."""

    extra: dict
    flags: list[str] = dc_field(default_factory=list)  # "costimulatory_domain: 'OX40' is no longer a choice"


def migrate_extra(old: Codebook, new: Codebook, kind: str, extra: dict) -> Migrated:
    """Move one record's values from ``old`` to ``new``: a renamed choice moves to its new name
    (``renamed_from``); a value the new version no longer takes, or a field it no longer has, is
    kept as it was and flagged for review, never dropped silently."""
    out, flags = {}, []
    for name, value in extra.items():
        try:
            nf = new.field(kind, name)
        except KeyError:
            out[name] = value
            flags.append(f"{name}: the field is not in {new.name} v{new.version}; its value is kept for review")
            continue
        moved = _renamed(nf, value)
        try:
            v = nf.validate_value(moved)
            out[name] = v.model_dump(mode="json") if isinstance(v, BaseModel) else v  # as JSON holds it
        except ValueError as exc:
            out[name] = value
            flags.append(f"{name}: {exc}; the value is kept for review")
            continue
        if nf.retired:
            flags.append(f"{name}: the field is retired in v{new.version}; its value is kept")
    return Migrated(out, flags)


def _renamed(f: CodebookField, value: Any) -> Any:
    if f.type not in ("one_choice", "several_choices"):
        return value
    old_names = {o.casefold(): c.value for c in f.choices for o in c.renamed_from}
    if isinstance(value, list):
        return [old_names.get(str(v).casefold(), v) for v in value]
    return old_names.get(str(value).casefold(), value)


def read_codebook(path: str | Path) -> Codebook:
    """A codebook JSON file; ValueError naming the file and the first problem."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Codebook.model_validate(data)
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read ({exc.strerror})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err.get("loc", ()))
        raise ValueError(f"{path}: {where + ': ' if where else ''}{err['msg'].removeprefix('Value error, ')}") from None
