"""No lost update: two people editing the same field at once; the second write, based on
what they read before the first was stored, is refused with who and when, never silently lost."""
import threading

import pytest

from abstractor import operations as ops
from abstractor.errors import StaleWrite
from abstractor.storage import Store
from abstractor.storage.engine import database_url
from models import schema


def _study(url):
    with Store(database_url(url), user="admin") as store:
        return store.add_study(schema.Abstraction(study=schema.StudyFields(title="Original")))


def _as(url, name, setup=True):
    """A client logged in as ``name``: on a server its own login (a reviewer: sees all)."""
    u = database_url(url)
    if u.get_backend_name() == "sqlite":
        return Store(u, user=name)
    if setup:
        from abstractor.cli import main

        assert main(["server", "init", "--db", url]) == 0
        assert main(["server", "add-user", name, "--role", "reviewer", "--db", url]) == 0
    return Store(u.set(username=name))


def test_the_second_of_two_clients_is_refused_with_who_and_when(any_url):
    sid = _study(any_url)
    with _as(any_url, "alice") as a, _as(any_url, "bob") as b:
        seen_a, seen_b = a.get_study(sid).study.title, b.get_study(sid).study.title
        ops.SetField(sid, "study", sid, "title", "Alice's", seen_a).do(a)
        with pytest.raises(StaleWrite) as refused:
            ops.SetField(sid, "study", sid, "title", "Bob's", seen_b).do(b)
        exc = refused.value
        assert (exc.theirs, exc.mine) == ("Alice's", "Bob's") and exc.when
        assert exc.who == (a.user) and "Alice's" in str(exc) and "not saved" in str(exc)
        assert b.get_study(sid).study.title == "Alice's"
        # Bob re-applies his value over what he has now seen: accepted.
        ops.SetField(sid, "study", sid, "title", "Bob's", exc.theirs).do(b)
        assert a.get_study(sid).study.title == "Bob's"


def test_ones_own_earlier_write_is_not_a_conflict(any_url):
    """Typing on: the window's shown value lags behind what this user already wrote."""
    sid = _study(any_url)
    with _as(any_url, "alice") as a:
        ops.SetField(sid, "study", sid, "title", "Orig", "Original").do(a)
        ops.SetField(sid, "study", sid, "title", "Origin", "Original").do(a)
        assert a.get_study(sid).study.title == "Origin"


def test_two_clients_writing_at_the_same_moment_on_a_server_lose_nothing(server, pg_url):
    """Both read, both write at once: the row lock makes one wait and then see the other's value."""
    sid = _study(pg_url)
    outcomes, barrier = {}, threading.Barrier(2)

    def edit(name):
        with _as(pg_url, name, setup=False) as store:
            seen = store.get_study(sid).study.title
            barrier.wait()
            try:
                ops.SetField(sid, "study", sid, "title", f"{name}'s", seen).do(store)
                outcomes[name] = "saved"
            except StaleWrite as exc:
                outcomes[name] = exc

    _as(pg_url, "alice").close(), _as(pg_url, "bob").close()  # (server init once, not in the threads)
    threads = [threading.Thread(target=edit, args=(n,)) for n in ("alice", "bob")]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    saved = [n for n, o in outcomes.items() if o == "saved"]
    refused = [o for o in outcomes.values() if isinstance(o, StaleWrite)]
    assert len(saved) == 1 and len(refused) == 1, outcomes
    assert refused[0].theirs == f"{saved[0]}'s"
    with Store(database_url(pg_url), user="admin") as store:
        assert store.get_study(sid).study.title == f"{saved[0]}'s"
