"""A workbook past the stated size (rows and cells over all its sheets) is refused, naming the
limit, while its parts are checked: no sheet is parsed past the limit."""
from __future__ import annotations

import pytest

from abstractor.workbook import WorkbookRejected, export_workbook, read_workbook
from abstractor.workbook import safety_extent as X


def test_a_workbook_past_the_stated_size_is_refused_before_the_sheet_past_it_is_parsed(rich_store, tmp_path,
                                                                                        monkeypatch):
    path = tmp_path / "big.xlsx"
    export_workbook(rich_store, path)
    read_workbook(path)  # within the limits
    import python_calamine
    real = python_calamine.CalamineWorkbook.from_path
    whole = real(str(path))
    rows = [whole.get_sheet_by_name(n).end[0] + 1 for n in whole.sheet_names]
    limit = sum(rows) - 1  # this workbook now counts as too large, by one row
    monkeypatch.setattr(X, "MAX_BOOK_ROWS", limit)
    parsed: list[int] = []  # the rows of each sheet calamine parsed

    class Watched:
        def __init__(self, book):
            self.book, self.sheet_names = book, book.sheet_names

        def get_sheet_by_name(self, name):
            sheet = self.book.get_sheet_by_name(name)
            parsed.append(sheet.end[0] + 1 if sheet.end else 0)
            return sheet

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", lambda p: Watched(real(p)))
    with pytest.raises(WorkbookRejected, match=r"big.xlsx: has at least \d+ rows and [\d,]+ cells in its sheets; "
                                               rf"this program reads workbooks of at most {limit:,} rows and 12,000,000 cells"):
        read_workbook(path)
    # Only sheets within the limit were parsed (the work before the refusal is bounded by it), not all.
    assert parsed and sum(parsed) <= limit
    assert len(parsed) < len(rows)


def test_the_stated_size_holds_ten_thousand_studies():
    # 10,000 studies of the benchmark: about 250,000 rows and 2.9 million cells (bench/README.md).
    assert X.book_problem(250_000, 2_900_000) is None
    assert "at most 600,000 rows" in X.book_problem(1_048_575, 2_000_000)
