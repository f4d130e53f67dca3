"""Codebooks in the database: the versions imported, the current one, and each study's.

A codebook version is stored whole (its JSON) and never changed; ``current`` marks the one new
studies and edits use.  A study records the version its ``extra`` values were abstracted with
(``study.codebook_id``); a study without one uses the current codebook.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, NamedTuple, Optional

from sqlalchemy import insert, select, update

from models import tables as t
from models.codebook import Codebook, CodebookField
from abstractor.errors import InvalidValue

CODEBOOK_KINDS = ("study", "arm", "intervention", "dose_level", "outcome", "criterion")
ROW_LISTS = ("arms", "interventions", "dose_levels", "outcomes", "criteria")  # the JSON lists of those rows
EXTRA = "extra."  # the prefix of a codebook field's path: "extra.costimulatory_domain"


class StoredCodebook(NamedTuple):
    id: str
    name: str
    version: int
    current: bool
    imported_at: str
    imported_by: Optional[str]
    codebook: Codebook


@lru_cache(maxsize=64)
def parse(body: str) -> Codebook:
    """A stored codebook's JSON as a Codebook (cached: stored versions never change)."""
    return Codebook.model_validate(json.loads(body))


def _stored(r) -> StoredCodebook:
    return StoredCodebook(r.id, r.name, r.version, bool(r.current), r.imported_at, r.imported_by, parse(r.body))


_COLS = (t.Codebook.id, t.Codebook.name, t.Codebook.version, t.Codebook.current, t.Codebook.imported_at,
         t.Codebook.imported_by, t.Codebook.body)


def all_codebooks(conn) -> list[StoredCodebook]:
    q = select(*_COLS).order_by(t.Codebook.imported_at, t.Codebook.id)
    return [_stored(r) for r in conn.execute(q)]


def current(conn) -> Optional[StoredCodebook]:
    r = conn.execute(select(*_COLS).where(t.Codebook.current.is_(True))).first()
    return _stored(r) if r else None


def by_id(conn, codebook_id: str) -> Optional[StoredCodebook]:
    r = conn.execute(select(*_COLS).where(t.Codebook.id == codebook_id)).first()
    return _stored(r) if r else None


def by_name(conn, name: str, version: int) -> Optional[StoredCodebook]:
    r = conn.execute(select(*_COLS).where(t.Codebook.name == name, t.Codebook.version == version)).first()
    return _stored(r) if r else None


def for_study(conn, study_id: str) -> Optional[StoredCodebook]:
    """The codebook a study's values are abstracted with: its own, else the current one."""
    cid = conn.execute(select(t.Study.codebook_id).where(t.Study.id == study_id)).scalar()
    found = by_id(conn, cid) if cid else None
    return found or current(conn)


def insert_codebook(conn, cb: Codebook, user: Optional[str], *, make_current: bool = True) -> str:
    """Store a codebook version (the caller checked it is new); returns its id."""
    cid = t.new_id()
    if make_current:
        conn.execute(update(t.Codebook).where(t.Codebook.current.is_(True)).values(current=False))
    conn.execute(insert(t.Codebook), [{"id": cid, "name": cb.name, "version": cb.version, "body": cb.to_json(),
                                       "current": make_current, "imported_by": user}])
    return cid


def codebook_field(cb: Optional[Codebook], kind: str, name: str) -> CodebookField:
    """The codebook's field ``name`` on ``kind``, or InvalidValue saying why there is none."""
    if cb is None:
        raise InvalidValue(f"{EXTRA}{name}: the database has no codebook (import one: codebook import)")
    if kind not in CODEBOOK_KINDS:
        raise InvalidValue(f"a {kind.replace('_', ' ')} has no codebook fields")
    try:
        return cb.field(kind, name)
    except KeyError as exc:
        raise InvalidValue(str(exc.args[0])) from None


def json_value(f: CodebookField, value: Any) -> Any:
    """``value`` as ``f`` takes it, in its JSON form (None for empty), or InvalidValue."""
    try:
        v = f.validate_value(value)
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None
    return v.model_dump(mode="json") if hasattr(v, "model_dump") else v


def check_extra(cb: Optional[Codebook], kind: str, extra: dict, where: str, kept: Optional[dict] = None) -> dict:
    """A record's whole ``extra`` checked by ``cb`` (``where``: its path, for the message).  ``kept``:
    the values stored before; one left as it was passes (a value a new codebook version could not
    take is kept for review, and must not block saving the rest of the record)."""
    out = {}
    for name, value in (extra or {}).items():
        if kept and name in kept and kept[name] == value:
            out[name] = value
            continue
        try:
            v = json_value(codebook_field(cb, kind, name), value)
        except InvalidValue as exc:
            raise InvalidValue(f"{where}.extra.{name}: {exc}") from None
        if v is not None:
            out[name] = v
    return out


class ExtraRow(NamedTuple):
    study_id: str
    entity: str
    row_id: str
    extra: dict
    codebook_id: Optional[str]  # the study's codebook version


def extra_rows(conn) -> list[ExtraRow]:
    """Every record that holds codebook values, with its study's codebook version."""
    from abstractor.storage.entities import entity

    books = dict(conn.execute(select(t.Study.id, t.Study.codebook_id)).all())
    out = []
    for kind in CODEBOOK_KINDS:
        table = entity(kind).table
        sid = table.id if kind == "study" else table.study_id
        for rid, study_id, extra in conn.execute(select(table.id, sid, table.extra)):
            if extra:
                out.append(ExtraRow(study_id, kind, rid, dict(extra), books.get(study_id)))
    return out


def stored_extras(conn, study_id: str) -> dict[tuple[str, str], dict]:
    """(kind, row id) -> the codebook values stored for each record of one study."""
    from abstractor.storage.entities import entity

    out = {}
    for kind in CODEBOOK_KINDS:
        table = entity(kind).table
        owner = table.id if kind == "study" else table.study_id
        for rid, extra in conn.execute(select(table.id, table.extra).where(owner == study_id)):
            if extra:
                out[(kind, rid)] = extra
    return out


def study_codebooks(conn) -> list[tuple[str, Optional[str]]]:
    """(study id, its codebook version's id) for every study."""
    return [tuple(r) for r in conn.execute(select(t.Study.id, t.Study.codebook_id))]


def write_extra(conn, kind: str, row_id: str, extra: dict) -> None:
    from abstractor.storage.entities import entity

    table = entity(kind).table
    conn.execute(update(table).where(table.id == row_id).values(extra=extra))


def move_studies_to(conn, codebook_id: str) -> list[tuple[str, Optional[str]]]:
    """Every study now follows this codebook version; returns (study id, its version before)."""
    before = list(conn.execute(select(t.Study.id, t.Study.codebook_id)).all())
    conn.execute(update(t.Study).values(codebook_id=codebook_id))
    return [(sid, old) for sid, old in before if old != codebook_id]


def make_current(conn, codebook_id: str) -> None:
    conn.execute(update(t.Codebook).where(t.Codebook.current.is_(True)).values(current=False))
    conn.execute(update(t.Codebook).where(t.Codebook.id == codebook_id).values(current=True))
