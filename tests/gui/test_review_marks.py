"""Review in the window, driven as a reviewer and an abstractor do: verify a field, query a
row, answer the query, settle it, move the study through its statuses, filter the list."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from abstractor.storage import Store, review_ops
from gui.review_model import ReviewItemsModel
from models.enums import AbstractionStatus, ReviewState
from tests.gui.review_fixtures import invented_study

CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def _seed(db_path):
    with Store.open_path(db_path, user="ana") as store:
        other = store.add_study(invented_study("NCT09990077", "An invented second study"))
        sid = store.add_study(invented_study())
    return sid, other


def _activate(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def _marks(store, sid):
    return {(i.target.entity, i.target.field or i.path.split("[")[0]): i for i in review_ops.field_reviews(store, sid)}


def test_verify_query_answer_and_move_status(qtbot, open_window, db_path, dialogs, qtmodeltester):
    sid, other = _seed(db_path)
    w = open_window()
    _activate(qtbot, w)
    store, review = w.ctx.store, w.review
    w.study_list.select_study(sid)
    assert w.ctx.session.study_id == sid
    store.user = "rita"  # the reviewer

    # Verify the enrollment field: click it, Ctrl+Alt+V; a green check appears beside it.
    enrollment = w.form.design.fields[("study", "enrollment")]
    qtbot.mouseClick(enrollment.editor, Qt.MouseButton.LeftButton)
    qtbot.keyClick(enrollment.editor, Qt.Key.Key_V, CTRL_ALT)
    info = _marks(store, sid)[("study", "enrollment")]
    assert info.status == ReviewState.VERIFIED and info.updated_by == "rita"
    mark = review.marks[("study", "enrollment")]
    assert mark.text() == "✓" and "Verified by rita" in mark.toolTip()

    # Query the second inclusion criterion (a whole row): select it, Ctrl+Alt+Q, type the question.
    w.form.setCurrentWidget(w.form.eligibility)
    inc = w.form.eligibility.inclusion
    row_id = inc.model.rows[1]["id"]
    inc.focus_row(row_id, "text")
    dialogs.answer_text = "Is it at least 70 or above 70?"
    qtbot.keyClick(inc.view, Qt.Key.Key_Q, CTRL_ALT)
    [q] = review_ops.open_queries(store, sid)
    assert (q.target.entity, q.target.row_id, q.target.field) == ("criterion", row_id, "")
    assert [c.text for c in q.comments] == ["Is it at least 70 or above 70?"]
    assert inc.model.headerData(1, Qt.Orientation.Vertical) == "2 ?"
    assert "waiting for an answer" in inc.model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)

    # Undo takes the mark back, redo puts it back (the question is not written twice).
    qtbot.keyClick(inc.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert review_ops.open_queries(store, sid) == []
    assert inc.model.headerData(1, Qt.Orientation.Vertical) == "2"
    w.redo_action.trigger()
    [q] = review_ops.open_queries(store, sid)
    assert len(q.comments) == 1

    # The list filters by "has open queries".
    sl = w.study_list
    assert set(sl.model.ids) == {sid, other}
    qtbot.mouseClick(sl.queries_box, Qt.MouseButton.LeftButton)
    assert sl.model.ids == [sid]

    # The abstractor reads the thread in the Review section and answers.
    store.user = "ana"
    w.review.show_panel()
    panel = review.panel
    assert w.form.currentWidget() is panel
    qtmodeltester.check(panel.model)
    qtbot.mouseClick(panel.only_open, Qt.MouseButton.LeftButton)
    assert len(panel.model.items) == 1 and panel.model.data(panel.model.index(0, 3)) == "abstractor"
    rect = panel.view.visualRect(panel.model.index(0, 1))
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Is it at least 70" in panel.thread.toPlainText()
    import re
    assert re.search(r"queried by \S+, \d{4}-\d\d-\d\d \d\d:\d\d UTC", panel.thread.toPlainText())  # who and when
    assert not panel.answer_btn.isEnabled()
    qtbot.mouseClick(panel.reply, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.reply, "At least 70, as the protocol says.")
    qtbot.mouseClick(panel.answer_btn, Qt.MouseButton.LeftButton)
    [q] = review_ops.open_queries(store, sid)
    assert q.answered and [c.author for c in q.comments] == ["rita", "ana"]
    assert panel.reply.toPlainText() == ""
    assert "At least 70, as the protocol says." in panel.thread.toPlainText()
    assert panel.model.data(panel.model.index(0, 3)) == "reviewer"
    assert inc.model.headerData(1, Qt.Orientation.Vertical) == "2 ↩"

    # Approving is refused while the query is open; the reviewer sees the answer and verifies.
    store.user = "rita"
    for move in ("move_SUBMITTED", "move_IN_REVIEW"):
        qtbot.mouseClick(panel.findChild(type(panel.answer_btn), move), Qt.MouseButton.LeftButton)
    assert store.get_study(sid).status == AbstractionStatus.IN_REVIEW
    assert set(panel.move_buttons) == {AbstractionStatus.RETURNED, AbstractionStatus.APPROVED}
    qtbot.mouseClick(panel.move_buttons[AbstractionStatus.APPROVED], Qt.MouseButton.LeftButton)
    assert store.get_study(sid).status == AbstractionStatus.IN_REVIEW
    assert any("open query" in m for m in dialogs.messages("error"))
    panel.select(("criterion", row_id, ""))
    qtbot.mouseClick(panel.verify_btn, Qt.MouseButton.LeftButton)
    assert review_ops.open_queries(store, sid) == []
    assert inc.model.headerData(1, Qt.Orientation.Vertical) == "2 ✓"
    sl.apply_filter()
    assert sl.model.ids == []  # no study has open queries now
    qtbot.mouseClick(sl.queries_box, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.move_buttons[AbstractionStatus.APPROVED], Qt.MouseButton.LeftButton)
    assert store.get_study(sid).status == AbstractionStatus.APPROVED
    assert "approved" in panel.status_label.text()
    assert set(panel.move_buttons) == {AbstractionStatus.IN_REVIEW}  # only the moves the workflow allows
    w.review._fill_status_menu()
    assert [a.text() for a in w.review.status_menu.actions()][1:] == ["Start review (in review)"]

    # Undo the approval; the status filter of the list.
    w.undo_action.trigger()
    assert store.get_study(sid).status == AbstractionStatus.IN_REVIEW
    sl.status_box.setCurrentIndex(sl.statuses.index("IN_REVIEW"))
    assert sl.model.ids == [sid]
    sl.status_box.setCurrentIndex(sl.statuses.index("IN_PROGRESS"))
    assert sl.model.ids == [other]
    sl.status_box.setCurrentIndex(0)

    # Everything is in the audit trail.
    trail = [(e["field"], e["user"]) for e in store.audit_events(sid)]
    assert ("enrollment#review", "rita") in trail and ("#comment", "ana") in trail
    assert trail.count(("status", "rita")) >= 4


def test_review_items_model(qtmodeltester, db_path):
    sid, _ = _seed(db_path)
    with Store.open_path(db_path, user="rita") as store:
        review_ops.verify(store, sid, "study.phases")
        review_ops.query(store, sid, "criteria[0]", "Which diagnosis?")
        model = ReviewItemsModel(lambda key: "/".join(key))
        model.set_items(review_ops.field_reviews(store, sid))
        qtmodeltester.check(model)
        assert [model.data(model.index(r, 0)) for r in range(2)] == ["?", "✓"]
        model.set_items(review_ops.field_reviews(store, sid), only_open=True)
        assert model.rowCount() == 1
        qtmodeltester.check(model)
