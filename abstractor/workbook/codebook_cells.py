"""Reading a workbook's codebook columns: which codebook it carries, and each cell checked by it.

The workbook names its codebook on the About sheet and lists the fields on the Dictionary sheet
(abstractor.workbook.codebook_sheet), so the reader knows the columns without a database.  A codebook
cell is checked by its field: a value outside the choices rejects its row like any bad cell,
reported at the cell (``Studies!Z2: Vector: 'adenoviral' is not one of ...``).  Read values are
kept under "extra.NAME" keys of a row's values (``extra_of`` gathers them).
"""
from __future__ import annotations

from typing import Any, Optional

from abstractor.workbook import layout as L
from abstractor.workbook.cells import CellError
from models.codebook import Codebook, CodebookField


class CodebookCheck:
    """A codebook field's check, shaped like the pydantic validators the reader applies to a cell
    (``validate_python``, ``core_schema``)."""

    core_schema = {"type": "codebook"}  # never "checks nothing"

    def __init__(self, f: CodebookField):
        self.field = f

    def validate_python(self, value: Any) -> Any:
        try:
            v = self.field.validate_value(value)
        except ValueError as exc:
            raise CellError(str(exc)) from None
        return v.model_dump(mode="json") if hasattr(v, "model_dump") else v


def workbook_codebook(about: dict, dictionary_rows, file: str) -> Optional[Codebook]:
    """The codebook a workbook names on its About sheet, from its Dictionary rows (header first);
    None when it names none; ValueError (with the cell) when its Dictionary cannot say it."""
    from abstractor.workbook.codebook_sheet import codebook_from_rows

    if not about.get("codebook"):
        return None
    rows = list(dictionary_rows or ())
    if not rows:
        raise ValueError(f"{file}: names the codebook {about['codebook']} but has no Dictionary sheet listing it")
    header = rows[0][1]
    return codebook_from_rows(about.get("codebook"), about.get("codebook_version"), header, rows[1:], file)


def checks(sheet: L.Sheet, codebook: Optional[Codebook]) -> dict[str, CodebookCheck]:
    """The check of each codebook column of a sheet, by column name."""
    if codebook is None:
        return {}
    kind = {v: k for k, v in L.CODEBOOK_SHEETS.items()}.get(sheet.name)
    return {c.name: CodebookCheck(codebook.field(kind, c.attr[len(L.EXTRA):]))
            for c in sheet.columns if L.is_codebook(c)}


def value_key(col: L.Column) -> str:
    """The key a column's value is kept under in a row's values: "extra.NAME" for a codebook column."""
    return col.attr if L.is_codebook(col) else col.name


def extra_of(values: dict) -> dict:
    """A row's codebook values ({"vector": "lentiviral"}) from its values by key; empty ones left out."""
    return {k[len(L.EXTRA):]: v for k, v in values.items()
            if k.startswith(L.EXTRA) and v not in (None, "", [])}
