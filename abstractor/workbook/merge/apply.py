"""Apply an import plan: one database transaction (abstractor.storage.workbook_apply)."""
from __future__ import annotations

from pathlib import Path

from abstractor.storage.bulk import collector_paused
from abstractor.workbook.merge.plan import ImportPlan, build_plan
from abstractor.workbook.reading import read_workbook


def plan_import(store, path: str | Path, *, delete_missing: bool = False) -> ImportPlan:
    """Read and check the workbook and work out what importing it would change; changes nothing."""
    return build_plan(store, read_workbook(path), delete_missing=delete_missing)  # each with the collector paused


def apply_import(store, plan: ImportPlan):
    """Apply a plan (all studies in one transaction); returns storage's ApplyResult."""
    from abstractor.storage.workbook_apply import apply_plan

    return apply_plan(store, plan)  # with the collector paused


def import_workbook(store, path: str | Path, *, delete_missing: bool = False, dry_run: bool = False):
    """Plan, then apply unless ``dry_run``: (plan, result or None).  The collector stays paused from the
    reading to the end (switching it back on between the steps costs a full collection each time)."""
    with collector_paused():
        plan = plan_import(store, path, delete_missing=delete_missing)
        result = None if dry_run or not plan.has_changes else apply_import(store, plan)
    return plan, result
