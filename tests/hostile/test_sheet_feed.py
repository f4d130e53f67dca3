"""Sheets are parsed on a worker thread while the next one is checked: no sheet is parsed before its
own check, a refused sheet is never parsed, and no parse outlives the reading."""
from __future__ import annotations

import threading

import pytest

import python_calamine
from abstractor.workbook import WorkbookRejected, read_workbook
from abstractor.workbook import safety
from tests.hostile.conftest import edit_sheet, rezip


@pytest.fixture
def log(monkeypatch):
    """Every check of a worksheet part and every parse, in the order they happened (any thread)."""
    events: list[tuple[str, str]] = []
    lock = threading.Lock()
    check = safety.BookGuard._check_part

    def checked(self, info, sheet):
        check(self, info, sheet)
        with lock:
            events.append(("checked", sheet))

    real = python_calamine.CalamineWorkbook.from_path

    class Watched:
        def __init__(self, book):
            self.book, self.sheet_names = book, book.sheet_names

        def get_sheet_by_name(self, name):
            with lock:
                events.append(("parsing", name))
            return self.book.get_sheet_by_name(name)

    monkeypatch.setattr(safety.BookGuard, "_check_part", checked)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", lambda p: Watched(real(p)))
    return events


def _no_parse_thread_left():
    return not [t for t in threading.enumerate() if t.name.startswith("sheet-parse")]


def test_every_sheet_is_checked_before_it_is_parsed(good, log):
    read_workbook(good)
    parsed = [n for what, n in log if what == "parsing"]
    assert {"About", "Studies", "Criteria", "Evidence"} <= set(parsed)
    for name in parsed:
        assert log.index(("checked", name)) < log.index(("parsing", name)), name
    assert _no_parse_thread_left()


def test_a_refused_sheet_is_never_parsed_nor_any_after_it(good, tmp_path, log):
    bad = edit_sheet(good, tmp_path / "bad.xlsx", "Criteria", lambda d: d.replace(
        b"</sheetData>", b'<row r="40"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>'))
    with pytest.raises(WorkbookRejected, match="sheet Criteria reaches cell XFD1048576"):
        read_workbook(bad)
    parsed = [n for what, n in log if what == "parsing"]
    assert "Outcomes" in parsed  # the sheets before it were read ...
    assert "Criteria" not in parsed and "Evidence" not in parsed  # ... not it, nor any after it
    assert _no_parse_thread_left()


def test_a_hostile_sheet_no_one_reads_refuses_the_file_all_the_same(good, tmp_path):
    """A reviewer's extra sheet is never parsed, but a file carrying a hostile part is still refused."""
    part = "xl/worksheets/notes.xml"
    hostile = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="XFD1048576" t="n"><v>1</v></c></row>'
               b'</sheetData></worksheet>')
    bad = rezip(good, tmp_path / "notes.xlsx", add={part: hostile})
    with pytest.raises(WorkbookRejected, match="notes.xml reaches cell XFD1048576"):
        read_workbook(bad)
    assert _no_parse_thread_left()


def test_a_sheet_calamine_cannot_parse_is_named_and_the_worker_stops(good, tmp_path):
    """A damaged worksheet (not well-formed XML that the checks let through) fails in calamine on the
    worker thread: the reading names the sheet, nothing is imported, no parse thread is left."""
    from abstractor.workbook import WorkbookUnusable

    bad = edit_sheet(good, tmp_path / "broken.xlsx", "Outcomes",
                     lambda d: d.replace(b"</sheetData>", b'<row r="90"><c r="A90" t="n"><v>1</v></row></sheetData>'))
    with pytest.raises(WorkbookUnusable) as info:
        read_workbook(bad)
    msg = str(info.value)
    assert "Outcomes: the sheet cannot be read" in msg and "Outcomes: the sheet is empty" not in msg
    assert _no_parse_thread_left()
