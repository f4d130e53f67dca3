"""File ▸ New, Open and Open recent database (the core opens the store; this asks and switches)."""
from __future__ import annotations

import os

from abstractor.errors import AbstractorError
from gui import ask

MAX_RECENT = 8


class DatabaseActions:
    """Mixed into MainWindow: uses its ``ctx``, ``study_list``, ``recent_menu`` and title helpers."""

    def _switch_store(self, store) -> None:
        self._stop_jobs()  # nothing may go on writing to the old file
        old = self.ctx.store
        self.ctx.set_store(store)
        self.study_list.reload()
        old.close()
        self._remember_recent(store.label)
        self.update_title()
        self._saved(None)
        self._select_last_study()

    def _stop_jobs(self) -> None:
        jobs = self.ctx.jobs
        if not jobs.busy:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        self.tell(f"Stopping {' and '.join(dict.fromkeys(jobs.titles()))}…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            jobs.stop_all()  # each stops at its next step; its result is dropped
        finally:
            QApplication.restoreOverrideCursor()

    def open_database(self, path: str) -> bool:
        from gui.server_login import open_store_asking

        try:  # a file, or a team server's address (from the recent list)
            store = open_store_asking(self, path, user=self.ctx.store.user)
        except AbstractorError as exc:
            ask.error(self, "Cannot open the database", str(exc))
            return False
        self._switch_store(store)
        if store.notice:
            ask.info(self, "Database upgraded", store.notice)
        return True

    def open_database_dialog(self) -> None:
        path = ask.open_database(self, os.path.dirname(self.ctx.store.label))
        if path:
            self.open_database(path)

    def new_database(self) -> None:
        path = ask.new_database(self, os.path.dirname(self.ctx.store.label))
        if not path:
            return
        if os.path.exists(path):
            ask.error(self, "New database", f"{path}: already exists. Use File ▸ Open database to open it.")
            return
        self.open_database(path)

    def _remember_recent(self, path: str) -> None:
        recent = [p for p in (self.ctx.settings.value("recent", []) or []) if p != path]
        self.ctx.settings.setValue("recent", [path, *recent][:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in (self.ctx.settings.value("recent", []) or []) if p != self.ctx.store.label]
        for p in recent:
            a = self.recent_menu.addAction(p)
            a.triggered.connect(lambda _c=False, p=p: self.open_database(p))
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)
