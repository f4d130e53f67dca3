"""Alembic migrations: old files upgrade with nothing lost, models and revisions agree,
foreign/newer files are refused unchanged."""
import json
import shutil
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Column, MetaData, String, create_engine, inspect
from sqlmodel import SQLModel

from abstractor.errors import StoreError
from abstractor.storage import SCHEMA_VERSION, Store, migrations
from tests.conftest import DATA

OLD = DATA / "old_databases"


def dump(path) -> dict[str, list[dict]]:
    """Every row of every table, as plain dicts in a stable order."""
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: sorted((dict(r) for r in con.execute(f'SELECT * FROM "{t}"')), key=repr) for t in tables}
    finally:
        con.close()


def diff_against_models(url) -> list:
    engine = create_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    engine.dispose()
    return diff


def migrated_from_empty(path):
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrations.upgrade(conn, "head")
    engine.dispose()


@pytest.mark.parametrize("version", [1, 2])
def test_old_file_is_backed_up_and_upgraded_with_nothing_lost(tmp_path, version):
    db = tmp_path / "old study.db"
    shutil.copyfile(OLD / f"schema{version}.db", db)
    before = dump(db)
    assert before["meta"] and "alembic_version" not in before
    with Store.open_path(db) as s:
        if is_current(version):
            assert s.notice is None
        else:
            assert f"upgraded from schema {version} " in s.notice and "copied to" in s.notice
        studies = s.list_studies()
        for row in studies:
            s.get_study(row.id)  # every study reads back through the models
    assert len(studies) == 3
    backups = list(tmp_path.glob(f"old study.schema{version}-backup-*.db"))
    assert len(backups) == (0 if is_current(version) else 1)
    for b in backups:
        assert str(b) in s.notice and dump(b) == before
    after = dump(db)
    assert after["alembic_version"] == [{"version_num": migrations.head()}]
    assert {"key": "schema_version", "value": str(SCHEMA_VERSION)} in after["meta"]
    for table, rows in before.items():
        if table == "meta" or not rows:
            continue
        common = [k for k in rows[0] if k in after[table][0]]  # a revision may move a column (below)
        kept = sorted(({k: r[k] for k in common} for r in after[table]), key=repr)
        assert kept == sorted(({k: r[k] for k in common} for r in rows), key=repr), table
    assert_thresholds_kept(before["criterion"], after["criterion"])
    assert diff_against_models(f"sqlite:///{db}") == []
    # a second open finds it current: no notice, no second copy
    with Store.open_path(db) as s:
        assert s.notice is None
    assert len(list(tmp_path.glob("*backup*"))) == len(backups)


def assert_thresholds_kept(before: list[dict], after: list[dict]) -> None:
    """Schema 2's one threshold per criterion (four columns) is the one item of its list."""
    parts = ("parameter", "operator", "value", "unit")
    if "thresholds" not in after[0]:
        return
    old = {r["id"]: [{k: r[f"threshold_{k}"] for k in parts}] if any(r.get(f"threshold_{k}") is not None
                                                                     for k in parts) else []
           for r in before}
    new = {r["id"]: json.loads(r["thresholds"]) for r in after}
    assert new == old
    assert sum(map(len, new.values())) == (2 if "threshold_value" in before[0] else 0)


def is_current(version: int) -> bool:
    """A legacy file whose schema is still the head needs no upgrade (only its marker)."""
    return migrations.LEGACY_REVISIONS[version] == migrations.head()


def test_migrations_build_what_the_models_describe(tmp_path):
    """The CI check: a model change without a revision fails here."""
    migrated_from_empty(tmp_path / "m.db")
    assert diff_against_models(f"sqlite:///{tmp_path / 'm.db'}") == []


def test_a_model_change_without_a_revision_is_noticed(tmp_path):
    migrated_from_empty(tmp_path / "m.db")
    changed = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(changed)
    changed.tables["study"].append_column(Column("new_field", String))
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), changed)
    engine.dispose()
    assert [(d[0], d[3].name) for d in diff] == [("add_column", "new_field")]


def test_new_database_equals_the_migrated_one(tmp_path):
    """create_all + stamp (fast, for new files) gives the schema the revisions build."""
    Store.open_path(tmp_path / "new.db").close()
    migrated_from_empty(tmp_path / "m.db")

    def shape(path):
        insp = inspect(create_engine(f"sqlite:///{path}"))
        return {t: ({c["name"]: (str(c["type"]), c["nullable"]) for c in insp.get_columns(t)},
                    sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(t)),
                    sorted(str(sorted(u["column_names"])) for u in insp.get_unique_constraints(t)),
                    sorted((tuple(f["constrained_columns"]), f["referred_table"], f["options"].get("ondelete"))
                           for f in insp.get_foreign_keys(t)))
                for t in insp.get_table_names() if t != "meta"}

    assert shape(tmp_path / "new.db") == shape(tmp_path / "m.db")
    assert dump(tmp_path / "new.db")["alembic_version"] == [{"version_num": migrations.head()}]


def test_unknown_revision_means_newer_and_the_file_is_unchanged(db_path):
    Store.open_path(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("UPDATE alembic_version SET version_num='9999_from_the_future'")
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="newer version.*9999_from_the_future"):
        Store.open_path(db_path)
    assert db_path.read_bytes() == before


def test_newer_legacy_schema_version_is_refused(tmp_path):
    db = tmp_path / "v.db"
    shutil.copyfile(OLD / "schema2.db", db)
    raw = sqlite3.connect(db)
    raw.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    raw.commit()
    raw.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer version"):
        Store.open_path(db)
    assert db.read_bytes() == before


@pytest.mark.parametrize("version", [1, 2])
def test_meta_without_schema_version_is_upgraded_once(tmp_path, version):
    """Issue 12 item 9: it was 'upgraded' and backed up again on every open."""
    db = tmp_path / "s.db"
    shutil.copyfile(OLD / f"schema{version}.db", db)
    raw = sqlite3.connect(db)
    raw.execute("DELETE FROM meta WHERE key='schema_version'")
    raw.commit()
    raw.close()
    with Store.open_path(db) as s:
        assert is_current(version) or f"upgraded from schema {version} " in s.notice
    for _ in range(2):
        with Store.open_path(db) as s:
            assert s.notice is None
    assert len(list(tmp_path.glob("*backup*"))) == (0 if is_current(version) else 1)
    assert {"key": "schema_version", "value": str(SCHEMA_VERSION)} in dump(db)["meta"]


def test_current_file_missing_its_marker_is_repaired_without_a_copy(db_path):
    Store.open_path(db_path).close()
    raw = sqlite3.connect(db_path)
    raw.execute("DELETE FROM meta WHERE key='schema_version'")
    raw.commit()
    raw.close()
    with Store.open_path(db_path) as s:
        assert s.notice is None
    assert {"key": "schema_version", "value": str(SCHEMA_VERSION)} in dump(db_path)["meta"]
    assert not list(db_path.parent.glob("*backup*"))


def test_read_only_open_refuses_an_old_file_unchanged(tmp_path):
    db = tmp_path / "old.db"
    shutil.copyfile(OLD / "schema1.db", db)
    before = db.read_bytes()
    with pytest.raises(StoreError, match="must be upgraded first"):
        Store.open_path(db, read_only=True)
    assert db.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]


def test_head_constant_is_alembics_head():
    """migrations.HEAD spares the import of Alembic when a file is current."""
    assert migrations.scripts().get_heads() == [migrations.HEAD]


def test_a_failing_revision_is_a_message_and_changes_nothing(tmp_path, monkeypatch):
    db = tmp_path / "old.db"
    shutil.copyfile(OLD / "schema1.db", db)
    before = dump(db)

    def broken(conn, revision="head"):
        raise KeyError("a bug in a revision")

    monkeypatch.setattr(migrations, "upgrade", broken)
    with pytest.raises(StoreError, match="upgrade to this version's schema failed.*nothing was changed"):
        Store.open_path(db)
    assert dump(db) == before


def test_study_lookups_use_the_composite_index_once_the_redundant_ones_are_gone(tmp_path):
    """0007 drops the indexes on study_id alone where a composite index starts with study_id: a
    study's rows are still found through an index, and a file at 0006 upgrades."""
    path = tmp_path / "m.db"
    Store.open_path(path).close()
    con = sqlite3.connect(path)  # the file as 0006 left it: the four indexes there
    with con:
        for table in ("registry_id", "source_document", "evidence", "field_review"):
            con.execute(f"CREATE INDEX ix_{table}_study_id ON {table} (study_id)")
        con.execute("UPDATE alembic_version SET version_num = '0006_codebooks'")
    con.close()
    with Store.open_path(path) as s:
        assert "upgraded" in (s.notice or "")
    con = sqlite3.connect(path)
    try:
        for table, composite in (("registry_id", "ix_registry_id_study_pos"),
                                 ("source_document", "ux_source_document_study_sha256"),
                                 ("evidence", "ix_evidence_target"), ("field_review", "ix_field_review_target")):
            names = {r[1] for r in con.execute(f"PRAGMA index_list({table})")}
            assert f"ix_{table}_study_id" not in names and composite in names
            plan = " ".join(r[3] for r in con.execute(f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE study_id = 'x'"))
            assert f"USING INDEX {composite}" in plan or f"USING COVERING INDEX {composite}" in plan, plan
    finally:
        con.close()


def test_a_new_file_gets_8_kb_pages_and_an_old_one_keeps_its_own(tmp_path):
    Store.open_path(tmp_path / "new.db").close()
    old = tmp_path / "old.db"
    shutil.copyfile(OLD / "schema2.db", old)
    size = sqlite3.connect(old).execute("PRAGMA page_size").fetchone()[0]
    with Store.open_path(old):
        pass
    assert sqlite3.connect(tmp_path / "new.db").execute("PRAGMA page_size").fetchone() == (8192,)
    assert sqlite3.connect(old).execute("PRAGMA page_size").fetchone() == (size,)
