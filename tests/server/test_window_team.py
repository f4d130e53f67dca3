"""The window on a team server: a reviewer's query on an abstractor's study reaches her window
without being asked (the status bar counts her open queries; a click lists those studies); a
reviewer adjudicates the two dual copies into the original."""
from abstractor.cli import main
from abstractor.storage import Store, review_ops
from tests.gui.conftest import dialogs, open_window, registry_page, settings  # noqa: F401
from tests.server.test_dual_on_server import dual  # noqa: F401


def _team(server, pg_url, page):
    from sqlalchemy.engine import make_url

    db = make_url(pg_url).database
    assert main(["server", "init", "--db", pg_url]) == 0
    assert main(["import", str(page), "--accept-suggestions", "--db", pg_url]) == 0
    for user, role in (("alice", "abstractor"), ("rita", "reviewer")):
        assert main(["server", "add-user", user, "--role", role, "--db", pg_url]) == 0
    with Store(pg_url) as owner:
        [sid] = [r.id for r in owner.list_studies()]
    assert main(["server", "assign", sid, "--to", "alice", "--db", pg_url]) == 0
    return db, sid


def test_a_reviewers_query_reaches_the_abstractors_window(qtbot, server, pg_url, registry_page, open_window):
    db, sid = _team(server, pg_url, registry_page)
    w = open_window(server.url(db, "alice"))
    button = w._live[2]
    assert button.text() == "No open queries"
    with Store(server.url(db, "rita")) as rita:
        review_ops.query(rita, sid, "study.title", "Is this the official title?")
    qtbot.waitUntil(lambda: button.text() == "1 open query in 1 study", timeout=3000)
    assert button.font().bold() and "A reviewer raised a query" in w.statusBar().currentMessage()
    button.click()
    assert w.study_list.queries_box.isChecked() and w.study_list.model.ids == [sid]
    assert w.ctx.session.study_id == sid
    [q] = review_ops.open_queries(w.ctx.store, sid)
    assert q.raised_by == "rita"


def test_a_reviewer_adjudicates_the_two_copies_in_the_window_into_the_original(qtbot, server, dual, open_window,
                                                                               monkeypatch):
    """Review > Adjudicate this study with another: the other abstractor's copy; saving writes the
    consensus into the original study, which the list then selects."""
    from gui import ask

    db, copies, original = dual
    w = open_window(server.url(db, "rita"))
    w.study_list.select_study(copies["alice"])
    assert w.ctx.session.study_id == copies["alice"]
    offered = []
    monkeypatch.setattr(ask, "choose", lambda parent, title, label, items: offered.append(items) or
                        next(i for i, name in enumerate(items) if name.startswith("carol")))
    adj_window = w.review.adjudicate_open_study()
    assert adj_window.adj.b.id == copies["carol"] and any(n.startswith("carol") for n in offered[0])
    [title] = [d for d in adj_window.adj.disagreements if d.key == "study.title"]
    adj_window.adj.choose(title.key, "B")
    adj_window.adj.choose_all("A")
    assert adj_window.save() == original
    with Store(server.url(db, "rita")) as rita:
        saved = rita.get_study(original)
    assert saved.consensus and saved.study.title == "Trial A by carol" and saved.abstractor == "rita"
    qtbot.waitUntil(lambda: w.ctx.session.study_id == original, timeout=3000)


def test_the_compare_dialog_compares_the_dual_copies_on_the_server(qtbot, server, dual, open_window):
    """Review > Compare > the two abstractors' copies: agreement in the window with the workbook
    compare's core; adjudicating from there writes the original."""
    db, copies, original = dual
    w = open_window(server.url(db, "rita"))
    dlg = w.review.open_compare()
    assert dlg.b_dual.isVisible()
    dlg.b_dual.setChecked(True)
    assert not dlg.path_a.isEnabled()
    with qtbot.waitSignal(dlg.compared, timeout=20000):
        assert dlg.start()
    out = dlg.outcome
    assert out.ok and (out.a.label, out.b.label) == ("A (alice)", "B (carol)"), dlg.summary.text()
    assert [sc.a.id for sc in out.comparison.matched] == [copies["alice"]]
    assert any("Trial A by carol" in map(str, r) for r in dlg.discrepancies.rows), dlg.discrepancies.rows
    adj_window = dlg.adjudicate()
    adj_window.adj.choose_all("A")
    assert adj_window.save() == original


def test_the_dual_option_is_not_offered_on_a_file(open_window):
    w = open_window()
    assert not w.review.open_compare().b_dual.isVisible()
