"""Team ▸ Check out / Check in: offline work against a team server from the window, with the
command line's core (abstractor.checkout: the workbook import's plan and conflict rules).
The menu shows on a team server (check out your studies to a file) and on a file made by
checkout (check the work in; the plan is shown before anything is applied)."""
from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from abstractor import checkout as co
from abstractor.errors import AbstractorError
from gui import ask

REPORT_LINES = 30  # of the plan, in the confirmation (the rest: the command line's --dry-run)


@contextmanager
def _busy():
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class TeamOffline:
    def __init__(self, window):
        self.window = window
        self.menu = QMenu("&Team", window)
        self.checkout_action = self.menu.addAction("Check &out my studies to a file…", self.checkout)
        self.checkout_action.setToolTip("Copy the studies assigned to you into a file, to work without the server")
        self.checkin_action = self.menu.addAction("Check &in to the team server…", self.checkin)
        self.checkin_action.setToolTip("Bring the work done in this file back to the server it came from")
        window.action_registry.add_menu(self.menu)
        window.ctx.session.loaded.connect(self.update)
        self.update()

    def update(self) -> None:
        store = self.window.ctx.store
        on_server = store.engine.dialect.name == "postgresql"
        try:
            from_checkout = not on_server and co.is_checkout(store)
        except AbstractorError:
            from_checkout = False
        self.checkout_action.setEnabled(on_server)
        self.checkin_action.setEnabled(from_checkout)
        self.menu.menuAction().setVisible(on_server or from_checkout)

    def checkout(self) -> None:
        path = ask.save_file(self.window, "Check out my studies", "team-studies.db", "Databases (*.db)")
        if not path:
            return
        try:
            with _busy():
                res = co.checkout(self.window.ctx.store, path)
        except AbstractorError as exc:
            ask.error(self.window, "Not checked out", str(exc))
            return
        n = len(res.study_ids)
        ask.info(self.window, "Checked out", f"{n} {'study' if n == 1 else 'studies'} copied into {res.path}. "
                 "Open it (File ▸ Open database) to work without the server; bring the work back with "
                 "Team ▸ Check in.")

    def checkin(self) -> None:
        from gui.server_login import open_store_asking

        laptop = self.window.ctx.store
        try:
            info = co.checkout_info(laptop)
            with _busy():
                server = open_store_asking(self.window, info["server"], info.get("user"))
        except AbstractorError as exc:
            ask.error(self.window, "Not checked in", str(exc))
            return
        try:
            with _busy():
                plan, ids = co.plan_checkin(server, laptop)
            lines = plan.report().splitlines()
            shown = "\n".join(lines[:REPORT_LINES] + ([f"… and {len(lines) - REPORT_LINES} more lines"]
                                                       if len(lines) > REPORT_LINES else []))
            if not plan.has_changes and not plan.rejected:
                co.apply_checkin(server, laptop, plan, ids)
                ask.info(self.window, "Check in", "Nothing to check in: the server has all of this file's work.")
                return
            if not ask.confirm(self.window, "Check in", f"{shown}\n\nCheck this in to {server.label} now?"):
                return
            with _busy():
                res = co.apply_checkin(server, laptop, plan, ids)
        except AbstractorError as exc:
            ask.error(self.window, "Not checked in", str(exc))
            return
        finally:
            server.close()
        done = "Nothing was changed." if res is None else \
            f"Checked in: {len(res.updated)} studies updated, {res.changes} changes."
        if plan.rejected:
            done += " The conflicts listed were not checked in (the server keeps its values): settle them there."
        ask.info(self.window, "Check in", done)


def install(window) -> TeamOffline:
    return TeamOffline(window)
