"""Importing files off the GUI thread (a gui.jobs.Job), with a progress dialog that can be cancelled.

Cancel stops after the file being read: the files already imported stay and are reported."""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QWidget

from gui.jobs import Job, JobRegistry


def _name(path: str) -> str:
    return str(path).replace("\\", "/").rsplit("/", 1)[-1]


class ImportJob(Job):
    """``done(results)`` with the FileResult list (also after Cancel: the files done so far)."""

    def __init__(self, store, paths: list[str], parent: QWidget, into: Optional[str] = None,
                 registry: Optional[JobRegistry] = None):
        from abstractor.importer import import_files

        self.paths = paths
        n = len(paths)

        def call(control):
            def step(i: int, path: str) -> bool:
                control._emit(i, n, f"Reading {_name(path)} ({i + 1} of {n})")
                return not control.is_cancelled()

            return import_files(store, paths, into=into, progress=step, suggest=True)

        super().__init__(registry, call, parent, "Import documents", "Importing…")
        self.results: Optional[list] = None
        self.cancelled.connect(self._partial)  # what was imported before Cancel is reported as usual
        self.done.connect(self._keep)

    def _keep(self, results) -> None:
        self.results = results

    def _partial(self, results) -> None:
        self.done.emit(results or [])
