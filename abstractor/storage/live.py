"""Live updates from a team server: which studies others changed (LISTEN/NOTIFY).

The server's triggers (storage/server.py) send a study's id when it, its review or its
assignment changes; a window watches ``fileno()`` (a socket notifier, no polling of the
database) and calls ``changed()`` to learn which studies to re-read.
"""
from __future__ import annotations

from abstractor.errors import StoreError
from abstractor.storage.server import CHANNEL


class ChangeListener:
    def __init__(self, engine):
        """A connection of its own on ``engine``'s server, listening; StoreError on SQLite."""
        if engine.dialect.name != "postgresql":
            raise StoreError("live updates need a team server (postgresql://)")
        import psycopg

        u = engine.url
        params = {"dbname": u.database, "user": u.username, "host": u.query.get("host") or u.host,
                  "port": u.query.get("port") or u.port}
        self._conn = psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return self._conn.fileno()

    def changed(self, wait: float = 0.0) -> set[str]:
        """The ids of the studies changed since the last call (waiting up to ``wait`` seconds for one)."""
        ids = {n.payload for n in self._conn.notifies(timeout=wait, stop_after=1)}  # the first, or none
        if ids:
            ids |= {n.payload for n in self._conn.notifies(timeout=0.0)}  # and any others already here
        return ids

    def close(self) -> None:
        self._conn.close()
