"""Streaming sheet writer over openpyxl's write-only mode.

Each column gets a few prepared cells (wrapped text, text kept from being a
formula, scientific numbers) that are refilled for every row: openpyxl writes a
row out as soon as it is appended, so one cell object per column is enough
and styling costs almost nothing.
"""
from __future__ import annotations

import hashlib
from typing import Any, Callable, Optional

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from abstractor.workbook.cells import FORMULA_STARTS, escape, split_text
from abstractor.workbook.layout import Column, Sheet

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
HEADER_BORDER = Border(bottom=Side(style="thin", color="1F3864"))
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
SCIENTIFIC = "0.00E+00"
MAX_ROWS = 1_048_576
_ERROR_LIKE = ("#",)


class SheetWriter:
    def __init__(self, wb, sheet: Sheet, overflow: Optional[Callable[[list], None]] = None,
                 freeze: str = "A2", scientific: tuple[str, ...] = ()):
        self.sheet = sheet
        self.ws = wb.create_sheet(sheet.name)
        self.rows = 0
        self.overflow = overflow
        cols = sheet.columns
        for i, col in enumerate(cols, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = col.width
        self.ws.freeze_panes = freeze
        self._cells = [self._make_cells(col, col.name in scientific) for col in cols]
        self.ws.append([self._header(col) for col in cols])
        # Every value we append is one of our prepared cells: hand them straight to the row writer
        # (openpyxl's own path tries each value as a plain value first and formats an error for a cell).
        self.ws._values_to_row = _cells_to_row
        for i, col in enumerate(cols, 1):
            if col.values:
                self._validation(i, col)

    # --- setup ---------------------------------------------------------------
    def _header(self, col: Column) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, col.name)
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, HEADER_ALIGN, HEADER_BORDER
        return cell

    def _make_cells(self, col: Column, scientific: bool) -> dict[str, WriteOnlyCell]:
        ws = self.ws
        text = WriteOnlyCell(ws)
        if col.wrap:
            text.alignment = WRAP
        quoted = WriteOnlyCell(ws)
        quoted.alignment = WRAP if col.wrap else TOP
        quoted.quotePrefix = True
        number = WriteOnlyCell(ws)
        if scientific:
            number.number_format = SCIENTIFIC
        return {"text": text, "quoted": quoted, "number": number, "plain": WriteOnlyCell(ws)}

    def _validation(self, index: int, col: Column) -> None:
        letter = get_column_letter(index)
        dv = DataValidation(type="list", formula1='"' + ",".join(col.values) + '"', allow_blank=True,
                            showErrorMessage=True, errorStyle="stop" if col.strict else "warning",
                            errorTitle=col.name, error=f"{col.name}: choose one of the listed values"
                            + ("" if col.strict else " (or keep your own)"))
        dv.add(f"{letter}2:{letter}{MAX_ROWS}")
        self.ws.data_validations.append(dv)

    # --- rows ------------------------------------------------------------------
    def append(self, values: list[Any], key: str = "") -> None:
        """Write one row of encoded values (None: an empty cell)."""
        out: list[Any] = []
        for col, cells, v in zip(self.sheet.columns, self._cells, values):
            if v is None:
                out.append(None)
            elif isinstance(v, bool):
                cell = cells["plain"]
                cell._value, cell.data_type = v, "b"
                out.append(cell)
            elif isinstance(v, int):
                cell = cells["plain"]
                cell._value, cell.data_type = v, "n"
                out.append(cell)
            elif isinstance(v, float):
                cell = cells["number"]
                cell._value, cell.data_type = repr(v), "n"  # repr: every digit, unlike openpyxl's %.16g
                out.append(cell)
            else:
                out.append(self._text(col, cells, v))
        self.rows += 1
        self.ws.append(out)

    def _text(self, col: Column, cells: dict, s: str) -> Any:
        if len(s) > 8000:
            parts = split_text(s)
            if len(parts) > 1:
                s = parts[0]
                if self.overflow is None:
                    raise ValueError(f"{self.sheet.name}.{col.name}: text too long for one cell")
                digest = hashlib.sha256(s.encode("utf-8")).hexdigest()
                for n, part in enumerate(parts[1:], 2):
                    self.overflow([self.sheet.name, col.name, digest, n, part])
        s = escape(s)
        cell = cells["quoted"] if s[:1] in FORMULA_STARTS else cells["text"]
        cell._value, cell.data_type = s, "s"  # always text: never a formula or an error code
        return cell

    def close(self) -> None:
        last = get_column_letter(len(self.sheet.columns))
        self.ws.auto_filter.ref = f"A1:{last}{max(self.rows + 1, 2)}"


def _cells_to_row(cells, row_idx):
    """Replaces WriteOnlyWorksheet._values_to_row for rows made only of our cells (or None)."""
    for col_idx, cell in enumerate(cells, 1):
        if cell is None:
            continue
        cell.column = col_idx
        cell.row = row_idx
        yield cell
