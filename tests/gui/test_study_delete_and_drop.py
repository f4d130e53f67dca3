"""Deleting a study from the Edit menu (asked first, one undo step brings it back), and files
dropped on the window while a study is open (asked: new studies or this study)."""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from abstractor.storage import suggestion_store as ss
from gui import ask
from tests.gui.conftest import DEMO, import_and_wait


def test_delete_study_asks_then_undo_puts_it_back_with_the_same_ids(qtbot, open_window, registry_page, monkeypatch):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    store, session = w.ctx.store, w.ctx.session
    sid = session.study_id
    title = w.form.design.fields[("study", "title")]
    title.editor.setFocus()
    qtbot.keyClicks(title.editor, "Kept title")
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
