"""The server, not the program, refuses what a role may not do: each role connects with
plain SQL (psycopg) and is refused reads and writes outside its rights."""
import psycopg
import pytest

from abstractor.cli import main
from abstractor.errors import StoreError
from abstractor.storage import Store
from tests.conftest import DATA
from tests.server.conftest import init_with_two_studies


@pytest.fixture
def team(server, pg_url, tmp_path):
    """Two studies; alice has A, carol has B, rita reviews."""
    db = init_with_two_studies(pg_url, tmp_path, {"alice": "abstractor", "carol": "abstractor", "rita": "reviewer"})
    assert main(["server", "assign", "NCT09990001", "--to", "alice", "--db", pg_url]) == 0
    assert main(["server", "assign", "NCT09990002", "--to", "carol", "--db", pg_url]) == 0
    with server.connect(db, "postgres") as conn:
        ids = dict(conn.execute("SELECT r.value, r.study_id FROM registry_id r").fetchall())
    return db, ids["NCT09990001"], ids["NCT09990002"]


def test_an_abstractor_sees_and_edits_only_the_studies_assigned(server, team):
    db, a, b = team
    with server.connect(db, "alice") as conn:
        assert [r[0] for r in conn.execute("SELECT id FROM study")] == [a]
        assert conn.execute("SELECT count(*) FROM registry_id WHERE study_id = %s", [b]).fetchone()[0] == 0
        assert conn.execute("UPDATE study SET title = 'mine now' WHERE id = %s", [b]).rowcount == 0
        assert conn.execute("UPDATE study SET title = 'edited' WHERE id = %s", [a]).rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("INSERT INTO condition (id, study_id, position, name) VALUES ('x', %s, 0, 'y')", [b])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO study (id, phases, target_antigens, status, consensus, created_at, updated_at)"
                         " VALUES ('new', '[]', '[]', 'draft', false, '', '')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # review marks are the reviewers'
            conn.execute("UPDATE field_review SET status = 'approved'")
        assert conn.execute("SELECT count(*) FROM codebook").fetchone()[0] == 0  # codebooks: read, not written
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE codebook SET current = false")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO team.assignment (study_id, username) VALUES (%s, 'alice')", [b])
    with server.connect(db, "carol") as conn:
        assert conn.execute("SELECT title FROM study").fetchall() == [("Invented trial B",)]


def test_a_reviewer_sees_everything_and_may_edit(server, team):
    db, a, b = team
    with server.connect(db, "rita") as conn:
        assert {r[0] for r in conn.execute("SELECT id FROM study")} == {a, b}
        assert conn.execute("UPDATE study SET title = 'checked' WHERE id = %s", [b]).rowcount == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # assigning is the admins'
            conn.execute("DELETE FROM team.assignment")


@pytest.mark.parametrize("user", ["alice", "rita", "postgres"])
def test_nobody_changes_or_deletes_the_audit_trail(server, team, user):
    db, a, _ = team
    with server.connect(db, user) as conn:
        assert conn.execute("SELECT count(*) FROM audit_event WHERE study_id = %s", [a]).fetchone()[0] >= 1
        for sql in ("UPDATE audit_event SET new = 'forged'", "DELETE FROM audit_event", "TRUNCATE audit_event"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(sql)


def test_the_audit_trail_records_the_login_not_a_typed_name(server, pg_url, team):
    db, a, _ = team
    with server.connect(db, "alice") as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("""INSERT INTO audit_event (at, "user", study_id, entity, action, origin)
                        VALUES ('now', 'rita', %s, 'study', 'update', 'user')""", [a])
    with Store(server.url(db, "alice"), user="somebody else") as store:
        assert store.user == "alice"
        store.set_value(a, "study", a, "title", "typed by alice")
        assert store.audit_events(a)[0]["user"] == "alice"


def test_the_program_on_an_abstractors_login_lists_and_edits_only_hers(server, team):
    db, a, b = team
    with Store(server.url(db, "alice")) as store:
        assert [r.id for r in store.list_studies()] == [a]
        with pytest.raises(StoreError, match="no longer exists"):
            store.set_value(b, "study", b, "title", "not hers")


def test_server_commands_refuse_a_database_file(tmp_path, capsys):
    assert main(["server", "status", "--db", str(tmp_path / "x.db")]) == 1
    assert "postgresql://" in capsys.readouterr().err


def test_a_password_in_the_address_is_refused_and_not_printed(capsys):
    assert main(["server", "status", "--db", "postgresql://alice:s3cret@localhost/team"]) == 1
    err = capsys.readouterr().err
    assert "s3cret" not in err and "PGPASSWORD" in err


def test_blind_dual_copies_stay_hidden_from_each_other_until_both_are_submitted(server, pg_url, team):
    db, a, b = team
    for user in ("alice", "carol"):
        assert main(["server", "assign", "NCT09990001", "--to", user, "--dual", "--db", pg_url]) == 0
    with server.connect(db, "postgres") as conn:
        copies = dict(conn.execute("SELECT username, copy_id FROM team.dual_copy").fetchall())
        assert conn.execute("SELECT count(*) FROM source_document WHERE study_id = %s",
                            [copies["alice"]]).fetchone()[0] == 1  # the documents are there to abstract
    mine = copies

    def visible(user):
        with server.connect(db, user) as conn:
            return {r[0] for r in conn.execute("SELECT id FROM study")}

    assert visible("alice") == {copies["alice"]} and visible("carol") == {copies["carol"], b}
    with server.connect(db, "alice") as conn:  # the other's copy cannot be written either
        assert conn.execute("UPDATE study SET title = 'x' WHERE id = %s", [copies["carol"]]).rowcount == 0
        conn.execute("UPDATE study SET status = 'SUBMITTED' WHERE id = %s", [mine["alice"]])
    assert copies["carol"] not in visible("alice")  # one submitted: still blind
    with server.connect(db, "carol") as conn:
        conn.execute("UPDATE study SET status = 'SUBMITTED' WHERE id = %s", [mine["carol"]])
    assert {copies["alice"], copies["carol"]} <= visible("alice")  # both submitted: compare
    assert {copies["alice"], copies["carol"], a} <= visible("rita")


def test_status_lists_users_assignments_and_open_queries(server, pg_url, team, capsys):
    from abstractor.storage import review_ops

    db, a, _ = team
    with Store(server.url(db, "rita")) as rita:
        review_ops.query(rita, a, "study.title", "Which title?")
    capsys.readouterr()
    assert main(["server", "status", "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert "alice  abstractor" in out and "rita  reviewer" in out
    assert "NCT09990001  alice" in out and "NCT09990002  carol" in out
    assert "open queries: 1 in 1 studies" in out


def test_init_while_a_client_holds_a_table_waits_then_says_so_and_works_once_free(server, pg_url, team,
                                                                                   monkeypatch, capsys):
    """init changes tables clients use: it waits a bounded time per lock (never queueing every
    client behind it for good), tries again, then says what to do."""
    import threading

    from abstractor import server_cli
    from abstractor.storage import server as srv

    db, a, _ = team
    monkeypatch.setattr(srv, "LOCK_TIMEOUT_MS", 100)
    monkeypatch.setattr(server_cli, "INIT_ATTEMPTS", 2)
    client = server.connect(db, "alice")
    client.autocommit = False
    client.execute("UPDATE study SET title = 'typing' WHERE id = %s", [a])  # a transaction left open
    capsys.readouterr()
    assert main(["server", "init", "--db", pg_url]) == 1
    err = capsys.readouterr().err
    assert "other clients kept them busy" in err and "Traceback" not in err
    monkeypatch.setattr(server_cli, "INIT_ATTEMPTS", 5)
    threading.Timer(0.3, client.rollback).start()  # the client finishes meanwhile: init gets through
    assert main(["server", "init", "--db", pg_url]) == 0
    client.close()
