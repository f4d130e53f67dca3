"""Importing a codebook into a database: a preview of what changes, then one transaction.

The preview lists the fields added, retired and dropped, the choices renamed, and each stored value
that moves (a renamed choice) or cannot move (flagged for review: a query on that field, so it shows
in the Review tab and the open-queries count).  Applying stores the version, makes it the current
one, moves the values (audited) and records the version on every study.  The window and
``main.py codebook import`` both call ``preview_import`` and ``apply_import``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from abstractor.errors import AbstractorError
from abstractor.storage import codebook_store as cs
from models.codebook import Codebook, migrate_extra

ORIGIN = "codebook"


class CodebookRefused(AbstractorError):
    """The codebook cannot be imported into this database (the message says why)."""


@dataclass(frozen=True)
class ValueMove:
    study_id: str
    entity: str
    row_id: str
    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class ValueFlag:
    study_id: str
    entity: str
    row_id: str
    name: str
    value: Any
    reason: str


@dataclass
class CodebookImport:
    """What importing ``codebook`` would do; ``apply_import`` does it."""

    codebook: Codebook
    previous: Optional[Codebook]  # the current codebook before
    stored_id: Optional[str] = None  # this exact version is already stored (made current again)
    added: list[str] = field(default_factory=list)  # "study.vector (Vector)"
    retired: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # fields the new version no longer lists
    renamed: list[str] = field(default_factory=list)  # "study.vector: lentiviral -> lentivirus vector"
    moves: list[ValueMove] = field(default_factory=list)
    flags: list[ValueFlag] = field(default_factory=list)
    studies: int = 0  # studies that move to this version

    @property
    def nothing_to_do(self) -> bool:
        return self.stored_id is not None and self.previous is not None and _same(self.previous, self.codebook) \
            and not self.studies

    def lines(self) -> list[str]:
        cb, old = self.codebook, self.previous
        head = f"codebook {cb.name} v{cb.version}: {len(cb.fields)} fields"
        if old is None:
            head += " (the database had no codebook)"
        else:
            head += f" (replaces {old.name} v{old.version})"
        if self.nothing_to_do:
            return [head, "already the current codebook: nothing to change"]
        out = [head]
        out += [f"field added: {x}" for x in self.added]
        out += [f"field retired: {x}" for x in self.retired]
        out += [f"field no longer listed: {x}" for x in self.dropped]
        out += [f"choice renamed: {x}" for x in self.renamed]
        out += [f"value moved: study {m.study_id} {m.entity} {m.name}: {m.old!r} -> {m.new!r}" for m in self.moves]
        out += [f"flagged for review: study {f.study_id} {f.entity} {f.name}: {f.reason}" for f in self.flags]
        out.append(f"{_n(self.studies, 'study', 'studies')} {'moves' if self.studies == 1 else 'move'} to "
                   f"v{cb.version}; "
                   f"{_n(len(self.moves), 'value')} moved, {len(self.flags)} flagged for review")
        return out


def _n(count: int, one: str, many: str = "") -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _same(a: Codebook, b: Codebook) -> bool:
    return a.model_dump() == b.model_dump()


def _preview(conn, cb: Codebook) -> CodebookImport:
    from abstractor.workbook.layout import with_codebook

    try:
        with_codebook(cb)  # each field a workbook column of its own: no name a sheet already uses
    except ValueError as exc:
        raise CodebookRefused(f"{cb.name} v{cb.version}: {exc}") from None
    cur = cs.current(conn)
    same_name = cs.by_name(conn, cb.name, cb.version)
    if same_name is not None and not _same(same_name.codebook, cb):
        raise CodebookRefused(f"{cb.name} v{cb.version} is already in the database with other contents; "
                              f"a changed codebook needs a new version number (v{cb.version + 1})")
    newer = [b for b in cs.all_codebooks(conn) if b.name == cb.name and b.version > cb.version]
    if newer:
        raise CodebookRefused(f"the database already has {cb.name} v{max(b.version for b in newer)}, "
                              f"newer than v{cb.version}")
    prev = cur.codebook if cur else None
    out = CodebookImport(cb, prev, stored_id=same_name.id if same_name else None)
    _field_changes(out, prev, cb)
    books = {b.id: b.codebook for b in cs.all_codebooks(conn)}
    for r in cs.extra_rows(conn):
        old = books.get(r.codebook_id) or prev
        if old is None:
            continue
        m = migrate_extra(old, cb, r.entity, r.extra)
        for name, value in m.extra.items():
            if value != r.extra.get(name):
                out.moves.append(ValueMove(r.study_id, r.entity, r.row_id, name, r.extra.get(name), value))
        for flag in m.flags:  # "name: why"
            name, _, why = flag.partition(": ")
            out.flags.append(ValueFlag(r.study_id, r.entity, r.row_id, name, r.extra.get(name), why))
    target = out.stored_id
    out.studies = sum(1 for _sid, cid in cs.study_codebooks(conn) if cid != target or target is None)
    return out


def _field_changes(out: CodebookImport, old: Optional[Codebook], new: Codebook) -> None:
    def name(f) -> str:
        return f"{f.kind}.{f.name} ({f.label})"

    before = {(f.kind, f.name): f for f in (old.fields if old else [])}
    for f in new.fields:
        o = before.get((f.kind, f.name))
        if o is None:
            out.added.append(name(f))
            continue
        if f.retired and not o.retired:
            out.retired.append(name(f))
        for c in f.choices:
            for was in c.renamed_from:
                if was in o.values and was not in f.values:
                    out.renamed.append(f"{f.kind}.{f.name}: {was} -> {c.value}")
    now = {(f.kind, f.name) for f in new.fields}
    out.dropped += [name(f) for key, f in before.items() if key not in now]


def preview_import(store, cb: Codebook) -> CodebookImport:
    """What importing ``cb`` would change (nothing is changed); CodebookRefused when it cannot be."""
    with store.read() as conn:
        return _preview(conn, cb)


def apply_import(store, preview: CodebookImport) -> CodebookImport:
    """Import the previewed codebook in ONE transaction: the version stored and made current, values
    moved (audited), what cannot move queried for review, every study on this version.  Refused
    (nothing changed) when the database changed since the preview."""
    from abstractor.storage import review_ops
    from abstractor.storage.entities import Target

    cb = preview.codebook
    with store.transaction() as conn:
        now = _preview(conn, cb)
        if (now.moves, now.flags, now.stored_id) != (preview.moves, preview.flags, preview.stored_id):
            raise CodebookRefused("the database changed since the preview; look at the preview again")
        if now.nothing_to_do:
            return now
        cid = now.stored_id or cs.insert_codebook(conn, cb, store.user)
        cs.make_current(conn, cid)
        rows: dict[tuple[str, str], dict] = {}
        for r in cs.extra_rows(conn):
            rows[(r.entity, r.row_id)] = r.extra
        for m in now.moves:
            extra = rows[(m.entity, m.row_id)]
            extra[m.name] = m.new
            cs.write_extra(conn, m.entity, m.row_id, extra)
            store.audit(conn, m.study_id, m.entity, m.row_id, f"extra.{m.name}", "update", m.old, m.new, ORIGIN)
        label = f"{cb.name} v{cb.version}"
        books = {b.id: f"{b.name} v{b.version}" for b in cs.all_codebooks(conn)}
        for sid, old in cs.move_studies_to(conn, cid):
            store.audit(conn, sid, "study", sid, "codebook", "update", books.get(old), label, ORIGIN)
        for f in now.flags:
            review_ops.query(store, f.study_id, Target(f.entity, f.row_id, f"extra.{f.name}"),
                             f"Codebook {label}: {f.name}: {f.reason}")
    return now
