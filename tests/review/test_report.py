"""The report workbook: two sheets, highlighted differences, text never a formula."""
import zipfile

from openpyxl import load_workbook

from abstractor.review.compare import compare_sets
from abstractor.review.report import DIFF_FILL, ONLY_FILL, write_report

from tests.review.fixture import study_a, study_b


def test_report_sheets_and_layout(tmp_path):
    a, b = study_a(), study_b()
    b.study.sponsor = '=HYPERLINK("http://example.invalid","x")'
    b.study.official_title = "@SUM(1)"
    out = write_report(compare_sets([a], [b], "A (a.json)", "B (b.json)"), tmp_path / "r.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Summary", "Discrepancies"]
    summary = {r[0]: r[1] for r in wb["Summary"].iter_rows(values_only=True) if r[0]}
    assert summary["Studies matched"] == 1 and summary["Discrepancies (values, rows and studies)"] == 5
    assert "Agreement per field" in summary and "Repeated rows (A as reference)" in summary
    ws = wb["Discrepancies"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:L6"
    rows = list(ws.iter_rows(min_row=2))
    by_field = {r[4].value: r for r in rows}
    sponsor = by_field["Sponsor"]  # the form's label
    assert sponsor[7].value == '=HYPERLINK("http://example.invalid","x")' and sponsor[7].data_type == "s"
    assert sponsor[7].fill.fgColor.rgb.endswith(DIFF_FILL.fgColor.rgb[-6:])
    missing = next(r for r in rows if r[5].value == "only in A")
    assert missing[6].fill.fgColor.rgb.endswith(ONLY_FILL.fgColor.rgb[-6:]) and missing[7].value is None
    with zipfile.ZipFile(out) as z:
        xml = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml
