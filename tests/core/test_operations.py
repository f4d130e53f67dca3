"""Each user action is one core operation in one transaction: a storage failure at ANY statement
inside it leaves the database exactly as it was (fault injection), and so does a failure while
undoing it; without a failure, do then undo puts everything back but the audit trail."""
from __future__ import annotations

import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from abstractor import operations as ops
from abstractor.errors import StoreError
from abstractor.importer import import_files
from abstractor.storage import Store
from abstractor.storage import suggestion_store as ss

PAGE = """Registration Number: NCT09990011
Study Type: Interventional
Enrollment: 24
Inclusion Criteria:
1. Aged 18 to 65 years;
2. Serum creatinine < 1.5 x ULN and ALT < 3 x ULN;
Exclusion Criteria:
1. Active hepatitis B or C infection;
2. Pregnant or breast-feeding women;
"""
OTHER = "Registration Number: NCT09990012\nEnrollment: 40\nExclusion Criteria:\n1. Prior CAR-T therapy;\n"


def dump(path: Path) -> dict[str, list]:
    """Every row of every table, in a stable order."""
    con = sqlite3.connect(path)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {n: sorted(map(repr, con.execute(f'SELECT * FROM "{n}"'))) for n in names}
    finally:
        con.close()


def without_audit(d: dict) -> dict:
    return {k: v for k, v in d.items() if k != "audit_event"}


@contextmanager
def failing_at(store: Store, n: int):
    """The n-th statement the store sends (0-based) fails as a full disk would."""
    seen = [0]

    def before(conn, cursor, statement, params, context, executemany):
        seen[0] += 1
        if seen[0] - 1 == n:
            raise OperationalError(statement, params, sqlite3.OperationalError("database or disk is full"))

    event.listen(store.engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", before)


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("ops")
    (d / "page.txt").write_text(PAGE, encoding="utf-8")
    (d / "other.txt").write_text(OTHER, encoding="utf-8")
    db = d / "template.db"
    with Store.open_path(db, user="t") as s:
        import_files(s, [d / "page.txt"], suggest=True)
    return db


def _study(store):
    sid = store.list_studies()[0].id
    return sid, store.get_study(sid)


def _open(store, sid):
    return [s for s in ss.suggestions(store, sid, "OPEN")]


def set_field(store):
    sid, _ = _study(store)
    return ops.SetField(sid, "study", sid, "enrollment", 24, None)


def fill_from_selection(store):
    sid, _ = _study(store)
    doc = store.documents(sid)[0]
    start = store.document_text(doc.id).index("NCT09990011")
    return ops.FillFromSelection(sid, "study", sid, "acronym", "NCT", None, ops.Span(doc.id, start, start + 11))


def add_row(store):
    sid, _ = _study(store)
    doc = store.documents(sid)[0]
    text = store.document_text(doc.id)
    start = text.index("Active hepatitis")
    end = text.index(";", start)
    return ops.AddRow(sid, "criterion", {"kind": "EXCLUSION", "text": text[start:end]}, None,
                      [("text", ops.Span(doc.id, start, end))])


def accept_all(store):
    sid, _ = _study(store)
    return ops.AcceptSuggestions(sid, [s.id for s in _open(store, sid)])


def reject_some(store):
    sid, _ = _study(store)
    return ops.RejectSuggestions(sid, [s.id for s in _open(store, sid)][:3])


def delete_rows(store):
    sid, _ = _study(store)
    op = ops.AcceptSuggestions(sid, [s.id for s in _open(store, sid) if s.path.startswith("criteria")])
    op.do(store)
    ab = store.get_study(sid)
    return ops.DeleteRows(sid, "criterion", [ab.criteria[0].id, ab.criteria[2].id])


CASES = [set_field, fill_from_selection, add_row, accept_all, reject_some, delete_rows]


def _count(db: Path, make, step: str) -> int:
    with Store.open_path(db, user="t") as s:
        op = make(s)
        if step == "undo":
            op.do(s)
        with failing_at(s, 10**9) as seen:
            getattr(op, step)(s)
        return seen[0]


@pytest.mark.parametrize("make", CASES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("step", ["do", "undo"])
def test_a_failure_at_any_statement_leaves_nothing_half_done(make, step, template, tmp_path):
    probe = tmp_path / "probe.db"
    shutil.copy(template, probe)
    total = _count(probe, make, step)
    assert total >= 2  # a composite action: at least its BEGIN and one change
    for n in range(total):
        db = tmp_path / f"run{n}.db"
        shutil.copy(template, db)
        with Store.open_path(db, user="t") as s:
            op = make(s)
            if step == "undo":
                op.do(s)
            s.engine.dispose()
            before = dump(db)
            with failing_at(s, n), pytest.raises(StoreError, match="full"):
                getattr(op, step)(s)
        assert dump(db) == before, f"statement {n} of {total} left a half-done {make.__name__}.{step}"


@pytest.mark.parametrize("make", CASES, ids=lambda f: f.__name__)
def test_do_then_undo_puts_everything_back(make, template, tmp_path):
    db = tmp_path / "a.db"
    shutil.copy(template, db)
    with Store.open_path(db, user="t") as s:
        op = make(s)
        s.engine.dispose()
        before = dump(db)
        op.do(s)
        s.engine.dispose()
        assert without_audit(dump(db)) != without_audit(before)
        op.undo(s)
        s.engine.dispose()
    after = dump(db)
    changed = {k for k in before if before[k] != after[k]}
    # Everything is back but the trail (the action and its undoing are both recorded), and the
    # decision stamps of proposals put back to their state.
    assert changed <= {"audit_event", "study", "suggestion"}
    for table in changed - {"audit_event"}:
        assert len(after[table]) == len(before[table])


def test_import_into_a_study_with_suggestions_is_one_transaction(template, tmp_path):
    """Adding a document and its proposals: a failure anywhere stores neither."""
    other = template.parent / "other.txt"
    probe = tmp_path / "probe.db"
    shutil.copy(template, probe)
    with Store.open_path(probe, user="t") as s:
        sid = s.list_studies()[0].id
        with failing_at(s, 10**9) as seen:
            import_files(s, [other], into=sid, suggest=True)
        total = seen[0]
    assert total > 3
    for n in range(total):
        db = tmp_path / f"run{n}.db"
        shutil.copy(template, db)
        with Store.open_path(db, user="t") as s:
            s.engine.dispose()
            before = dump(db)
            with failing_at(s, n):
                try:
                    results = import_files(s, [other], into=sid, suggest=True)
                except StoreError:
                    results = None
            if results is not None:  # reported per file, never as imported
                assert [r.outcome for r in results] == ["rejected"], (n, results)
        assert dump(db) == before, f"statement {n} of {total} left half an import"


def test_rows_captured_from_a_selection_go_in_page_order(template, tmp_path):
    """Issue 14: criteria captured by selection are inserted where the page has them, not at the end."""
    db = tmp_path / "order.db"
    shutil.copy(template, db)
    with Store.open_path(db, user="t") as s:
        sid, _ = _study(s)
        doc = s.documents(sid)[0]
        text = s.document_text(doc.id)

        def span(words):
            a = text.index(words)
            return a, text.index(";", a)

        def row(words):
            a, b = span(words)
            return {"kind": "INCLUSION", "text": text[a:b]}, [("text", ops.Span(doc.id, a, b))]

        ops.AddRows(sid, "criterion", [row("Active hepatitis")]).do(s)  # the page's third item first
        ops.AddRows(sid, "criterion", [row("Aged 18"), row("Serum creatinine")]).do(s)  # then the two above it
        assert [c.text[:6] for c in s.get_study(sid).criteria] == ["Aged 1", "Serum ", "Active"]
