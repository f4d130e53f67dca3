"""Suggestions in the window: proposals in each form section, their evidence in the document,
accept / reject (one keystroke, or a whole section) as undo commands, counts and accuracy.

The window makes one ``SuggestionsUI(window)`` once its panels exist; everything else is here.
"""
from __future__ import annotations

import re
from typing import Optional

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from abstractor.errors import InvalidValue
from abstractor.suggestions import target_of
from gui import ask
from gui.context import FieldTarget
from gui.row_table_model import Column, display
from gui.suggestions_commands import AcceptSuggestionsCommand, RejectSuggestionsCommand
from gui.suggestions_model import STATES, OpenProposals, describe, main_span
from gui.suggestions_panel import FieldHint, ProposalsBox
from abstractor.text_values import field_value

ACCEPT_KEY, REJECT_KEY = "Ctrl+Return", "Ctrl+Delete"
ACCEPT_ALL_KEY, REJECT_ALL_KEY = "Ctrl+Shift+Return", "Ctrl+Shift+Delete"
EDIT_KEY = "Alt+Return"
_COUNT_SUFFIX = re.compile(r" · \d+$")


class SuggestionsUI(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window, self.ctx, self.form = window, window.ctx, window.form
        self.state = OpenProposals(self.ctx)
        self.boxes: dict = {}  # form section panel -> ProposalsBox
        self.hints: dict = {}  # (entity, field) -> FieldHint
        self.job = None
        self._build_actions()
        self._add_menus()
        self.status = QLabel()
        self.status.setObjectName("proposalStatus")
        window.statusBar().addPermanentWidget(self.status)
        window.documents.tabs.currentChanged.connect(lambda _i: self._highlight())
        self.state.changed.connect(self.refresh)
        window.installEventFilter(self)
        self.state.reload()

    # --- actions and menus -------------------------------------------------------------------
    def _action(self, text: str, slot, key: Optional[str] = None, tip: str = "") -> QAction:
        a = QAction(text, self.window)
        if key:
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setStatusTip(tip or text.replace("&", ""))
        a.triggered.connect(lambda _c=False: slot())
        self.window.addAction(a)
        return a

    def _build_actions(self) -> None:
        self.accept_action = self._action("&Accept proposal", self.accept_current, ACCEPT_KEY,
                                          "Accept the selected proposal (Enter in the proposals list)")
        self.reject_action = self._action("&Reject proposal", self.reject_current, REJECT_KEY,
                                          "Reject the selected proposal (Delete in the proposals list)")
        self.edit_action = self._action("&Edit, then accept…", self.accept_edited, EDIT_KEY,
                                        "Change the proposed value before accepting it (recorded as edited)")
        self.accept_all_action = self._action("Accept a&ll in this section", self.accept_section, ACCEPT_ALL_KEY)
        self.reject_all_action = self._action("Reject all in this se&ction", self.reject_section, REJECT_ALL_KEY)
        self.next_action = self._action("&Next proposal", lambda: self.step(+1), "F8")
        self.prev_action = self._action("&Previous proposal", lambda: self.step(-1), "Shift+F8")
        self.suggest_action = self._action("&Suggest from documents", self.suggest_for_study, None,
                                           "Read the open study's documents and propose values (in the background)")
        self.accuracy_action = self._action("Suggestion a&ccuracy…", self.show_accuracy, None,
                                            "How many proposals were accepted, edited or rejected")

    def actions(self) -> list[QAction]:
        return [self.accept_action, self.reject_action, self.edit_action, self.accept_all_action,
                self.reject_all_action, self.next_action, self.prev_action]

    def _add_menus(self) -> None:
        mb = self.window.menuBar()
        help_menu = next((a for a in mb.actions() if a.text().replace("&", "") == "Help"), None)
        menu = mb.addMenu("&Suggestions") if help_menu is None else None
        if menu is None:
            from PySide6.QtWidgets import QMenu

            menu = QMenu("&Suggestions", mb)
            mb.insertMenu(help_menu, menu)
            help_menu.menu().addAction(self.accuracy_action)
        menu.addActions(self.actions()[:5])
        menu.addSeparator()
        menu.addActions([self.next_action, self.prev_action])
        menu.addSeparator()
        menu.addActions([self.suggest_action, self.accuracy_action])
        self.menu = menu

    def shortcut_lines(self) -> list[tuple[str, str]]:
        return [("Enter / Delete / F2", "In a proposals list: accept / reject / edit, then accept")] + [
            (a.shortcut().toString(QKeySequence.SequenceFormat.NativeText), a.text().replace("&", ""))
            for a in self.actions()]

    # --- showing ---------------------------------------------------------------------------------
    def _section_of(self, s):
        entity, field = target_of(s.path)
        for p in self.form.panels:
            if field is not None and (entity, field) in getattr(p, "fields", {}):
                return p
            if field is None and any(rp.entity == entity for rp in getattr(p, "row_panels", [])):
                return p
        return None

    def _box(self, panel) -> Optional[ProposalsBox]:
        if panel not in self.boxes and panel.layout() is not None:
            i = self.form.indexOf(panel)
            box = ProposalsBox(_COUNT_SUFFIX.sub("", self.form.tabText(i)).replace("&&", "&").replace("&", ""))
            box.proposalSelected.connect(self.show_evidence)
            box.acceptRequested.connect(self.accept_current)
            box.rejectRequested.connect(self.reject_current)
            box.editRequested.connect(self.accept_edited)
            box.acceptAllRequested.connect(self.accept_section)
            box.rejectAllRequested.connect(self.reject_section)
            panel.layout().insertWidget(0, box)
            self.boxes[panel] = box
        return self.boxes.get(panel)

    def _hint(self, key, editor) -> FieldHint:
        if key not in self.hints:
            hint = FieldHint()
            hint.clicked.connect(lambda k=key: self._hint_clicked(k))
            editor.layout().insertWidget(1, hint)  # under the field, above its inline message
            self.hints[key] = hint
        return self.hints[key]

    def refresh(self) -> None:
        by_panel: dict = {p: [] for p in self.form.panels}
        for s in self.state.items:
            p = self._section_of(s)
            if p is not None:
                by_panel[p].append(s)
        for p, items in by_panel.items():
            box = self._box(p)
            if box is not None:
                box.set_items(items)
            i = self.form.indexOf(p)
            base = _COUNT_SUFFIX.sub("", self.form.tabText(i))
            text = f"{base} · {len(items)}" if items else base
            tip = f"{len(items)} open proposal{'s' if len(items) != 1 else ''}" if items else ""
            if self.form.tabText(i) != text:  # a new tab text lays the tab bar out again
                self.form.setTabText(i, text)
            if self.form.tabToolTip(i) != tip:
                self.form.setTabToolTip(i, tip)
        scalar = {target_of(s.path): s for s in self.state.items}
        for key, ed in self.form.field_editors().items():
            s = scalar.get(key)
            if s is not None or key in self.hints:
                self._hint(key, ed).show_proposal(s)
        self._highlight()
        self._show_counts()
        has = self.ctx.session.study_id is not None
        self.suggest_action.setEnabled(has and self.job is None)

    def _highlight(self) -> None:
        t = self.window.documents.tab()
        if t is None:
            return
        t.set_proposed([(sp["start"], sp["end"]) for s in self.state.items if s.document_id == t.info.id
                        for sp in s.spans])

    def _show_counts(self) -> None:
        n = len(self.state.items)
        self.status.setVisible(self.ctx.session.study_id is not None)
        self.status.setText(f"{n} proposal{'s' if n != 1 else ''} open")
        c = self.state.counts()
        self.status.setToolTip("Suggestions in this study: " + ", ".join(f"{c.get(k, 0)} {k.lower()}" for k in STATES)
                               + "\nHelp ▸ Suggestion accuracy for the whole database")

    def show_evidence(self, s) -> None:
        """A proposal was selected: its evidence in the document, its field in view."""
        span = main_span(s)
        if span is not None:
            self.ctx.session.evidenceRequested.emit(span)
        ed = self.form.field_editors().get(target_of(s.path))
        area = ed.parentWidget() if ed is not None else None
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(ed, 0, 40)

    # --- which proposal ------------------------------------------------------------------------
    def current_box(self) -> Optional[ProposalsBox]:
        return self.boxes.get(self.form.currentWidget())

    def current(self):
        fw = QApplication.focusWidget()
        for box in self.boxes.values():
            if fw is box.view:
                return box.current()
        for (entity, field), ed in self.form.field_editors().items():
            if fw is not None and (fw is ed or ed.isAncestorOf(fw)):
                s = self.state.for_field(entity, field)
                if s is not None:
                    return s
        box = self.current_box()
        if box is None or not box.model.items:
            return None
        return box.current() or box.model.items[0]

    def _hint_clicked(self, key) -> None:
        s = self.state.for_field(*key)
        p = self._section_of(s) if s is not None else None
        if p is not None and self.boxes.get(p) is not None:
            self.boxes[p].select(s.id)
            self.boxes[p].view.setFocus()

    def step(self, direction: int) -> None:
        box = self.current_box()
        if box is not None and box.model.items:
            box.step(direction)
            box.view.setFocus()

    # --- deciding --------------------------------------------------------------------------------
    def _push(self, cmd) -> None:
        self.ctx.undo_stack.push(cmd)
        refused = getattr(cmd, "refused", [])
        if refused and not cmd.failed:
            self.window.tell(f"{len(cmd.done)} accepted; {len(refused)} left open: {refused[0]}")

    def accept_current(self) -> None:
        s = self.current()
        if s is None:
            self.window.tell("No proposal selected.")
            return
        self._push(AcceptSuggestionsCommand(self.ctx, s.study_id, [s.id], f"Accept proposal: {describe(s)[:60]}"))

    def accept_edited(self) -> None:
        """Accept a field's proposal with a value the user changes first (stored as EDITED)."""
        s = self.current()
        if s is None:
            self.window.tell("No proposal selected.")
            return
        entity, field = target_of(s.path)
        if field is None:
            self.window.tell("A row is edited in its table once accepted: accept it (Enter), then edit the cells.")
            return
        kind, choices = self.form.kind_of(FieldTarget(entity, s.study_id, field))
        label = field.replace("_", " ")
        proposed = display(Column(field, "", kind), s.value)
        text = ask.text(self.window, "Edit, then accept", f"{label.capitalize()} (proposed: {proposed}):", proposed)
        if text is None:
            return
        try:
            value = field_value(self.ctx.store.validate, entity, field, kind, text, choices)
        except InvalidValue as exc:
            ask.error(self.window, "Edit, then accept", f"{label}: {exc} — not saved.")
            return
        self._push(AcceptSuggestionsCommand(self.ctx, s.study_id, [s.id], f"Accept edited proposal: {label}",
                                            edited={s.id: value}))

    def reject_current(self) -> None:
        s = self.current()
        if s is None:
            self.window.tell("No proposal selected.")
            return
        self._push(RejectSuggestionsCommand(self.ctx, s.study_id, [s.id], f"Reject proposal: {describe(s)[:60]}"))

    def _section_items(self):
        box = self.current_box()
        return (box.model.items, box.section_title) if box is not None else ([], "")

    def accept_section(self) -> None:
        items, title = self._section_items()
        if items:
            self._push(AcceptSuggestionsCommand(self.ctx, items[0].study_id, [s.id for s in items],
                                                f"Accept {len(items)} proposals in {title}"))

    def reject_section(self) -> None:
        items, title = self._section_items()
        if items:
            self._push(RejectSuggestionsCommand(self.ctx, items[0].study_id, [s.id for s in items],
                                                f"Reject {len(items)} proposals in {title}"))

    # --- background and figures ------------------------------------------------------------------
    def suggest_for_study(self) -> None:
        sid = self.ctx.session.study_id
        if sid is None or self.job is not None:
            return
        from gui.suggestions_worker import SuggestJob

        self.job = SuggestJob(self.ctx.store, sid, self)
        self.job.done.connect(self._suggested)
        self.job.failed.connect(self._suggest_failed)
        self.suggest_action.setEnabled(False)
        self.window.tell("Reading the documents for suggestions…")
        self.job.start()

    def _job_over(self) -> None:
        self.job.deleteLater()
        self.job = None
        self.suggest_action.setEnabled(self.ctx.session.study_id is not None)

    def _suggested(self, study_id: str, n: int) -> None:
        self._job_over()
        if study_id == self.ctx.session.study_id:
            self.state.reload()
        self.window.tell(f"{n} proposal{'s' if n != 1 else ''} open.")

    def _suggest_failed(self, message: str) -> None:
        self._job_over()
        ask.error(self.window, "Suggestions", message)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.stop()

    def show_accuracy(self) -> None:
        def row(label, c):
            decided = sum(c.get(k, 0) for k in ("ACCEPTED", "EDITED", "REJECTED"))
            rate = f"{(c.get('ACCEPTED', 0) + c.get('EDITED', 0)) / decided:.0%}" if decided else "–"
            exact = f"{c.get('ACCEPTED', 0) / decided:.0%}" if decided else "–"
            cells = "".join(f"<td align=right>{c.get(k, 0)}</td>" for k in STATES)
            return f"<tr><td>{label}</td>{cells}<td align=right>{rate}</td><td align=right>{exact}</td></tr>"

        head = "".join(f"<th>{k.lower()}</th>" for k in STATES)
        rows = row("This study", self.state.counts()) if self.ctx.session.study_id else ""
        rows += row("All studies", self.state.counts(study_only=False))
        ask.info(self.window, "Suggestion accuracy",
                 "<p>What became of the program's proposals. <i>Kept</i>: accepted or edited, of those decided; "
                 "<i>exact</i>: accepted unchanged.</p>"
                 f"<table cellspacing=6><tr><th></th>{head}<th>kept</th><th>exact</th></tr>{rows}</table>")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.cancel_job()  # closing the window waits for a running job
        return False
