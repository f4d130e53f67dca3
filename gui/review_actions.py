"""The reviewer's side of the window, wired in one place: the Review menu and shortcuts,
the marks beside fields and in row headers, their context menus, the Review
section of the form, and the compare and adjudication windows.

``install_review(window)`` is all the main window calls.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

from abstractor.review import workflow
from abstractor.errors import AbstractorError
from abstractor.storage import review_ops
from gui import ask
from gui.context import FieldTarget
from gui.navigation import ActionRegistry, Navigation
from gui.review_commands import SetReviewCommand, SetStatusCommand, review_target, status_words
from gui.review_marks import ReviewMark, ReviewTracker, row_mark
from gui.review_panel import MOVE_WORDS, ReviewPanel
from models.enums import AbstractionStatus, ReviewState

Key = tuple[str, str, str]
_UNSHOWN = object()


class ReviewController(QObject):
    """Gets the context, the form it adds its section and marks to, and the window's narrow
    interfaces (gui.navigation): never the main window itself."""

    def __init__(self, ctx, form, nav: Navigation, actions: ActionRegistry):
        super().__init__(nav.window)
        self.ctx, self.form, self.nav, self.actions = ctx, form, nav, actions
        self.window = nav.window  # the parent of its dialogs
        self.tracker = ReviewTracker(self.ctx, self)
        self.marks: dict[tuple[str, str], ReviewMark] = {}
        self._shown: dict[tuple[str, str], tuple] = {}  # field -> (enabled, info) its mark shows
        self._row_shown: dict[int, dict] = {}  # id(row panel) -> {row id: mark} its row header shows
        self._build_actions()
        self.panel = ReviewPanel(self)
        self.form.add_section(self.panel, "Revie&w")
        self._install_marks()
        self._build_menu()
        self.tracker.changed.connect(self._show_marks)
        self.ctx.session.focusedTargetChanged.connect(lambda _t: self._enable())
        self.ctx.session.loaded.connect(self._enable)
        self._show_marks()
        self._enable()
        self.compare_dialog = None
        self.adjudication = None

    # --- actions ------------------------------------------------------------------------
    def _action(self, text: str, slot, key: Optional[str] = None, tip: str = "") -> QAction:
        a = QAction(text, self.window)
        if key:
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        a.triggered.connect(lambda _c=False: slot())
        self.actions.add(a)  # shortcuts work wherever the focus is in the window
        return a

    def _build_actions(self) -> None:
        self.verify_action = self._action("&Verify field or row", lambda: self.mark_focused(ReviewState.VERIFIED),
                                          "Ctrl+Alt+V", "Mark the focused field (or the selected row) verified")
        self.query_action = self._action("&Query field or row…", lambda: self.mark_focused(ReviewState.QUERIED),
                                         "Ctrl+Alt+Q", "Ask the abstractor about the focused field or row")
        self.clear_action = self._action("C&lear review mark", lambda: self.mark_focused(ReviewState.UNCHECKED),
                                         "Ctrl+Alt+U")
        self.show_review_action = self._action("Show review &threads", self.show_panel, "Ctrl+Alt+R")
        self.compare_action = self._action("&Compare two abstractions…", self.open_compare, "Ctrl+Alt+C",
                                           "Compare two workbooks or JSON exports, or one against this database")
        self.adjudicate_action = self._action("&Adjudicate this study with another…", self.adjudicate_open_study,
                                              tip="Settle the differences between this study and another "
                                                  "abstraction of it in this database")

    def shortcut_actions(self) -> list[QAction]:
        """The review actions with keys (Help ▸ Keyboard shortcuts lists them)."""
        return [a for a in (self.verify_action, self.query_action, self.clear_action, self.show_review_action,
                            self.compare_action, self.adjudicate_action) if not a.shortcut().isEmpty()]

    def _build_menu(self) -> None:
        menu = QMenu("&Review", self.window)
        menu.addActions([self.verify_action, self.query_action, self.clear_action])
        menu.addSeparator()
        self.status_menu = menu.addMenu("&Status")
        self.status_menu.aboutToShow.connect(self._fill_status_menu)
        menu.addAction(self.show_review_action)
        menu.addSeparator()
        menu.addActions([self.compare_action, self.adjudicate_action])
        self.actions.add_menu(menu)
        self.menu = menu
        # The status moves only through the workflow (the Review section and menu), never as a free edit.
        status = self.form.field_editors().get(("study", "status"))
        if status is not None:
            status.editor.setEnabled(False)
            status.editor.setToolTip("Change the status with Review ▸ Status or the Review section")

    def _fill_status_menu(self) -> None:
        self.status_menu.clear()
        study = self.ctx.session.study
        if study is None:
            self.status_menu.addAction("(no study open)").setEnabled(False)
            return
        cur = self.status_menu.addAction(f"Now: {status_words(study.status)}")
        cur.setEnabled(False)
        for s in workflow.allowed_statuses(study.status):
            a = self.status_menu.addAction(f"{MOVE_WORDS.get(s, status_words(s))} ({status_words(s)})")
            a.triggered.connect(lambda _c=False, s=s: self.move_status(s))

    def _enable(self) -> None:
        has = self.ctx.session.study_id is not None and self.ctx.session.focused_target is not None
        for a in (self.verify_action, self.query_action, self.clear_action):
            a.setEnabled(has)
        self.adjudicate_action.setEnabled(self.ctx.session.study_id is not None)

    # --- marks on the form --------------------------------------------------------------
    def _install_marks(self) -> None:
        for (entity, field), ed in self.form.field_editors().items():
            if (entity, field) == ("study", "status"):
                continue
            mark = ReviewMark(lambda e=entity, f=field: (e, self.ctx.session.study_id or "", f))
            mark.clicked.connect(lambda _c=False, m=mark: self._popup(m.key_of(), m.mapToGlobal(m.rect().bottomLeft())))
            row = ed.layout().itemAt(0).layout()
            row.addWidget(mark)
            self.marks[(entity, field)] = mark
            ContextMenuHook(ed.editor, self, lambda e=entity, f=field: (e, self.ctx.session.study_id or "", f))
        for rp in self.form.row_panels():
            rp.model.row_mark = row_mark(self.tracker, rp.entity)
            rp.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            rp.view.customContextMenuRequested.connect(lambda pos, rp=rp: self._row_menu(rp, pos))

    def _show_marks(self) -> None:
        """Show the tracker's marks, touching only the marks and row headers that changed (a row
        header change makes its table measure every row again)."""
        sid = self.ctx.session.study_id
        for (entity, field), mark in self.marks.items():
            info = self.tracker.info((entity, sid, field)) if sid else None
            shown = (sid is not None, info)
            if self._shown.get((entity, field), _UNSHOWN) != shown:
                self._shown[(entity, field)] = shown
                mark.setEnabled(sid is not None)
                mark.show_info(info)
        for rp in self.form.row_panels():
            rows = {rid: rp.model.row_mark(rid) for (e, rid, f) in self.tracker.items if e == rp.entity and f == ""}
            before = self._row_shown.get(id(rp), {})
            self._row_shown[id(rp)] = rows
            changed = [n for n, r in enumerate(rp.model.rows) if rows.get(r["id"]) != before.get(r["id"])]
            if changed:
                rp.model.headerDataChanged.emit(Qt.Orientation.Vertical, changed[0], changed[-1])

    def _row_menu(self, rp, pos) -> None:
        idx = rp.view.indexAt(pos)
        if not idx.isValid() or self.ctx.session.study_id is None:
            return
        rp.view.setCurrentIndex(idx)
        key = (rp.entity, rp.model.rows[idx.row()]["id"], "")
        self._popup(key, rp.view.viewport().mapToGlobal(pos))

    def menu_for(self, key: Key, menu: Optional[QMenu] = None) -> QMenu:
        """The review entries for one field or row (added to ``menu`` when given)."""
        menu = menu or QMenu(self.window)
        state = self.tracker.state(key)
        label = self.tracker.label(key)
        for status, text in ((ReviewState.VERIFIED, f"Verify {label}"), (ReviewState.QUERIED, f"Query {label}…"),
                             (ReviewState.UNCHECKED, "Clear the review mark")):
            a = menu.addAction(text)
            a.setEnabled(status != state or status == ReviewState.QUERIED)
            a.triggered.connect(lambda _c=False, s=status: self.ask_and_mark(key, s))
        info = self.tracker.info(key)
        if info is not None and info.comments:
            menu.addAction(f"Show the thread ({len(info.comments)})").triggered.connect(lambda: self.show_panel(key))
        return menu

    def _popup(self, key: Key, where) -> None:
        if key[1]:
            self.menu_for(key).exec(where)

    # --- what the actions do ---------------------------------------------------------------
    def focused_key(self) -> Optional[Key]:
        t: Optional[FieldTarget] = self.ctx.session.focused_target
        if t is None or self.ctx.session.study_id is None:
            return None
        return review_target(t)

    def mark_focused(self, status: ReviewState) -> None:
        key = self.focused_key()
        if key is None:
            self.nav.tell("Click a field or a table row first.")
            return
        self.ask_and_mark(key, status)

    def ask_and_mark(self, key: Key, status: ReviewState) -> None:
        comment = None
        if status == ReviewState.QUERIED:
            comment = ask.text(self.window, "Query", f"Your question about {self.tracker.label(key)}:")
            if not comment or not comment.strip():
                return
        self.mark(key, status, comment)

    def mark(self, key: Key, status: ReviewState, comment: Optional[str] = None) -> None:
        sid = self.ctx.session.study_id
        if sid is None:
            return
        self.ctx.undo_stack.push(SetReviewCommand(self.ctx, sid, key, status, self.tracker.state(key),
                                                  comment.strip() if comment else None, self.tracker.label(key)))

    def answer(self, key: Key, text: str) -> bool:
        """A reply in the thread: not an undo step (a comment, once written, stays in the trail)."""
        sid = self.ctx.session.study_id
        try:
            change = review_ops.answer(self.ctx.store, sid, key, text)
        except AbstractorError as exc:
            ask.error(self.window, "The answer was not saved", str(exc))
            return False
        self.ctx.session.after_change(sid, change)
        return True

    def move_status(self, new: AbstractionStatus) -> None:
        study, sid = self.ctx.session.study, self.ctx.session.study_id
        if study is None:
            return
        cmd = SetStatusCommand(self.ctx, sid, new, study.status)
        self.ctx.undo_stack.push(cmd)
        if not cmd.failed:
            self.nav.tell(f"The study is now {status_words(new)}.")

    def show_panel(self, key: Optional[Key] = None) -> None:
        self.form.setCurrentWidget(self.panel)
        if key is not None:
            self.panel.select(key)
        self.panel.view.setFocus()

    def go_to(self, key: Key) -> None:
        """Bring the field or row of a review item into view in the form."""
        entity, row_id, field = key
        ed = self.form.field_editors().get((entity, field))
        if ed is not None:
            for i, p in enumerate(self.form.panels):
                if (entity, field) in p.fields:
                    self.form.setCurrentIndex(i)
            ed.editor.setFocus()
            return
        row = next((r for r in self.ctx.session.rows(entity) if r["id"] == row_id), None)
        rp = self.form.panel_for(entity, row.get("kind") if row else None)
        if rp is not None:
            self.form.reveal(rp)
            rp.focus_row(row_id)

    # --- compare and adjudicate ------------------------------------------------------------
    def open_compare(self):
        from gui.compare_dialog import CompareDialog

        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(self.ctx, self.adjudicate, self.window)
        self.compare_dialog.show()
        self.compare_dialog.raise_()
        return self.compare_dialog

    def adjudicate(self, a, b):
        """Open the side-by-side adjudication of two versions of one study (pydantic Abstractions)."""
        from gui.adjudication_window import AdjudicationWindow

        if self.adjudication is not None:
            self.adjudication.close()
        self.adjudication = AdjudicationWindow(self.ctx, a, b, self.nav, self.window)
        self.adjudication.consensusSaved.connect(self.consensus_saved)
        self.adjudication.show()
        return self.adjudication

    def adjudicate_open_study(self):
        """The open study against another abstraction of it in this database: the same study by the
        one pairing rule of compare (abstractor.review.pairing: document, registry id, title)."""
        from abstractor.review.compare import study_label
        from abstractor.review.pairing import may_pair, partners
        from abstractor.storage.window_queries import pairing_keys
        from abstractor.storage.workbook_read import iter_studies_bulk

        sid = self.ctx.session.study_id
        if sid is None:
            return None
        a = self.ctx.store.get_study(sid)
        label = study_label(a)
        # Only the studies the rule could pair with this one are read (not every study of the database).
        candidates = list(iter_studies_bulk(self.ctx.store, may_pair(a, pairing_keys(self.ctx.store))))
        versions = [candidates[i] for i, _how in partners(a, candidates)]
        if not versions:
            ask.info(self.window, "Adjudicate", f"No other abstraction of {label} is in this database. "
                                                f"Use Review ▸ Compare to adjudicate against a workbook.")
            return None
        if len(versions) == 1:
            return self.adjudicate(a, versions[0])
        names = [_version_words(v, v.id) for v in versions]
        i = ask.choose(self.window, "Adjudicate", f"{len(versions)} other abstractions of {label} are in this "
                                                  "database. Adjudicate this study with:", names)
        return None if i is None else self.adjudicate(a, versions[i])

    def consensus_saved(self, study_id: str) -> None:
        self.nav.reload_studies(select=study_id, show_all=True)
        self.nav.tell("The consensus record is saved and selected in the study list.")


def _version_words(ab, study_id: str) -> str:
    """How the chooser names another abstraction: who, its status, when last changed."""
    who = ab.abstractor or "abstractor unknown"
    kind = "consensus record" if ab.consensus else AbstractionStatus(ab.status).value.replace("_", " ").lower()
    title = ab.study.title or "(untitled)"
    title = title if len(title) <= 50 else title[:49] + "…"
    return f"{who} · {kind} · {title} · id {study_id[:8]}"


class ContextMenuHook(QObject):
    """Adds the review entries to a field editor's context menu (a line edit keeps its own)."""

    def __init__(self, editor, controller: ReviewController, key_of):
        super().__init__(editor)
        self.controller, self.key_of = controller, key_of
        editor.installEventFilter(self)
        # Widgets only, picked by Qt: asking for every QObject made Python wrappers (and their enum
        # types, ~40 ms at start-up) for each line control, completer and model inside the editors.
        for child in editor.findChildren(QWidget):
            child.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.ContextMenu:
            return False
        key = self.key_of()
        if not key[1]:
            return False
        menu = obj.createStandardContextMenu() if isinstance(obj, QLineEdit) else QMenu()
        if not menu.isEmpty():
            menu.addSeparator()
        self.controller.menu_for(key, menu)
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True


def install_review(ctx, form, nav: Navigation, actions: ActionRegistry) -> ReviewController:
    return ReviewController(ctx, form, nav, actions)
