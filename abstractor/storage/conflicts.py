"""Stale writes: a value changed by someone else since it was read is not overwritten.

The check compares the stored value with the one the user saw, inside the write
transaction, after locking the row (SELECT ... FOR UPDATE on a server; SQLite's
BEGIN IMMEDIATE already admits one writer).  Per field, not per row: two people
editing different fields of the same row do not collide.  Only another person's
change refuses a write: one's own earlier write (typing on, a second window) does not.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from models import tables as t
from abstractor.errors import StaleWrite
from abstractor.storage import convert
from abstractor.storage.entities import adapter, to_db


def check_not_stale(store, conn, study_id: str, entity_name: str, row_id: str, field: str,
                    stored: Any, expected: Any, mine: Any) -> None:
    """StaleWrite naming who stored what and when, if ``stored`` is not ``expected``."""
    try:
        seen = to_db(adapter(entity_name, field).validate_python(expected))
    except Exception:  # a value the field no longer takes cannot be what is stored
        seen = expected
    if seen == stored:
        return
    a = t.AuditEvent
    last = conn.execute(select(a.user, a.at).where(a.study_id == study_id, a.entity == entity_name,
                                                   a.row_id == row_id, a.field == field)
                        .order_by(a.id.desc()).limit(1)).first()
    who, when = (last[0], last[1]) if last else (None, None)
    if who == store.user:
        return  # one's own earlier write (typing on in a field whose shown value waits for a pause)
    by = f" by {who}" if who else ""
    at = f" at {when[:19].replace('T', ' ')} UTC" if when else ""
    raise StaleWrite(f"{store.label}: {field.replace('_', ' ')} was changed{by}{at} to {_show(stored)} "
                     f"after you read it; your value {_show(mine)} was not saved (it is kept to re-apply)",
                     theirs=stored, who=who, when=when, mine=mine)


def _show(value: Any) -> str:
    text = convert.dumps(value) if not isinstance(value, str) else value
    text = "(empty)" if text in (None, "", "null") else text
    return repr(text if len(text) <= 60 else text[:57] + "...")
