"""A login with a password: libpq's own places first (PGPASSWORD, ~/.pgpass); the window asks
only when the server wants one they did not give, and the password is shown nowhere."""
import pytest

from abstractor.cli import main
from abstractor.errors import PasswordNeeded
from abstractor.storage import Store
from abstractor.storage.engine import database_url
from gui import server_login
from tests.gui.conftest import dialogs, open_window, settings  # noqa: F401

SECRET = "s3cret-pw"


@pytest.fixture
def pw_url(server, pg_url):
    from sqlalchemy.engine import make_url

    assert main(["server", "init", "--db", pg_url]) == 0
    assert main(["server", "add-user", "paula", "--role", "reviewer", "--db", pg_url]) == 0
    server.require_password("paula", SECRET)
    return server.url(make_url(pg_url).database, "paula")


def test_without_a_password_the_server_refuses_and_says_where_to_put_it(pw_url, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    with pytest.raises(PasswordNeeded) as refused:
        Store(database_url(pw_url))
    assert not refused.value.wrong and "PGPASSWORD" in str(refused.value)
    with pytest.raises(PasswordNeeded) as wrong:
        Store(database_url(pw_url).set(password="nope"))
    assert wrong.value.wrong and "nope" not in str(wrong.value)


def test_pgpassword_is_used_first_and_nothing_is_asked(pw_url, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", SECRET)
    monkeypatch.setattr(server_login, "ask_password", lambda *a: pytest.fail("asked although PGPASSWORD is set"))
    with server_login.open_store_asking(None, pw_url) as store:
        assert store.user == "paula"


def test_the_window_asks_again_after_a_wrong_password_and_shows_it_nowhere(qtbot, pw_url, monkeypatch,
                                                                           open_window, settings):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    asked = []
    answers = iter(["wrong", SECRET])
    monkeypatch.setattr(server_login, "ask_password",
                        lambda parent, address, wrong: asked.append((address, wrong)) or next(answers))
    w = open_window(pw_url)
    assert [wrong for _a, wrong in asked] == [False, True]
    assert all("paula" in a and SECRET not in a for a, _w in asked)
    assert w.ctx.store.user == "paula" and w._live[0] is not None  # the live connection logged in too
    shown = [w.windowTitle(), w.ctx.store.label, *map(str, settings.value("recent", []) or [])]
    assert all(SECRET not in s and "***" not in s for s in shown)


def test_cancelling_the_prompt_leaves_the_refusal(pw_url, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    monkeypatch.setattr(server_login, "ask_password", lambda *a: None)
    with pytest.raises(PasswordNeeded):
        server_login.open_store_asking(None, pw_url)


def test_compare_with_the_open_server_uses_the_password_the_window_asked_for(qtbot, pw_url, server, pg_url,
                                                                            monkeypatch, open_window, tmp_path):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent/pgpass")
    page = tmp_path / "a.txt"
    page.write_text("Registration Number: NCT09990001\nTitle: Invented trial A\n", encoding="utf-8")
    assert main(["import", str(page), "--accept-suggestions", "--db", pg_url]) == 0
    mine = tmp_path / "mine.json"
    assert main(["extract", str(page), "--out", str(mine)]) == 0
    monkeypatch.setattr(server_login, "ask_password", lambda *a: SECRET)
    w = open_window(pw_url)
    dlg = w.review.open_compare()
    dlg.path_a.setText(str(mine))
    dlg.b_db.setChecked(True)
    with qtbot.waitSignal(dlg.compared, timeout=20000):
        dlg.start()
    assert dlg.outcome.ok and len(dlg.outcome.comparison.matched) == 1, dlg.summary.text()
    assert SECRET not in dlg.outcome.b.label
