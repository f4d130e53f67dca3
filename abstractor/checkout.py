"""Offline work against a team server: ``checkout`` copies studies into a laptop file,
``checkin`` brings the offline work back under the workbook import's rules.

Both go through the workbook machinery, so there is one set of rules for bringing work
back: checkout exports the studies as a workbook and imports it into a new file (ids,
documents, evidence and review kept); checkin exports the laptop's studies the same way
and plans that workbook against the server as if it had been exported at checkout time.
A value changed on the server since then and offline too is a conflict (the server keeps
its value, both are reported); one changed only offline is taken; one changed only on
the server is kept.  Nothing is applied when the plan is only previewed (dry run).  After
a checkin without conflicts the file takes the server's current version and the new
checkout time (so work can go on offline); with conflicts the file is left as it is.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from abstractor.errors import StoreError
from abstractor.storage import Store
from abstractor.storage import checkout_state as cs
from abstractor.storage.engine import sqlite_url
from models.ids import utcnow


@contextmanager
def _scratch_workbook() -> Iterator[Path]:
    folder = tempfile.mkdtemp(prefix="abstractor-checkout-")
    path = Path(folder) / "studies.xlsx"
    try:
        yield path
    finally:
        if path.exists():
            path.unlink()
        os.rmdir(folder)


@dataclass
class CheckoutResult:
    path: Path
    study_ids: list[str]
    at: str


def checkout(server: Store, path: str | Path, keys: Optional[list[str]] = None) -> CheckoutResult:
    """Copy the studies named by ``keys`` (default: those assigned to this login) into a new
    database file at ``path``, remembering where from and when."""
    from abstractor.workbook import apply_import, export_workbook, plan_import

    if server.engine.dialect.name != "postgresql":
        raise StoreError("checkout takes studies from a team server (--db postgresql://...)")
    path = Path(path).expanduser()
    if path.exists():
        raise StoreError(f"{path}: already exists; check out into a new file (or check this one in first)")
    ids = [cs.resolve_visible(server, k) for k in keys] if keys else cs.assigned_studies(server)
    if not ids:
        raise StoreError(f"{server.label}: no study is assigned to {server.user}; name the studies to check out")
    with _scratch_workbook() as book:
        exported = export_workbook(server, book, ids)
        try:
            with Store(sqlite_url(path), user=server.user) as laptop:
                plan = plan_import(laptop, book)
                if plan.rejected:
                    raise StoreError(f"{path}: the studies could not be copied whole:\n{plan.report()}")
                apply_import(laptop, plan)
                info = {"server": server.label, "user": server.user, "at": exported.exported_at, "studies": ids}
                cs.set_checkout(laptop, info)
        except BaseException:
            for p in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
                if p.exists():
                    p.unlink()  # no half-made laptop file
            raise
    return CheckoutResult(path, ids, exported.exported_at)


def checkout_info(laptop: Store) -> dict:
    info = cs.get_checkout(laptop)
    if info is None:
        raise StoreError(f"{laptop.label}: was not made by checkout; import a workbook instead")
    return info


def plan_checkin(server: Store, laptop: Store, *, delete_missing: bool = False):
    """The import plan of the laptop's studies against the server (changes nothing); returns
    (plan, ids): the studies it covers."""
    from abstractor.storage import workbook_read as wr
    from abstractor.workbook import export_workbook, read_workbook
    from abstractor.workbook.merge.plan import build_plan

    info = checkout_info(laptop)
    if not cs.same_database(info["server"], server.label):
        raise StoreError(f"{laptop.label}: was checked out from {info['server']}, not from {server.label}")
    ids = [i for i in info["studies"] if i in wr.existing_studies(laptop, info["studies"])]
    with _scratch_workbook() as book:
        export_workbook(laptop, book, ids)
        content = read_workbook(book)
    content.exported_at = info["at"]  # what the server changed since the checkout is what may conflict
    return build_plan(server, content, delete_missing=delete_missing), ids


def apply_checkin(server: Store, laptop: Store, plan, ids: list[str]):
    """Apply the plan to the server (one transaction); storage's ApplyResult, or None when there
    was nothing to change.  Without conflicts the file then takes the server's current version
    of its studies (others' changes too) and compares from now on.  With conflicts nothing of
    the file moves: they stay conflicts at the next checkin, and the laptop's value never
    silently overwrites the server's."""
    from abstractor.workbook import apply_import

    result = apply_import(server, plan) if plan.has_changes else None
    if not plan.rejected:
        refresh(server, laptop, ids)
    return result


def refresh(server: Store, laptop: Store, ids: list[str]) -> None:
    """The server's version of the checked-out studies into the file, and the time it was read."""
    from abstractor.storage import workbook_read as wr

    at = utcnow()  # before reading: a change made meanwhile counts as after it
    studies = list(wr.iter_studies_bulk(server, ids))
    with laptop.transaction():
        for ab in studies:
            laptop.replace_study(ab, origin="checkin")
        cs.set_checkout(laptop, {**checkout_info(laptop), "at": at})


def is_checkout(laptop: Store) -> bool:
    return cs.get_checkout(laptop) is not None
