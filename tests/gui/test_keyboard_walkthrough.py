"""A whole abstraction with the keyboard only (issue 14 item 8): import an invented registry page,
accept, adjust and reject proposals where they show, capture three criteria from a selection made
with the keys, verify one value and query another, export the study as JSON, and read the file.

Every step is a key press on the widget that has the focus, as a person at the keyboard would
type it; the file dialogs answer through the test's ``dialogs`` (gui.ask)."""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from abstractor.storage import suggestion_store as ss

PAGE = Path(__file__).resolve().parents[1] / "data" / "walkthrough_page.txt"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _focus():
    return QApplication.focusWidget()


def key(qtbot, k, mods=Qt.KeyboardModifier.NoModifier):
    """One key press where the focus is (the window's shortcuts see it as from there)."""
    target = _focus()
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, k, mods)


def type_text(qtbot, text):
    qtbot.keyClicks(_focus(), text)


def f8_to(qtbot, w, path):
    """F8 until the proposal of ``path`` is the selected one (as a person steps through them)."""
    for _ in range(40):
        if w.suggestions.selected is not None and w.suggestions.selected.path == path \
                and w.suggestions.selected.id in {s.id for s in w.suggestions.state.items}:
            return w.suggestions.selected
        key(qtbot, Qt.Key.Key_F8)
    raise AssertionError(f"F8 never reached {path}")


def tab_to(qtbot, widget, back=False):
    """Tab (Shift+Tab with ``back``) from field to field until ``widget`` has the focus."""
    seen = []
    for _ in range(40):
        if _focus() is widget:
            return
        seen.append(_focus().objectName())
        key(qtbot, Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab, SHIFT if back else Qt.KeyboardModifier.NoModifier)
    raise AssertionError(f"Tab never reached {widget.objectName()}: {seen}")


def state(store, sid, path):
    return next(s for s in ss.suggestions(store, sid) if s.path == path).state


def walk_to_eligibility_capture(qtbot, w, dialogs, shot=lambda name: None):
    """The walkthrough up to the captured criteria; returns the study id.  ``shot(name)`` is called
    where docs/screenshots/make_walkthrough_screenshots.py takes its pictures."""
    dialogs.files = [str(PAGE)]
    w.resize(1400, 900)  # a laptop screen's window (the test screen is 800x600)
    w.splitter.setSizes([250, 550, 600])
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    w.study_list.view.setFocus()  # where the window opens with the focus
    key(qtbot, Qt.Key.Key_I, CTRL)  # File ▸ Import documents
    qtbot.waitUntil(lambda: w.import_job is None and w.ctx.session.study_id is not None, timeout=15000)
    sid, store = w.ctx.session.study_id, w.ctx.store

    # Design: step to a proposal, Enter accepts it; F2 adjusts one first; Delete rejects one.
    key(qtbot, Qt.Key.Key_3, CTRL)  # Go to form
    key(qtbot, Qt.Key.Key_D, ALT)  # the Design tab
    f8_to(qtbot, w, "study.title")
    key(qtbot, Qt.Key.Key_Return)
    assert store.get_study(sid).study.title.startswith("Allogeneic CD5 CAR-NK")
    f8_to(qtbot, w, "study.enrollment")
    dialogs.answer_text = "26"  # the page says 24; the abstractor knows of an amendment
    key(qtbot, Qt.Key.Key_F2)
    assert store.get_study(sid).study.enrollment == 26 and state(store, sid, "study.enrollment") == "EDITED"
    f8_to(qtbot, w, "study.masking")
    key(qtbot, Qt.Key.Key_Delete)
    assert state(store, sid, "study.masking") == "REJECTED"
    assert w.suggestions.hints[("study", "masking")].state == "REJECTED"  # struck through where it was
    shot("proposals_design")
    key(qtbot, Qt.Key.Key_Return, CTRL | SHIFT)  # accept the rest of the section
    assert store.get_study(sid).study.sponsor.startswith("Harbourside")

    # Eligibility: the proposed criteria are rows of the tables; Enter accepts, F2 edits a cell first.
    key(qtbot, Qt.Key.Key_G, ALT)
    first = f8_to(qtbot, w, "criteria[0]")
    inc = w.form.eligibility.inclusion
    assert _focus() is inc.view and inc.current_proposal().id == first.id
    tab = w.documents.tab()
    assert tab._current == (first.spans[0]["start"], first.spans[0]["end"])  # its evidence is marked
    key(qtbot, Qt.Key.Key_Return)
    assert state(store, sid, "criteria[0]") == "ACCEPTED"
    nxt = inc.current_proposal()
    assert nxt is not None and tab._current == (nxt.spans[0]["start"], nxt.spans[0]["end"])  # the highlight followed
    key(qtbot, Qt.Key.Key_F2)  # edit the criterion text, then Ctrl+Enter saves and accepts the row
    editor = _focus()
    assert editor.objectName() == "longTextEditor"
    key(qtbot, Qt.Key.Key_End, CTRL)
    type_text(qtbot, " (amended)")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: state(store, sid, nxt.path) == "EDITED")
    assert any(c.text.endswith("(amended)") for c in store.get_study(sid).criteria)
    shot("proposals_eligibility")

    # Three exclusion criteria captured from a selection made with the keys: Find, Esc, Shift+Down.
    key(qtbot, Qt.Key.Key_2, CTRL)  # Go to document
    key(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, "Active hepatitis B")
    key(qtbot, Qt.Key.Key_Escape)
    assert _focus() is tab.view
    for _ in range(12):  # from the match, Shift+Down into the third line (a long line may wrap) ...
        if w.ctx.session.selection is not None and w.ctx.session.selection.text.count("\n") == 2:
            break
        key(qtbot, Qt.Key.Key_Down, SHIFT)
    key(qtbot, Qt.Key.Key_End, SHIFT)  # ... and Shift+End to its end
    assert w.ctx.session.selection.text.count("\n") == 2
    assert w.ctx.session.selection.text.endswith("Pregnant or breast-feeding women;")
    key(qtbot, Qt.Key.Key_X, CTRL | ALT)  # Add as exclusion criteria
    shot("captured_criteria")
    return sid


def test_keyboard_only_walkthrough_from_import_to_export(qtbot, open_window, dialogs, tmp_path):
    w = open_window()
    sid = walk_to_eligibility_capture(qtbot, w, dialogs)
    store = w.ctx.store
    exclusion = [c for c in store.get_study(sid).criteria if c.kind.value == "EXCLUSION"]
    texts = [c.text for c in exclusion]
    assert len(texts) == 3 and texts[0].startswith("Active hepatitis B") and texts[2].startswith("Pregnant")
    quotes = {e.row_id: e.quote for e in store.evidence(sid) if e.entity == "criterion"}
    assert all(c.id in quotes for c in exclusion)  # each with its evidence
    assert state(store, sid, "criteria[4]") != "OPEN"  # the same criteria proposed: settled, not listed twice

    # Review: verify the title, query the acronym (Tab from field to field).
    key(qtbot, Qt.Key.Key_3, CTRL)
    key(qtbot, Qt.Key.Key_D, ALT)
    tab_to(qtbot, w.form.design.fields[("study", "title")].editor, back=True)
    key(qtbot, Qt.Key.Key_V, CTRL | ALT)
    tab_to(qtbot, w.form.design.fields[("study", "acronym")].editor)
    dialogs.answer_text = "Is WALK-5 the registered acronym?"
    key(qtbot, Qt.Key.Key_Q, CTRL | ALT)

    # Export: File ▸ Export ▸ Export this study as JSON, through the menus' keys.
    out = tmp_path / "walk5.json"
    dialogs.save_path = str(out)
    key(qtbot, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_E)  # &Export
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None
                    and QApplication.activePopupWidget() is not w.menuBar().actions()[0].menu())
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_J)  # this study as &JSON
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=10000)

    [record] = json.loads(out.read_text(encoding="utf-8"))
    assert record["study"]["enrollment"] == 26 and record["study"]["masking"] is None
    assert record["study"]["registry_ids"] == ["NCT09991234"]
    assert len([c for c in record["criteria"] if c["kind"] == "EXCLUSION"]) == 3
    review = {r["field"]: r for r in record["review"]}
    assert review["study.title"]["status"] == "VERIFIED"
    assert review["study.acronym"]["status"] == "QUERIED"
    assert review["study.acronym"]["comments"][0]["text"] == "Is WALK-5 the registered acronym?"
    assert not dialogs.messages("error")
