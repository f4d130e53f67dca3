"""The abstractor's desk (issue 14): tables select rows by their numbers and Remove removes exactly
those; undo names the study of each step and opens it with one selection; the toolbar stays put;
"&" and plurals in undo texts; Ctrl+E uses the match Find selected; Find searches every document."""
from __future__ import annotations

import shutil

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from abstractor.importer import import_files
from abstractor.storage import suggestion_store as ss
from tests.gui.conftest import REGISTRY_PAGE, import_and_wait, stored_rows

CRITERIA = "Age 18 to 70 years.\nECOG 0-2.\nCreatinine < 1.5 x ULN.\nSigned informed consent."


def _activate(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def _page(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _click_row_number(qtbot, rp, row, mods=Qt.KeyboardModifier.NoModifier):
    header = rp.view.verticalHeader()
    pos = QPoint(header.width() // 2, header.sectionViewportPosition(row) + header.sectionSize(row) // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, mods, pos)


def test_row_numbers_select_rows_and_remove_removes_exactly_them(qtbot, open_window, tmp_path):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [_page(tmp_path, "notes.txt", "Eligibility notes\n" + CRITERIA + "\n")])
    tab = w.documents.tab()
    start = tab.text.index("Age")
    tab.select(start, start + len(CRITERIA))
    w.capture.add_actions[0].trigger()  # four inclusion criteria
    inc = w.form.eligibility.inclusion
    rows = stored_rows(inc)
    assert len(rows) == 4
    inc.model.setData(inc.model.index(0, 0), "Age 18 to 75 years.")  # a cell just edited: row 1 is current

    _click_row_number(qtbot, inc, 1)
    _click_row_number(qtbot, inc, 2, Qt.KeyboardModifier.ShiftModifier)  # Shift extends
    assert inc.selected_rows() == [1, 2]
    stack = w.ctx.undo_stack
    steps = stack.count()
    inc.remove_btn.click()
    left = [r["text"] for r in stored_rows(inc)]
    assert left == ["Age 18 to 75 years.", "Signed informed consent."]  # not the edited row: the clicked ones
    assert "Removed 2 inclusion criteria" in w.statusBar().currentMessage()
    assert stack.count() == steps + 1 and stack.undoText() == "Remove 2 inclusion criteria"
    stack.undo()  # both back, in their places
    assert [r["text"] for r in stored_rows(inc)] == ["Age 18 to 75 years."] + [r["text"] for r in rows[1:]]

    _click_row_number(qtbot, inc, 0)
    _click_row_number(qtbot, inc, 3, Qt.KeyboardModifier.ControlModifier)  # Ctrl adds one row
    assert inc.selected_rows() == [0, 3]
    inc.view.setFocus()
    qtbot.keyClick(inc.view, Qt.Key.Key_Delete)
    assert [r["text"] for r in stored_rows(inc)] == [r["text"] for r in rows[1:3]]


def test_undo_names_the_study_and_opens_it_with_one_selection(qtbot, open_window, tmp_path, db_path):
    from gui.app import open_store

    store = open_store(db_path, user="tester")
    a = _page(tmp_path, "a.txt", "Registration Number: NCT09990001\nTitle: Study A\nEnrollment: 12\n")
    b = _page(tmp_path, "b.txt", "Registration Number: NCT09990002\nTitle: Study B\nEnrollment: 30\n")
    [ra, rb] = import_files(store, [a, b], suggest=False)
    store.close()
    w = open_window()
    _activate(qtbot, w)
    w.study_list.select_study(ra.study_id)
    acronym = w.form.design.fields[("study", "acronym")]
    acronym.commit("A&B")
    assert "Undo Edit acronym — a.txt" == w.undo_action.text().replace("&&", "&").replace("&U", "U")
    toolbar_button = w.toolbar.widgetForAction(w.undo_action)
    width = toolbar_button.sizeHint().width()
    assert toolbar_button.text() == "Undo"

    w.study_list.select_study(rb.study_id)
    assert w.ctx.session.study_id == rb.study_id
    assert "a.txt" in w.undo_action.toolTip()  # the step is another study's, and says so
    w.study_list.view.setFocus()
    qtbot.keyClick(w.study_list.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.ctx.session.study_id == ra.study_id and w.ctx.store.get_study(ra.study_id).study.acronym is None
    assert [i.row() for i in w.study_list.view.selectionModel().selectedRows()] == \
        [w.study_list.model.row_of[ra.study_id]]  # one study selected: the one undone
    assert toolbar_button.sizeHint().width() == width and toolbar_button.text() == "Undo"  # the toolbar stays put
    assert w.redo_action.text().startswith("&Redo Edit acronym")


def test_ampersand_and_plural_in_undo_texts(qtbot, open_window, registry_page):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    form, ui = w.form, w.suggestions
    form.setCurrentWidget(form.arms)
    n = len(ui.summaries[form.arms].items)
    assert n >= 1
    ui.accept_all_action.trigger()
    text = w.ctx.undo_stack.undoText()
    assert text.endswith("in Arms & interventions")
    assert ("1 proposal in" in text) if n == 1 else (f"{n} proposals in" in text)
    assert "Arms && interventions" in w.undo_action.text()  # shown as "&" in the menu
    summary = ui.summaries[form.design]
    summary.set_items(ui.state.items[:1])
    assert "1 proposal from" in summary.heading.text()


def test_ctrl_e_after_find_fills_the_field_from_the_match(qtbot, open_window, registry_page):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    sid = w.ctx.session.study_id
    acronym = w.form.design.fields[("study", "acronym")]
    qtbot.mouseClick(acronym.editor, Qt.MouseButton.LeftButton)  # the field to fill
    acronym.editor.setFocus()
    qtbot.keyClick(acronym.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    find = w.documents.find_bar.edit
    assert find.hasFocus()
    qtbot.keyClicks(find, "DEMO-7")
    assert w.ctx.session.selection.text == "DEMO-7"
    qtbot.keyClick(find, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # straight from the find field
    assert w.ctx.store.get_study(sid).study.acronym == "DEMO-7"
    assert acronym.mark.has_evidence and find.text() == "DEMO-7"


def test_find_searches_every_document_of_the_study(qtbot, open_window, tmp_path, db_path):
    from gui.app import open_store

    store = open_store(db_path, user="tester")
    page = tmp_path / REGISTRY_PAGE.name
    shutil.copy(REGISTRY_PAGE, page)
    synopsis = _page(tmp_path, "synopsis.txt", "Protocol synopsis\nLymphodepletion with fludarabine, then "
                     "CAR-T cells.\nFludarabine 30 mg/m2 on days -5 to -3.\n")
    import_files(store, [page, synopsis], together=True, suggest=False)
    store.close()
    w = open_window()
    _activate(qtbot, w)
    docs = w.documents
    assert docs.tabs.count() == 2 and docs.tabs.currentIndex() == 0
    docs.open_find()
    qtbot.keyClicks(docs.find_bar.edit, "fludarabine")
    total = len(docs._matches)
    in_second = [m for m in docs._matches if m[0] == 1]
    assert len(in_second) == 2 and total > 2
    assert docs.find_bar.count.text().endswith(f"of {total} in 2 documents")
    for _ in range(total - len(in_second)):
        docs.find_next()
    assert docs.tabs.currentIndex() == 1  # F3 went on into the synopsis
    assert w.ctx.session.selection.text.casefold() == "fludarabine"
    assert w.ctx.session.selection.document_id == docs.tab().info.id


def test_proposed_rows_selected_by_number_are_rejected_together_and_come_back(qtbot, open_window, registry_page):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    store, sid, stack = w.ctx.store, w.ctx.session.study_id, w.ctx.undo_stack
    w.form.setCurrentWidget(w.form.eligibility)
    inc = w.form.eligibility.inclusion
    qtbot.waitUntil(lambda: len(inc.model.rows) > 3)
    first, second = inc.model.rows[0]["_proposal"], inc.model.rows[1]["_proposal"]
    _click_row_number(qtbot, inc, 0)
    _click_row_number(qtbot, inc, 1, Qt.KeyboardModifier.ShiftModifier)
    inc.view.setFocus()
    qtbot.keyClick(inc.view, Qt.Key.Key_Delete)  # on proposed rows Delete rejects them: one step
    states = {s.id: s.state for s in ss.suggestions(store, sid)}
    assert states[first.id] == states[second.id] == "REJECTED"
    assert stack.undoText() == "Reject 2 proposals"
    assert [inc.model.headerData(r, Qt.Orientation.Vertical) for r in range(len(inc.model.rows))][-2:] == ["✗", "✗"]
    assert not inc.model.flags(inc.model.index(len(inc.model.rows) - 1, 0)) & Qt.ItemFlag.ItemIsEditable
    stack.undo()
    assert {r["_proposal"].id for r in inc.model.rows if r.get("_state") == "OPEN"} >= {first.id, second.id}

    # The ✓ button accepts the current proposed row; the highlight moves to the next one.
    row = inc.model.row_of("proposal:" + first.id)
    inc.view.setCurrentIndex(inc.model.index(row, 0))
    assert inc.accept_btn.isVisible() and inc.accept_btn.isEnabled()
    inc.accept_btn.click()
    accepted = store.get_study(sid).criteria[0]
    assert accepted.text == first.value["text"]
    row = inc.model.row_of(accepted.id)
    assert inc.model.headerData(row, Qt.Orientation.Vertical) == f"{row + 1} ✓"  # accepted, shown in place
    nxt = inc.current_proposal()
    assert nxt is not None and w.documents.tab()._current == (nxt.spans[0]["start"], nxt.spans[0]["end"])
