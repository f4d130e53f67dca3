"""The reader takes a sheet's rows one at a time: the same rows, from A1, as calamine's whole-sheet list."""
from __future__ import annotations

import pytest
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from abstractor.workbook.sheet_rows import SheetRows as _Rows


@pytest.mark.parametrize("cells", [{}, {"A1": "h", "B2": 1}, {"C3": "x", "D5": 2}, {"A3": "x"}, {"C1": "h", "E4": True}])
def test_rows_from_a1_like_to_python(tmp_path, cells):
    wb = Workbook()
    for ref, v in cells.items():
        wb.active[ref] = v
    path = tmp_path / "t.xlsx"
    wb.save(path)
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(wb.active.title)
    want = sheet.to_python(skip_empty_area=False)
    rows = _Rows(sheet)
    head = rows.header()
    got = [] if head is None else [head, *(row for _, row in rows.body())]
    assert got == want
    assert [r for r, _ in rows.body()] == list(range(1, len(want)))
