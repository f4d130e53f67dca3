"""Budgets before allocation: a sheet reaching past the limits is refused before calamine reads it
(a single cell at XFD1048576 used to make calamine ask for 512 GiB and abort the process)."""
from __future__ import annotations

import zipfile

import pytest

from abstractor.cli import main
from abstractor.workbook import WorkbookRejected, import_workbook, read_workbook
from abstractor.workbook import safety_extent as X
from tests.hostile.conftest import edit_sheet, rezip, sheet_part

LIMITS = f"at most {X.MAX_ROWS:,} rows, {X.MAX_COLUMNS:,} columns and {X.MAX_CELLS:,} cells"


def _append(cells: bytes):
    return lambda data: data.replace(b"</sheetData>", b"<row r=\"40\">" + cells + b"</row></sheetData>")


CASES = {
    # the form every program writes: the fast scan
    "far_cell": (_append(b'<c r="XFD1048576" t="n"><v>1</v></c>'), "reaches cell XFD1048576"),
    "wide_and_tall": (_append(b'<c r="ZZ200000" t="n"><v>1</v></c>'), "reaches cell ZZ200000"),
    # other forms: the exact scan must find them too
    "r_not_first": (_append(b'<c t="n" r="XFD7"><v>1</v></c>'), "reaches cell XFD"),
    "prefixed": (lambda d: d.replace(b"<worksheet ", b'<worksheet xmlns:x="http://schemas.openxmlformats.org/'
                                     b'spreadsheetml/2006/main" ', 1).replace(
        b"</sheetData>", b'<x:row r="41"><x:c r="XFD41" t="n"><x:v>1</x:v></x:c></x:row></sheetData>'),
                 "reaches cell XFD41"),
    "no_coordinates": (_append(b'<c t="n"><v>1</v></c>' * (X.MAX_COLUMNS + 1)),
                       f"reaches cell {X.column_letters(X.MAX_COLUMNS + 1)}"),
    "bad_coordinate": (_append(b'<c t="n" r="B0x"><v>1</v></c>'), "unreadable coordinate"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_sheet_past_the_limits_is_refused_naming_the_limit(rich_store, good, tmp_path, case, capsys):
    change, expected = CASES[case]
    bad = edit_sheet(good, tmp_path / "bad.xlsx", "Criteria", change)
    before = [ab for ab in rich_store.iter_studies()]
    with pytest.raises(WorkbookRejected) as info:
        import_workbook(rich_store, bad)
    msg = str(info.value)
    assert msg.startswith("bad.xlsx: sheet Criteria ") and expected in msg
    if "reaches" in expected:
        assert LIMITS in msg
    assert list(rich_store.iter_studies()) == before
    # import-workbook and compare refuse it the same way, in one line, exit 1
    assert main(["import-workbook", "--db", rich_store.label, str(bad)]) == 1
    assert main(["compare", str(good), str(bad), "--out", str(tmp_path / "r.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.count(expected) == 2 and "Traceback" not in err
    assert not (tmp_path / "r.xlsx").exists()


def test_a_sheet_the_relationships_put_elsewhere_is_scanned_too(good, tmp_path):
    part = sheet_part(good, "Criteria")
    moved = "xl/elsewhere/data.xml"
    bad = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(("/" + part).encode(), ("/" + moved).encode())
            if item.filename == part:
                zout.writestr(moved, _append(b'<c r="XFD1048576" t="n"><v>1</v></c>')(data))
                continue
            zout.writestr(item, data)
    with pytest.raises(WorkbookRejected, match="sheet Criteria reaches cell XFD1048576"):
        read_workbook(bad)


def test_a_declared_size_is_not_trusted_either_way(good, tmp_path):
    """calamine sizes a sheet by its cells, not by <dimension>: a huge declared size over a few cells reads."""
    odd = edit_sheet(good, tmp_path / "dim.xlsx", "Criteria",
                     lambda d: d.replace(b"<sheetData", b'<dimension ref="A1:XFD1048576"/><sheetData', 1))
    assert [s.ab for s in read_workbook(odd).studies.values()] == [s.ab for s in read_workbook(good).studies.values()]


def test_unusual_but_small_cells_still_read(good, tmp_path):
    """The exact scan does not refuse what the fast one cannot read: same content either way."""
    odd = edit_sheet(good, tmp_path / "odd.xlsx", "Criteria", lambda d: d.replace(b'<c r="', b'<c  r="'))
    a, b = read_workbook(good), read_workbook(odd)
    assert [s.ab for s in a.studies.values()] == [s.ab for s in b.studies.values()]


def test_limits_at_the_edge():
    assert X.Extent(rows=X.MAX_ROWS, columns=1).problem() is None
    assert X.Extent(rows=X.MAX_ROWS + 1, columns=1).problem()
    assert X.Extent(rows=1, columns=X.MAX_COLUMNS).problem() is None
    assert X.Extent(rows=1, columns=X.MAX_COLUMNS + 1).problem()
    assert X.Extent(rows=X.MAX_CELLS // 100, columns=100).problem() is None
    assert X.Extent(rows=X.MAX_CELLS // 100 + 1, columns=100).problem()
    assert [X.column_letters(n) for n in (1, 26, 27, 702, 16384)] == ["A", "Z", "AA", "ZZ", "XFD"]
    assert X.column_number("XFD") == 16384


def test_fast_scan_across_chunk_boundaries():
    """A tag cut anywhere between two chunks is still seen."""
    xml = b'<sheetData><row r="1"><c r="A1" t="n"><v>1</v></c><c r="XFD3" t="n"><v>2</v></c></row></sheetData>'
    for cut in range(1, len(xml)):
        scan = X.ExtentScan()
        scan.feed(xml[:cut])
        scan.feed(xml[cut:])
        ext = scan.done()
        assert ext.fast and (ext.columns, ext.rows) == (16384, 3), cut
