"""The workbench window: study list | documents | form, with menus, toolbar and status bar.

The window only wires things together; work happens in commands (edits),
Capture (evidence), ImportJob (import) and the core.  File menu actions are
mixins: DatabaseActions, ImportActions, ExportActions; Help is HelpDialogs.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

from PySide6 import QtCore  # names looked up when used: Qt's namespace costs ~15 ms to set up
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QMainWindow

from abstractor import APP_NAME
from abstractor.errors import AbstractorError
from gui import ask
from gui.database_actions import DatabaseActions
from gui.export_actions import ExportActions
from gui.help_dialogs import HelpDialogs
from gui.import_actions import ImportActions

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from gui.context import AppContext
    from gui.import_worker import ImportJob


# The mixins come before QMainWindow so that ImportActions' drag-and-drop handlers override QWidget's.
class MainWindow(DatabaseActions, ImportActions, ExportActions, HelpDialogs, QMainWindow):
    """Built in two steps so that the window paints at once: the frame (Qt only, no database,
    no core imports), then ``attach(ctx)`` with the panels once the database is open."""

    def __init__(self, settings, label: str = "", preview=None):
        """``preview``: the list's first page (abstractor.storage.first_page), painted with the frame."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.settings = settings
        self.ctx = None
        self.import_job: Optional[ImportJob] = None
        self._size_to_screen(settings.value("window/size"))
        if preview:
            self.show_preview(preview, label)
        else:
            opening = QLabel(f"Opening {label}…" if label else "Opening…")
            opening.setIndent(24)
            self.setCentralWidget(opening)
        self.setWindowTitle(APP_NAME)

    def show_preview(self, rows, label: str = "") -> None:
        """Before attach(): the study list's first page where the list will be (gui.list_preview)."""
        if self.ctx is None and rows:
            from gui.list_preview import list_preview

            self._preview = list_preview(rows, label)
            self.setCentralWidget(self._preview)

    def _size_to_screen(self, saved) -> None:
        """The first start fills most of the screen (centred); later starts keep the size the user
        left, shrunk to fit if the screen is now smaller."""
        screen = self.screen()
        area = screen.availableGeometry() if screen is not None else None
        if area is None or area.width() < 200:
            self.resize(1480, 900)
            return
        if isinstance(saved, QSize) and saved.width() > 400 and saved.height() > 300:
            self.resize(min(saved.width(), area.width()), min(saved.height(), area.height()))
            return
        w, h = int(area.width() * 0.92), int(area.height() * 0.92)
        self.setGeometry(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)

    def attach(self, ctx: AppContext) -> None:
        # The core and the panels are imported here, after the frame has painted.
        from gui.capture import Capture
        from gui.document_view import DocumentPanel
        from gui.form import FormPanel
        from gui.study_list_panel import StudyListPanel

        self.ctx = ctx
        preview, self._preview = getattr(self, "_preview", None), None
        if preview is not None:  # a study clicked on the first page while the core loaded opens first
            from gui.list_preview import chosen_study

            self._chosen = chosen_study(preview)
        self.setAcceptDrops(True)
        ctx.report_error = lambda title, message: ask.error(self, title, message)
        self.study_list = StudyListPanel(ctx)
        from gui.navigation import ActionRegistry, Navigation

        # What controllers get instead of this window: moving between studies, and menus/shortcuts.
        self.nav = Navigation(self, self.tell, self.open_study, self.study_list)
        self.action_registry = ActionRegistry(self)
        self.documents = DocumentPanel(ctx)
        self.form = FormPanel(ctx)
        self.capture = Capture(ctx, self.form, self.tell, self)
        self.documents.menu_actions = self.capture.actions()
        from PySide6.QtWidgets import QSplitter  # classes the frame does not need: after the first paint

        self.splitter = QSplitter(QtCore.Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for w in (self.study_list, self.documents, self.form):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([330, 500, 650])
        self.splitter.setChildrenCollapsible(True)
        self.setCentralWidget(self.splitter)
        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_actions()
        self._build_menus()
        from gui.undo_texts import UndoTexts

        self.undo_texts = UndoTexts(self, self.undo_action, self.redo_action)  # the step and its study
        from gui.suggestions_ui import SuggestionsUI

        self.suggestions = SuggestionsUI(ctx, self.form, self.documents, self.nav,
                                         self.action_registry)  # proposals in the form, their menu and keys
        from gui.review_actions import install_review

        self.review = install_review(ctx, self.form, self.nav, self.action_registry)  # marks, queries, status, compare, adjudication
        self.study_list.studySelected.connect(self.open_study)
        ctx.session.loaded.connect(self.update_title)
        ctx.session.changed.connect(self._saved)
        ctx.session.changed.connect(self.update_title)  # (typing: the title follows once the typing pauses)
        ctx.undo_stack.indexChanged.connect(self.update_title)
        ctx.session.studyRemoved.connect(self._study_removed)
        ctx.session.studyRestored.connect(self._study_restored)
        ctx.session.loaded.connect(lambda: self.delete_study_action.setEnabled(ctx.session.study_id is not None))
        self.delete_study_action.setEnabled(False)
        self._restore_layout()
        self.update_title()
        self._saved(None)
        self._select_last_study()

    def _select_last_study(self) -> None:
        """Reopening shows the study clicked while the window was opening, else the one the user
        was on, else the newest."""
        ids = self.study_list.model.row_of
        chosen, self._chosen = getattr(self, "_chosen", None), None
        last = self.ctx.settings.value(f"last_study/{self.ctx.store.label}")
        if chosen in ids:
            self.study_list.select_study(chosen)
        elif last in ids:
            self.study_list.select_study(last)
        elif self.study_list.model.ids:
            self.study_list.select_study(self.study_list.model.ids[0])

    # --- actions and menus ---------------------------------------------------------------
    def _action(self, text: str, slot, key=None, tip: str = "") -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        a = QAction(text, self)
        if key is not None:
            a.setShortcut(QKeySequence(key))
        a.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        a.triggered.connect(lambda _c=False: slot())
        return a

    def _build_actions(self) -> None:
        from PySide6.QtGui import QKeySequence  # QtGui's Python module loads after the first paint
        self.new_db_action = self._action("&New database…", self.new_database, QKeySequence.StandardKey.New)
        self.open_db_action = self._action("&Open database…", self.open_database_dialog, QKeySequence.StandardKey.Open)
        self.import_action = self._action("&Import documents…", self.import_dialog, "Ctrl+I",
                                          "Import registry pages, protocols, PDFs, DOCX or registry exports "
                                          "(ClinicalTrials.gov or CTIS JSON, ICTRP or ChiCTR XML)")
        self.import_into_action = self._action("Import documents into &this study…", self.import_into_dialog,
                                               "Ctrl+Shift+I", "Add documents (a protocol, a synopsis) to the open "
                                               "study; each opens in its own tab")
        self.delete_study_action = self._action("&Delete this study…", self.delete_study, None,
                                                "Delete the open study with its documents, suggestions and review "
                                                "(Edit ▸ Undo brings it back)")
        self.export_study_action = self._action("Export this study as &JSON…", self.export_study_json)
        self.export_all_action = self._action("Export &all studies as JSON…", self.export_all_json)
        from gui.workbook_actions import WorkbookActions

        self.workbook = WorkbookActions(self.ctx, self.nav)  # File ▸ Export / Import workbook
        self.export_workbook_action = self.workbook.export_current_action
        self.export_all_workbook_action = self.workbook.export_all_action
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")])
        self.find_action = self._action("&Find in document…", self.documents.open_find, QKeySequence.StandardKey.Find)
        self.find_next_action = self._action("Find &next", self.documents.find_next, QKeySequence.StandardKey.FindNext)
        self.find_prev_action = self._action("Find pre&vious", self.documents.find_previous,
                                             QKeySequence.StandardKey.FindPrevious)
        self.user_action = self._action("Your &name…", self.change_user)
        self.focus_list_action = self._action("Go to study &list", lambda: self.study_list.view.setFocus(), "Ctrl+1")
        self.focus_doc_action = self._action("Go to &document", self._focus_document, "Ctrl+2")
        self.focus_form_action = self._action("Go to &form", lambda: self.form.currentWidget().setFocus(), "Ctrl+3")
        self.toggle_list_action = self._action("Show study list", self._toggle_list, "Ctrl+Shift+L")
        self.toggle_list_action.setCheckable(True)
        self.toggle_list_action.setChecked(True)
        self.reset_layout_action = self._action("&Reset layout", self.reset_layout)
        self.shortcuts_action = self._action("&Keyboard shortcuts", self.show_shortcuts, QKeySequence.StandardKey.HelpContents)
        self.about_action = self._action("&About", self.show_about)
        for a in (self.find_action, self.find_next_action, self.find_prev_action):
            a.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.new_db_action, self.open_db_action])
        self.recent_menu = m.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addSeparator()
        m.addActions([self.import_action, self.import_into_action, self.workbook.import_action])
        from gui.codebook_actions import CodebookActions

        self.codebooks = CodebookActions(self.ctx, self.nav)  # File ▸ Codebook ▸ Import / Export
        m.addMenu("&Codebook").addActions(self.codebooks.actions())
        exp = m.addMenu("&Export")
        exp.addActions(self.workbook.export_actions())
        exp.addSeparator()
        exp.addActions([self.export_study_action, self.export_all_action])
        m.addSeparator()
        m.addAction(self.quit_action)
        e = mb.addMenu("&Edit")
        e.addActions([self.undo_action, self.redo_action])
        e.addSeparator()
        e.addActions([self.find_action, self.find_next_action, self.find_prev_action])
        e.addSeparator()
        e.addActions([self.capture.fill_action, self.capture.evidence_action])
        add = e.addMenu("&Add from selection")
        add.addActions(self.capture.add_actions)
        e.addSeparator()
        e.addAction(self.delete_study_action)
        e.addSeparator()
        e.addAction(self.user_action)
        v = mb.addMenu("&View")
        v.addActions([self.focus_list_action, self.focus_doc_action, self.focus_form_action])
        v.addSeparator()
        v.addActions([self.toggle_list_action, self.reset_layout_action])
        h = mb.addMenu("&Help")
        h.addActions([self.shortcuts_action, self.about_action])
        from PySide6.QtWidgets import QToolBar

        tb = QToolBar("Main")
        tb.setObjectName("mainToolbar")
        tb.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
        tb.addActions([self.import_action, self.undo_action, self.redo_action, self.find_action])
        tb.addSeparator()
        tb.addAction(self.capture.fill_action)
        for a in self.capture.add_actions[:3] + self.capture.add_actions[5:6]:
            tb.addAction(a)
        for a, short in ((self.import_action, "Import"), (self.find_action, "Find"),
                         (self.capture.fill_action, "Fill field ← selection"),
                         (self.capture.add_actions[0], "+ Inclusion"), (self.capture.add_actions[1], "+ Exclusion"),
                         (self.capture.add_actions[2], "+ Primary outcome"), (self.capture.add_actions[5], "+ Doses")):
            a.setIconText(short)
            a.setToolTip(f"{a.text().replace('&', '')} ({a.shortcut().toString()})")
        self.addToolBar(tb)
        self.toolbar = tb

    # --- study and title ---------------------------------------------------------------------
    def open_study(self, study_id: Optional[str]) -> None:
        if study_id:
            self.ctx.settings.setValue(f"last_study/{self.ctx.store.label}", study_id)
        try:
            self.ctx.session.open_study(study_id)
        except AbstractorError as exc:
            ask.error(self, "Cannot open the study", str(exc))

    def delete_study(self) -> None:
        """Edit ▸ Delete this study: asks first; one undo step puts everything back."""
        from gui.study_commands import DeleteStudyCommand

        sid, ab = self.ctx.session.study_id, self.ctx.session.study
        if sid is None or ab is None:
            self.tell("Choose a study first.")
            return
        ids = self.ctx.session.string_lists.get("registry_id") or []
        label = self._study_label()
        title = f" (“{ab.study.title}”)" if ab.study.title and ids else ""
        n_docs = len(self.ctx.session.documents)
        docs = f"its {n_docs} document{'s' if n_docs != 1 else ''}, " if n_docs else ""
        if not ask.confirm(self, "Delete study",
                           f"Delete {label}{title} from this database, with {docs}its suggestions, evidence and "
                           "review threads?\n\nEdit ▸ Undo puts it back as it was until you close the program "
                           "or open another database; the audit trail keeps a record either way."):
            return
        cmd = DeleteStudyCommand(self.ctx, sid, label)
        self.ctx.undo_stack.push(cmd)
        if not cmd.failed:
            self.tell(f"{label} deleted. Edit ▸ Undo (Ctrl+Z) brings it back.")

    def _study_removed(self, study_id: str) -> None:
        model = self.study_list.model
        row = model.row_of.get(study_id, 0)
        self.study_list.reload()
        if self.ctx.session.study_id is None and model.ids:
            self.study_list.select_study(model.ids[min(row, len(model.ids) - 1)])  # the neighbour opens

    def _study_restored(self, study_id: str) -> None:
        self.study_list.reload(select=study_id)
        if self.ctx.session.study_id != study_id:  # (hidden by a filter: open it all the same)
            self.open_study(study_id)
        self.tell("The study is back, with its documents, suggestions and review.")

    def update_title(self, *_args) -> None:
        ab = self.ctx.session.study
        name = ""
        if ab is not None:
            ids = self.ctx.session.string_lists.get("registry_id") or []
            name = (ids[0][1] + " · " if ids else "") + (ab.study.title or "(untitled)")
            if len(name) > 80:
                name = name[:78] + "…"
            name += " — "
        self.setWindowTitle(f"{name}{Path(self.ctx.store.label).name} — {APP_NAME}")

    def _saved(self, _change) -> None:
        self.saved_label.setText(f"All changes saved · {self.ctx.store.label}")
        self.saved_label.setToolTip("Every edit is saved to the database at once.")

    def tell(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _study_label(self) -> str:
        ab = self.ctx.session.study
        ids = self.ctx.session.string_lists.get("registry_id") or []
        if ab is None:
            return ""
        return ids[0][1] if ids else f"“{ab.study.title or '(untitled)'}”"

    # --- view -------------------------------------------------------------------------------------
    def _focus_document(self) -> None:
        t = self.documents.tab()
        (t.view if t else self.documents).setFocus()

    def _toggle_list(self) -> None:
        self.study_list.setVisible(not self.study_list.isVisible())
        self.toggle_list_action.setChecked(self.study_list.isVisible())

    def reset_layout(self) -> None:
        self.study_list.show()
        self.toggle_list_action.setChecked(True)
        w = max(self.width(), 900)
        self.splitter.setSizes([int(w * 0.2), int(w * 0.38), int(w * 0.42)])

    def _restore_layout(self) -> None:
        from PySide6.QtCore import QByteArray

        s = self.ctx.settings
        # Size, not restoreGeometry(): the latter is unreliable on some platforms (offscreen, Wayland).
        state = s.value("window/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        for rp in self.form.row_panels():
            h = s.value(f"tables/{rp.view.objectName()}")
            if isinstance(h, QByteArray):
                rp.view.horizontalHeader().restoreState(h)

    def save_layout(self) -> None:
        s = self.ctx.settings
        s.setValue("window/size", self.size())
        s.setValue("window/splitter", self.splitter.saveState())
        for rp in self.form.row_panels():
            s.setValue(f"tables/{rp.view.objectName()}", rp.view.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, event) -> None:
        if self.ctx is None:
            super().closeEvent(event)
            return
        self.ctx.edits.flush()  # typing not yet saved
        jobs = self.ctx.jobs
        if jobs.busy:  # cancel them, and close once the last has stopped (no thread outlives the window)
            self.tell(f"Stopping {' and '.join(dict.fromkeys(jobs.titles()))} before closing…")
            if not getattr(self, "_closing", False):
                self._closing = True
                jobs.idle.connect(self.close, QtCore.Qt.ConnectionType.QueuedConnection)
            jobs.abandon_all()
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)

    # --- help -----------------------------------------------------------------------------------------
    def change_user(self) -> None:
        name = ask.text(self, "Your name", "Name recorded with every change you make:", self.ctx.store.user)
        if name and name.strip():
            self.ctx.store.user = name.strip()
            self.ctx.settings.setValue("user", name.strip())
            self.tell(f"Changes are now recorded as made by {name.strip()}.")
