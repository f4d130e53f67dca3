"""Workbooks saved by LibreOffice (headless) import back as people expect: an export re-saved
untouched is "no change"; a reviewer's edits saved by LibreOffice apply exactly once, also when the
workbook is imported twice.  Skipped without LibreOffice (a failure under CI=true)."""
from __future__ import annotations

import subprocess
from pathlib import Path

from abstractor.workbook import export_workbook, import_workbook, plan_import
from tests.workbook.helpers import all_studies
from tests.workbook.test_libreoffice import OFFICE, _office  # noqa: F401 (the skip/fail fixture)
from tests.workbook.test_reviewer_edits import _reviewed


def resave(xlsx: Path, work: Path) -> Path:
    """Open ``xlsx`` in LibreOffice and save it as .xlsx again (what a reviewer's Save does)."""
    out = work / "resaved"
    out.mkdir(exist_ok=True)
    cmd = [OFFICE, f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--convert-to",
           "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(xlsx)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    saved = out / xlsx.name
    assert saved.exists(), done.stdout + done.stderr
    return saved


def test_an_export_resaved_by_libreoffice_is_no_change(rich_store, tmp_path):
    sent = tmp_path / "sent.xlsx"
    export_workbook(rich_store, sent)
    back = resave(sent, tmp_path)
    plan = plan_import(rich_store, back)
    assert not plan.issues and not plan.has_changes, plan.report()


def test_reviewer_edits_saved_by_libreoffice_apply_exactly_once(rich_store, tmp_path):
    before, dropped, edited = _reviewed(rich_store, tmp_path)
    back = resave(edited, tmp_path)
    plan, _ = import_workbook(rich_store, back, delete_missing=True)
    assert not plan.issues and not any(p.conflicts for p in plan.studies), plan.report()
    once = all_studies(rich_store)[before.id]
    assert once.study.enrollment == 24 and once.outcomes[0].time_frame == "28 days"
    assert dropped not in {o.id for o in once.outcomes}
    assert [c.text for c in once.criteria].count("Pregnant or breastfeeding") == 1
    comments = [(c.author, c.text) for r in once.review for c in r.comments]
    assert comments.count(("rita", "typo in the source: dyas")) == 1
    again = plan_import(rich_store, back, delete_missing=True)
    assert not again.has_changes and not again.issues, again.report()
    import_workbook(rich_store, back, delete_missing=True)
    assert all_studies(rich_store)[before.id] == once



def test_a_formula_saved_by_libreoffice_with_its_result_is_still_a_problem(rich_store, tmp_path):
    from tests.workbook.helpers import col_of, edit

    sent, typed = tmp_path / "sent.xlsx", tmp_path / "typed.xlsx"
    export_workbook(rich_store, sent)
    edit(sent, typed, lambda wb: setattr(wb["Studies"].cell(2, col_of(wb["Studies"], "enrollment")), "value",
                                         "=20*2"))
    back = resave(typed, tmp_path)  # LibreOffice computes and stores the result, 40
    plan = plan_import(rich_store, back)
    assert any("holds the formula =20*2" in str(i) and str(i).startswith("Studies!") for i in plan.issues), \
        plan.report()
    before = all_studies(rich_store)
    import_workbook(rich_store, back)
    assert all_studies(rich_store) == before
