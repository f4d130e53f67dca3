"""Starting the window: settings, the database, the error hook, the demo."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
ORGANIZATION = "protocol-abstractor"


def run_gui(args) -> int:
    """Paint the window frame and the list's first page first (Qt and sqlite3 only), load the core
    on a worker thread while the window stays live, then open the database and build the panels."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from abstractor import APP_NAME
    from gui import ask
    from gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    settings = QSettings(ORGANIZATION, APP_NAME)
    demo = getattr(args, "demo", False)
    label = "the demo" if demo else str(getattr(args, "db", None) or "your database")
    if "://" in label:  # a server address: never show a password typed into it
        from abstractor.storage.engine import database_label

        label = database_label(label)
    window = MainWindow(settings, label)
    window.show()
    app.processEvents()  # the first paint happens here, before the core is even imported
    path = None
    if not demo:
        from abstractor.paths import default_database
        from abstractor.storage.first_page import first_page  # sqlite3 only: the core loads after this paint

        db = getattr(args, "db", None)
        path = db if db and "://" in db else Path(db).expanduser() if db else default_database()
        if isinstance(path, Path):  # a team server (postgresql://) has no file to peek at
            window.show_preview(first_page(path), label)
            app.processEvents()
    from gui.core_loader import start_loading, wait_for

    # Started after the list's first paint: started with the frame it delays that paint (GIL) for no gain.
    wait_for(start_loading())  # the window stays live meanwhile: a study clicked then opens first
    if not window.isVisible():  # closed while the core was loading
        return 0

    from abstractor.errors import AbstractorError
    from gui import crash

    crash.install(lambda title, msg: ask.error(QApplication.activeWindow(), title, msg))
    user = getattr(args, "user", None) or settings.value("user") or None
    try:
        if demo:
            store = open_demo(user)
        else:
            store = open_store(path, user, window)
    except AbstractorError as exc:
        ask.error(window, "Cannot open the database", str(exc))
        return 1
    if not user and not demo:  # asked once; kept in the settings
        name = ask.text(window, "Your name", "Your name (recorded with every change you make):", store.user)
        if name and name.strip():
            store.user = name.strip()
        settings.setValue("user", store.user)
    setup_fonts(app)
    attach(window, store, settings)
    if store.notice:  # an older file was upgraded: say so, and where the copy is
        ask.info(window, "Database upgraded", store.notice)
    code = app.exec()
    store.close()
    if demo:
        remove_demo(store)
    return code


def open_store(path, user: Optional[str] = None, parent=None):
    """A file or a team server (asking for its password when libpq has none: gui/server_login)."""
    from gui.server_login import open_store_asking

    return open_store_asking(parent, path, user)


def create_window(store, settings):
    """The main window on an open store (tests and benchmarks call this directly)."""
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow

    setup_fonts(QApplication.instance())
    window = MainWindow(settings, store.label)
    attach(window, store, settings)
    return window


def attach(window, store, settings) -> None:
    from gui.context import AppContext

    window.attach(AppContext(store, settings))
    window._remember_recent(store.label)
    watch_server(window, store)
    from gui import team_offline

    window._team_offline = team_offline.install(window)  # Team ▸ Check out / Check in


def watch_server(window, store) -> None:
    """On a team server: re-read the studies others changed when the server says so
    (LISTEN/NOTIFY on a socket; no polling).  Nothing on a database file."""
    if store.engine.dialect.name != "postgresql":
        return
    from PySide6.QtCore import QSocketNotifier

    from abstractor.storage.live import ChangeListener

    listener = ChangeListener(store.engine)
    notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, window)

    def changed() -> None:
        panel, session = window.study_list, window.ctx.session
        got = listener.changed([*panel.model.row_of, session.study_id])
        if got.listing:
            panel.reload(select=session.study_id)  # a new (or newly assigned) study
        for sid in got.studies:
            panel.model.refresh_study(sid)
        if session.study_id in got.studies:
            session.after_change(session.study_id)  # waits for a pause in typing, as one's own

    notifier.activated.connect(changed)
    window.destroyed.connect(listener.close)
    from gui import team_queries

    window._live = (listener, notifier, team_queries.install(window, notifier))


def open_demo(user=None):
    """A fresh temporary database holding the demo documents from resources/demo."""
    from abstractor.importer import import_files
    from abstractor.storage import Store

    import tempfile

    folder = tempfile.mkdtemp(prefix="abstractor-demo-")
    store = Store.open_path(os.path.join(folder, "demo.db"), user=user)
    import_files(store, sorted((RESOURCES / "demo").glob("*.*")), suggest=True)
    return store


def remove_demo(store) -> None:
    """--demo: its temporary folder (database, WAL files) goes when the window closes."""
    import shutil

    folder = Path(store.label).parent
    if folder.name.startswith("abstractor-demo-"):
        shutil.rmtree(folder, ignore_errors=True)


# Families that cover Chinese, Japanese and Korean text (registry pages use 【】 and CJK titles);
# .ci/system-packages installs WenQuanYi Micro Hei on Debian/Ubuntu.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Micro Hei",
                "Microsoft YaHei", "PingFang SC", "Hiragino Sans", "Droid Sans Fallback")


def setup_fonts(app) -> list[str]:
    """Give the application font the installed CJK families as fallbacks (after its own family), so
    that text the main font lacks is drawn instead of shown as boxes; returns the fallbacks set."""
    from PySide6.QtGui import QFontDatabase

    installed = set(QFontDatabase.families())
    fallbacks = [f for f in CJK_FAMILIES if f in installed]
    if fallbacks:
        font = app.font()
        font.setFamilies([font.family(), *[f for f in fallbacks if f != font.family()]])
        app.setFont(font)
    return fallbacks
