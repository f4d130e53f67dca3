"""The team server's 'done when': init prepares an empty database; the seed pages give the
same abstractions as in a database file; two processes importing the same pages store each once."""
import json
import multiprocessing

from abstractor.cli import main
from abstractor.importer import import_files
from abstractor.storage import Store
from abstractor.storage.engine import database_url
from tests.shared_corpus import need_shared

VOLATILE = {"id", "at", "abstractor", "author", "user", "created_by", "updated_by", "decided_by"}


def test_server_init_prepares_an_empty_database_and_can_run_again(server, pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy import create_engine, text
    from sqlmodel import SQLModel

    from abstractor.storage import migrations

    assert main(["server", "init", "--db", pg_url]) == 0
    assert main(["server", "init", "--db", pg_url]) == 0  # again (after an upgrade): nothing breaks
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                SQLModel.metadata) == []
        assert conn.execute(text("SELECT value FROM meta WHERE key = 'application'")).scalar()
        assert {r[0] for r in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE 'pa\\_%'"))} \
            == {"pa_abstractor", "pa_reviewer", "pa_admin"}
    engine.dispose()


def _normal(value):
    """An export without what differs between any two databases (ids, times, who)."""
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items() if k not in VOLATILE and not k.endswith("_at")}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def _export(url, out):
    assert main(["export", "--db", url, "--out", str(out)]) == 0
    studies = json.loads(out.read_text(encoding="utf-8"))
    return sorted((_normal(s) for s in studies), key=lambda s: json.dumps(s, sort_keys=True))


def test_seed_pages_accepted_into_a_server_export_as_from_a_file(pg_url, tmp_path):
    pages = sorted(str(p) for p in need_shared().joinpath("seeds").glob("*.txt"))
    assert len(pages) == 5
    file_url = database_url(str(tmp_path / "seeds.db")).render_as_string()
    for url in (file_url, pg_url):
        assert main(["import", *pages, "--accept-suggestions", "--db", url]) == 0
    on_file, on_server = _export(file_url, tmp_path / "a.json"), _export(pg_url, tmp_path / "b.json")
    assert len(on_file) >= 5 and on_server == on_file


def _import_worker(url, paths, barrier, out):
    with Store(database_url(url), user="worker") as store:
        barrier.wait()
        results = import_files(store, paths, suggest=True)
    out.put([r.outcome for r in results])


def test_two_processes_importing_the_same_pages_store_each_once(pg_url, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    paths = []
    for i in range(16):
        p = folder / f"trial{i:02}.txt"
        p.write_text(f"Registration Number: NCT0888{i:04}\nTitle: Invented trial number {i}\n", encoding="utf-8")
        paths.append(str(p))
    Store(database_url(pg_url)).close()
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_import_worker, args=(pg_url, paths, barrier, out)) for _ in range(2)]
    for p in procs:
        p.start()
    outcomes = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert all(len(o) == 16 and set(o) <= {"imported", "duplicate"} for o in outcomes), outcomes
    assert sum(o.count("imported") for o in outcomes) == 16
    with Store(database_url(pg_url)) as store:
        assert store.count_studies() == 16
        assert len({d.sha256 for r in store.list_studies() for d in store.documents(r.id)}) == 16
