"""Workbooks from the window, driven as a person does: File ▸ Export workbook (the open study,
the selected ones, all), a reviewer's edits in a spreadsheet, File ▸ Import workbook… with its
preview, Apply, then Edit ▸ Undo and Redo of the whole import as one step.  No shared corpus."""
from __future__ import annotations

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt

from tests.workbook.helpers import DOC_TEXT, col_of, document, edit, find_row, rich_study, store_with


@pytest.fixture
def study_db(db_path):
    """The window's database holding one abstracted study (with its document, evidence and review)."""
    doc = document()
    store_with(db_path, [rich_study(doc)], [[doc]]).close()
    return db_path


@pytest.fixture
def answer_open(monkeypatch):
    """The file dialog of File ▸ Import workbook… answers with the path put in ``answer_open.path``."""
    from gui import ask

    class Answer:
        path = None

    monkeypatch.setattr(ask, "open_file", lambda parent, title, folder, flt: Answer.path)
    return Answer


def _wait_job(qtbot, w):
    qtbot.waitUntil(lambda: w.workbook.job is None, timeout=20000)


def _export(qtbot, w, action, path, dialogs):
    dialogs.save_path = str(path)
    action.trigger()
    _wait_job(qtbot, w)
    assert dialogs.messages("error") == []
    assert path.exists()


def _import(qtbot, w, path, answer_open):
    answer_open.path = str(path)
    w.workbook.import_action.trigger()
    _wait_job(qtbot, w)


def _studies_in(path) -> list:
    rows = load_workbook(path, read_only=True)["Studies"].iter_rows(values_only=True)
    i = list(next(rows)).index("study_id")  # by name: the workbook puts ids at the right
    return [r[i] for r in rows if r[i]]


def _review(ab):
    """What a reviewer does in Excel: a value, a criterion added, an outcome removed, a comment."""
    def fn(wb):
        st = wb["Studies"]
        st.cell(find_row(st, "study_id", ab.id), col_of(st, "enrollment")).value = 24
        cr = wb["Criteria"]
        r = cr.max_row + 1
        for name, value in (("study_id", ab.id), ("kind", "EXCLUSION"), ("text", "Pregnant or breastfeeding"),
                            ("category", "pregnancy")):
            cr.cell(r, col_of(cr, name)).value = value
        oc = wb["Outcomes"]
        oc.delete_rows(find_row(oc, "row_id", ab.outcomes[2].id))
        rv = wb["Review"]
        r = rv.max_row + 1
        for name, value in (("study_id", ab.id), ("sheet", "Studies"), ("row_id", ab.id), ("field", "title"),
                            ("status", "QUERIED"), ("author", "rita"), ("comment", "Title differs from the protocol")):
            rv.cell(r, col_of(rv, name)).value = value
    return fn


def test_export_review_import_preview_apply_undo_redo(qtbot, open_window, study_db, tmp_path, dialogs, answer_open):
    w = open_window(study_db)
    store, stack = w.ctx.store, w.ctx.undo_stack
    sid = w.ctx.session.study_id
    assert sid is not None  # the window opens on the study
    before = store.get_study(sid)
    docs_before = store.documents(sid)

    # File ▸ Export ▸ this study, written off the GUI thread.
    sent = tmp_path / "sent.xlsx"
    _export(qtbot, w, w.workbook.export_current_action, sent, dialogs)
    assert _studies_in(sent) == [sid]

    # The reviewer's edits.
    back = tmp_path / "back.xlsx"
    edit(sent, back, _review(before))

    # File ▸ Import workbook…: the preview lists exactly the reviewer's changes; nothing changed yet.
    _import(qtbot, w, back, answer_open)
    dialog = w.workbook.preview_dialog
    assert dialog is not None and dialog.isVisible()
    dropped = before.outcomes[2]
    lines = {line[1:3]: line[3:] for line in dialog.lines()}
    missing = ("missing", f"Outcomes row {dropped.id[:8]}")
    assert set(lines) == {("changed", "Studies enrollment"), ("new row", "Criteria: new row"), missing,
                          ("review", "review of Studies title")}
    assert lines[("changed", "Studies enrollment")] == ("20", "24")
    assert lines[("new row", "Criteria: new row")] == ("", "EXCLUSION · Pregnant or breastfeeding")
    assert "@PK" in lines[missing][0] and lines[missing][1] == ""
    assert lines[("review", "review of Studies title")] == (
        "(none)", "queried; 1 comment, last: rita: “Title differs from the protocol”")
    assert "1 updated" in dialog.summary.text() and "1 row missing" in dialog.summary.text()
    assert not dialog.remove_missing.isChecked()  # missing rows are kept unless the user says so
    assert store.get_study(sid) == before and stack.count() == 0

    # "Remove them": planned again; the missing outcome is now to be removed.
    qtbot.mouseClick(dialog.remove_missing, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, dialog.remove_missing.height() // 2))
    _wait_job(qtbot, w)
    assert dialog.remove_missing.isChecked()
    kinds = sorted(line[1] for line in dialog.lines())
    assert kinds == ["changed", "new row", "removed", "review"]
    assert store.get_study(sid) == before

    # Apply: one transaction, one undo step.
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.workbook.preview_dialog is None, timeout=5000)
    after = store.get_study(sid)
    assert after.study.enrollment == 24
    assert [o.id for o in after.outcomes] == [o.id for o in before.outcomes[:2]]
    new = after.criteria[-1]
    assert (new.kind, new.text, new.category) == ("EXCLUSION", "Pregnant or breastfeeding", "pregnancy")
    assert len(after.criteria) == len(before.criteria) + 1
    title_review = {r.field: r for r in after.review}["study.title"]
    assert title_review.status == "QUERIED"
    assert [(c.author, c.text) for c in title_review.comments] == [("rita", "Title differs from the protocol")]
    expected = before.model_copy(deep=True)
    expected.study.enrollment = 24
    expected.outcomes = expected.outcomes[:2]
    expected.criteria.append(new)
    expected.review = after.review
    assert after == expected  # exactly those changes, nothing else
    assert stack.count() == 1 and stack.undoText().startswith("Import workbook back.xlsx")
    assert w.form.design.fields[("study", "enrollment")].editor.text() == "24"  # the open form follows

    # Edit ▸ Undo: everything back as it was.
    w.undo_action.trigger()
    assert store.get_study(sid) == before
    assert store.documents(sid) == docs_before
    assert w.form.design.fields[("study", "enrollment")].editor.text() == "20"

    # Edit ▸ Redo: the import again.
    w.redo_action.trigger()
    assert store.get_study(sid) == after
    w.undo_action.trigger()
    assert store.get_study(sid) == before
    assert dialogs.messages("error") == []


def test_import_a_new_study_and_undo_removes_it(qtbot, open_window, study_db, tmp_path, dialogs, answer_open):
    other_doc = document(DOC_TEXT + "Another protocol: anti-CD19 CAR-T.\n", "other.txt")
    other_ab = rich_study(other_doc)
    other_ab.study.title = "Anti-CD19 CAR-T in B-ALL"
    other = store_with(tmp_path / "other.db", [other_ab], [[other_doc]])
    sent = tmp_path / "from_colleague.xlsx"
    from abstractor.workbook import export_workbook

    export_workbook(other, sent)
    new_id = other.list_studies()[0].id
    other.close()

    w = open_window(study_db)
    store = w.ctx.store
    assert w.study_list.model.rowCount() == 1
    _import(qtbot, w, sent, answer_open)
    dialog = w.workbook.preview_dialog
    top = dialog.tree.topLevelItem(0).text(0)
    assert "Anti-CD19 CAR-T in B-ALL" in top and "new study" in top
    assert any(line[1] == "new row" and line[2].startswith("Criteria") for line in dialog.lines())
    dialog.apply_button.click()
    assert store.study_exists(new_id) and w.study_list.model.rowCount() == 2
    assert [d.file_name for d in store.documents(new_id)] == ["other.txt"]
    w.undo_action.trigger()
    assert not store.study_exists(new_id) and w.study_list.model.rowCount() == 1
    w.redo_action.trigger()
    assert store.get_study(new_id).study.title == "Anti-CD19 CAR-T in B-ALL"


def test_export_selected_and_all_studies(qtbot, open_window, db_path, tmp_path, dialogs):
    docs = [document(DOC_TEXT + f"Protocol {i}\n", f"p{i}.txt") for i in range(3)]
    studies = []
    for i, d in enumerate(docs):
        ab = rich_study(d)
        ab.study.title = f"Study {i}"
        studies.append(ab)
    store_with(db_path, studies, [[d] for d in docs]).close()
    w = open_window(db_path)
    view, model = w.study_list.view, w.study_list.model
    assert model.rowCount() == 3

    # Click the first study, Ctrl+click the third: two selected.
    def click(row, mods=Qt.KeyboardModifier.NoModifier):
        rect = view.visualRect(model.index(row, 1))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, mods, rect.center())

    click(0)
    click(2, Qt.KeyboardModifier.ControlModifier)
    chosen = [model.study_id(0), model.study_id(2)]
    assert w.study_list.selected_ids() == chosen
    _export(qtbot, w, w.workbook.export_selected_action, tmp_path / "two.xlsx", dialogs)
    assert sorted(_studies_in(tmp_path / "two.xlsx")) == sorted(chosen)

    _export(qtbot, w, w.workbook.export_all_action, tmp_path / "all.xlsx", dialogs)
    assert sorted(_studies_in(tmp_path / "all.xlsx")) == sorted(model.ids)


def test_a_hostile_file_is_refused_and_changes_nothing(qtbot, open_window, study_db, tmp_path, dialogs,
                                                       answer_open):
    w = open_window(study_db)
    store = w.ctx.store
    sid = w.ctx.session.study_id
    before, events = store.get_study(sid), len(store.audit_events())
    evil = tmp_path / "reviewed.xlsx"
    evil.write_bytes(b"MZ\x90\x00 this is not a workbook at all" * 100)
    _import(qtbot, w, evil, answer_open)
    errors = dialogs.messages("error")
    assert len(errors) == 1 and "reviewed.xlsx" in errors[0] and "nothing was changed" in errors[0].lower()
    assert "Traceback" not in errors[0]
    assert w.workbook.preview_dialog is None
    assert store.get_study(sid) == before and len(store.audit_events()) == events
    assert w.ctx.undo_stack.count() == 0

    # A workbook of another tool (none of our sheets): refused the same way.
    from openpyxl import Workbook

    other = Workbook()
    other.active.title = "Budget"
    other.active["A1"] = "=SUM(1,2)"
    other.save(tmp_path / "budget.xlsx")
    _import(qtbot, w, tmp_path / "budget.xlsx", answer_open)
    assert len(dialogs.messages("error")) == 2 and w.workbook.preview_dialog is None
    assert store.get_study(sid) == before


def test_an_export_that_cannot_be_written_says_why(qtbot, open_window, study_db, tmp_path, dialogs):
    w = open_window(study_db)
    dialogs.save_path = str(tmp_path / "no such folder" / "out.xlsx")
    w.workbook.export_current_action.trigger()
    _wait_job(qtbot, w)
    (message,) = dialogs.messages("error")
    assert "not written" in message and "does not exist" in message and "Traceback" not in message
