"""Form fields and table columns from the one description of the record kinds (models.records):
their labels, value kinds and choices are said once, in the models; a panel only picks which
fields it shows, in what order and how wide."""
from __future__ import annotations

from typing import Optional

from gui.row_table_model import Column
from models import records

# The models' value kinds -> the window's editors (a panel asks for the multi-line editor, "text",
# where a cell holds paragraphs).
TABLE_KIND = {"text": "str", "long": "str", "list": "list", "enum": "enum", "phases": "phases", "int": "int",
              "float": "float", "dose": "dose", "bool": "bool", "age": "age", "thresholds": "thresholds",
              "date": "date"}
FORM_KIND = {**TABLE_KIND, "long": "str"}


def describe(entity: str, name: str) -> records.FieldDesc:
    kind = records.kind(entity)
    return kind.fields[0] if kind.scalar else kind.field(name)


def column(entity: str, name: str, width: int = 0, title: Optional[str] = None, kind: Optional[str] = None) -> Column:
    """A table column for a described field."""
    f = describe(entity, name)
    kind = kind or ("str" if f.kind == "enum" and not f.info.strict else TABLE_KIND[f.kind])
    return Column(name, title or f.label, kind, list(f.choices), width)


def form_kind(entity: str, name: str) -> tuple[str, list]:
    f = describe(entity, name)
    if f.kind == "enum" and not f.info.strict:  # free words, the choices only suggest (cell type)
        return "str", list(f.choices)
    return FORM_KIND[f.kind], list(f.choices)
