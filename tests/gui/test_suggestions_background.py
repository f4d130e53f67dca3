"""A study imported before suggestions existed: Suggestions > Suggest from documents reads its
documents in the background.  Also: the table model with proposal rows, menus, shortcuts and figures."""
from __future__ import annotations

from PySide6.QtCore import Qt

from abstractor.importer import import_files
from abstractor.storage import suggestion_store as ss


def test_suggest_from_documents_for_an_older_study(qtbot, open_window, registry_page, db_path, dialogs):
    from gui.app import open_store

    store = open_store(db_path, user="tester")
    [res] = import_files(store, [registry_page])  # no suggestions, as imports were before
    store.close()
    w = open_window()
    sid = res.study_id
    assert w.ctx.session.study_id == sid
    assert not ss.suggestions(w.ctx.store, sid) and not w.suggestions.summaries[w.form.design].isVisible()
    assert w.suggestions.suggest_action.isEnabled()

    w.suggestions.suggest_action.trigger()
    assert not w.suggestions.suggest_action.isEnabled()  # one job at a time
    qtbot.waitUntil(lambda: w.suggestions.job is None, timeout=15000)
    n = len(ss.suggestions(w.ctx.store, sid, "OPEN"))
    assert n > 20 and not dialogs.messages("error")
    assert w.suggestions.summaries[w.form.design].isVisible()
    assert sum(len(b.items) for b in w.suggestions.summaries.values()) == n
    assert f"{n} proposals open" in w.statusBar().currentMessage()

    # Asking again replaces the open proposals (no second copy) and does not bring back a rejected one.
    w.suggestions.hints[("study", "enrollment")].reject_btn.click()
    w.suggestions.suggest_action.trigger()
    qtbot.waitUntil(lambda: w.suggestions.job is None, timeout=15000)
    paths = [s.path for s in ss.suggestions(w.ctx.store, sid, "OPEN")]
    assert len(paths) == n - 1 and "study.enrollment" not in paths


def test_menus_shortcuts_model_and_accuracy(qtbot, qtmodeltester, open_window, registry_page, dialogs):
    w = open_window()
    dialogs.files = [str(registry_page)]
    w.import_action.trigger()
    qtbot.waitUntil(lambda: w.import_job is None, timeout=15000)
    ui = w.suggestions
    qtmodeltester.check(w.form.eligibility.inclusion.model)  # stored rows and proposal rows

    titles = [a.text().replace("&", "") for a in w.menuBar().actions()]
    assert "Suggestions" in titles and titles.index("Suggestions") < titles.index("Help")
    texts = [a.text().replace("&", "") for a in ui.menu.actions()]
    assert {"Accept proposal", "Reject proposal", "Suggest from documents"} <= set(texts)

    w.shortcuts_action.trigger()
    shown = dialogs.messages("info")[-1]
    for key in ("Ctrl+Return", "Ctrl+Del", "Ctrl+Shift+Return", "F8", "Enter / Delete"):
        assert key in shown, key

    # Decide two, then Help > Suggestion accuracy counts them.
    w.form.setCurrentWidget(w.form.design)
    qtbot.keyClick(w, Qt.Key.Key_F8)  # the first proposal of Design: its field has the focus
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_Return)  # accepted; on to the next one
    qtbot.keyClick(w, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    c = ss.counts(w.ctx.store, w.ctx.session.study_id)
    assert c["ACCEPTED"] == 1 and c["REJECTED"] == 1
    assert "1 accepted" in ui.status.toolTip() and "1 rejected" in ui.status.toolTip()
    ui.accuracy_action.trigger()
    figures = dialogs.messages("info")[-1]
    assert "This study" in figures and "All studies" in figures and "50%" in figures


def test_dropped_page_arrives_with_proposals_and_selecting_one_shows_its_field(qtbot, open_window, registry_page):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    w = open_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(registry_page))])
    w.dropEvent(QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: w.import_job is None, timeout=15000)
    sid = w.ctx.session.study_id
    assert sid and ss.suggestions(w.ctx.store, sid, "OPEN")

    from PySide6.QtWidgets import QScrollArea

    ed = w.form.design.fields[("study", "max_age")]
    area = w.form.design.findChild(QScrollArea)
    w.resize(1200, 560)  # a laptop screen: the form does not fit
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())  # the form scrolled to its end
    qtbot.waitUntil(lambda: ed.visibleRegion().isEmpty())  # the field out of view
    w.suggestions.show_evidence(next(s for s in w.suggestions.state.items if s.path == "study.max_age"))
    assert ed.visibleRegion().boundingRect().height() > 0  # the form scrolled to the field
    tab = w.documents.tab()
    assert "70 Years" in tab.text[tab._current[0]:tab._current[1]]
