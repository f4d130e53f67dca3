"""Suggestions in the window, driven as a person drives it: import a page, see the proposals in
the fields and table rows themselves, accept one with Enter, reject one with Delete, accept all
of a section, undo and redo each, and check what the database holds after every step."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from abstractor.storage import suggestion_store as ss
from tests.gui.conftest import stored_rows


def _activate(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def _import(qtbot, w, dialogs, page):
    dialogs.files = [str(page)]
    w.import_action.trigger()  # File > Import documents (the file dialog answers with the page)
    qtbot.waitUntil(lambda: w.import_job is None, timeout=15000)
    return w.ctx.session.study_id


def _state(store, sid, path):
    return next(s for s in ss.suggestions(store, sid) if s.path == path).state


def _click_proposal(qtbot, w, path):
    """Click the proposal of a field (its hint in the field) or of a table row (the row)."""
    from abstractor.suggestions import target_of

    s = next(x for x in w.suggestions.state.items if x.path == path)
    key = target_of(path)
    if key[1] is not None:
        hint = w.suggestions.hints[key]
        qtbot.mouseClick(hint.label, Qt.MouseButton.LeftButton)
        return s, w.form.field_editors()[key].editor
    rp = w.suggestions._row_panel_of(s)
    row = rp.model.row_of("proposal:" + s.id)
    w.form.reveal(rp)
    rect = rp.view.visualRect(rp.model.index(row, 0))
    qtbot.mouseClick(rp.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    rp.view.setFocus()  # a real click focuses the table; the offscreen test click does not move focus
    assert rp.current_proposal().id == s.id
    return s, rp.view


def _key(qtbot, widget, key, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, mods)


def test_import_shows_proposals_with_evidence(qtbot, open_window, registry_page, dialogs):
    w = open_window()
    _activate(qtbot, w)
    sid = _import(qtbot, w, dialogs, registry_page)
    store, form = w.ctx.store, w.form
    assert sid and ss.suggestions(store, sid, "OPEN"), "the import stored no proposals"
    assert store.get_study(sid).study.enrollment is None  # nothing filled silently

    design = w.suggestions.summaries[form.design]
    assert design.isVisible() and len(design.items) > 5 and "proposals" in design.heading.text()
    assert "·" in form.tabText(form.indexOf(form.design))  # a count on the tab
    assert "·" in form.tabText(form.indexOf(form.eligibility))
    hint = w.suggestions.hints[("study", "enrollment")]
    assert hint.isVisible() and "18" in hint.text() and "design.labelled" in hint.toolTip()
    enrollment = form.design.fields[("study", "enrollment")].editor
    assert enrollment.text() == "" and "18" in enrollment.placeholderText()  # proposed, not filled

    # Row proposals are rows of their tables, whole (no "…"), marked ◇ in the row header.
    inc = form.eligibility.inclusion
    proposed = [r for r in inc.model.rows if r.get("_state") == "OPEN"]
    assert len(proposed) >= 5 and all("…" not in r["text"] for r in proposed)
    row = inc.model.row_of(proposed[0]["id"])
    assert inc.model.headerData(row, Qt.Orientation.Vertical) == "◇"
    assert inc.model.data(inc.model.index(row, 0), Qt.ItemDataRole.FontRole).italic()
    assert "proposal" in w.suggestions.status.text() and "open" in w.suggestions.status.toolTip()

    # Every open proposal of the document is marked in the document, in the proposals' colour.
    tab = w.documents.tab()
    assert len(tab._proposed) >= len(ss.suggestions(store, sid, "OPEN"))

    # Selecting a proposal scrolls the document to its evidence.
    s, _editor = _click_proposal(qtbot, w, "study.enrollment")
    assert tab._current == (s.spans[0]["start"], s.spans[0]["end"])
    assert tab.text[tab._current[0]:tab._current[1]] == "18"
    # Tabbing into a field that shows a proposal marks the proposal's evidence too.
    sponsor = next(x for x in w.suggestions.state.items if x.path == "study.sponsor")
    form.design.fields[("study", "sponsor")].editor.setFocus()
    assert tab._current == (sponsor.spans[0]["start"], sponsor.spans[0]["end"])
    crit = proposed[1]["_proposal"]
    _click_proposal(qtbot, w, crit.path)
    assert tab._current == (crit.spans[0]["start"], crit.spans[0]["end"])


def test_accept_reject_accept_all_and_undo(qtbot, open_window, registry_page, dialogs):
    w = open_window()
    _activate(qtbot, w)
    sid = _import(qtbot, w, dialogs, registry_page)
    store, form, stack = w.ctx.store, w.form, w.ctx.undo_stack
    design = w.suggestions.summaries[form.design]

    # Enter in a field showing a proposal accepts it: value and evidence saved, marked accepted.
    _s, editor = _click_proposal(qtbot, w, "study.enrollment")
    _key(qtbot, editor, Qt.Key.Key_Return)
    assert store.get_study(sid).study.enrollment == 18
    assert {(e.entity, e.field): e.quote for e in store.evidence(sid)}[("study", "enrollment")] == "18"
    assert _state(store, sid, "study.enrollment") == "ACCEPTED"
    enrollment = form.design.fields[("study", "enrollment")]
    assert enrollment.editor.text() == "18" and enrollment.mark.has_evidence
    hint = w.suggestions.hints[("study", "enrollment")]
    assert hint.state == "ACCEPTED" and hint.text() == "✓ accepted" and not hint.accept_btn.isVisible()  # in place
    assert all(s.path != "study.enrollment" for s in design.items)
    nxt = w.suggestions.selected  # the next proposal is selected, its evidence shown, ready for the next key
    assert nxt is not None and nxt.path != "study.enrollment"
    assert w.documents.tab()._current == (nxt.spans[0]["start"], nxt.spans[0]["end"])

    qtbot.keyClick(w, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.get_study(sid).study.enrollment is None
    assert _state(store, sid, "study.enrollment") == "OPEN"
    assert ("study", "enrollment") not in {(e.entity, e.field) for e in store.evidence(sid)}
    stack.redo()
    assert store.get_study(sid).study.enrollment == 18 and _state(store, sid, "study.enrollment") == "ACCEPTED"

    # Delete rejects; undo reopens.
    _s, editor = _click_proposal(qtbot, w, "study.overall_status")
    _key(qtbot, editor, Qt.Key.Key_Delete)
    assert _state(store, sid, "study.overall_status") == "REJECTED"
    assert store.get_study(sid).study.overall_status is None
    assert all(s.path != "study.overall_status" for s in design.items)
    hint = w.suggestions.hints[("study", "overall_status")]
    assert hint.isVisible() and hint.text().startswith("rejected") and hint.state == "REJECTED"  # in place
    stack.undo()
    assert _state(store, sid, "study.overall_status") == "OPEN"
    stack.redo()
    assert _state(store, sid, "study.overall_status") == "REJECTED"

    # Eligibility: accept all of the section with one keystroke, one undo step.
    qtbot.keyClick(w, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert form.currentWidget() is form.eligibility
    elig = w.suggestions.summaries[form.eligibility]
    n = len(elig.items)
    assert n >= 10
    steps = stack.count()
    _key(qtbot, form.eligibility.inclusion.view, Qt.Key.Key_Return,
         Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert stack.count() == steps + 1
    assert stack.undoText() == f"Accept {n} proposals in Eligibility"
    crits = store.get_study(sid).criteria
    assert len(crits) == n and not elig.isVisible()
    assert len(stored_rows(form.eligibility.inclusion)) + len(stored_rows(form.eligibility.exclusion)) == n
    assert "·" not in form.tabText(form.indexOf(form.eligibility))
    quotes = {e.row_id for e in store.evidence(sid) if e.entity == "criterion"}
    assert {c.id for c in crits} <= quotes  # every accepted criterion has its evidence
    ids = [c.id for c in crits]
    stack.undo()
    assert store.get_study(sid).criteria == [] and len(elig.items) == n
    stack.redo()
    assert [c.id for c in store.get_study(sid).criteria] == ids  # the same rows again
    assert {s.state for s in ss.suggestions(store, sid) if s.path.startswith("criteria[")} == {"ACCEPTED"}

    # An edit of an accepted row survives undo and redo of everything.
    inc = form.eligibility.inclusion
    inc.model.setData(inc.model.index(0, 1), "other")
    assert store.get_study(sid).criteria[0].category.value == "other"
    for _ in range(2):
        stack.undo()
    stack.redo()
    stack.redo()
    assert store.get_study(sid).criteria[0].category.value == "other" and not dialogs.messages("error")

    counts = ss.counts(store, sid)
    assert counts["ACCEPTED"] == n + 1 and counts["REJECTED"] == 1


def test_a_proposal_never_overwrites_what_the_user_typed(qtbot, open_window, registry_page, dialogs):
    w = open_window()
    _activate(qtbot, w)
    sid = _import(qtbot, w, dialogs, registry_page)
    store, form = w.ctx.store, w.form

    acronym = form.design.fields[("study", "acronym")]
    # A value that came from elsewhere (a workbook import; typing it here would settle the proposal).
    store.set_value(sid, "study", sid, "acronym", "MINE-1")
    w.ctx.session.after_change(sid)
    qtbot.mouseClick(acronym.editor, Qt.MouseButton.LeftButton)
    assert acronym.editor.text() == "MINE-1" and _state(store, sid, "study.acronym") == "OPEN"
    steps = w.ctx.undo_stack.count()
    # Ctrl+Return in the field accepts its proposal: the core refuses, the message is shown plainly.
    _key(qtbot, acronym.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert store.get_study(sid).study.acronym == "MINE-1"
    assert _state(store, sid, "study.acronym") == "OPEN"
    assert any("never overwrites" in m for m in dialogs.messages("error"))
    assert w.ctx.undo_stack.count() == steps  # nothing half-done on the stack

    # Accept all of Design: the acronym stays the user's, the rest is accepted, one step.
    dialogs.shown.clear()
    form.setCurrentWidget(form.design)
    w.suggestions.accept_all_action.trigger()
    ab = store.get_study(sid)
    assert ab.study.acronym == "MINE-1" and ab.study.enrollment == 18 and ab.study.study_type.value == "INTERVENTIONAL"
    assert [s.path for s in ss.suggestions(store, sid, "OPEN") if s.path.startswith("study.")] == ["study.acronym"]
    assert "left open" in w.statusBar().currentMessage()

    # Ctrl+Delete in the field rejects its proposal.
    acronym.editor.setFocus()
    _key(qtbot, acronym.editor, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert _state(store, sid, "study.acronym") == "REJECTED"
    assert store.get_study(sid).study.acronym == "MINE-1"
    assert w.suggestions.hints[("study", "acronym")].state == "REJECTED"  # shown struck through in place


def test_edit_a_proposal_then_accept_it(qtbot, open_window, registry_page, dialogs):
    w = open_window()
    _activate(qtbot, w)
    sid = _import(qtbot, w, dialogs, registry_page)
    store = w.ctx.store

    _s, editor = _click_proposal(qtbot, w, "study.enrollment")
    dialogs.answer_text = "20"  # F2: the value box opens with "18"; the abstractor makes it 20
    _key(qtbot, editor, Qt.Key.Key_F2)
    assert store.get_study(sid).study.enrollment == 20
    assert _state(store, sid, "study.enrollment") == "EDITED"
    assert {(e.entity, e.field): e.quote for e in store.evidence(sid)}[("study", "enrollment")] == "18"
    w.ctx.undo_stack.undo()
    assert store.get_study(sid).study.enrollment is None and _state(store, sid, "study.enrollment") == "OPEN"

    # A value that is not a number is refused before anything is saved.
    _s, editor = _click_proposal(qtbot, w, "study.enrollment")
    dialogs.answer_text = "twenty or so"
    _key(qtbot, editor, Qt.Key.Key_F2)
    assert store.get_study(sid).study.enrollment is None and dialogs.messages("error")
    assert _state(store, sid, "study.enrollment") == "OPEN"
