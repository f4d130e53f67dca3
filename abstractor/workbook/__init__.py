"""Excel abstraction workbooks: export, reading, import plan and apply (docs/WORKBOOK.md).

    export_workbook(store, "out.xlsx", study_ids=None)
    plan = plan_import(store, "back.xlsx", delete_missing=False)   # changes nothing
    print(plan.report()); apply_import(store, plan)                # one transaction
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# The names load on first use (PEP 562): the window imports abstractor.workbook.labels at start-up,
# and the package's export and import modules bring openpyxl (~0.1 s) that only File > Workbook needs.
_WHERE = {"ExportError": "export", "ExportResult": "export", "export_abstractions": "export",
          "export_workbook": "export", "apply_import": "merge.apply", "import_workbook": "merge.apply",
          "plan_import": "merge.apply", "Conflict": "merge.plan", "ImportPlan": "merge.plan",
          "StudyPlan": "merge.plan", "Issue": "reading", "WorkbookContent": "reading",
          "WorkbookUnusable": "reading", "read_workbook": "reading", "WorkbookRejected": "safety"}
__all__ = sorted(_WHERE)

if TYPE_CHECKING:
    from abstractor.workbook.export import ExportError, ExportResult, export_abstractions, export_workbook
    from abstractor.workbook.merge.apply import apply_import, import_workbook, plan_import
    from abstractor.workbook.merge.plan import Conflict, ImportPlan, StudyPlan
    from abstractor.workbook.reading import Issue, WorkbookContent, WorkbookUnusable, read_workbook
    from abstractor.workbook.safety import WorkbookRejected


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'abstractor.workbook' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"abstractor.workbook.{module}"), name)
    globals()[name] = value
    return value
