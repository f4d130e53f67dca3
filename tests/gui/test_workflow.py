"""The window driven as a person drives it: import, select text, fill fields, add and reorder
criteria, undo and redo, close, reopen and find everything still there."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import import_and_wait, stored_rows, typing_saved


def _select_in_document(window, needle, occurrence=0):
    """Select text in the current document as a person does (keyboard-driven cursor moves)."""
    tab = window.documents.tab()
    start = -1
    for _ in range(occurrence + 1):
        start = tab.text.index(needle, start + 1)
    tab.view.setFocus()
    tab.select(start, start + len(needle))
    return start


def _activate(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def test_abstract_a_registry_page_and_find_it_after_reopening(qtbot, open_window, registry_page, db_path, dialogs):
    w = open_window()
    _activate(qtbot, w)
    dialogs.files = [str(registry_page)]
    w.import_action.trigger()  # File > Import documents (the file dialog answers with the page)
    qtbot.waitUntil(lambda: w.import_job is None, timeout=15000)
    session, store = w.ctx.session, w.ctx.store
    assert session.study_id is not None
    sid = session.study_id
    tab = w.documents.tab()
    assert tab is not None and "NCT09900017" in tab.view.toPlainText()

    # Design: click the enrollment field, select "18" under "Enrollment (Estimated)", Ctrl+E.
    enrollment = w.form.design.fields[("study", "enrollment")]
    qtbot.mouseClick(enrollment.editor, Qt.MouseButton.LeftButton)
    start = _select_in_document(w, "Enrollment (Estimated)\n18") + len("Enrollment (Estimated)\n")
    tab.select(start, start + 2)
    qtbot.keyClick(tab.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert store.get_study(sid).study.enrollment == 18
    ev = {(e.entity, e.field): e for e in store.evidence(sid)}
    assert ev[("study", "enrollment")].quote == "18"
    assert enrollment.mark.has_evidence and enrollment.editor.text() == "18"

    # Typing a title is one undo step, saved as typed.
    title = w.form.design.fields[("study", "title")]
    qtbot.mouseClick(title.editor, Qt.MouseButton.LeftButton)
    steps = w.ctx.undo_stack.count()
    qtbot.keyClicks(title.editor, "CD7 CAR-T in T-ALL")
    typing_saved(qtbot, w)  # written within 300 ms; the window catches up when the typing pauses
    assert store.get_study(sid).study.title == "CD7 CAR-T in T-ALL"
    assert w.ctx.undo_stack.count() == steps + 1
    assert "CD7 CAR-T in T-ALL" in w.windowTitle() and "work.db" in w.windowTitle()

    # A bad number shows an inline message and is not saved.
    enrollment.editor.setFocus()
    enrollment.editor.selectAll()
    qtbot.keyClicks(enrollment.editor, "18a")
    assert enrollment.message.isVisible() and "not saved" in enrollment.message.text()
    assert store.get_study(sid).study.enrollment == 18

    # Eligibility: select three numbered inclusion criteria, Ctrl+Alt+I adds one row each, numbering left out.
    crit_start = _select_in_document(w, "1. Age 18 to 70 years, either sex.")
    crit_end = tab.text.index("4. Expected survival")
    tab.select(crit_start, crit_end)
    qtbot.keyClick(tab.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    crits = store.get_study(sid).criteria
    assert [c.text for c in crits] == ["Age 18 to 70 years, either sex.",
                                       "Relapsed or refractory T-ALL or T-LBL with CD7 expression on at least 50% of "
                                       "blasts by flow cytometry.", "ECOG performance status ≤ 2."]
    assert all(c.kind.value == "INCLUSION" for c in crits)
    assert w.form.currentWidget() is w.form.eligibility
    quotes = {e.row_id: e.quote for e in store.evidence(sid) if e.entity == "criterion" and e.field == "text"}
    assert quotes[crits[2].id] == "ECOG performance status ≤ 2."
    # Captured as the suggestions read it: its category and its threshold, each with evidence.
    assert crits[2].category.value == "performance_status"
    assert [(t.parameter, t.operator.value, t.value) for t in crits[2].thresholds] == [("ECOG", "<=", 2.0)]

    # One exclusion criterion through the context-menu action.
    _select_in_document(w, "Prior CAR-T cell therapy of any kind.")
    w.capture.add_actions[1].trigger()
    assert [c.kind.value for c in store.get_study(sid).criteria].count("EXCLUSION") == 1

    # Reorder: the ECOG criterion moves up with Ctrl+Up in the inclusion table.
    inc = w.form.eligibility.inclusion
    inc.focus_row(crits[2].id, "text")
    qtbot.keyClick(inc.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    order = [c.text[:4] for c in store.get_study(sid).criteria if c.kind.value == "INCLUSION"]
    assert order == ["Age ", "ECOG", "Rela"]

    # A category from the dropdown column (the model's edit path); capture had read performance_status.
    row = inc.model.row_of(crits[2].id)
    assert inc.model.setData(inc.model.index(row, 1), "other")
    assert store.get_study(sid).criteria[1].category.value == "other"

    # Undo twice (category, move), redo once (move).
    qtbot.keyClick(inc.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(inc.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    order = [c.text[:4] for c in store.get_study(sid).criteria if c.kind.value == "INCLUSION"]
    assert order == ["Age ", "Rela", "ECOG"]
    w.redo_action.trigger()
    order = [c.text[:4] for c in store.get_study(sid).criteria if c.kind.value == "INCLUSION"]
    assert order == ["Age ", "ECOG", "Rela"]

    # Dose levels from two selected lines; value and unit read from the text, with evidence.
    d_start = _select_in_document(w, "Dose level 1: 1×10⁶ CAR+ T cells/kg")
    d_end = tab.text.index("Dose level 3")
    tab.select(d_start, d_end)
    qtbot.keyClick(tab.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    doses = store.get_study(sid).dose_levels
    assert [(d.value, d.unit, d.text) for d in doses] == [(1e6, "cells/kg", "1×10⁶ CAR+ T cells/kg"),
                                                         (3e6, "cells/kg", "3×10⁶ CAR+ T cells/kg")]

    # An outcome: measure, description and time frame from one selection.
    o_start = _select_in_document(w, "Incidence of dose-limiting toxicities (DLTs)")
    o_end = tab.text.index("Incidence of treatment-emergent")
    tab.select(o_start, o_end)
    w.capture.add_actions[2].trigger()
    out = store.get_study(sid).outcomes[0]
    assert (out.kind.value, out.time_frame) == ("PRIMARY", "28 days after infusion")

    # Selecting a filled field shows its evidence in the document.
    qtbot.mouseClick(enrollment.editor, Qt.MouseButton.LeftButton)
    e = ev[("study", "enrollment")]
    assert w.documents.tab()._current == (e.start, e.end)

    expected = store.get_study(sid)
    w.resize(800, 560)  # the test screen (800x600) holds it: a reopened window is shrunk to fit the screen
    w.splitter.setSizes([220, 150, 420])  # sizes that fit, so none is squeezed to another panel's minimum
    sizes = w.splitter.sizes()
    w.close()
    w.ctx.store.close()

    # Reopen: the same study, values, order and evidence; the layout as it was left.
    w2 = open_window(db_path)
    qtbot.waitUntil(lambda: w2.ctx.session.study_id == sid, timeout=3000)
    assert w2.ctx.session.study == expected
    assert w2.splitter.sizes() == sizes
    inc2 = w2.form.eligibility.inclusion
    assert [r["text"][:4] for r in stored_rows(inc2)] == ["Age ", "ECOG", "Rela"]
    assert w2.form.design.fields[("study", "enrollment")].mark.has_evidence
    assert not dialogs.messages("error")


def test_find_in_document(qtbot, open_window, registry_page):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    qtbot.keyClick(w.documents.tab().view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.documents.find_bar.isVisible()
    qtbot.keyClicks(w.documents.find_bar.edit, "CAR+ T cells/kg")
    assert w.documents.find_bar.count.text().endswith("of 6")
    sel = w.ctx.session.selection
    assert sel is not None and sel.text == "CAR+ T cells/kg"
    w.documents.find_next()
    assert w.documents.find_bar.count.text().startswith("2 of")
    qtbot.keyClick(w.documents.find_bar.edit, Qt.Key.Key_Escape)
    assert not w.documents.find_bar.isVisible()


def test_import_problems_are_plain_words(qtbot, open_window, tmp_path, registry_page, dialogs):
    w = open_window()
    bad = tmp_path / "notes.xyz"
    bad.write_text("hello")
    import_and_wait(qtbot, w, [registry_page, bad])
    import_and_wait(qtbot, w, [registry_page])  # the same file again
    msgs = dialogs.messages("info")
    assert "unsupported type" in msgs[0] and "Traceback" not in msgs[0]
    assert "already imported" in msgs[1]
    assert w.study_list.model.rowCount() == 1


def test_undo_of_a_deleted_row_restores_it_with_evidence(qtbot, open_window, registry_page):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    tab = w.documents.tab()
    _select_in_document(w, "Pregnant or breast-feeding women.")
    w.capture.add_actions[1].trigger()
    exc = w.form.eligibility.exclusion
    rid = exc.model.rows[0]["id"]
    exc.focus_row(rid, "text")
    exc.remove_row()
    assert stored_rows(exc) == []
    w.undo_action.trigger()
    assert exc.model.rows[0]["id"] == rid
    assert w.ctx.session.evidence[("criterion", rid, "text")].quote == "Pregnant or breast-feeding women."
    assert tab.text  # the document stayed loaded


def test_unexpected_error_is_logged_and_reported_once(tmp_path, monkeypatch):
    import sys

    from gui import crash

    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(crash, "_reported", False)
    log = tmp_path / "errors.log"
    crash.install(lambda title, msg: shown.append(msg), str(log))
    for _ in range(2):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    assert len(shown) == 1 and "Your work is saved" in shown[0] and "Traceback" not in shown[0]
    assert "RuntimeError: boom" in log.read_text()


def test_export_json_and_workbook(qtbot, open_window, registry_page, tmp_path, dialogs):
    import json

    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    dialogs.save_path = str(tmp_path / "one.json")
    w.export_study_action.trigger()
    qtbot.waitUntil(lambda: w.json_job is None, timeout=15000)  # written off the GUI thread
    data = json.loads((tmp_path / "one.json").read_text(encoding="utf-8"))
    assert len(data) == 1 and data[0]["schema"] == "protocol-abstraction/1"
    dialogs.save_path = str(tmp_path / "one.xlsx")
    w.export_workbook_action.trigger()
    qtbot.waitUntil(lambda: w.workbook.job is None, timeout=15000)  # written off the GUI thread
    errors = dialogs.messages("error")
    assert (tmp_path / "one.xlsx").exists() or errors  # the workbook package reports its own refusals
    assert all("Traceback" not in m for m in errors)


def test_drop_files_and_cancel_a_long_import(qtbot, open_window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    w = open_window()
    page = tmp_path / "dropped.txt"
    page.write_text("Study of something\nEnrollment\n12\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    w.dropEvent(drop)
    qtbot.waitUntil(lambda: w.import_job is None, timeout=10000)
    assert w.study_list.model.rowCount() == 1

    files = []
    for i in range(40):
        f = tmp_path / f"many_{i}.txt"
        f.write_text(f"Registry page number {i}\n" + "Inclusion criteria text. " * 2000, encoding="utf-8")
        files.append(str(f))
    job = w.import_paths(files)
    from PySide6.QtWidgets import QPushButton

    job.dialog.findChild(QPushButton).click()  # the user presses Cancel in the progress dialog
    qtbot.waitUntil(lambda: w.import_job is None, timeout=20000)
    assert w.study_list.model.rowCount() < 41
    assert job.results is not None and len(job.results) < 40


def test_dropdowns_do_not_over_release_none(qtbot, open_window, registry_page):
    """PySide 6.12 over-releases None read back from an empty QVariant (currentData(), index.data());
    a long session of dropdown edits must not drain None's reference count (that aborts Python)."""
    import sys

    from PySide6.QtWidgets import QComboBox

    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    sex = w.form.design.fields[("study", "sex")].editor
    _select_in_document(w, "Pregnant or breast-feeding women.")
    w.capture.add_actions[1].trigger()
    exc = w.form.eligibility.exclusion
    for i in range(60):
        sex.setCurrentIndex(i % 3)
        sex.activated.emit(i % 3)
        w.study_list.status_box.setCurrentIndex(i % 2)
        index = exc.model.index(0, 1)
        exc.view.setCurrentIndex(index)
        exc.view.edit(index)
        editor = exc.view.indexWidget(index) or exc.view.findChild(QComboBox)
        if editor is not None:
            editor.setCurrentIndex(i % 3)
            exc.view.itemDelegate().setModelData(editor, exc.model, index)
            exc.view.itemDelegate().setEditorData(editor, index)
        exc.view.closePersistentEditor(index)
    # The session survived (on PySide6 6.12.0 it would abort without gui.qt_compat; tests/gui/test_qt_compat.py
    # checks that), and the last choice of each dropdown was saved.
    stored = w.ctx.store.get_study(w.ctx.session.study_id).study.sex
    assert getattr(stored, "value", stored) == sex.currentData()


def test_fill_a_table_cell_from_the_selection(qtbot, open_window, registry_page):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    _select_in_document(w, "Overall response rate (ORR)")
    w.capture.add_actions[3].trigger()  # a secondary outcome
    outcomes = w.form.outcomes.outcomes
    rid = outcomes.model.rows[0]["id"]
    outcomes.focus_row(rid, "time_frame")  # the person clicks the Time frame cell ...
    start = _select_in_document(w, "3 months")  # ... selects the time frame in the document ...
    qtbot.keyClick(w.documents.tab().view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # ... Ctrl+E
    out = w.ctx.store.get_study(w.ctx.session.study_id).outcomes[0]
    assert (out.kind.value, out.measure, out.time_frame) == ("SECONDARY", "Overall response rate (ORR)", "3 months")
    span = w.ctx.session.evidence[("outcome", rid, "time_frame")]
    assert (span.start, span.end, span.quote) == (start, start + 8, "3 months")
    assert outcomes.model.data(outcomes.model.index(0, 3), Qt.ItemDataRole.ToolTipRole).startswith("Evidence")
    w.undo_action.trigger()
    assert w.ctx.store.get_study(w.ctx.session.study_id).outcomes[0].time_frame is None
    assert ("outcome", rid, "time_frame") not in w.ctx.session.evidence


def test_several_documents_of_one_study_in_tabs(qtbot, open_window, registry_page, tmp_path, dialogs):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    sid = w.ctx.session.study_id
    synopsis = tmp_path / "synopsis.txt"
    synopsis.write_text("Protocol synopsis\nDLT observation period: 28 days\n", encoding="utf-8")
    dialogs.files = [str(synopsis)]
    w.import_into_action.trigger()
    qtbot.waitUntil(lambda: w.import_job is None, timeout=10000)
    assert w.ctx.session.study_id == sid and w.documents.tabs.count() == 2
    assert w.study_list.model.rowCount() == 1
    w.documents.tabs.setCurrentIndex(1)
    tab = w.documents.tab()
    dlt = w.form.doses.fields[("escalation", "dlt_window_days")]
    dlt.editor.setFocus()
    w.ctx.session.set_focused_target(dlt.target())
    start = tab.text.index("28 days")
    tab.select(start, start + 7)
    w.capture.fill_action.trigger()
    assert w.ctx.store.get_study(sid).escalation.dlt_window_days == 28
    w.documents.tabs.setCurrentIndex(0)
    w.ctx.session.set_focused_target(dlt.target())  # clicking the field again: its document's tab comes forward
    assert w.documents.tabs.currentIndex() == 1 and w.documents.tab()._current == (start, start + 7)


def test_reopening_shows_the_study_last_worked_on(qtbot, open_window, registry_page, tmp_path, db_path):
    other = tmp_path / "other.txt"
    other.write_text("Another registry page\nEnrollment\n30\n", encoding="utf-8")
    w = open_window()
    import_and_wait(qtbot, w, [registry_page, other])
    first_row = w.study_list.model.ids[1]  # not the newest
    w.study_list.select_study(first_row)
    assert w.ctx.session.study_id == first_row
    w.close()
    w.ctx.store.close()
    w2 = open_window(db_path)
    assert w2.ctx.session.study_id == first_row
