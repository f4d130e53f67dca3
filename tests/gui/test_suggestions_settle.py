"""Typing your own value into a field with an open proposal settles it (edited, or accepted
when it is the proposed value) in the same undo step; the proposal's hint goes away.
Accepting criteria already listed is refused with a message."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from abstractor.storage import suggestion_store as ss
from tests.gui.conftest import import_and_wait, typing_saved


def _activate(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def _prop(store, sid, path):
    return next(s for s in ss.suggestions(store, sid) if s.path == path)


def test_typing_your_own_value_settles_the_proposal_and_undo_reopens_it(qtbot, open_window, registry_page):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    store, sid, form = w.ctx.store, w.ctx.session.study_id, w.form
    enrollment = form.design.fields[("study", "enrollment")]
    hint = w.suggestions.hints[("study", "enrollment")]
    assert _prop(store, sid, "study.enrollment").state == "OPEN" and hint.isVisible()
    steps = w.ctx.undo_stack.count()

    qtbot.mouseClick(enrollment.editor, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(enrollment.editor, "24")
    typing_saved(qtbot, w)
    assert store.get_study(sid).study.enrollment == 24
    assert _prop(store, sid, "study.enrollment").state == "EDITED"
    assert hint.state == "EDITED" and hint.text() == "✓ accepted as edited"  # the typed value settled it
    assert all(s.path != "study.enrollment" for s in w.suggestions.summaries[form.design].items)
    assert w.ctx.undo_stack.count() == steps + 1  # the value and the decision: one step

    w.undo_action.trigger()
    assert store.get_study(sid).study.enrollment is None
    assert _prop(store, sid, "study.enrollment").state == "OPEN" and hint.isVisible()

    # Typing the proposed value (one keystroke at a time: "1" is not it, "18" is) accepts it.
    enrollment.editor.setFocus()
    qtbot.keyClicks(enrollment.editor, "18")
    typing_saved(qtbot, w)
    assert _prop(store, sid, "study.enrollment").state == "ACCEPTED" and hint.state == "ACCEPTED"
    assert w.ctx.undo_stack.count() == steps + 1
    w.undo_action.trigger()
    assert _prop(store, sid, "study.enrollment").state == "OPEN"
    w.redo_action.trigger()
    assert _prop(store, sid, "study.enrollment").state == "ACCEPTED"
    assert store.get_study(sid).study.enrollment == 18

    # Typed and deleted back to nothing: no step, and the proposal is open again.
    sex = form.design.fields[("study", "max_age")]
    sex.editor.setFocus()
    steps = w.ctx.undo_stack.count()
    qtbot.keyClicks(sex.editor, "65 Years")
    typing_saved(qtbot, w)
    assert _prop(store, sid, "study.max_age").state == "EDITED"
    for _ in "65 Years":
        qtbot.keyClick(sex.editor, Qt.Key.Key_Backspace)
    typing_saved(qtbot, w)
    assert _prop(store, sid, "study.max_age").state == "OPEN" and w.ctx.undo_stack.count() == steps


def test_choosing_from_a_dropdown_settles_too(qtbot, open_window, registry_page):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    store, sid = w.ctx.store, w.ctx.session.study_id
    prop = _prop(store, sid, "study.study_type")
    box = w.form.design.fields[("study", "study_type")]
    i = box.choices.index(prop.value)
    box.editor.setCurrentIndex(i + 1)
    box.editor.activated.emit(i + 1)
    assert _prop(store, sid, "study.study_type").state == "ACCEPTED"
    w.undo_action.trigger()
    assert _prop(store, sid, "study.study_type").state == "OPEN"


def test_accepting_criteria_already_listed_is_refused_with_a_message(qtbot, open_window, registry_page, dialogs):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    store, sid, form = w.ctx.store, w.ctx.session.study_id, w.form
    crits = [s for s in ss.suggestions(store, sid, "OPEN") if s.path.startswith("criteria[")]
    first = crits[0]
    # Added by hand in the window (spacing differs): that proposal is taken, not offered again.
    form.eligibility.inclusion.add_row({"text": "  " + first.value["text"] + "  ", "kind": first.value["kind"]})
    assert _prop(store, sid, first.path).state == "ACCEPTED"
    w.ctx.undo_stack.undo()
    assert _prop(store, sid, first.path).state == "OPEN" and not store.get_study(sid).criteria
    # The same row arriving another way (a workbook import, say) leaves the proposal open:
    store.add_row(sid, "criterion", {"text": "  " + first.value["text"] + "  ", "kind": first.value["kind"]})
    form.setCurrentWidget(form.eligibility)
    w.suggestions.accept_all_action.trigger()
    texts = [" ".join(c.text.split()) for c in store.get_study(sid).criteria]
    assert texts.count(" ".join(first.value["text"].split())) == 1
    assert len(texts) == len(crits)  # the others went in
    assert _prop(store, sid, first.path).state == "OPEN"
    assert "already listed" in w.statusBar().currentMessage()

    # Accepting just that one: the plain-words refusal, nothing on the undo stack.
    steps = w.ctx.undo_stack.count()
    rp = w.suggestions._row_panel_of(first)
    rp.focus_proposal(first.id)
    w.suggestions.accept_action.trigger()
    assert any("already listed" in m for m in dialogs.messages("error"))
    assert w.ctx.undo_stack.count() == steps
