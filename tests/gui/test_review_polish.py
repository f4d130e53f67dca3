"""Review details: the review keys in Help ▸ Keyboard shortcuts, row-header marks in the field
marks' colours, undoing a query takes its question back, Compare can be cancelled."""
from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from abstractor.storage import Store, review_ops
from gui.review_marks import COLOR
from models.enums import ReviewState
from tests.gui.review_fixtures import invented_study

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _open(qtbot, open_window, db_path):
    with Store.open_path(db_path, user="ana") as store:
        sid = store.add_study(invented_study())
    w = open_window()
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    w.study_list.select_study(sid)
    return w, sid


def test_review_keys_are_listed_in_help(qtbot, open_window, db_path, dialogs):
    w, _sid = _open(qtbot, open_window, db_path)
    w.shortcuts_action.trigger()
    text = dialogs.messages("info")[-1]
    for key, what in (("Ctrl+Alt+V", "Verify field or row"), ("Ctrl+Alt+Q", "Query field or row"),
                      ("Ctrl+Alt+U", "Clear review mark"), ("Ctrl+Alt+C", "Compare two abstractions"),
                      ("Ctrl+Alt+R", "Show review threads")):
        assert f"<b>{key}</b>" in text and what in text, key


def test_row_marks_take_the_field_marks_colours_and_undoing_a_query_takes_its_question_back(
        qtbot, open_window, db_path, dialogs):
    w, sid = _open(qtbot, open_window, db_path)
    store = w.ctx.store
    w.form.setCurrentWidget(w.form.eligibility)
    inc = w.form.eligibility.inclusion
    row_id = inc.model.rows[0]["id"]
    header = lambda role: inc.model.headerData(0, Qt.Orientation.Vertical, role)  # noqa: E731
    assert header(Qt.ItemDataRole.ForegroundRole) is None

    inc.focus_row(row_id, "text")
    dialogs.answer_text = "Which version of the criterion?"
    qtbot.keyClick(inc.view, Qt.Key.Key_Q, CTRL_ALT)
    assert header(Qt.ItemDataRole.DisplayRole) == "1 ?"
    assert header(Qt.ItemDataRole.ForegroundRole) == QColor(COLOR[ReviewState.QUERIED])
    assert header(Qt.ItemDataRole.FontRole).bold()

    enrollment = w.form.design.fields[("study", "enrollment")]
    qtbot.mouseClick(enrollment.editor, Qt.MouseButton.LeftButton)
    qtbot.keyClick(enrollment.editor, Qt.Key.Key_Q, CTRL_ALT)  # the same question about a field
    assert COLOR[ReviewState.QUERIED] in w.review.marks[("study", "enrollment")].styleSheet()

    def comments(key):
        return next((i.comments for i in review_ops.field_reviews(store, sid)
                     if (i.target.entity, i.target.row_id, i.target.field) == key), [])

    assert [c.text for c in comments(("study", sid, "enrollment"))] == ["Which version of the criterion?"]
    w.undo_action.trigger()
    assert comments(("study", sid, "enrollment")) == []  # the question went with the mark
    w.undo_action.trigger()
    assert comments(("criterion", row_id, "")) == [] and header(Qt.ItemDataRole.DisplayRole) == "1"
    trail = [(e["field"], e["action"]) for e in store.audit_events(sid)]
    assert trail.count(("#comment", "delete")) == 1 and ("enrollment#comment", "delete") in trail

    w.redo_action.trigger()  # redo asks it again, once
    assert [c.text for c in comments(("criterion", row_id, ""))] == ["Which version of the criterion?"]

    w.form.setCurrentWidget(w.form.eligibility)
    inc.view.setFocus()  # back to the table from the enrollment field: the row is the target again
    qtbot.keyClick(inc.view, Qt.Key.Key_V, CTRL_ALT)
    assert header(Qt.ItemDataRole.ForegroundRole) == QColor(COLOR[ReviewState.VERIFIED])


def test_compare_shows_it_is_busy_and_cancel_ignores_the_late_result(qtbot, open_window, db_path, monkeypatch,
                                                                     tmp_path):
    import gui.compare_dialog as cd

    release = threading.Event()
    calls = []

    def slow_run(a, b, database=None, user=None):
        calls.append(a)
        release.wait(10)
        raise RuntimeError("should never be shown")

    monkeypatch.setattr(cd.compare_run, "run", slow_run)
    try:
        w, _sid = _open(qtbot, open_window, db_path)
        dlg = w.review.open_compare()
        qtbot.waitExposed(dlg)
        assert dlg.busy.isHidden() and not dlg.cancel_btn.isEnabled()
        dlg.path_a.setText(str(tmp_path / "a.xlsx"))
        dlg.b_db.setChecked(True)
        qtbot.mouseClick(dlg.run_btn, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(calls), timeout=3000)
        assert dlg.busy.isVisible() and dlg.cancel_btn.isEnabled() and not dlg.run_btn.isEnabled()

        compared = []
        dlg.compared.connect(lambda: compared.append(1))
        qtbot.mouseClick(dlg.cancel_btn, Qt.MouseButton.LeftButton)
        assert dlg.busy.isHidden() and dlg.run_btn.isEnabled() and not dlg.cancel_btn.isEnabled()
        assert "Cancelled" in dlg.summary.text()
        release.set()  # the abandoned run ends; what it says is ignored
        qtbot.waitUntil(lambda: not dlg._threads, timeout=5000)
        QApplication.processEvents()
        assert compared == [] and dlg.outcome is None and "Cancelled" in dlg.summary.text()
        dlg.close()
    finally:
        release.set()  # never leave a thread running past the test
