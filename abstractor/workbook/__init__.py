"""Excel abstraction workbooks: export, reading, import plan and apply (docs/WORKBOOK.md).

    export_workbook(store, "out.xlsx", study_ids=None)
    plan = plan_import(store, "back.xlsx", delete_missing=False)   # changes nothing
    print(plan.report()); apply_import(store, plan)                # one transaction
"""
from abstractor.workbook.export import ExportError, ExportResult, export_abstractions, export_workbook
from abstractor.workbook.merge.apply import apply_import, import_workbook, plan_import
from abstractor.workbook.merge.plan import Conflict, ImportPlan, StudyPlan
from abstractor.workbook.reading import Issue, WorkbookContent, WorkbookUnusable, read_workbook
from abstractor.workbook.safety import WorkbookRejected

__all__ = ["Conflict", "ExportError", "ExportResult", "ImportPlan", "Issue", "StudyPlan", "WorkbookContent",
           "WorkbookRejected", "WorkbookUnusable", "apply_import", "export_abstractions", "export_workbook",
           "import_workbook", "plan_import", "read_workbook"]
