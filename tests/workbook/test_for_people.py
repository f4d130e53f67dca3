"""The workbook is written for the reviewer who opens it: what they read first, ids at the right and
grouped, rows tall enough for their text, opening on Studies, an About sheet that says how to review
and no local path, days shown whole, a file others may open; and import never depends on where a
column stands."""
from __future__ import annotations

import os
import zipfile

import pytest
from openpyxl import load_workbook

from abstractor.workbook import export_workbook, plan_import
from abstractor.workbook import layout as L
from abstractor.workbook.export import suggested_name
from tests.workbook.helpers import all_studies, edit


@pytest.fixture
def sent(rich_store, tmp_path):
    path = tmp_path / "sent.xlsx"
    export_workbook(rich_store, path)
    return path


def test_each_record_sheet_opens_with_what_a_reviewer_reads(sent, rich_store):
    wb = load_workbook(sent)
    ab = next(iter(all_studies(rich_store).values()))
    for sheet in L.ROW_SHEETS:
        head = [c.value for c in wb[sheet.name][1]]
        assert head[:2] == ["registry_id", "study_title"], sheet.name
        assert head[-3:] == ["study_id", "row_id", "order"], sheet.name
        assert head.index("evidence") == len(head) - 4  # the quotes beside the values
        dims = wb[sheet.name].column_dimensions
        assert [dims[chr(64 + i)].outlineLevel for i in range(len(head) - 2, len(head) + 1)] == [1, 1, 1]
        assert dims["A"].outlineLevel == 0
    studies = [c.value for c in wb["Studies"][1]]
    assert studies[:2] == ["registry_ids", "title"] and studies[-1] == "study_id"
    crit = wb["Criteria"]
    head = [c.value for c in crit[1]]
    row = {h: c.value for h, c in zip(head, crit[3])}
    assert row["text"] == ab.criteria[1].text and row["evidence"] == f"text: {ab.criteria[1].text}"
    assert head.index("category") < head.index("thresholds") < head.index("evidence")


def test_a_study_without_title_is_named_by_its_file(rich_store, tmp_path):
    ab = next(iter(all_studies(rich_store).values()))
    rich_store.replace_study(ab.model_copy(update={"study": ab.study.model_copy(update={"title": None})}))
    path = tmp_path / "untitled.xlsx"
    export_workbook(rich_store, path)
    ws = load_workbook(path)["Outcomes"]
    head = [c.value for c in ws[1]]
    assert ws.cell(2, head.index("study_title") + 1).value == "trial.txt"
    assert not plan_import(rich_store, path).has_changes


def test_rows_get_heights_the_book_opens_on_studies_days_show_whole(sent):
    wb = load_workbook(sent)
    assert wb.active.title == "Studies"
    arms = wb["Arms"]
    assert arms.row_dimensions[2].height and arms.row_dimensions[2].height >= 30  # "+ two doses\nthen more"
    oc = wb["Outcomes"]
    head = [c.value for c in oc[1]]
    cell = oc.cell(2, head.index("time_frame_days") + 1)
    assert cell.value == 28.0 and cell.number_format == "0"


def test_the_about_sheet_says_how_to_review_and_holds_no_path(sent, rich_store):
    about = {r[0]: r[1] for r in load_workbook(sent)["About"].iter_rows(values_only=True) if r[0]}
    assert {"Change a value", "Add a row", "Delete a row", "Comment", "Do not touch"} <= set(about)
    assert about["database"] == os.path.basename(rich_store.label) and os.sep not in about["database"]
    text = zipfile.ZipFile(sent).read("xl/worksheets/sheet1.xml").decode()
    assert os.path.dirname(rich_store.label) not in text


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_the_file_mode_follows_the_umask(rich_store, tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        export_workbook(rich_store, tmp_path / "shared.xlsx")
    finally:
        os.umask(old)
    assert (tmp_path / "shared.xlsx").stat().st_mode & 0o777 == mode


def test_import_reads_columns_by_name_wherever_they_stand(sent, rich_store, tmp_path):
    def shuffle(wb):
        for name in ("Studies", "Criteria", "Outcomes", "Evidence", "Review"):
            ws = wb[name]
            rows = [[c.value for c in r] for r in ws.iter_rows()]
            for r, values in enumerate(rows, 1):
                for c, v in enumerate(reversed(values), 1):
                    cell = ws.cell(r, c)
                    cell.value = v
                    if isinstance(v, str) and v.startswith("="):
                        cell.data_type = "s"  # the sponsor "=HYPERLINK(...)" is text, not a formula

    back = tmp_path / "shuffled.xlsx"
    edit(sent, back, shuffle)
    plan = plan_import(rich_store, back)
    assert not plan.issues and not plan.has_changes, plan.report()


def test_suggested_file_names():
    assert suggested_name("NCT01234567", "Anything", "2026-12-04") == "NCT01234567_2026-12-04.xlsx"
    assert suggested_name(None, "Anti-CD7 CAR-T: a/b study?", "2026-12-04") == \
        "Anti-CD7_CAR-T_a_b_study_2026-12-04.xlsx"
    assert suggested_name(None, None, "2026-12-04", fallback="study") == "study_2026-12-04.xlsx"


def test_the_review_sheet_says_who_marked_and_when_with_the_forms_labels(rich_store, tmp_path):
    from abstractor.storage import review_ops

    ab = next(iter(all_studies(rich_store).values()))
    review_ops.verify(rich_store, ab.id, ("criterion", ab.criteria[0].id, "category"))
    path = tmp_path / "marks.xlsx"
    export_workbook(rich_store, path)
    rows = list(load_workbook(path)["Review"].iter_rows(values_only=True))
    head = rows[0]
    got = {(r[head.index("sheet")], r[head.index("field")]): dict(zip(head, r)) for r in rows[1:]}
    mark = got[("Criteria", "category")]
    assert (mark["label"], mark["status"], mark["marked_by"], mark["author"], mark["comment"]) == (
        "Category", "VERIFIED", rich_store.user, None, None)  # who marked it; no comment, so no author
    assert mark["marked_at"] and mark["marked_at"][:4].isdigit() and mark["at"] is None
    assert got[("Studies", "enrollment")]["label"] == "Enrollment"
    assert not plan_import(rich_store, path).has_changes  # who and when are for reading: no change
