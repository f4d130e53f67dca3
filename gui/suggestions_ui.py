"""Suggestions in the window: proposals in the fields and table rows where the values go, their
evidence in the document, accept / reject (one keystroke, or a whole section) as undo commands.

The window makes one ``SuggestionsUI(ctx, form, documents, nav, registry)`` once its panels exist (the
context and narrow interfaces, gui.navigation, not the window); everything else is here.
"""
from __future__ import annotations

import re
from typing import Optional

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QScrollArea

from abstractor.errors import InvalidValue
from abstractor.suggestions import target_of
from gui import ask
from gui.context import FieldTarget
from gui.row_table_model import PROPOSAL_PREFIX, Column, display
from gui.suggestions_actions import SuggestionActions
from gui.suggestions_commands import AcceptSuggestionsCommand, RejectSuggestionsCommand
from gui.suggestions_model import STATES, OpenProposals, describe, edited_value, main_span, row_of
from gui.suggestions_panel import FieldHint, SectionSummary, plural

_COUNT_SUFFIX = re.compile(r" · \d+$")
_FIELD_KEYS = {Qt.Key.Key_Return: "accept", Qt.Key.Key_Enter: "accept", Qt.Key.Key_F2: "edit",
               Qt.Key.Key_Delete: "reject"}


def tab_title(text: str) -> str:
    """A tab's text as words: mnemonics out, "&&" back to "&", the count suffix off."""
    return _COUNT_SUFFIX.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


class SuggestionsUI(SuggestionActions, QObject):
    def __init__(self, ctx, form, documents, nav, registry):
        super().__init__(nav.window)
        self.ctx, self.form, self.documents, self.nav, self.registry = ctx, form, documents, nav, registry
        self.state = OpenProposals(self.ctx)
        self.summaries: dict = {}  # form section panel -> SectionSummary
        self.hints: dict = {}  # (entity, field) -> FieldHint
        self._field_of: dict = {}  # a field's editor widget -> (entity, field), for its keys
        self._placeholders: dict = {}  # a line editor -> its own placeholder text
        self.selected = None  # the proposal last selected (F8, a click, a row made current)
        self._rows_shown: tuple = ()  # the row proposals the tables were last refreshed with
        self.job = None
        self._build_actions()
        self._add_menus()
        self.status = QLabel()
        self.status.setObjectName("proposalStatus")
        registry.add_status(self.status)
        documents.tabs.currentChanged.connect(lambda _i: self._highlight())
        self.state.changed.connect(self.refresh)
        self.ctx.session.evidenceRequested.connect(self._evidence_requested)
        for rp in self.form.row_panels():
            rp.proposal_rows = self._rows_for
            rp.proposalSelected.connect(self.show_evidence)
            rp.acceptProposals.connect(lambda items: self._decide(items, AcceptSuggestionsCommand, "Accept"))
            rp.rejectProposals.connect(lambda items: self._decide(items, RejectSuggestionsCommand, "Reject"))
            rp.proposalEdited.connect(self._accept_edited_cell)
        self.state.reload()

    # --- showing ---------------------------------------------------------------------------------
    def _section_of(self, s):
        entity, field = target_of(s.path)
        for p in self.form.panels:
            if field is not None and (entity, field) in getattr(p, "fields", {}):
                return p
            if field is None and any(rp.entity == entity for rp in getattr(p, "row_panels", [])):
                return p
        return None

    def _summary(self, panel) -> Optional[SectionSummary]:
        if panel not in self.summaries and panel.layout() is not None:
            box = SectionSummary(tab_title(self.form.tabText(self.form.indexOf(panel))))
            box.acceptAllRequested.connect(self.accept_section)
            box.rejectAllRequested.connect(self.reject_section)
            box.nextRequested.connect(lambda: self.step(+1))
            panel.layout().insertWidget(0, box)
            self.summaries[panel] = box
        return self.summaries.get(panel)

    def _hint(self, key, editor) -> FieldHint:
        if key not in self.hints:
            hint = FieldHint()
            hint.clicked.connect(lambda k=key: self._go_to_field(k))
            hint.acceptRequested.connect(lambda k=key: self._decide_field(k, self.accept_current))
            hint.rejectRequested.connect(lambda k=key: self._decide_field(k, self.reject_current))
            hint.editRequested.connect(lambda k=key: self._decide_field(k, self.accept_edited))
            editor.layout().insertWidget(1, hint)  # in the field, under its editor, above its inline message
            for w in [editor.editor, *getattr(editor, "checks", {}).values()]:
                w.installEventFilter(self)
                self._field_of[w] = key
            self.hints[key] = hint
        return self.hints[key]

    def _rows_for(self, entity: str) -> list[dict]:
        return [row_of(s) for s in self.state.items if target_of(s.path) == (entity, None)] + \
            [row_of(s, "REJECTED") for s in self.state.rejected if target_of(s.path) == (entity, None)]

    def refresh(self) -> None:
        by_panel: dict = {p: [] for p in self.form.panels}
        for s in self.state.items:
            p = self._section_of(s)
            if p is not None:
                by_panel[p].append(s)
        for p, items in by_panel.items():
            box = self._summary(p)
            if box is not None:
                box.set_items(items)
            i = self.form.indexOf(p)
            base = _COUNT_SUFFIX.sub("", self.form.tabText(i))
            text = f"{base} · {len(items)}" if items else base
            tip = f"{plural(len(items), 'open proposal')}" if items else ""
            if self.form.tabText(i) != text:  # a new tab text lays the tab bar out again
                self.form.setTabText(i, text)
            if self.form.tabToolTip(i) != tip:
                self.form.setTabToolTip(i, tip)
        for key, ed in self.form.field_editors().items():
            s, state = self.state.for_field(*key), "OPEN"
            if s is None:
                s = self.state.decided_for_field(*key)
                state = s.state if s is not None else None
            if s is not None or key in self.hints:
                self._hint(key, ed).show_proposal(s, state)
                self._placeholder(ed, s if state == "OPEN" else None)
        rows = tuple((s.id, s.state) for s in self.state.items + self.state.rejected + self.state.accepted
                     if target_of(s.path)[1] is None)
        if rows != self._rows_shown:  # the tables already showed these (they refresh on every change)
            self._rows_shown = rows
            accepted = self.state.accepted_rows()
            for rp in self.form.row_panels():
                rp.model.accepted_rows = accepted
                rp.refresh()
        self._highlight()
        self._show_counts()
        has = self.ctx.session.study_id is not None
        self.suggest_action.setEnabled(has and self.job is None)

    def _placeholder(self, ed, s) -> None:
        """An empty line editor shows the proposed value in its place (grey) until it is decided."""
        line = ed.editor
        if not isinstance(line, QLineEdit):
            return
        own = self._placeholders.setdefault(line, line.placeholderText())
        line.setPlaceholderText(f"proposed: {describe(s).split(': ', 1)[-1]}" if s is not None else own)

    def _highlight(self) -> None:
        t = self.documents.tab()
        if t is None:
            return
        t.set_proposed([(sp["start"], sp["end"]) for s in self.state.items if s.document_id == t.info.id
                        for sp in s.spans])

    def _show_counts(self) -> None:
        n = len(self.state.items)
        self.status.setVisible(self.ctx.session.study_id is not None)
        self.status.setText(f"{plural(n, 'proposal')} open")
        c = self.state.counts()
        self.status.setToolTip("Suggestions in this study: " + ", ".join(f"{c.get(k, 0)} {k.lower()}" for k in STATES)
                               + "\nHelp ▸ Suggestion accuracy for the whole database")

    def show_evidence(self, s) -> None:
        """A proposal was selected: its evidence marked in the document, its field in view."""
        self.selected = s
        span = main_span(s)
        if span is not None:
            self.ctx.session.evidenceRequested.emit(span)
        ed = self.form.field_editors().get(target_of(s.path))
        area = ed.parentWidget() if ed is not None else None
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(ed, 0, 40)

    def _evidence_requested(self, span) -> None:
        """A field without evidence got the focus: if it shows a proposal, mark that one's evidence."""
        t = self.ctx.session.focused_target
        if span is not None or t is None or t.entity not in ("study", "escalation"):
            return
        s = self.state.for_field(t.entity, t.field)
        if s is not None and main_span(s) is not None:
            self.selected = s
            self.ctx.session.evidenceRequested.emit(main_span(s))

    # --- which proposal ------------------------------------------------------------------------
    def _section_items(self, panel=None) -> list:
        panel = panel or self.form.currentWidget()
        return [s for s in self.state.items if self._section_of(s) is panel]

    def _row_panel_of(self, s):
        rid = PROPOSAL_PREFIX + s.id
        return next((rp for rp in self.form.row_panels() if rp.model.row_of(rid) is not None), None)

    def current(self):
        """The proposal the keys act on: the focused table row's or field's, else the one last
        selected (F8, a click), else the first of the section in view."""
        fw = QApplication.focusWidget()
        for rp in self.form.row_panels():
            if fw is rp.view and rp.current_proposal() is not None:
                return rp.current_proposal()
        for (entity, field), ed in self.form.field_editors().items():
            if fw is not None and (fw is ed or ed.isAncestorOf(fw)):
                s = self.state.for_field(entity, field)
                if s is not None:
                    return s
        items = self._section_items()
        if self.selected is not None and any(s.id == self.selected.id for s in items):
            return self.selected
        return items[0] if items else None

    def _go_to(self, s) -> None:
        """Put the focus on a proposal where it shows (its field, or its table row)."""
        key = target_of(s.path)
        if key[1] is not None:
            ed = self.form.field_editors().get(key)
            if ed is not None:
                self.form.setCurrentWidget(self._section_of(s))
                ed.editor.setFocus()
        else:
            rp = self._row_panel_of(s)
            if rp is not None:
                self.form.reveal(rp)
                rp.focus_proposal(s.id)
        self.show_evidence(s)

    def _go_to_field(self, key) -> None:
        s = self.state.for_field(*key)
        if s is not None:
            self._go_to(s)

    def _decide_field(self, key, decide) -> None:
        """A hint's button: the field's proposal becomes the current one, then is decided."""
        s = self.state.for_field(*key)
        if s is not None:
            self.selected = s
            ed = self.form.field_editors().get(key)
            if ed is not None:
                ed.editor.setFocus()
            decide()

    def step(self, direction: int) -> None:
        items = self._section_items()
        if not items:
            return
        at = next((i for i, s in enumerate(items) if self.selected is not None and s.id == self.selected.id), None)
        self._go_to(items[(at + direction) % len(items)] if at is not None else items[0 if direction > 0 else -1])

    def _next_after(self, s, items: list) -> None:
        """After a field's proposal was decided: on to the next open one of the section."""
        open_ids = {x.id for x in self.state.items}
        later = [x for x in items[items.index(s) + 1:] + items[:items.index(s)] if x.id in open_ids]
        if later and target_of(s.path)[1] is not None:
            self._go_to(later[0])

    # --- deciding --------------------------------------------------------------------------------
    def _push(self, cmd) -> None:
        self.ctx.undo_stack.push(cmd)
        refused = getattr(cmd, "refused", [])
        if refused and not cmd.failed:
            self.nav.tell(f"{len(cmd.done)} accepted; {len(refused)} left open: {refused[0]}")

    def _decide(self, items: list, command, verb: str) -> None:
        if not items:
            self.nav.tell("No proposal selected.")
            return
        section = self._section_items(self._section_of(items[0]))
        text = f"{verb} proposal: {describe(items[0])[:60]}" if len(items) == 1 else \
            f"{verb} {plural(len(items), 'proposal')}"
        self._push(command(self.ctx, items[0].study_id, [s.id for s in items], text))
        if len(items) == 1 and items[0] in section:
            self._next_after(items[0], section)

    def accept_current(self) -> None:
        s = self.current()
        self._decide([s] if s else [], AcceptSuggestionsCommand, "Accept")

    def reject_current(self) -> None:
        s = self.current()
        self._decide([s] if s else [], RejectSuggestionsCommand, "Reject")

    def accept_edited(self) -> None:
        """F2: change a proposal, then accept it (stored as EDITED).  A field's value is asked for;
        a table row's current cell opens for editing, and the row is accepted when it is saved."""
        s = self.current()
        if s is None:
            self.nav.tell("No proposal selected.")
            return
        entity, field = target_of(s.path)
        if field is None:
            rp = self._row_panel_of(s)
            if rp is not None:
                self.form.reveal(rp)
                rp.focus_proposal(s.id)
                rp.view.edit(rp.view.currentIndex())
                self.nav.tell("Change the cell; saving it (Enter, Ctrl+Enter in long text) accepts the row "
                                 "with your value.")
            return
        kind, choices = self.form.kind_of(FieldTarget(entity, s.study_id, field))
        label = field.replace("_", " ")
        proposed = display(Column(field, "", kind), s.value)
        text = ask.text(self.nav.window, "Edit, then accept", f"{label.capitalize()} (proposed: {proposed}):", proposed)
        if text is None:
            return
        try:
            value = self.ctx.parse(entity, field, kind, text, choices)
        except InvalidValue as exc:
            ask.error(self.nav.window, "Edit, then accept", f"{label}: {exc} — not saved.")
            return
        section = self._section_items(self._section_of(s))
        self._push(AcceptSuggestionsCommand(self.ctx, s.study_id, [s.id], f"Accept edited proposal: {label}",
                                            edited={s.id: value}))
        self._next_after(s, section)

    def _accept_edited_cell(self, s, field: str, value) -> None:
        label = field.replace("threshold.", "threshold ").replace("_", " ")
        self._push(AcceptSuggestionsCommand(self.ctx, s.study_id, [s.id], f"Accept edited proposal: {label}",
                                            edited={s.id: edited_value(s, field, value)}))

    def accept_section(self) -> None:
        items = self._section_items()
        if items:
            title = tab_title(self.form.tabText(self.form.currentIndex()))
            self._push(AcceptSuggestionsCommand(self.ctx, items[0].study_id, [s.id for s in items],
                                                f"Accept {plural(len(items), 'proposal')} in {title}"))

    def reject_section(self) -> None:
        items = self._section_items()
        if items:
            title = tab_title(self.form.tabText(self.form.currentIndex()))
            self._push(RejectSuggestionsCommand(self.ctx, items[0].study_id, [s.id for s in items],
                                                f"Reject {plural(len(items), 'proposal')} in {title}"))

    # --- background and figures ------------------------------------------------------------------
    def suggest_for_study(self) -> None:
        sid = self.ctx.session.study_id
        if sid is None or self.job is not None:
            return
        from gui.suggestions_worker import SuggestJob

        self.job = SuggestJob(self.ctx.store, sid, self, self.ctx.jobs)  # ctx.jobs stops it on close/switch
        self.job.done.connect(self._suggested)
        self.job.abandoned.connect(self._job_over)
        self.job.failed.connect(self._suggest_failed)
        self.suggest_action.setEnabled(False)
        self.nav.tell("Reading the documents for suggestions…")
        self.job.start()

    def _job_over(self) -> None:
        self.job.deleteLater()
        self.job = None
        self.suggest_action.setEnabled(self.ctx.session.study_id is not None)

    def _suggested(self, study_id: str, n: int) -> None:
        self._job_over()
        if study_id == self.ctx.session.study_id:
            self.state.reload()
        self.nav.tell(f"{n} proposal{'s' if n != 1 else ''} open.")

    def _suggest_failed(self, message: str) -> None:
        self._job_over()
        ask.error(self.nav.window, "Suggestions", message)

    def cancel_job(self) -> None:
        if self.job is not None:
            self.job.stop()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and obj in self._field_of:  # (closing: ctx.jobs stops the job)
            return self._field_key(self._field_of[obj], obj, event)
        return False

    def _field_key(self, key, widget, event) -> bool:
        """Enter / Delete / F2 in a field that shows an open proposal: accept / reject / edit it.
        Enter accepts only while the field is empty, Delete only while a line editor is empty."""
        what = _FIELD_KEYS.get(event.key())
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        s = self.state.for_field(*key)
        if what is None or mods != Qt.KeyboardModifier.NoModifier or s is None:
            return False
        if what == "reject" and isinstance(widget, QLineEdit) and widget.text():
            return False
        if what == "accept" and self.ctx.session.value(key[0], s.study_id, key[1]) not in (None, [], ""):
            return False
        self.selected = s
        {"accept": self.accept_current, "reject": self.reject_current, "edit": self.accept_edited}[what]()
        return True
