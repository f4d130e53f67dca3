"""File ▸ Export workbook (all studies, the selected ones, the open one) and File ▸ Import workbook…
(plan in the background, preview, apply as one undo step).  The core does the work
(abstractor.workbook, abstractor.storage.workbook_undo); this asks, shows and reports.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from gui import ask
from gui.navigation import Navigation

if TYPE_CHECKING:
    from gui.workbook_jobs import WorkbookJob
    from gui.workbook_preview import WorkbookPreviewDialog

WORKBOOK_FILTER = "Excel workbook (*.xlsx)"
TITLE_EXPORT, TITLE_IMPORT = "Export workbook", "Import workbook"


def _plural(n: int, word: str = "stud") -> str:
    return f"{n} {word}{'ies' if n != 1 else 'y'}" if word == "stud" else f"{n} {word}{'s' * (n != 1)}"


class WorkbookActions(QObject):
    """Owns the workbook actions of one window; ``job`` is the running background call.  Gets the
    context and the window's navigation (gui.navigation), not the window."""

    def __init__(self, ctx, nav: Navigation):
        super().__init__(nav.window)
        self.ctx, self.nav = ctx, nav
        self.w = nav.window  # the parent of its dialogs
        self.job: Optional[WorkbookJob] = None
        self.preview_dialog: Optional[WorkbookPreviewDialog] = None
        self.plan = None
        self.export_current_action = self._action("Export this study as a &workbook…", lambda: self.export("current"),
                                                  "Write the open study to an Excel workbook")
        self.export_selected_action = self._action("Export the &selected studies as a workbook…",
                                                   lambda: self.export("selected"),
                                                   "Write the studies selected in the list (Ctrl+click, "
                                                   "Shift+click) to one Excel workbook")
        self.export_all_action = self._action("Export all studies as a wor&kbook…", lambda: self.export("all"),
                                              "Write every study of this database to one Excel workbook")
        self.import_action = self._action("Import &workbook…", self.import_dialog,
                                          "Read a reviewed workbook back: preview every change, then apply it "
                                          "as one undoable step")

    def _action(self, text: str, slot, tip: str) -> QAction:
        a = QAction(text, self.w)
        a.setStatusTip(tip)
        a.triggered.connect(lambda _c=False: slot())
        return a

    def export_actions(self) -> list[QAction]:
        return [self.export_current_action, self.export_selected_action, self.export_all_action]

    def _busy(self) -> bool:
        if self.job is not None:
            self.nav.tell("A workbook is being written or read; wait until it is done.")
            return True
        return False

    def _run(self, fn, title: str, label: str, done, failed) -> WorkbookJob:
        from gui.workbook_jobs import WorkbookJob

        job = WorkbookJob(fn, self.w, title, label, self.ctx.jobs)
        job.done.connect(lambda result: (self._job_over(job), done(result)))
        job.failed.connect(lambda message: (self._job_over(job), failed(message)))
        job.cancelled.connect(lambda _r: (self._job_over(job), self.nav.tell(f"{title}: cancelled; nothing was changed.")))
        job.ended.connect(lambda: self._job_over(job))  # (also when abandoned: window closing, another database)
        self.job = job
        job.start()
        return job

    def _job_over(self, job) -> None:
        if self.job is job:
            job.deleteLater()
            self.job = None

    # --- export --------------------------------------------------------------------------------
    def _ids_for(self, which: str) -> tuple[Optional[list[str]], str]:
        """(study ids, suggested file name); ids None: every study; [] : nothing to export."""
        from abstractor.workbook.export import suggested_name

        if which == "all":
            return None, suggested_name()
        if which == "selected":
            ids = self.nav.selected_ids()
            return ids, (suggested_name(fallback="studies") if len(ids) != 1 else self._file_name(ids[0]))
        sid = self.ctx.session.study_id
        return ([sid] if sid else []), (self._file_name(sid) if sid else suggested_name(fallback="study"))

    def _file_name(self, sid: str) -> str:
        """From the registry id or the title, and the date (never the internal id)."""
        from abstractor.workbook.export import suggested_name

        row = self.ctx.store.study_rows([sid]).get(sid)
        return suggested_name(row.registry_id if row else None, row.title if row else None, fallback="study")

    def export(self, which: str) -> Optional[WorkbookJob]:
        if self._busy():
            return None
        ids, suggested = self._ids_for(which)
        if ids is not None and not ids:
            self.nav.tell("Choose a study first." if which == "current" else "Select one or more studies in the list.")
            return None
        folder = self.ctx.settings.value("workbook_folder", "") or ""
        path = ask.save_file(self.w, TITLE_EXPORT, os.path.join(folder, suggested), WORKBOOK_FILTER)
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.ctx.settings.setValue("workbook_folder", os.path.dirname(path))
        from abstractor.workbook import export_workbook

        store = self.ctx.store
        n = store.count_studies() if ids is None else len(ids)
        return self._run(lambda progress: export_workbook(store, path, ids, progress=progress), TITLE_EXPORT,
                         f"Writing {_plural(n)} to {Path(path).name}…", self._exported,
                         lambda message: ask.error(self.w, TITLE_EXPORT,
                                                   f"The workbook was not written.\n\n{message}"))

    def _exported(self, result) -> None:
        self.nav.tell(f"{_plural(result.studies)} written to {result.path}")

    # --- import ----------------------------------------------------------------------------------
    def import_dialog(self) -> Optional[WorkbookJob]:
        if self._busy():
            return None
        folder = self.ctx.settings.value("workbook_folder", "") or ""
        path = ask.open_file(self.w, TITLE_IMPORT, folder, f"{WORKBOOK_FILTER};;All files (*)")
        if not path:
            return None
        self.ctx.settings.setValue("workbook_folder", os.path.dirname(path))
        return self.import_path(path)

    def import_path(self, path: str) -> Optional[WorkbookJob]:
        """Plan the import of ``path`` in the background, then show the preview."""
        if self._busy():
            return None
        from abstractor.workbook import plan_import

        store = self.ctx.store
        return self._run(lambda _progress: plan_import(store, path), TITLE_IMPORT,
                         f"Reading {Path(path).name} and working out what would change…", self._planned,
                         self._refused)

    def _refused(self, message: str) -> None:
        if "nothing was changed" not in message.lower():
            message += "\n\nNothing was changed."
        ask.error(self.w, TITLE_IMPORT, message)

    def _planned(self, plan) -> None:
        from abstractor.workbook.preview import preview
        from gui.workbook_preview import WorkbookPreviewDialog

        self.plan = plan
        dialog = WorkbookPreviewDialog(preview(plan), self.w)
        dialog.deleteMissingChanged.connect(self._replan)
        dialog.accepted.connect(self._apply)
        dialog.finished.connect(self._preview_closed)
        self.preview_dialog = dialog
        dialog.open()  # window-modal, returns at once: the answer comes by signal

    def _replan(self, delete_missing: bool) -> None:
        from abstractor.workbook.preview import replan

        if self.job is not None:
            return
        store, plan = self.ctx.store, self.plan
        self._run(lambda _progress: replan(store, plan, delete_missing=delete_missing), TITLE_IMPORT,
                  "Working out the changes again…", self._replanned, self._replan_failed)

    def _replanned(self, plan) -> None:
        from abstractor.workbook.preview import preview

        self.plan = plan
        if self.preview_dialog is not None:
            self.preview_dialog.set_preview(preview(plan))

    def _replan_failed(self, message: str) -> None:
        if self.preview_dialog is not None:
            self.preview_dialog.reject()
        self._refused(message)

    def _preview_closed(self, _result: int) -> None:
        if self.preview_dialog is not None:
            self.preview_dialog.deleteLater()
        self.preview_dialog = None

    def _apply(self) -> None:
        from gui.workbook_commands import ImportWorkbookCommand

        plan, self.plan = self.plan, None
        if plan is None or not plan.has_changes:
            return
        name = Path(plan.content.name).name
        cmd = ImportWorkbookCommand(self.ctx, plan, name, self._refresh, self.w)
        self.ctx.undo_stack.push(cmd)  # redo() applies: one transaction, on a worker thread
        if cmd.cancelled:
            self.nav.tell(f"{name}: cancelled; nothing was changed.")
        elif not cmd.failed and cmd.record is not None:
            r = cmd.record.result
            self.nav.tell(f"{name}: {_plural(len(r.added))} added, {_plural(len(r.updated))} updated "
                        f"({_plural(r.changes, 'change')}). Edit ▸ Undo takes the whole import back.")

    def _refresh(self, study_ids: list[str]) -> None:
        """After an import or its undo: the list (studies may come or go) and the open study."""
        session, store = self.ctx.session, self.ctx.store
        current = session.study_id
        self.nav.reload_studies()
        for sid in study_ids:
            session.studyEdited.emit(sid)
        if current is not None and current in study_ids:
            if store.study_exists(current):
                session.after_change(current)
            else:
                self.nav.open_study(None)
        elif current is None and study_ids:
            first = next((s for s in study_ids if store.study_exists(s)), None)
            if first is not None:
                self.nav.select_study(first)

