"""Deleting a study from the Edit menu (asked first, one undo step brings it back), and files
dropped on the window while a study is open (asked: new studies or this study)."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from abstractor.storage import suggestion_store as ss
from gui import ask
from tests.gui.conftest import DEMO, import_and_wait, typing_saved


def test_delete_study_asks_then_undo_puts_it_back_with_the_same_ids(qtbot, open_window, registry_page, monkeypatch):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    store, session = w.ctx.store, w.ctx.session
    sid = session.study_id
    title = w.form.design.fields[("study", "title")]
    title.editor.setFocus()
    qtbot.keyClicks(title.editor, "Kept title")
    typing_saved(qtbot, w)
    docs, props = store.documents(sid), ss.suggestions(store, sid)
    assert props  # the import proposed values: they must come back too

    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, t, msg: asked.append(msg) or False)
    w.delete_study_action.trigger()
    assert asked and "Kept title" in asked[0] and "Undo" in asked[0]
    assert store.study_exists(sid)  # "No": nothing happened

    monkeypatch.setattr(ask, "confirm", lambda parent, t, msg: True)
    steps = w.ctx.undo_stack.count()
    w.delete_study_action.trigger()
    assert not store.study_exists(sid)
    assert sid not in w.study_list.model.ids and session.study_id != sid
    assert w.ctx.undo_stack.count() == steps + 1
    assert "Delete study" in w.undo_action.text()

    w.undo_action.trigger()
    assert store.study_exists(sid) and session.study_id == sid
    assert sid in w.study_list.model.ids
    assert store.documents(sid) == docs and ss.suggestions(store, sid) == props
    assert title.editor.text() == "Kept title"
    assert w.documents.tab() is not None and "NCT09900017" in w.documents.tab().view.toPlainText()

    w.redo_action.trigger()
    assert not store.study_exists(sid) and session.study_id is None
    w.undo_action.trigger()
    w.undo_action.trigger()  # and the typing before it undoes as usual: the row ids were kept
    assert store.get_study(sid).study.title != "Kept title"


REAL_IMPORT_DESTINATION = ask.import_destination  # taken before the test fixture replaces it


def _drop(w, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    w.dragEnterEvent(enter)
    assert enter.isAccepted()
    w.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier))


def test_files_dropped_on_an_open_study_ask_where_they_go(qtbot, open_window, registry_page, tmp_path, dialogs):
    w = open_window()
    _drop(w, [registry_page])  # no study open yet: a new study, nothing asked
    qtbot.waitUntil(lambda: w.import_job is None, timeout=15000)
    assert dialogs.destination_asked == []
    sid, store = w.ctx.session.study_id, w.ctx.store
    protocol = tmp_path / "protocol_synopsis.txt"
    protocol.write_text("Protocol synopsis\nDose escalation 3+3 with a DLT window of 28 days.\n", encoding="utf-8")

    dialogs.destination = None  # Cancel: nothing imported, nothing remembered
    _drop(w, [protocol])
    [(names, label)] = dialogs.destination_asked
    assert names == ["protocol_synopsis.txt"] and label == w._study_label() and label
    assert w.import_job is None and store.count_studies() == 1 and len(store.documents(sid)) == 1

    dialogs.destination = "into"
    _drop(w, [protocol])
    qtbot.waitUntil(lambda: w.import_job is None, timeout=15000)
    assert store.count_studies() == 1 and [d.file_name for d in store.documents(sid)][1] == "protocol_synopsis.txt"
    assert w.ctx.session.study_id == sid and w.documents.tabs.count() == 2

    other = tmp_path / "another_page.txt"
    other.write_text("Another study\nEnrollment\n30\n", encoding="utf-8")
    dialogs.destination = "new"
    _drop(w, [other])
    qtbot.waitUntil(lambda: w.import_job is None, timeout=15000)
    assert len(dialogs.destination_asked) == 3  # asked every time
    assert store.count_studies() == 2 and len(store.documents(sid)) == 2


def test_the_question_offers_new_studies_this_study_or_cancel(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox, QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    seen = []

    def press(label_start):
        box = next(b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible())
        seen.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text().replace("&", "").startswith(label_start)).click()

    for label, expected in (("Add to", ask.INTO_STUDY), ("New", ask.NEW_STUDIES), ("Cancel", None)):
        QTimer.singleShot(50, lambda label=label: press(label))
        assert REAL_IMPORT_DESTINATION(parent, ["a.txt", "b.pdf"], "NCT01") == expected
    assert len(seen) == 3 and len(seen[0]) == 3
