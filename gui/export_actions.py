"""File ▸ Export: one study or all, as JSON or as a workbook (the core writes; this asks and reports)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from abstractor.errors import AbstractorError
from gui import ask


class ExportActions:
    """Mixed into MainWindow: uses its ``ctx`` and ``tell``."""

    def _export_json(self, ids: Optional[list[str]], suggested: str) -> None:
        from abstractor.cli import write_json_atomic

        path = ask.save_file(self, "Export as JSON", suggested, "JSON (*.json)")
        if not path:
            return
        try:
            data = [ab.to_json_dict() for ab in self.ctx.store.iter_studies(ids)]
            write_json_atomic(Path(path), data)
        except AbstractorError as exc:
            ask.error(self, "Export", str(exc))
            return
        self.tell(f"{len(data)} stud{'ies' if len(data) != 1 else 'y'} written to {path}")

    def export_study_json(self) -> None:
        sid = self.ctx.session.study_id
        if sid is None:
            self.tell("Choose a study first.")
            return
        ids = self.ctx.session.string_lists.get("registry_id") or []
        self._export_json([sid], f"{ids[0][1] if ids else sid}.json")

    def export_all_json(self) -> None:
        self._export_json(None, "abstractions.json")

    def export_workbook(self, all_studies: bool = False) -> None:
        try:
            from abstractor.workbook import export_workbook
        except ImportError:
            ask.info(self, "Export workbook", "Workbook export is not part of this version; use Export ▸ JSON.")
            return
        sid = self.ctx.session.study_id
        if sid is None and not all_studies:
            self.tell("Choose a study first.")
            return
        ids = self.ctx.session.string_lists.get("registry_id") or []
        suggested = "abstractions.xlsx" if all_studies else f"{ids[0][1] if ids else 'study'}.xlsx"
        path = ask.save_file(self, "Export workbook", suggested, "Excel workbook (*.xlsx)")
        if not path:
            return
        from PySide6.QtWidgets import QApplication, QProgressDialog

        dialog = QProgressDialog("Writing the workbook…", "", 0, 0, self)
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(400)

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            QApplication.processEvents()

        try:
            export_workbook(self.ctx.store, path, None if all_studies else [sid], progress=progress)
        except AbstractorError as exc:
            ask.error(self, "Export workbook", str(exc))
            return
        finally:
            dialog.reset()
        self.tell(f"Workbook written to {path}")

