"""Database files: odd names open exactly that file; read-only folders and missing
files are told as such (issue 9 item 5, issue 12 item 8)."""
import contextlib
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

from abstractor import cli
from abstractor.errors import StoreError
from abstractor.storage import Store
from tests.conftest import DATA

ODD_NAMES = ["trial?x.db", "a%20b.db", "study#1.db", "with two  spaces.db", "Étude ñ 数据.db", "q?a=1&mode=rw.db"]


def others(folder: Path, name: str) -> set[str]:
    """Files in ``folder`` that are not the database ``name`` or its journal."""
    return {p.name for p in folder.iterdir()} - {name, f"{name}-wal", f"{name}-shm", f"{name}-journal"}


@pytest.mark.parametrize("name", ODD_NAMES)
def test_odd_name_creates_and_opens_exactly_that_file(tmp_path, name):
    with Store.open_path(tmp_path / name, user="u") as s:
        sid = s.add_study(_study("first"))
    assert (tmp_path / name).is_file() and others(tmp_path, name) == set()
    # the read-only pre-check and the engine both reopen that same file
    with Store.open_path(tmp_path / name) as s:
        assert [r.id for r in s.list_studies()] == [sid]
    with Store.open_path(tmp_path / name, read_only=True) as s:
        assert s.get_study(sid).study.title == "first"
    assert others(tmp_path, name) == set()


@pytest.mark.parametrize("name", ["trial?x.db", "a%20b.db", "study#1.db"])
def test_odd_name_is_not_confused_with_its_look_alike(tmp_path, name):
    """The look-alike ('trial', 'a b.db', 'study') is another program's file: untouched."""
    lookalike = tmp_path / {"trial?x.db": "trial", "a%20b.db": "a b.db", "study#1.db": "study"}[name]
    shutil.copyfile(DATA / "bad" / "not_a_db.db", lookalike)
    before = lookalike.read_bytes()
    with Store.open_path(tmp_path / name) as s:
        s.add_study(_study("mine"))
    with Store.open_path(tmp_path / name) as s:
        assert [r.title for r in s.list_studies()] == ["mine"]
    assert lookalike.read_bytes() == before


def _study(title):
    from models.schema import Abstraction

    return Abstraction.model_validate({"study": {"title": title}})


# --- read-only folders and missing files -------------------------------------

@contextlib.contextmanager
def read_only_folder():
    """A folder holding a database with one study, that this process cannot write.

    As root (CI) permissions do not stop us, so the check runs with the effective
    user 'nobody' for the duration."""
    folder = Path(tempfile.mkdtemp(prefix="ro-db-"))
    folder.chmod(0o755)
    db = folder / "study.db"
    with Store.open_path(db, user="u") as s:
        sid = s.add_study(_study("kept"))
    db.chmod(0o644)
    folder.chmod(0o555)
    root = os.geteuid() == 0
    try:
        if root:
            os.setegid(65534)
            os.seteuid(65534)
        yield db, sid
    finally:
        if root:
            os.seteuid(0)
            os.setegid(0)
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_read_only_folder_is_not_called_damaged_and_can_be_read():
    with read_only_folder() as (db, sid):
        before = db.read_bytes()
        with pytest.raises(StoreError, match="read-only") as exc:
            Store.open_path(db)
        assert "damaged" not in str(exc.value)
        for mode in (True, None):  # read-only, and read-only because it cannot be written
            with Store.open_path(db, read_only=mode) as s:
                assert s.get_study(sid).study.title == "kept"
        assert db.read_bytes() == before
        assert sorted(p.name for p in db.parent.iterdir()) == ["study.db"]


def test_export_reads_a_database_in_a_read_only_folder(capsys):
    out = Path(tempfile.mkdtemp(prefix="ro-out-"))
    out.chmod(0o777)
    try:
        with read_only_folder() as (db, sid):
            rc = cli.main(["export", "--db", str(db), "--out", str(out / "all.json")])
            assert rc == 0, capsys.readouterr().err
        assert '"kept"' in (out / "all.json").read_text(encoding="utf-8")
    finally:
        shutil.rmtree(out)


@pytest.mark.parametrize("command", [["export", "--out", "{out}"], ["compare", "{a}", "--out", "{xlsx}"]])
def test_mistyped_db_for_a_read_command_creates_nothing(tmp_path, capsys, command):
    a = tmp_path / "a.json"
    a.write_text("[]", encoding="utf-8")
    missing = tmp_path / "no such folder" / "typo.db"
    args = [c.format(out=tmp_path / "out.json", xlsx=tmp_path / "out.xlsx", a=a) for c in command] + ["--db", str(missing)]
    rc = cli.main(args)
    assert rc != 0
    err = capsys.readouterr().err
    assert "no such database" in err or "does not exist" in err
    assert not missing.parent.exists()


def test_read_only_refuses_a_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store.open_path(tmp_path / "typo.db", must_exist=True)
    with pytest.raises(StoreError, match="no such database"):
        Store.open_path(tmp_path / "typo.db", read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_folder_that_cannot_be_created_is_told(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        Store.open_path(blocker / "sub" / "x.db")

