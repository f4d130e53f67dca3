"""Offline work: checkout assigned studies into a laptop file, work on it, checkin with the
workbook import's plan / preview / conflict rules."""
import pytest

from abstractor.cli import main
from tests.server.conftest import init_with_two_studies
from abstractor.storage import Store
from abstractor.storage.engine import sqlite_url


@pytest.fixture
def team(server, pg_url, tmp_path):
    """Two studies assigned to alice; rita reviews."""
    db = init_with_two_studies(pg_url, tmp_path, {"alice": "abstractor", "rita": "reviewer"})
    assert main(["server", "assign", "NCT09990001", "NCT09990002", "--to", "alice", "--db", pg_url]) == 0
    with Store(pg_url) as owner:
        ids = {owner.get_study(r.id).study.registry_ids[0]: r.id for r in owner.list_studies()}
    return server.url(db, "alice"), server.url(db, "rita"), ids["NCT09990001"], ids["NCT09990002"]


def test_checkout_work_offline_and_checkin_with_the_workbook_rules(team, tmp_path, capsys):
    alice, rita, a, b = team
    laptop = tmp_path / "laptop.db"
    assert main(["checkout", "--db", alice, "--out", str(laptop)]) == 0
    assert "2 studies checked out" in capsys.readouterr().out
    with Store(sqlite_url(laptop)) as off:
        assert {r.id for r in off.list_studies()} == {a, b}  # the same ids: the server's studies
        assert off.documents(a) and off.get_study(a).study.title == "Invented trial A"
        off.set_value(a, "study", a, "title", "Alice's offline title")  # rita changes it too: a conflict
        off.set_value(b, "study", b, "enrollment", 40)  # only offline: taken
    with Store(rita) as online:
        online.set_value(a, "study", a, "title", "Rita's online title")
        online.set_value(b, "study", b, "acronym", "INV-B")  # only on the server: kept

    capsys.readouterr()
    assert main(["checkin", str(laptop), "--db", alice, "--dry-run"]) == 1  # a conflict: reported
    out = capsys.readouterr().out
    assert "Rita's online title" in out and "Alice's offline title" in out and "dry run" in out, out
    with Store(alice) as st:
        assert st.get_study(b).study.enrollment is None  # a preview changes nothing

    assert main(["checkin", str(laptop), "--db", alice]) == 1
    captured = capsys.readouterr()
    assert "checked in, in one transaction: 1 updated" in captured.out and "conflicts above" in captured.err
    with Store(alice) as st:
        assert st.get_study(a).study.title == "Rita's online title"  # the server keeps its value
        got = st.get_study(b).study
        assert (got.enrollment, got.acronym) == (40, "INV-B")
        assert any(e["user"] == "alice" and e["field"] == "enrollment" for e in st.audit_events(b))

    with Store(sqlite_url(laptop)) as off:  # the conflict settled offline: the next checkin is clean
        off.set_value(a, "study", a, "title", "Rita's online title")
    assert main(["checkin", str(laptop), "--db", alice]) == 0
    with Store(sqlite_url(laptop)) as off:  # and the file now has the server's version, others' changes too
        assert off.get_study(b).study.acronym == "INV-B"
        off.set_value(b, "study", b, "enrollment", 41)  # work goes on offline
    capsys.readouterr()
    assert main(["checkin", str(laptop), "--db", alice]) == 0
    assert "enrollment: 40 -> 41" in capsys.readouterr().out  # no false conflict, no server value undone
    with Store(alice) as st:
        assert (st.get_study(b).study.enrollment, st.get_study(b).study.acronym) == (41, "INV-B")


def test_a_query_answered_offline_reaches_the_reviewer(team, tmp_path):
    from abstractor.storage import review_ops

    alice, rita, a, _b = team
    with Store(rita) as online:
        review_ops.query(online, a, "study.title", "Which title does the page give?")
    laptop = tmp_path / "laptop.db"
    assert main(["checkout", "--db", alice, "--out", str(laptop)]) == 0
    with Store(sqlite_url(laptop), user="alice") as off:
        assert [q.raised_by for q in review_ops.open_queries(off, a)] == ["rita"]
        review_ops.add_comment(off, a, "study.title", "The page's first line: Invented trial A")
    assert main(["checkin", str(laptop), "--db", alice]) == 0  # comments yes, review marks untouched
    with Store(rita) as online:
        [q] = review_ops.open_queries(online, a)
        assert [c.text for c in q.comments][-1] == "The page's first line: Invented trial A"


def test_checkout_and_checkin_say_what_is_wrong(team, tmp_path, capsys):
    alice, _rita, a, _b = team
    laptop = tmp_path / "laptop.db"
    assert main(["checkout", "--db", str(tmp_path / "x.db"), "--out", str(laptop)]) == 1
    assert "postgresql://" in capsys.readouterr().err and not laptop.exists()
    assert main(["checkout", "NCT09990001", "--db", alice, "--out", str(laptop)]) == 0
    assert main(["checkout", "--db", alice, "--out", str(laptop)]) == 1
    assert "already exists" in capsys.readouterr().err
    other = tmp_path / "other.db"
    Store(sqlite_url(other)).close()
    assert main(["checkin", str(other), "--db", alice]) == 1
    assert "was not made by checkout" in capsys.readouterr().err
    assert main(["checkout", "NCT00000000", "--db", alice, "--out", str(tmp_path / "none.db")]) == 1
    assert "NCT00000000: there is no study" in capsys.readouterr().err


def test_rewriting_a_study_leaves_its_unchanged_review_rows_alone(tmp_path):
    """What lets an abstractor check in on a server (review marks are not hers to rewrite): the
    marks and comments a rewrite does not change keep their rows (ids, times)."""
    from sqlalchemy import select

    from abstractor.storage import review_ops
    from models import schema, tables as t

    with Store(sqlite_url(tmp_path / "x.db"), user="rita") as st:
        sid = st.add_study(schema.Abstraction(study=schema.StudyFields(title="T")))
        review_ops.query(st, sid, "study.title", "Which title?")

        def rows():
            with st.read() as conn:
                return (conn.execute(select(t.FieldReview.id, t.FieldReview.updated_at)).all(),
                        conn.execute(select(t.ReviewComment.id)).all())

        before = rows()
        ab = st.get_study(sid)
        st.replace_study(ab.model_copy(update={"study": ab.study.model_copy(update={"acronym": "X"})}))
        assert rows() == before
        review_ops.add_comment(st, sid, "study.title", "The first line's.")
        ab = st.get_study(sid)
        marks, notes = rows()
        st.replace_study(ab.model_copy(update={"study": ab.study.model_copy(update={"acronym": "Y"})}))
        assert rows() == (marks, notes) and st.get_study(sid).review == ab.review
        moved = ab.model_copy(deep=True)
        moved.review[0].by = "another marker"  # the same status, marked by someone else: rewritten
        st.replace_study(moved)
        assert st.get_study(sid).review[0].by == "another marker"


def test_a_review_mark_on_a_condition_does_not_stop_an_abstractors_checkin(team, tmp_path):
    """Conditions and registry ids are plain lists: their rows keep their ids by position when a
    study is rewritten, so a mark on study.conditions[0] is unchanged, not rewritten (which the
    server refuses an abstractor)."""
    from abstractor.storage import review_ops

    alice, rita, a, _b = team
    with Store(rita) as online:
        ab = online.get_study(a)
        online.replace_study(ab.model_copy(update={"study": ab.study.model_copy(update={"conditions": ["Lymphoma"]})}))
        review_ops.query(online, a, "study.conditions[0]", "Which lymphoma?")
    laptop = tmp_path / "laptop.db"
    assert main(["checkout", "--db", alice, "--out", str(laptop)]) == 0
    with Store(sqlite_url(laptop)) as off:
        off.set_value(a, "study", a, "title", "Edited offline")
    assert main(["checkin", str(laptop), "--db", alice]) == 0
    with Store(rita) as online:
        assert online.get_study(a).study.title == "Edited offline"
        assert len(review_ops.open_queries(online, a)) == 1
        assert online.get_study(a).review[0].field == "study.conditions[0]"
