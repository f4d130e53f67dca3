"""The window on a team server: opened with a postgresql:// address, it edits through the
same core; another person's change since the value was shown is not overwritten, and the
message says who changed it and keeps the typed value."""
import pytest

from abstractor.storage import Store
from models import schema
from tests.gui.conftest import dialogs, import_and_wait, open_window, registry_page, settings  # noqa: F401


@pytest.fixture
def db_path(server, pg_url):
    """The window's database here: a server address, as --db gives it (logged in as alice)."""
    from abstractor.cli import main
    from abstractor.storage.engine import database_url

    assert main(["server", "init", "--db", pg_url]) == 0
    for name in ("alice", "bob"):
        assert main(["server", "add-user", name, "--role", "reviewer", "--db", pg_url]) == 0
    return database_url(pg_url).set(drivername="postgresql", username="alice").render_as_string()


def test_the_window_refuses_to_overwrite_anothers_change_and_says_who(qtbot, open_window, registry_page, db_path,
                                                                      dialogs):
    w = open_window()
    assert w.ctx.store.engine.dialect.name == "postgresql" and w.ctx.store.user == "alice"
    import_and_wait(qtbot, w, [registry_page])
    sid = w.ctx.session.study_id
    field = w.form.design.fields[("study", "title")]
    field.commit("Alice's title")
    assert w.ctx.store.get_study(sid).study.title == "Alice's title"
    from abstractor.storage.engine import database_url

    with Store(database_url(db_path).set(username="bob")) as bob:  # meanwhile, on another machine
        bob.set_value(sid, "study", sid, "title", "Bob's title")
    field.commit("Alice's second title")  # based on what her window still shows
    assert w.ctx.store.get_study(sid).study.title == "Bob's title"
    assert not dialogs.messages("error")
    check_stale_dialog(qtbot, w, sid, field, "bob", "Bob's title", "Alice's second title")


def check_stale_dialog(qtbot, w, sid, field, who, theirs, mine):
    """The refusal shows who and when, their value (now in the form too) and one's own, which one
    click re-applies as an undoable edit."""
    from gui.stale_write import StaleWriteDialog

    dlg = w.ctx.stale_dialog
    assert isinstance(dlg, StaleWriteDialog) and dlg.isVisible()
    assert who in dlg.summary.text() and " UTC" in dlg.summary.text()
    assert theirs in dlg.theirs.text() and mine in dlg.mine.text()
    qtbot.waitUntil(lambda: field.editor.text() == theirs, timeout=3000)
    dlg.reapply_btn.click()
    assert w.ctx.store.get_study(sid).study.title == mine
    qtbot.waitUntil(lambda: field.editor.text() == mine, timeout=3000)
    w.ctx.undo_stack.undo()
    assert w.ctx.store.get_study(sid).study.title == theirs


def test_the_window_shows_anothers_change_without_being_asked(qtbot, open_window, registry_page, db_path):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    sid = w.ctx.session.study_id
    field = w.form.design.fields[("study", "title")]
    from abstractor.storage.engine import database_url

    with Store(database_url(db_path).set(username="bob")) as bob:
        bob.set_value(sid, "study", sid, "title", "Bob's live title")
        new = bob.add_study(schema.Abstraction())
    qtbot.waitUntil(lambda: field.editor.text() == "Bob's live title", timeout=3000)
    qtbot.waitUntil(lambda: new in w.study_list.model.row_of, timeout=3000)
