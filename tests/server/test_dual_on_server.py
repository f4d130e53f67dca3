"""Dual abstraction inside the server, as each role: compare the two abstractors' copies with
the workbook compare's core, adjudicate into the original (the consensus), and a reviewer's
query reaching the abstractor whose copy it is."""
import pytest
from openpyxl import load_workbook

from abstractor.cli import main
from tests.server.conftest import init_with_two_studies
from abstractor.errors import StoreError
from abstractor.review import workflow
from abstractor.review.adjudicate import Adjudication, save_consensus
from abstractor.review.dual import dual_pairs
from abstractor.storage import Store, review_ops


@pytest.fixture
def dual(server, pg_url, tmp_path):
    """NCT09990001 in dual abstraction by alice and carol (each typed her own title and
    enrollment); NCT09990002 alice's alone; rita reviews."""
    db = init_with_two_studies(pg_url, tmp_path, {"alice": "abstractor", "carol": "abstractor", "rita": "reviewer"})
    for user in ("alice", "carol"):
        assert main(["server", "assign", "NCT09990001", "--to", user, "--dual", "--db", pg_url]) == 0
    assert main(["server", "assign", "NCT09990002", "--to", "alice", "--db", pg_url]) == 0
    copies = {}
    for user, title, n in (("alice", "Trial A by alice", 12), ("carol", "Trial A by carol", 12)):
        with Store(server.url(db, user)) as st:
            [cid] = [r.id for r in st.list_studies() if st.get_study(r.id).study.registry_ids == ["NCT09990001"]]
            st.set_value(cid, "study", cid, "title", title)
            st.set_value(cid, "study", cid, "enrollment", n)
            copies[user] = cid
    with server.connect(db, "postgres") as conn:
        original = conn.execute("SELECT DISTINCT original_id FROM team.dual_copy").fetchone()[0]
    return db, copies, original


def _submit(server, db, copies, user):
    with Store(server.url(db, user)) as st:
        workflow.set_status(st, copies[user], "SUBMITTED")


def test_a_reviewer_compares_the_two_copies_on_the_server(server, dual, tmp_path, capsys):
    db, copies, _ = dual
    report = tmp_path / "dual.xlsx"
    assert main(["compare", "NCT09990001", "--db", server.url(db, "rita"), "--out", str(report)]) == 0
    out = capsys.readouterr().out
    assert "1 stud" in out
    rows = list(load_workbook(report)["Discrepancies"].iter_rows(values_only=True))
    assert any("Trial A by alice" in r and "Trial A by carol" in r for r in rows)
    assert not any("12" in map(str, r) and "enrollment" in map(str, r) for r in rows)  # agreed: no discrepancy
    assert main(["compare", "--db", server.url(db, "rita"), "--out", str(tmp_path / "all.xlsx")]) == 0  # every one


def test_an_abstractor_cannot_compare_until_both_copies_are_submitted(server, dual, tmp_path, capsys):
    db, copies, _ = dual
    report = tmp_path / "mine.xlsx"
    assert main(["compare", "NCT09990001", "--db", server.url(db, "alice"), "--out", str(report)]) == 1
    err = capsys.readouterr().err
    assert "only alice's copy is visible" in err and "Trial A by carol" not in err and not report.exists()
    _submit(server, db, copies, "alice")
    _submit(server, db, copies, "carol")
    assert main(["compare", "NCT09990001", "--db", server.url(db, "alice"), "--out", str(report)]) == 0
    assert main(["compare", "NCT09990002", "--db", server.url(db, "alice"), "--out", str(report)]) == 1
    assert "NCT09990002: no study in dual abstraction" in capsys.readouterr().err


def test_adjudication_writes_the_consensus_into_the_original(server, dual):
    db, copies, original = dual
    with Store(server.url(db, "rita")) as rita:
        [pair] = dual_pairs(rita).pairs
        assert (pair.a.abstractor, pair.b.abstractor, pair.original_id) == ("alice", "carol", original)
        adj = Adjudication(pair.a, pair.b)
        [title] = [d for d in adj.disagreements if d.key == "study.title"]
        adj.choose(title.key, "B")
        adj.choose_all("A")
        assert save_consensus(rita, adj) == original
        saved = rita.get_study(original)
        assert saved.study.title == "Trial A by carol" and saved.study.enrollment == 12
        assert saved.consensus and saved.abstractor == "rita"
        assert {rita.get_study(c).study.title for c in copies.values()} == {"Trial A by alice", "Trial A by carol"}
        audit = rita.audit_events(original)
        assert any(e["action"] == "adjudicate" and e["user"] == "rita" for e in audit)
    _submit(server, db, copies, "alice")
    _submit(server, db, copies, "carol")
    with Store(server.url(db, "alice")) as alice:  # she sees both copies now, but the consensus is not hers
        [pair] = dual_pairs(alice).pairs
        with pytest.raises(StoreError, match="not yours to write"):
            save_consensus(alice, _all_a(pair))


def _all_a(pair):
    adj = Adjudication(pair.a, pair.b)
    adj.choose_all("A")
    return adj


def test_a_reviewers_query_reaches_the_abstractor_of_that_copy_only(server, dual):
    db, copies, _ = dual
    with Store(server.url(db, "rita")) as rita:
        review_ops.query(rita, copies["alice"], "study.title", "Which title does the page give?")
    with Store(server.url(db, "alice")) as alice:
        assert review_ops.studies_with_open_queries(alice) == {copies["alice"]: 1}
        [q] = review_ops.open_queries(alice, copies["alice"])
        assert q.raised_by == "rita"
    with Store(server.url(db, "carol")) as carol:
        assert review_ops.studies_with_open_queries(carol) == {}


def test_who_has_what_is_hidden_from_the_other_abstractors(server, dual):
    db, copies, _ = dual
    with server.connect(db, "carol") as conn:
        assert {r[0] for r in conn.execute("SELECT username FROM team.assignment")} == {"carol"}
        assert [r[0] for r in conn.execute("SELECT copy_id FROM team.dual_copy")] == [copies["carol"]]
    with server.connect(db, "rita") as conn:
        assert {r[0] for r in conn.execute("SELECT username FROM team.assignment")} == {"alice", "carol"}


def test_a_study_with_one_copy_so_far_is_named_and_left_out(server, pg_url, dual, tmp_path, capsys):
    db, _copies, _ = dual
    assert main(["server", "assign", "NCT09990002", "--to", "carol", "--dual", "--db", pg_url]) == 0
    capsys.readouterr()
    assert main(["compare", "--db", server.url(db, "rita"), "--out", str(tmp_path / "r.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "NCT09990002: only carol has a copy so far" in err and (tmp_path / "r.xlsx").exists()


def test_status_shows_each_copy_and_its_progress(pg_url, server, dual, capsys):
    db, copies, _ = dual
    _submit(server, db, copies, "alice")
    capsys.readouterr()
    assert main(["server", "status", "--db", pg_url]) == 0
    out = capsys.readouterr().out
    assert "NCT09990001  alice  dual  submitted" in out and "NCT09990001  carol  dual  in progress" in out
    assert "0 studies unassigned" in out  # the original of a dual study is the reviewers' consensus
