"""The workbook import's fast path gives exactly what the model path gives (issue 11 item 6).

New studies are written from their row tuples (``RowForm.fields``, ``StudyPlan.parts``) without building
a pydantic item per row, and inserted with ``storage.bulk.insert_many`` instead of SQLAlchemy's
per-row parameters.  Here the same plan is applied both ways into two empty databases, on invented
workbooks with codebook values, bad cells, evidence, review marks and rows a reviewer added without an
id; the databases must hold the same rows (times aside) and the plans the same problems.
"""
from __future__ import annotations

import sqlite3
import tempfile
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from abstractor.codebooks import load_shipped
from abstractor.codebooks.importing import apply_import as apply_codebook, preview_import
from abstractor.operations import SetField
from abstractor.storage import Store
from abstractor.workbook import apply_import, export_workbook, plan_import
from abstractor.workbook.merge import plan as plan_module
from models import schema, tables
from tests.workbook.helpers import DOC_TEXT, col_of, document, edit, find_row, rich_study
from tests.workbook.test_property import studies as random_studies

TIMES = {"created_at", "updated_at", "at", "imported_at"}  # the clock's, different in every run


def dump(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (times masked), sorted: what two imports must both have stored."""
    con = sqlite3.connect(db)
    try:
        out = {}
        for (name,) in con.execute("select name from sqlite_master where type='table' and name not like 'sqlite%' "
                                   "and name != 'alembic_version'"):
            cur = con.execute(f'select * from "{name}"')
            cols = [d[0] for d in cur.description]
            masked = TIMES | ({"id"} if name == "codebook" else set()) | {"codebook_id"}  # each database's own
            out[name] = sorted((tuple(None if c in masked else v for c, v in zip(cols, row)) for row in cur),
                               key=repr)
        return out
    finally:
        con.close()


def apply_both(make_store, workbook: Path, tmp: Path, monkeypatch) -> tuple[dict, dict, list[str]]:
    """The workbook imported into two fresh databases, with and without the fast path: (dump, dump, issues)."""
    results, issues = [], []
    for fast in (True, False):
        db = tmp / f"{'fast' if fast else 'models'}.db"
        store = make_store(db)
        try:
            ids = count()
            for where in (tables, plan_module):  # the same ids both ways (storage's rows, the reviewer's rows)
                monkeypatch.setattr(where, "new_id", lambda: f"{next(ids):032x}")
            plan = plan_import(store, workbook)
            issues.append([str(i) for i in plan.issues])
            for p in plan.studies:
                if not fast:
                    assert p.parts is not None
                    p.parts = None  # storage takes the study apart from its model (p.study)
            if plan.has_changes:
                apply_import(store, plan)
        finally:
            store.close()
        results.append(dump(db))
    assert issues[0] == issues[1]
    return results[0], results[1], issues[0]


def test_every_row_gives_the_field_values_its_item_has(tmp_path):
    """``RowForm.fields`` (the fast path) and ``RowForm.item`` (the model) agree on every row of a
    workbook with codebook values on studies and rows, and on rows with empty cells."""
    from abstractor.workbook.reading import read_workbook

    store = _car_t_store(tmp_path / "a.db")
    export_workbook(store, tmp_path / "out.xlsx")
    store.close()
    content = read_workbook(tmp_path / "out.xlsx")
    seen = 0
    for st_ in content.studies.values():
        for key, rows in st_.rows.items():
            form = st_.forms[key]
            for row in rows:
                # As read, and with every cell empty (None) or blank text: the fields' defaults, and the
                # ones item_from puts in (a criterion's kind, an outcome's kind).
                for r in (row, tuple(None if i != form.id_slot else v for i, v in enumerate(row)),
                          tuple("" if i != form.id_slot else v for i, v in enumerate(row))):
                    assert form.fields(r) == dict(form.item(r).__dict__), (key, r)
                seen += 1
    assert seen >= 10


def _car_t_store(db: Path) -> Store:
    """A database under the shipped CAR-T codebook with a rich study and one with codebook values."""
    doc = document()
    store = Store.open_path(db, user="ann")
    apply_codebook(store, preview_import(store, load_shipped()))
    store.add_study(rich_study(doc), [doc])
    sid = store.add_study(schema.Abstraction(study={"title": "A CAR-T study", "registry_ids": ["NCT00000042"]},
                                             dose_levels=[{"text": "1x10^6 cells/kg"}, {}], criteria=[{}]))
    SetField(sid, "study", sid, "extra.vector", "lentiviral", None).do(store)
    return store


def test_the_same_database_both_ways_with_codebook_bad_cells_and_reviewer_rows(tmp_path, monkeypatch):
    store = _car_t_store(tmp_path / "src.db")
    sent, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(store, sent)
    store.close()

    def review(wb):
        ws = wb["Studies"]
        ws.cell(2, col_of(ws, "costimulatory_domain")).value = "CD137"  # a synonym: stored as 4-1BB
        ws.cell(3, col_of(ws, "costimulatory_domain")).value = "CD28"
        dl = wb["DoseLevels"]
        dl.cell(2, col_of(dl, "patients_planned")).value = 6
        dl.cell(3, col_of(dl, "value")).value = "a lot"  # a bad cell: its row is left out
        cr = wb["Criteria"]
        row = [c.value for c in cr[2]]
        row[col_of(cr, "row_id") - 1] = None  # a reviewer's new criterion, without an id
        row[col_of(cr, "text") - 1] = "ECOG 0-1"
        row[col_of(cr, "category") - 1] = None  # an empty cell: the field's default
        cr.append(row)
        arms = wb["Arms"]
        arms.cell(2, col_of(arms, "interventions")).value = "CD7 CAR-T\nFludarabine"  # a name not listed yet

    edit(sent, back, review)
    fast, models, issues = apply_both(lambda db: _with_codebook(db), back, tmp_path, monkeypatch)
    assert [i.split(":")[0] for i in issues] == ["DoseLevels!C3"]
    assert fast == models
    assert len(fast["study"]) == 2 and any("ECOG 0-1" in repr(r) for r in fast["criterion"])
    assert any("4-1BB" in repr(r) for r in fast["study"]) and any("Fludarabine" in repr(r) for r in fast["intervention"])


def _with_codebook(db: Path) -> Store:
    store = Store.open_path(db, user="rev")
    apply_codebook(store, preview_import(store, load_shipped()))
    return store


@st.composite
def _workbook_studies(draw):
    return draw(st.lists(random_studies(), min_size=1, max_size=3))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                 HealthCheck.function_scoped_fixture])
@given(_workbook_studies())
def test_random_studies_are_stored_the_same_both_ways(monkeypatch, items):
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        with Store.open_path(d / "a.db", user="a") as a:
            for ab, doc in items:
                a.add_study(ab, [doc])
            export_workbook(a, d / "one.xlsx")
        fast, models, issues = apply_both(lambda db: Store.open_path(db, user="b"), d / "one.xlsx", d, monkeypatch)
        assert not issues
        assert fast == models


def test_a_codebook_value_the_database_refuses_is_the_same_message_both_ways():
    """The codebook check on a row's values (fast path) says what the check on the model says."""
    from abstractor.errors import InvalidValue
    from abstractor.storage.convert import check_extras

    cb = load_shipped()
    item = schema.DoseLevel(text="x")
    item.extra = {"patients_planned": 6}
    messages = []
    for rows in ({"dose_levels": [{"id": None, "extra": {"patients_planned": "six"}}]},
                 {"dose_levels": [item.model_copy(update={"extra": {"patients_planned": "six"}})]}):
        with pytest.raises(InvalidValue) as exc:
            check_extras(cb, {}, rows)
        messages.append(str(exc.value))
    assert messages[0] == messages[1] and "dose_levels[0].extra.patients_planned" in messages[0]


def test_the_collector_is_paused_while_reading_and_on_again_after_even_on_an_error(tmp_path):
    import gc

    from abstractor.storage.bulk import collector_paused
    from abstractor.workbook import WorkbookRejected, read_workbook

    seen = []
    with collector_paused():
        with collector_paused():
            seen.append(gc.isenabled())
        seen.append(gc.isenabled())  # the inner one leaves it as it found it: paused
    assert seen == [False, False] and gc.isenabled()
    bad = tmp_path / "not.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(WorkbookRejected):
        read_workbook(bad)
    assert gc.isenabled()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 9_999_999), st.integers(1, 18_278)), min_size=1, max_size=40),
       st.integers(1, 400))
def test_the_guard_finds_the_farthest_cell_in_any_order_and_any_chunking(cells, size):
    """The sheet guard's row search (the last cell's row, then a search for any cell below it) gives
    the farthest row and column of every cell, wherever the farthest one is and however it is cut."""
    from abstractor.workbook import safety_extent as X

    xml = b"<sheetData><row>" + b"".join(f'<c r="{X.column_letters(c)}{r}" t="n"><v>1</v></c>'.encode()
                                        for r, c in cells) + b"</row></sheetData>"
    scan = X.ExtentScan()
    for i in range(0, len(xml), size):
        scan.feed(xml[i:i + size])
    ext = scan.done()
    assert ext.fast and (ext.rows, ext.columns) == (max(r for r, _ in cells), max(c for _, c in cells))


def test_unchanged_decides_the_same_on_the_studies_row_as_on_its_model(tmp_path, monkeypatch):
    """Re-import tells an unchanged study on its Studies row as read (``_same_cells``) where it can; the
    verdict must be the model's, for untouched studies and for edited ones (an empty status, which the
    model reads as IN_PROGRESS; an empty consensus; a changed title; a codebook value)."""
    from abstractor.storage import workbook_state as ws
    from abstractor.workbook.merge import unchanged as U
    from abstractor.workbook.reading import read_workbook

    store = _car_t_store(tmp_path / "a.db")
    sid = store.add_study(schema.Abstraction(study={"title": "Plain"}, status="IN_PROGRESS"))
    export_workbook(store, tmp_path / "same.xlsx")

    def review(wb):
        ws_ = wb["Studies"]
        ws_.cell(2, col_of(ws_, "status")).value = None
        ws_.cell(3, col_of(ws_, "consensus")).value = None
        ws_.cell(4, col_of(ws_, "title")).value = "Another title"
        ws_.cell(3, col_of(ws_, "vector")).value = "retroviral"

    edit(tmp_path / "same.xlsx", tmp_path / "edited.xlsx", review)
    verdicts = {}
    for name in ("same.xlsx", "edited.xlsx"):
        content = read_workbook(tmp_path / name)
        stored = ws.stored_studies(store, list(content.studies))
        for way in ("cells", "model"):
            if way == "model":
                monkeypatch.setattr(U, "_same_cells", lambda st, db: False)
            verdicts[name, way] = {s: U.unchanged(st, stored[s]) for s, st in content.studies.items()}
            monkeypatch.undo()
    store.close()
    assert verdicts["same.xlsx", "cells"] == verdicts["same.xlsx", "model"] and all(verdicts["same.xlsx", "cells"].values())
    assert verdicts["edited.xlsx", "cells"] == verdicts["edited.xlsx", "model"]
    assert sum(verdicts["edited.xlsx", "cells"].values()) < len(verdicts["edited.xlsx", "cells"]) and sid


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-3, 6), st.floats(-3, 6, allow_nan=False)), max_size=12))
def test_rows_in_order_skip_the_sort_and_give_what_the_sort_gives(orders):
    """``in_order`` returns rows already in order as they are: the same as sorting them."""
    from abstractor.workbook import row_models

    items = [(o, r, f"row{r}") for r, o in enumerate(orders)]
    keyed, last = [], 0.0
    for order, r, item in items:  # the rule, spelled out: a row without an order goes after the one above
        key = float(order) if order is not None else last + 1e-3
        last = key
        keyed.append((key, r, item))
    assert row_models.in_order(items) == [item for _, _, item in sorted(keyed, key=lambda x: (x[0], x[1]))]


def test_new_studies_from_a_workbook_are_the_same_on_a_team_server(tmp_path):
    """The bulk inserts (storage.bulk) on PostgreSQL's driver (named parameters) store what they store in
    a database file (positional ones): the same studies, codebook values, evidence and review."""
    from tests import pg

    source = _car_t_store(tmp_path / "src.db")
    export_workbook(source, tmp_path / "out.xlsx")
    expected = {ab.id: ab for ab in source.iter_studies()}
    source.close()
    server = pg.server()
    for store in (_with_codebook(tmp_path / "file.db"), Store(server.url(server.new_database()), user="rev")):
        try:
            if store is not None and "postgresql" in str(store.engine.url):
                apply_codebook(store, preview_import(store, load_shipped()))
            plan = plan_import(store, tmp_path / "out.xlsx")
            assert not plan.issues, plan.report()
            apply_import(store, plan)
            got = {ab.id: ab for ab in store.iter_studies()}
            assert got.keys() == expected.keys()
            for sid, ab in got.items():
                assert ab.model_dump(exclude={"review"}) == expected[sid].model_dump(exclude={"review"})
                assert [(r.field, r.status, [(c.author, c.text) for c in r.comments]) for r in ab.review] == \
                    [(r.field, r.status, [(c.author, c.text) for c in r.comments]) for r in expected[sid].review]
        finally:
            store.close()


def test_row_ids_of_stored_studies_are_checked_the_same_from_their_read_rows(tmp_path, monkeypatch):
    """A re-import takes the owners of a stored study's row ids from the rows it reads to compare the
    study (plan._own_rows) and asks the database about the other ids only: the same problems, in the same
    order, and the same plans as asking the database about every id (``_own_rows`` giving nothing)."""
    from tests.workbook.helpers import store_with

    docs = [document(text=DOC_TEXT + f"Copy {i}.\n", name=f"trial{i}.txt") for i in range(4)]
    full = store_with(tmp_path / "full.db", [rich_study(d) for d in docs], [[d] for d in docs])
    sent, back = tmp_path / "sent.xlsx", tmp_path / "back.xlsx"
    export_workbook(full, sent)
    stored = {ab.source.sha256: ab for ab in full.iter_studies()}
    studies = [stored[d.sha256] for d in docs]  # with the ids the database gave them
    full.close()
    s0, s1, s2, _ = studies

    def review(wb):
        def set_id(sheet, old, new):
            ws = wb[sheet]
            ws.cell(find_row(ws, "row_id", old), col_of(ws, "row_id")).value = new
        # Arms is read first: the later row with the id is the one left out as a duplicate.
        set_id("Arms", s0.arms[0].id, s2.outcomes[0].id)  # a stored study's row claims another's row
        set_id("Arms", s1.arms[0].id, s0.arms[0].id)  # a new study's row claims a stored row (freed above)
        set_id("Arms", s2.arms[0].id, s2.criteria[0].id)  # a stored study's arm claims its own criterion's id

    edit(sent, back, review)
    got = []
    for fast in (True, False):
        store = store_with(tmp_path / f"{fast}.db", [s0, s2], [[docs[0]], [docs[2]]])  # s1, s3 are new
        try:
            if not fast:
                monkeypatch.setattr(plan_module, "_own_rows", lambda stored: {})
            plan = plan_import(store, back)
            got.append(([str(i) for i in plan.issues], [(p.study_id, p.action) for p in plan.studies]))
        finally:
            store.close()
    assert got[0] == got[1]
    issues, plans = got[0]
    left_out = [i for i in issues if "belongs to a" in i]
    assert [next(s.id for s in studies if s.id in i.split("; study ")[1]) for i in left_out] == [s0.id, s1.id, s2.id]
    assert [sid for sid, _ in plans] == [studies[3].id]


def test_new_studies_written_in_several_rounds_are_the_same_as_in_one(tmp_path, monkeypatch):
    """New studies go in by rounds of ``NEW_BATCH`` (one transaction): five studies in rounds of two
    are stored exactly as in one round."""
    from abstractor.storage import workbook_apply
    from tests.workbook.helpers import store_with

    docs = [document(DOC_TEXT + f" Variant {i}.", name=f"trial{i}.txt") for i in range(5)]
    studies = []
    for i, doc in enumerate(docs):
        ab = rich_study(doc)
        ab.study.title = f"Study {i}"
        ab.criteria = ab.criteria + [schema.Criterion(kind="EXCLUSION", text=f"Extra {k}") for k in range(i)]
        studies.append(ab)
    src = store_with(tmp_path / "src.db", studies, [[d] for d in docs])
    export_workbook(src, tmp_path / "five.xlsx")
    src.close()
    dumps = []
    for batch in (2, 500):
        monkeypatch.setattr(workbook_apply, "NEW_BATCH", batch)
        ids = count()
        for where in (tables, plan_module):
            monkeypatch.setattr(where, "new_id", lambda: f"{next(ids):032x}")
        db = tmp_path / f"b{batch}.db"
        store = Store.open_path(db, user="tester")
        try:
            result = apply_import(store, plan_import(store, tmp_path / "five.xlsx"))
            assert len(result.added) == 5
        finally:
            store.close()
        dumps.append(dump(db))
    assert dumps[0] == dumps[1]
    base = len(rich_study().criteria)
    assert len(dumps[0]["study"]) == 5 and len(dumps[0]["criterion"]) == 5 * base + 0 + 1 + 2 + 3 + 4
