"""File ▸ Export as JSON: one study or all (the core writes; this asks and reports).

Workbooks: gui.workbook_actions."""
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
