"""Bulk work: many rows into one table in one executemany, without SQLAlchemy's work per row; the
cycle collector paused while millions of rows are made.

``conn.execute(insert(table), rows)`` builds and processes the parameters of every row in Python
(a third of a 250,000-row workbook import).  Here the statement is compiled once by SQLAlchemy (the
same SQL, the same column defaults, the same type processing, e.g. JSON text) and the rows go to the
driver as plain parameter lists.  Storage only; the same on SQLite and PostgreSQL.
"""
from __future__ import annotations

import gc
import weakref
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import insert


def insert_many(conn, table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (each with the keys of the first: their columns; other keys are ignored)."""
    if not rows:
        return
    tab = getattr(table, "__table__", table)
    sql, names, binds, defaults, processed = _statement(conn.dialect, tab, tuple(rows[0]))
    if defaults:
        made = [{k: (d.arg(None) if d.is_callable else d.arg) for k, d in defaults.items()} for _ in rows]
        rows = [row | m for row, m in zip(rows, made)]
    take = itemgetter(*names)
    params = [take(row) for row in rows] if len(names) > 1 else [(take(row),) for row in rows]
    if processed:
        params = [list(p) for p in params]
        for place, proc in processed:
            empty: dict = {}  # an empty list or dict (JSON) is the same text every time: processed once
            for p in params:
                v = p[place]
                if v.__class__ in (list, dict) and not v:
                    p[place] = empty[v.__class__] if v.__class__ in empty else empty.setdefault(v.__class__, proc(v))
                else:
                    p[place] = proc(v)
        params = [tuple(p) for p in params] if conn.dialect.positional else params
    if not conn.dialect.positional:
        params = [dict(zip(binds, p)) for p in params]
    conn.exec_driver_sql(sql, params)


# (dialect, table, the rows' keys) -> what insert_many needs: compiled once per process, not per batch
_STATEMENTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _statement(dialect, tab, row_keys: tuple[str, ...]):
    """(SQL, the rows' keys in the parameters' order, the parameters' names, Python-side defaults of the
    columns left out, (place, processor) of the columns whose values the driver cannot take as they are)."""
    known = _STATEMENTS.setdefault(dialect, {})
    found = known.get((tab, row_keys))
    if found is not None:
        return found
    given = set(row_keys)
    keys = [c.key for c in tab.columns if c.key in given]
    compiled = insert(tab).compile(dialect=dialect, column_keys=keys)
    # Columns the rows leave out that have a default made in Python (created_at, id): filled per row,
    # as SQLAlchemy does.
    defaults = {c.key: c.default for c in compiled.insert_prefetch if c.key not in given}
    columns = {c.key: c for c in tab.columns}
    order = list(compiled.positiontup) if dialect.positional else list(compiled.binds)
    names = [compiled.binds[n].key for n in order]
    processed = []
    for place, key in enumerate(names):
        col = columns.get(key)
        proc = col.type._cached_bind_processor(dialect) if col is not None else None
        if proc is not None:
            processed.append((place, proc))
    known[(tab, row_keys)] = found = (compiled.string, names, order, defaults, processed)
    return found


@contextmanager
def collector_paused():
    """Python's cycle collector paused for a bulk job (a workbook read, planned or applied): it holds
    millions of row tuples and values, none of them in a cycle, and the collector would walk all of
    them again and again as more are made (a sixth of a workbook import's time at 10,000 studies).
    Garbage left in cycles is collected by the collector's later full passes.  Nested uses keep it paused."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            # What the job made and keeps is long-lived: moved to the oldest generation at once (freeze,
            # then unfreeze), not walked by the next young collection on its way there.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
