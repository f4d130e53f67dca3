"""A workbook past the stated size (rows and cells over all its sheets) is refused, naming the
limit, while its parts are checked: before any reader holds a sheet."""
from __future__ import annotations

import pytest

from abstractor.workbook import WorkbookRejected, export_workbook, read_workbook
from abstractor.workbook import safety_extent as X


def test_a_workbook_past_the_stated_size_is_refused_before_it_is_read(rich_store, tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    export_workbook(rich_store, path)
    read_workbook(path)  # within the limits
    monkeypatch.setattr(X, "MAX_BOOK_ROWS", 12)  # this small workbook now counts as too large

    def no_reading(*_a, **_k):
        raise AssertionError("calamine was asked to read a workbook past the limit")

    import python_calamine
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", no_reading)
    with pytest.raises(WorkbookRejected, match=r"big.xlsx: has \d+ rows and [\d,]+ cells in its sheets; this program "
                                               r"reads workbooks of at most 12 rows and 12,000,000 cells"):
        read_workbook(path)


def test_the_stated_size_holds_ten_thousand_studies():
    # 10,000 studies of the benchmark: about 250,000 rows and 2.9 million cells (bench/README.md).
    assert X.book_problem(250_000, 2_900_000) is None
    assert "at most 600,000 rows" in X.book_problem(1_048_575, 2_000_000)
