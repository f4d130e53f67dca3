"""Typing is saved in bursts (gui.edit_coalescer): within 300 ms of the last key, on leaving the
field, and before any other action, so a keystroke only repaints its field."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import import_and_wait, typing_saved


def _title(w):
    return w.form.design.fields[("study", "title")]


def _start(qtbot, open_window, registry_page):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    w.activateWindow()  # focus moves (and FocusOut comes) only in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    field = _title(w)
    field.editor.setFocus()
    field.editor.selectAll()
    return w, field


def test_steady_typing_is_written_every_300_ms_and_the_panels_catch_up_in_the_pause(qtbot, open_window,
                                                                                   registry_page):
    w, field = _start(qtbot, open_window, registry_page)
    sid, store, stack = w.ctx.session.study_id, w.ctx.store, w.ctx.undo_stack
    model = w.study_list.model
    row = model.row_of[sid]
    listed = model.data(model.index(row, 1))
    steps = stack.count()
    qtbot.keyClick(field.editor, Qt.Key.Key_A)
    assert w.ctx.edits.pending and store.get_study(sid).study.title != "a"  # a key is not written at once
    written = []
    for ch in "bcdefghijklmn":  # a key every 100 ms for 1.3 s: no pause
        qtbot.wait(100)
        qtbot.keyClick(field.editor, ch)
        written.append(store.get_study(sid).study.title or "")
    # Written while the keys kept coming (each key within 300 ms of being typed) ...
    assert any(t.startswith("ab") for t in written[:5]) and written[-1].startswith("abcdefghij"), written
    assert model.data(model.index(row, 1)) == listed and w.ctx.edits.busy  # ... the list waits for the pause
    typing_saved(qtbot, w, timeout=1000)
    assert store.get_study(sid).study.title == "abcdefghijklmn" and stack.count() == steps + 1  # one undo step
    assert model.data(model.index(row, 1)) == "abcdefghijklmn"


def test_undo_while_typing_saves_first_then_takes_the_typing_back(qtbot, open_window, registry_page):
    w, field = _start(qtbot, open_window, registry_page)
    sid, store = w.ctx.session.study_id, w.ctx.store
    before = store.get_study(sid).study.title
    qtbot.keyClicks(field.editor, "Typed then undone")
    qtbot.keyClick(field.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not w.ctx.edits.pending
    assert store.get_study(sid).study.title == before and field.editor.text() == (before or "")
    w.redo_action.trigger()
    assert store.get_study(sid).study.title == "Typed then undone"


def test_leaving_the_field_or_closing_saves_at_once(qtbot, open_window, registry_page):
    w, field = _start(qtbot, open_window, registry_page)
    sid, store = w.ctx.session.study_id, w.ctx.store
    qtbot.keyClicks(field.editor, "Saved on leaving")
    w.form.design.fields[("study", "sponsor")].editor.setFocus()
    assert not w.ctx.edits.pending and store.get_study(sid).study.title == "Saved on leaving"
    field.editor.setFocus()
    qtbot.keyClicks(field.editor, " and on closing")
    w.close()
    assert store.get_study(sid).study.title == "Saved on leaving and on closing"


def test_a_click_elsewhere_saves_before_it_acts(qtbot, open_window, registry_page):
    w, field = _start(qtbot, open_window, registry_page)
    sid, store = w.ctx.session.study_id, w.ctx.store
    qtbot.keyClicks(field.editor, "Saved by a click")
    button = w.toolbar.widgetForAction(w.find_action)  # a tool button takes no focus: the click still saves
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not w.ctx.edits.pending and store.get_study(sid).study.title == "Saved by a click"


def test_an_invalid_number_is_not_saved_and_leaves_nothing_pending(qtbot, open_window, registry_page):
    w, _ = _start(qtbot, open_window, registry_page)
    sid, store = w.ctx.session.study_id, w.ctx.store
    enrollment = w.form.design.fields[("study", "enrollment")]
    enrollment.editor.setFocus()
    enrollment.editor.selectAll()
    before = store.get_study(sid).study.enrollment
    qtbot.keyClicks(enrollment.editor, "12x")
    assert not w.ctx.edits.pending and "not saved" in enrollment.message.text()
    qtbot.wait(400)
    assert store.get_study(sid).study.enrollment == before


def test_opening_another_database_saves_the_typing_to_the_one_it_was_typed_for(qtbot, open_window, registry_page,
                                                                               tmp_path, db_path):
    from gui.app import open_store

    w, field = _start(qtbot, open_window, registry_page)
    sid = w.ctx.session.study_id
    qtbot.keyClicks(field.editor, "Typed before switching")
    assert w.open_database(str(tmp_path / "other.db"))
    assert not w.ctx.edits.pending and w.ctx.store.count_studies() == 0
    with open_store(db_path) as old:
        assert old.get_study(sid).study.title == "Typed before switching"


def test_enter_right_after_typing_keeps_the_typed_value_not_the_proposal(qtbot, open_window, registry_page):
    """Enter in an empty field accepts its proposal; typed but not yet written, the field is not empty."""
    from abstractor.storage import suggestion_store as ss

    w, _ = _start(qtbot, open_window, registry_page)
    sid, store = w.ctx.session.study_id, w.ctx.store
    enrollment = w.form.design.fields[("study", "enrollment")]
    proposal = next(s for s in ss.suggestions(store, sid) if s.path == "study.enrollment")
    assert proposal.state == "OPEN" and store.get_study(sid).study.enrollment is None
    enrollment.editor.setFocus()
    qtbot.keyClicks(enrollment.editor, "24")
    qtbot.keyClick(enrollment.editor, Qt.Key.Key_Return)
    assert store.get_study(sid).study.enrollment == 24
    assert next(s for s in ss.suggestions(store, sid) if s.path == "study.enrollment").state == "EDITED"
