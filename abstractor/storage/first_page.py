"""The first page of the study list, read with the sqlite3 module alone (no SQLAlchemy, no models).

The window paints this page while the core and its libraries are still loading (about half a
second); the real list replaces it moments later.  It never creates, upgrades or writes a file:
the database is opened read-only, and any surprise (no file, another program's file, an older
layout) gives None, so the window simply waits for the real list.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple, Optional


class ListRow(NamedTuple):
    id: str
    registry_id: str
    title: str
    status: str


_QUERY = """
SELECT s.id, COALESCE(r.value, ''), COALESCE(s.title, ''), COALESCE(s.source_file, ''), s.status
FROM study AS s LEFT JOIN registry_id AS r ON r.study_id = s.id AND r.position = 0
ORDER BY s.created_at, s.id LIMIT ?
"""


def first_page(path, limit: int = 80) -> Optional[list[ListRow]]:
    """The first ``limit`` studies of the SQLite file at ``path`` as the list shows them (its
    opening order: as they were added), or None when that cannot be read quickly and safely."""
    p = Path(path).expanduser()
    if not p.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        rows = conn.execute(_QUERY, (limit,)).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return [ListRow(sid, reg, title or (f"({source})" if source else "(untitled)"), str(status or ""))
            for sid, reg, title, source, status in rows]
