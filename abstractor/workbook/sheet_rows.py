"""A calamine sheet's rows as the reader walks them, and the small reads of one row."""
from __future__ import annotations

import re
from typing import Iterator, Optional

from abstractor.workbook.safety_extent import column_letters


def cell_ref(row: int, col: int) -> str:
    """The A1-style name ("B12") of row 11, column 1 (both counted from 0).  Not openpyxl's: reading
    a workbook does not load openpyxl (about 11 MB)."""
    return f"{column_letters(col + 1)}{row + 1}"


class SheetRows:
    """A sheet's rows, one at a time as calamine gives them (no list of the whole sheet), from A1 like
    ``to_python(skip_empty_area=False)``: calamine's rows start at row 1 but at the first used column."""

    def __init__(self, sheet):
        self.sheet = sheet.sheet if isinstance(sheet, SheetRows) else sheet

    def _all(self) -> Iterator[tuple[int, list]]:
        if isinstance(self.sheet, list):  # rows already listed (a subclass's rows())
            return enumerate(self.sheet)
        start = self.sheet.start if self.sheet is not None else None
        if start is None:
            return iter(())
        left = start[1]
        rows = self.sheet.iter_rows()
        return enumerate(rows if not left else ([""] * left + row for row in rows))

    def header(self) -> Optional[list]:
        return next((row for _, row in self._all()), None)

    def body(self) -> Iterator[tuple[int, list]]:
        """(row index from 0, values) for every row after the header."""
        rows = self._all()
        next(rows, None)
        return rows


def is_blank(row: list) -> bool:
    return all(v == "" or v is None for v in row)


def text_id(row: list, i: int) -> str:
    v = row[i] if i < len(row) else ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v).strip() if v is not None else ""


_ID_RE = re.compile(r"[0-9a-f]{32}")
ID_FORM = "32 hexadecimal digits, as the program writes them"


def is_our_id(text: str) -> bool:
    """A study or row id as this program makes them (models.tables.new_id: uuid4 hex); nothing else
    (an invisible character, a path, a formula) is taken as an id."""
    return _ID_RE.fullmatch(text) is not None
