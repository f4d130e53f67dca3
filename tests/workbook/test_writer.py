"""The sheet-data writer: what it writes reads back exactly (calamine, openpyxl), is well-formed
XML, keeps styles by index, and fills the right cells after empty ones."""
from __future__ import annotations

import zipfile

import pytest
from lxml import etree
from openpyxl import Workbook, load_workbook

from abstractor.workbook.cells import decode
from abstractor.workbook.layout import Column, Sheet
from abstractor.workbook.writer import SheetWriter, save_workbook, xml_text
from tests.workbook.helpers import sheet_values

SHEET = Sheet("T", None, None, "test", (
    Column("long", "long", "wrapped text"),
    Column("text", "text", "text"),
    Column("n", "int", "int"),
    Column("x", "float", "float"),
    Column("b", "bool", "bool", values=("TRUE", "FALSE")),
    Column("items", "list", "list"),
    Column("e", "enum", "enum", values=("A", "B")),
))
TEXTS = ["a\r\nb\rc\nd", " leading", "trailing ", "\tTab", "&<>\"' & &amp; ]]> <t>", "😀 astral ×10⁷ 中文 µ ≥",
         "=1+1", "+44", "-5", "@SUM(A1)", "#N/A", "_x0041_ literal", "\x01\x1f control", "", '""', '"', "x" * 9000,
         "\u2028 line sep", "plain"]
NUMBERS = [0.30000000000000004, 1e-300, 1e300, -2.5, 123456789.123456789, 1e7, 0.0]


def _write(path, rows):
    wb = Workbook(write_only=True)
    w = SheetWriter(wb, SHEET, overflow=lambda row: None, scientific=("x",))
    for r in rows:
        w.append(r)
    save_workbook(wb, [w], path)
    w.discard()
    return w


def _rows():
    out = []
    for i, s in enumerate(TEXTS):
        x = NUMBERS[i % len(NUMBERS)]
        out.append([s, s, i * 10**12, x, i % 2 == 0, [s, "two"] if s.strip() else [], "AB"[i % 2]])
    out.append([None, None, None, None, None, [], None])  # an empty row still counts
    out.append([None, "after gaps", None, None, False, None, "B"])
    return out


def test_values_read_back_exactly(tmp_path):
    path = tmp_path / "w.xlsx"
    rows = _rows()
    w = _write(path, rows)
    assert w.rows == len(rows)
    got = sheet_values(path)["T"]
    assert got[0] == SHEET.names
    for want, row in zip(rows, got[1:]):
        row = row + [""] * (len(SHEET.columns) - len(row))
        back = [decode(c, v) for c, v in zip(SHEET.columns, row)]
        expect = list(want)
        expect[5] = expect[5] or []
        if expect[0] is not None and len(expect[0]) > 8000:  # spilled: the cell holds the first part
            assert back[0] == expect[0][:len(back[0])]
            back[0] = back[1] = expect[0] = expect[1] = None
        assert back == expect, (want, row)


def test_openpyxl_reads_types_and_styles(tmp_path):
    path = tmp_path / "w.xlsx"
    rows = _rows()
    _write(path, rows)
    ws = load_workbook(path)["T"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:G{len(rows) + 1}"
    assert ws["A1"].value == "long" and ws["A1"].font.b
    for r, want in enumerate(rows, 2):
        long, text, n, x, b = (ws.cell(r, c) for c in range(1, 6))
        if want[1] is not None and want[1] not in ("", '""', '"'):
            assert text.data_type == "s"
            if len(want[1]) <= 8000 and "_" not in want[1] and "\x01" not in want[1]:
                assert text.value == want[1]
            assert text.quotePrefix == (want[1][:1] in "=+-@") and not text.alignment.wrap_text
        if want[0] is not None and want[0] not in ("", '""', '"'):
            assert long.alignment.wrap_text and long.quotePrefix == (want[0][:1] in "=+-@")
        if want[2] is not None:
            assert n.data_type == "n" and n.value == want[2]
        if want[3] is not None:
            assert x.value == want[3] and x.number_format == "0.00E+00"
        if want[4] is not None:
            assert b.data_type == "b" and b.value is want[4]
    assert ws.cell(len(rows) + 1, 2).value == "after gaps" and ws.cell(len(rows) + 1, 1).value is None


def test_sheet_xml_is_well_formed_and_in_order(tmp_path):
    path = tmp_path / "w.xlsx"
    rows = _rows()
    _write(path, rows)
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        root = etree.fromstring(z.read(names[0]))
    children = [etree.QName(e).localname for e in root]
    assert children.index("sheetData") < children.index("autoFilter") < children.index("dataValidations")
    rs = [int(r.get("r")) for r in root.find("m:sheetData", ns)]
    assert rs == list(range(1, len(rows) + 2))
    last = root.find("m:sheetData", ns)[-1]
    assert [c.get("r") for c in last] == [f"B{len(rows) + 1}", f"E{len(rows) + 1}", f"G{len(rows) + 1}"]


@pytest.mark.parametrize("s, xml", [("a&b", "a&amp;b"), ("<t>", "&lt;t&gt;"), ("a\r\nb", "a&#13;\nb"),
                                    ("]]>", "]]&gt;"), ("plain", "plain")])
def test_xml_text(s, xml):
    assert xml_text(s) == xml
