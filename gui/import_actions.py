"""File ▸ Import documents, and files dropped on the window (an ImportJob does the work)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from gui import ask

if TYPE_CHECKING:
    from gui.import_worker import ImportJob


class ImportActions:
    """Mixed into MainWindow: uses its ``ctx``, ``study_list``, ``import_job``, ``open_study`` and ``tell``."""

    def import_dialog(self) -> None:
        files = ask.open_documents(self, self.ctx.settings.value("import_folder", "") or "")
        if files:
            self.ctx.settings.setValue("import_folder", os.path.dirname(files[0]))
            self.import_paths(files)

    def import_into_dialog(self) -> None:
        sid = self.ctx.session.study_id
        if sid is None:
            self.tell("Choose a study first.")
            return
        files = ask.open_documents(self, self.ctx.settings.value("import_folder", "") or "")
        if files:
            self.ctx.settings.setValue("import_folder", os.path.dirname(files[0]))
            self.import_paths(files, into=sid)

    def import_paths(self, paths: list[str], into: Optional[str] = None) -> Optional[ImportJob]:
        if self.import_job is not None:
            self.tell("An import is already running.")
            return None
        from gui.import_worker import ImportJob

        job = ImportJob(self.ctx.store, paths, self, into=into, registry=self.ctx.jobs)
        job.done.connect(self._imported)
        job.failed.connect(lambda msg: ask.error(self, "Import stopped", msg))
        job.ended.connect(self._job_over)  # (also when abandoned: window closing, another database)
        self.import_job = job
        job.start()
        return job

    def _job_over(self) -> None:
        if self.import_job is not None:
            self.import_job.deleteLater()
        self.import_job = None

    def _imported(self, results: list) -> None:
        self._job_over()
        self._remember_pdfs(results)
        done = [r for r in results if r.outcome == "imported"]
        problems = [r for r in results if r.outcome != "imported"]
        first = done[0].study_id if done else (problems[0].study_id if problems else None)
        self.study_list.reload(select=first)
        if first and (self.ctx.session.study_id != first or done):
            self.open_study(first)  # (again, when documents were added to the open study)
        self.tell(f"{len(done)} document{'s' if len(done) != 1 else ''} imported.")
        if problems:
            lines = "\n".join(f"• {Path(r.path).name}: {r.message}" for r in problems)
            ask.info(self, "Import", f"{len(done)} imported. These were not:\n\n{lines}")

    def _remember_pdfs(self, results: list) -> None:
        """The database keeps a PDF's text; remember its file so that its pages can be shown."""
        from gui.pdf_pages import remember_path

        for r in results:
            if r.outcome == "imported" and r.path.lower().endswith(".pdf") and r.study_id:
                for d in self.ctx.store.documents(r.study_id):
                    if d.kind == "pdf" and d.file_name == Path(r.path).name:
                        remember_path(self.ctx.settings, d.sha256, os.path.abspath(r.path))

    def dragEnterEvent(self, event) -> None:
        from abstractor.importing import SUPPORTED

        if self.ctx is not None and any(Path(u.toLocalFile()).suffix.lower() in SUPPORTED for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        sid = self.ctx.session.study_id
        if sid is None:
            self.import_paths(paths)
            return
        # A study is open: the files may be its protocol or synopsis, or other studies. Ask, every time.
        choice = ask.import_destination(self, [Path(p).name for p in paths], self._study_label())
        if choice is None:
            self.tell("Nothing imported.")
        elif choice == ask.INTO_STUDY:
            self.import_paths(paths, into=sid)
        else:
            self.import_paths(paths)
