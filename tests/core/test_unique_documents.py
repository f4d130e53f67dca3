"""Unique documents (issue 9): an imported file is stored once, even by two processes
at once; a study never holds a document twice; copies in other studies stay allowed."""
import multiprocessing
import shutil
import sqlite3

import pytest

from abstractor.errors import StoreError
from abstractor.importer import import_files
from abstractor.importing import read_document
from abstractor.storage import Store
from tests.conftest import DATA


def make_files(folder, n=20):
    folder.mkdir()
    paths = []
    for i in range(n):
        p = folder / f"trial{i:02}.txt"
        p.write_text(f"Registration Number: NCT0999{i:04}\nTitle: Invented trial number {i}\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def _import_worker(db, paths, barrier, out):
    with Store.open_path(db, user="worker") as store:
        barrier.wait()
        results = import_files(store, paths, suggest=True)  # suggestions widen the gap between lookup and insert
    out.put([r.outcome for r in results])


def test_two_processes_importing_the_same_files_store_each_once(tmp_path):
    paths = make_files(tmp_path / "files")
    db = tmp_path / "shared.db"
    Store.open_path(db).close()
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_import_worker, args=(str(db), paths, barrier, out)) for _ in range(2)]
    for p in procs:
        p.start()
    outcomes = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert all(len(o) == 20 and set(o) <= {"imported", "duplicate"} for o in outcomes)
    assert sum(o.count("imported") for o in outcomes) == 20
    with Store.open_path(db) as store:
        assert store.count_studies() == 20
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM source_document").fetchone() == (20, 20)
    con.close()


def test_a_file_stored_between_lookup_and_insert_is_reported_as_already_imported(store, monkeypatch, tmp_path):
    """The race made certain: the lookup says 'not there', the database says otherwise."""
    [path] = make_files(tmp_path / "files", 1)
    [first] = import_files(store, [path])
    monkeypatch.setattr(store, "find_document", lambda sha256, real=store.find_document: None)
    [again] = import_files(store, [path])
    assert (again.outcome, again.message) == ("duplicate", "already imported; skipped")
    monkeypatch.undo()
    [into] = import_files(store, [path], into=first.study_id)
    assert into.outcome == "duplicate" and first.study_id in into.message
    assert store.count_studies() == 1 and len(store.documents(first.study_id)) == 1


def test_a_study_holds_a_document_once_but_other_studies_may_copy_it(store, tmp_path):
    [path] = make_files(tmp_path / "files", 1)
    doc = read_document(path)
    [res] = import_files(store, [path])
    with store.write() as conn:  # a copy in another study, as a consensus or a workbook brings it
        other = store.add_study(read_document(path).abstraction or _empty(), origin="workbook")
        store.insert_document(conn, other, doc, 0)
    with pytest.raises(StoreError, match="conflicts"):
        with store.write() as conn:
            store.insert_document(conn, res.study_id, doc, 1)
    assert [len(store.documents(s)) for s in (res.study_id, other)] == [1, 1]


def _empty():
    from models.schema import Abstraction

    return Abstraction()


def test_upgrade_merges_a_document_held_twice_by_one_study(tmp_path):
    db = tmp_path / "dup.db"
    shutil.copyfile(DATA / "old_databases" / "schema2.db", db)
    con = sqlite3.connect(db)
    study_id, doc_id = con.execute("SELECT study_id, id FROM source_document WHERE id IN "
                                   "(SELECT document_id FROM evidence)").fetchone()
    cols = [r[1] for r in con.execute("PRAGMA table_info(source_document)")]
    sel = ", ".join("'dupcopy'" if c == "id" else "position + 1" if c == "position" else f'"{c}"' for c in cols)
    con.execute(f"INSERT INTO source_document SELECT {sel} FROM source_document WHERE id = ?", (doc_id,))
    n_evidence = con.execute("SELECT COUNT(*) FROM evidence WHERE document_id = ?", (doc_id,)).fetchone()[0]
    con.execute("UPDATE evidence SET document_id = 'dupcopy' WHERE rowid IN "
                "(SELECT rowid FROM evidence WHERE document_id = ? LIMIT 1)", (doc_id,))
    con.commit()
    con.close()
    assert n_evidence > 0
    with Store.open_path(db) as s:
        assert "upgraded from schema 2" in s.notice
        assert [d.id for d in s.documents(study_id)] == [doc_id]
        assert sum(e.document_id == doc_id for e in s.evidence(study_id)) == n_evidence


def test_a_workbook_cannot_plant_text_that_blocks_the_genuine_file(tmp_path):
    """Issue 12 item 2: a Documents row with a real file's SHA-256 and invented text (self-consistent
    quotes included) must not make the genuine file 'already imported'."""
    from abstractor.importer import import_files
    from abstractor.importing import read_document
    from abstractor.importing.document import ImportedDocument
    from abstractor.storage import Store
    from models import schema

    real = tmp_path / "trial.txt"
    real.write_text("Enrollment: 24\nA real registry page.\n", encoding="utf-8")
    genuine = read_document(real)
    fake = ImportedDocument(file_name="trial.txt", sha256=genuine.sha256, kind="txt",
                            text="Enrollment: 999\nInvented.\n", size_bytes=10)
    with Store.open_path(tmp_path / "a.db", user="t") as s:
        s.add_study(schema.Abstraction(source=schema.Source(file="trial.txt", sha256=genuine.sha256)), [fake])
        [r] = import_files(s, [real])
        assert r.outcome == "imported" and "other text" in r.message
        assert s.document_text(s.documents(r.study_id)[0].id) == genuine.text
        [again] = import_files(s, [real])
        assert again.outcome == "duplicate"
