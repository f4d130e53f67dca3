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

from abstractor.workbook.cells import FORMULA_STARTS, encode_list, escape, mark_text, split_text
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
                 freeze: str = "A2", scientific: tuple[str, ...] = (), verbatim: tuple[str, ...] = ()):
        self.sheet = sheet
        self.ws = wb.create_sheet(sheet.name)
        self.rows = 0
        self.overflow = overflow
        cols = sheet.columns
        for i, col in enumerate(cols, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = col.width
        self.ws.freeze_panes = freeze
        self._cells = [self._make_cells(col, col.name in scientific) for col in cols]
        self._convert = [self._converter(col, cells, col.name in verbatim) for col, cells in zip(cols, self._cells)]
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
    def append(self, values: list[Any]) -> None:
        """Write one row of plain values in column order (None: an empty cell)."""
        self.rows += 1
        self.ws.append([conv(v) for conv, v in zip(self._convert, values)])

    def _converter(self, col: Column, cells: dict, verbatim: bool) -> Callable[[Any], Any]:
        """value -> prepared cell, one function per column (the export's inner loop)."""
        text, quoted, number, plain = cells["text"], cells["quoted"], cells["number"], cells["plain"]
        spill = self._spill

        def put_text(s: str):
            if len(s) > 8000:
                s = spill(col, s)
            s = escape(s)
            cell = quoted if s[:1] in FORMULA_STARTS else text
            cell._value, cell.data_type = s, "s"  # always text: never a formula or an error code
            return cell

        kind = col.kind
        if kind == "float":
            def conv(v):
                if v is None:
                    return None
                number._value, number.data_type = repr(float(v)), "n"  # repr: every digit (openpyxl: %.16g)
                return number
        elif kind in ("int", "order", "bool"):
            dtype = "b" if kind == "bool" else "n"

            def conv(v):
                if v is None:
                    return None
                plain._value, plain.data_type = (bool(v) if dtype == "b" else int(v)), dtype
                return plain
        elif kind == "list":
            def conv(v):
                s = encode_list([str(x) for x in v]) if v else None
                return None if s is None else put_text(s)
        elif kind == "phases":
            def conv(v):
                return put_text("/".join(str(getattr(x, "value", x)) for x in v)) if v else None
        elif kind == "enum" and col.strict:
            def conv(v):
                return None if v is None else put_text(str(getattr(v, "value", v)))
        elif verbatim:
            def conv(v):
                return None if v is None or v == "" else put_text(v)
        else:
            def conv(v):
                if v is None:
                    return None
                v = str(getattr(v, "value", v))
                if not v or v[0] == '"':
                    v = mark_text(v)
                return put_text(v)
        return conv

    def _spill(self, col: Column, s: str) -> str:
        """Text over the cell limit: the first part stays, the rest goes to the Overflow sheet."""
        parts = split_text(s)
        if len(parts) == 1:
            return s
        if self.overflow is None:
            raise ValueError(f"{self.sheet.name}.{col.name}: text too long for one cell")
        digest = hashlib.sha256(parts[0].encode("utf-8")).hexdigest()
        for n, part in enumerate(parts[1:], 2):
            self.overflow([self.sheet.name, col.name, digest, n, part])
        return parts[0]

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
