"""The stale-write dialog on a database file: two programs on one SQLite file (the check
needs no server); the window keeps the typed value to re-apply."""
from abstractor.storage import Store
from tests.gui.conftest import dialogs, import_and_wait, open_window, registry_page, settings  # noqa: F401
from tests.server.test_window_on_server import check_stale_dialog


def test_a_stale_write_on_a_file_shows_theirs_and_keeps_mine(qtbot, open_window, registry_page, db_path,
                                                            dialogs):
    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    sid = w.ctx.session.study_id
    field = w.form.design.fields[("study", "title")]
    field.commit("Tester's title")
    with Store.open_path(db_path, user="bob") as bob:
        bob.set_value(sid, "study", sid, "title", "Bob's title")
    field.commit("Tester's second title")
    assert w.ctx.store.get_study(sid).study.title == "Bob's title"
    assert not dialogs.messages("error")
    check_stale_dialog(qtbot, w, sid, field, "bob", "Bob's title", "Tester's second title")
