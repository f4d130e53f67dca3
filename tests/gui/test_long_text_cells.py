"""Long text cells (criterion text, descriptions) open a multi-line editor: Enter is a new
line, Ctrl+Enter saves (one undo step), Esc cancels, and the window's Ctrl+Enter
(accept a proposal) does not fire meanwhile."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from gui.row_delegate import LongTextEditor
from tests.gui.conftest import import_and_wait

CTRL = Qt.KeyboardModifier.ControlModifier


def _activate(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def _open_editor(qtbot, panel, row, col, key=Qt.Key.Key_F2):
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(row, col))
    qtbot.keyClick(panel.view, key)
    editor = _visible_editor(panel)
    assert editor is not None
    return editor


def _visible_editor(panel):
    return next((e for e in panel.view.findChildren(LongTextEditor) if e.isVisible()), None)


def test_criterion_text_is_edited_in_a_multi_line_editor(qtbot, open_window, registry_page):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    store, sid = w.ctx.store, w.ctx.session.study_id
    w.form.setCurrentWidget(w.form.eligibility)
    inc = w.form.eligibility.inclusion
    inc.add_row({"text": "Age 18 to 70 years"})
    steps = w.ctx.undo_stack.count()

    editor = _open_editor(qtbot, inc, 0, 0)
    assert editor.toPlainText() == "Age 18 to 70 years"
    assert editor.height() >= 4 * editor.fontMetrics().lineSpacing()  # room for several lines
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor, ", either sex;")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # a new line, not the end of editing
    assert _visible_editor(inc) is editor
    qtbot.keyClicks(editor, "written consent")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)  # saves
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=2000)
    text = "Age 18 to 70 years, either sex;\nwritten consent"
    assert store.get_study(sid).criteria[0].text == text
    assert w.ctx.undo_stack.count() == steps + 1 and "Edit text" in w.undo_action.text()

    editor = _open_editor(qtbot, inc, 0, 0)
    qtbot.keyClicks(editor, "typed over, then cancelled")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=2000)
    assert store.get_study(sid).criteria[0].text == text and w.ctx.undo_stack.count() == steps + 1

    w.undo_action.trigger()
    assert store.get_study(sid).criteria[0].text == "Age 18 to 70 years"


def test_outcome_and_arm_descriptions_use_it_too_and_short_cells_keep_a_line_editor(qtbot, open_window,
                                                                                     registry_page):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    store, sid = w.ctx.store, w.ctx.session.study_id
    w.form.setCurrentWidget(w.form.outcomes)
    out = w.form.outcomes.outcomes
    out.add_row({"measure": "DLT", "kind": "PRIMARY"})
    desc = next(i for i, c in enumerate(out.columns) if c.field == "description")
    editor = _open_editor(qtbot, out, 0, desc, "A")  # typing starts the edit with that key
    qtbot.keyClicks(editor, "ny grade 3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "within 28 days")
    qtbot.keyClick(editor, Qt.Key.Key_Enter, CTRL)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=2000)
    assert store.get_study(sid).outcomes[0].description == "Any grade 3\nwithin 28 days"

    time_frame = next(i for i, c in enumerate(out.columns) if c.field == "time_frame")
    out.view.setCurrentIndex(out.model.index(0, time_frame))
    qtbot.keyClick(out.view, Qt.Key.Key_F2)
    assert _visible_editor(out) is None
    assert isinstance(QApplication.focusWidget(), QLineEdit)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)

    w.form.setCurrentWidget(w.form.arms)
    arms = w.form.arms.arms
    arms.add_row({"label": "Dose escalation"})
    col = next(i for i, c in enumerate(arms.columns) if c.field == "description")
    editor = _open_editor(qtbot, arms, 0, col)
    qtbot.keyClicks(editor, "3+3 design")
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=2000)
    assert store.get_study(sid).arms[0].description == "3+3 design"
