"""File ▸ Export as JSON: one study or all.  The core writes (abstractor.json_export), on a worker
thread with progress and Cancel (a cancelled export leaves no file); this asks and reports.

Workbooks: gui.workbook_actions."""
from __future__ import annotations

from typing import Optional

from gui import ask

TITLE = "Export as JSON"


def _studies(n: int) -> str:
    return f"{n} stud{'ies' if n != 1 else 'y'}"


class ExportActions:
    """Mixed into MainWindow: uses its ``ctx`` and ``tell``; ``json_job`` is the running export."""

    json_job = None

    def _export_json(self, ids: Optional[list[str]], suggested: str):
        if self.json_job is not None:
            self.tell("A JSON export is running; wait until it is done.")
            return None
        path = ask.save_file(self, TITLE, suggested, "JSON (*.json)")
        if not path:
            return None
        from abstractor.json_export import export_json
        from gui.jobs import Job

        store = self.ctx.store
        n = store.count_studies() if ids is None else len(ids)
        job = Job(self.ctx.jobs, lambda control: export_json(store, path, ids, progress=control.step), self,
                  TITLE, f"Writing {_studies(n)} to {path}…")
        job.done.connect(lambda count: self.tell(f"{_studies(count)} written to {path}"))
        job.failed.connect(lambda message: ask.error(self, TITLE, f"The file was not written.\n\n{message}"))
        job.cancelled.connect(lambda _r: self.tell("Export cancelled; no file was written."))
        job.ended.connect(lambda: self._json_over(job))
        self.json_job = job
        job.start()
        return job

    def _json_over(self, job) -> None:
        if self.json_job is job:
            job.deleteLater()
            self.json_job = None

    def export_study_json(self):
        sid = self.ctx.session.study_id
        if sid is None:
            self.tell("Choose a study first.")
            return None
        ids = self.ctx.session.string_lists.get("registry_id") or []
        return self._export_json([sid], f"{ids[0][1] if ids else sid}.json")

    def export_all_json(self):
        return self._export_json(None, "abstractions.json")
