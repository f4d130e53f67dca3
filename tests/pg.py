"""A throwaway PostgreSQL for the tests: initdb and pg_ctl in a temporary folder.

One server per test session (started on first use, stopped at exit); each test
gets its own empty database.  Run as root (containers, CI), the server runs as
the ``postgres`` system user, which initdb requires.  Where PostgreSQL is not
installed the tests that need it skip with a message, but fail under CI=true
(.ci/run installs it).  ABSTRACTOR_TEST_POSTGRES names an existing server instead
(a URL of a superuser, e.g. postgresql://postgres@localhost:5432/postgres).
"""
from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Optional

import pytest

_SERVER: Optional["Server"] = None


class Server:
    def __init__(self, base_url: str, stop=None, data: Optional[Path] = None):
        self.base_url = base_url  # a superuser's URL to the maintenance database
        self._stop = stop
        self._data = data  # the data folder of a server started here (None: one given by URL)

    def require_password(self, user: str, password: str) -> None:
        """Make ``user`` a login that must give ``password`` (the rest stay trusted)."""
        if self._data is None:
            pytest.skip("password logins are tested on a PostgreSQL the tests start")
        hba = self._data / "pg_hba.conf"
        line = f"local all {user} scram-sha-256\n"
        if line not in hba.read_text():
            hba.write_text(line + hba.read_text())
        with self.admin() as conn:
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [user]).fetchone() is None:
                conn.execute(f'CREATE ROLE "{user}" LOGIN')
            conn.execute(f"ALTER ROLE \"{user}\" PASSWORD '{password}'")
            conn.execute("SELECT pg_reload_conf()")

    def url(self, dbname: str, user: Optional[str] = None) -> str:
        from sqlalchemy.engine import make_url

        u = make_url(self.base_url).set(database=dbname)
        return (u.set(username=user) if user else u).render_as_string(hide_password=False)

    def admin(self):
        import psycopg

        return psycopg.connect(self._libpq(self.base_url), autocommit=True)

    @staticmethod
    def _libpq(url: str) -> str:
        from sqlalchemy.engine import make_url

        u = make_url(url)
        parts = {"dbname": u.database, "user": u.username, "host": u.query.get("host") or u.host,
                 "port": u.query.get("port") or u.port, "password": u.password}
        return " ".join(f"{k}={v}" for k, v in parts.items() if v)

    def connect(self, dbname: str, user: str):
        """A plain psycopg connection as ``user`` (the role tests speak SQL directly)."""
        import psycopg
        from sqlalchemy.engine import make_url

        return psycopg.connect(self._libpq(self.url(dbname, user)), autocommit=True)

    def new_database(self) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def stop(self) -> None:
        if self._stop:
            self._stop()


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(message: str):
    if _ci():
        pytest.fail(message + "; with CI=true the PostgreSQL tests must run (.ci/run installs it)")
    pytest.skip(message)


def _bindir() -> Optional[Path]:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    return Path(dirs[-1]) if dirs else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_local() -> Server:
    bindir = _bindir()
    if bindir is None or not (bindir / "pg_ctl").exists():
        _unavailable("PostgreSQL is not installed (initdb/pg_ctl not found; Debian: apt-get install postgresql)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'psycopg[binary]')")
    folder = Path(tempfile.mkdtemp(prefix="abstractor-pg-"))
    data, sock = folder / "data", folder / "sock"
    sock.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres system user
        shutil.chown(folder, "postgres")
        shutil.chown(sock, "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = _free_port()

    def run(*cmd):
        subprocess.run(prefix + [str(c) for c in cmd], check=True, capture_output=True, cwd="/")

    try:
        run(bindir / "initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8",
            "--locale", "C")
        opts = f"-p {port} -k {sock} -c listen_addresses='' -c fsync=off -c max_connections=100"
        run(bindir / "pg_ctl", "-D", data, "-o", opts, "-l", folder / "log", "-w", "start")
    except subprocess.CalledProcessError as exc:
        _unavailable(f"could not start a test PostgreSQL: {exc.stderr.decode(errors='replace').strip()}")

    def stop():
        subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, cwd="/")
        shutil.rmtree(folder, ignore_errors=True)

    atexit.register(stop)
    return Server(f"postgresql+psycopg://postgres@/postgres?host={sock}&port={port}", stop, data)


def server() -> Server:
    """The session's PostgreSQL (started on first call), or skip/fail as above."""
    global _SERVER
    if _SERVER is None:
        given = os.environ.get("ABSTRACTOR_TEST_POSTGRES")
        _SERVER = Server(given) if given else _start_local()
    return _SERVER
