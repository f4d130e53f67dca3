"""Live updates from a team server: which studies others changed (LISTEN/NOTIFY).

The server's triggers (storage/server.py) announce a changed study by a token (a hash of
its id: any login may listen, and must not learn the ids of studies it may not see), and a
new study or a changed assignment by "list".  A window watches ``fileno()`` (a socket
notifier, no polling of the database) and asks ``changed(known)`` which of the studies it
shows to re-read.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Optional

from abstractor.errors import StoreError
from abstractor.storage.server import CHANNEL

LIST = "list"


def change_token(study_id: str) -> str:
    """What the server announces for a study (team.change_token)."""
    return hashlib.sha256(f"abstractor:{study_id}".encode()).hexdigest()


@dataclass
class Changes:
    studies: set[str] = field(default_factory=set)  # of the studies asked about, those changed
    listing: bool = False  # a study was added or (re)assigned: the list itself may differ

    def __bool__(self) -> bool:
        return bool(self.studies) or self.listing


class ChangeListener:
    def __init__(self, engine):
        """A connection of its own on ``engine``'s server, listening; StoreError on SQLite."""
        if engine.dialect.name != "postgresql":
            raise StoreError("live updates need a team server (postgresql://)")
        import psycopg

        u = engine.url
        params = {"dbname": u.database, "user": u.username, "host": u.query.get("host") or u.host,
                  "port": u.query.get("port") or u.port, "password": u.password}
        self._conn = psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")
        self._tokens: dict[str, str] = {}

    def fileno(self) -> int:
        return self._conn.fileno()

    def changed(self, known: Iterable[Optional[str]] = (), wait: float = 0.0) -> Changes:
        """Which of the ``known`` studies changed since the last call, and whether the list did
        (waiting up to ``wait`` seconds for the first announcement)."""
        got = {n.payload for n in self._conn.notifies(timeout=wait, stop_after=1)}  # the first, or none
        if got:
            got |= {n.payload for n in self._conn.notifies(timeout=0.0)}  # and any others already here
        out = Changes(listing=LIST in got)
        got.discard(LIST)
        if got:
            for sid in known:
                if sid and (self._tokens.get(sid) or self._tokens.setdefault(sid, change_token(sid))) in got:
                    out.studies.add(sid)
        return out

    def close(self) -> None:
        self._conn.close()
