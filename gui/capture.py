"""Evidence capture: from the text selected in the document to a field value or new rows, with evidence.

Actions live here (not in the document view or the form) so that menus,
context menus, buttons and shortcuts all run the same code.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from abstractor.errors import InvalidValue
from abstractor import text_values as tv
from gui import ask, commands
from gui.context import AppContext, FieldTarget, Selection
from gui.form import FormPanel

ROW_READERS: dict[str, Callable] = {
    "dose_level": tv.doses_from_selection,
    "arm": lambda t, o: [tv.arm_from_selection(t, o)],
    "intervention": lambda t, o: [tv.intervention_from_selection(t, o)],
    "criterion": tv.criteria_from_selection,
    "outcome": lambda t, o: [tv.outcome_from_selection(t, o)],
    "condition": lambda t, o: [{"name": r["text"]} for r in tv.criteria_from_selection(t, o)],
    "registry_id": lambda t, o: [{"value": r["text"]} for r in tv.criteria_from_selection(t, o)],
    "site": lambda t, o: [{"facility": r["text"]} for r in tv.criteria_from_selection(t, o)],
}
PLURAL = {"criterion": "criteria", "dose_level": "dose levels", "registry_id": "registry ids"}


def _name(entity: str, n: int) -> str:
    if n == 1:
        return entity.replace("_", " ")
    return PLURAL.get(entity, entity.replace("_", " ") + "s")


class Capture(QObject):
    def __init__(self, ctx: AppContext, form: FormPanel, tell: Callable[[str], None], parent=None):
        super().__init__(parent)
        self.ctx, self.form, self.tell = ctx, form, tell
        self.fill_action = self._action("&Fill focused field from selection", "Ctrl+E", self.fill_focused,
                                        "Put the selected text into the field you last worked in, with its evidence")
        self.evidence_action = self._action("Use selection as &evidence only", "Ctrl+Shift+E",
                                            lambda: self.fill_focused(set_value=False),
                                            "Record the selection as the focused field's evidence, keep its value")
        self.add_actions = [
            self._action("Add as &inclusion criteria", "Ctrl+Alt+I", lambda: self.add_rows("criterion", "INCLUSION")),
            self._action("Add as e&xclusion criteria", "Ctrl+Alt+X", lambda: self.add_rows("criterion", "EXCLUSION")),
            self._action("Add as &primary outcome", "Ctrl+Alt+P", lambda: self.add_rows("outcome", "PRIMARY")),
            self._action("Add as &secondary outcome", "Ctrl+Alt+S", lambda: self.add_rows("outcome", "SECONDARY")),
            self._action("Add as &other outcome", "Ctrl+Alt+O", lambda: self.add_rows("outcome", "OTHER")),
            self._action("Add as &dose levels", "Ctrl+Alt+D", lambda: self.add_rows("dose_level")),
            self._action("Add as &arm", "Ctrl+Alt+A", lambda: self.add_rows("arm")),
            self._action("Add as i&ntervention", "Ctrl+Alt+N", lambda: self.add_rows("intervention")),
        ]
        for rp in form.row_panels():
            kind = rp.row_filter[1] if rp.row_filter else None
            rp.addFromSelectionRequested.connect(lambda e=rp.entity, k=kind: self.add_rows(e, k))
        ctx.session.loaded.connect(self.update_enabled)
        self.update_enabled()

    def _action(self, text: str, key: str, slot: Callable, tip: str = "") -> QAction:
        a = QAction(text, self)
        a.setShortcut(QKeySequence(key))
        a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setStatusTip(tip or text.replace("&", ""))
        a.triggered.connect(lambda _checked=False: slot())
        return a

    def actions(self) -> list[QAction]:
        return [self.fill_action, self.evidence_action, *self.add_actions]

    def update_enabled(self, *_args) -> None:
        on = self.ctx.session.study_id is not None
        for a in self.actions():
            a.setEnabled(on)

    def _selection(self) -> Optional[Selection]:
        sel = self.ctx.session.selection
        if sel is None or not sel.text.strip():
            self.tell("First select text in the document.")
            return None
        return sel

    # --- fill one field ---------------------------------------------------------------
    def _label(self, target: FieldTarget) -> str:
        """The field's label as the form shows it ("CRS grading", "Brief title")."""
        if target.field.startswith("extra.") and self.ctx.session.codebook is not None:
            try:
                return self.ctx.session.codebook.field(target.entity, target.field[6:]).label
            except KeyError:
                pass
        try:
            from gui.described import describe

            return describe(target.entity, target.field).label
        except (KeyError, ValueError, AttributeError):
            return target.field.replace("_", " ").capitalize()

    def fill_focused(self, set_value: bool = True) -> bool:
        sel, target = self._selection(), self.ctx.session.focused_target
        if sel is None:
            return False
        if target is None or self.ctx.session.study_id is None:
            self.tell("First click the field to fill, then select text in the document.")
            return False
        start, end = tv.clean_span(sel.text, 0, len(sel.text))
        span = Selection(sel.document_id, sel.start + start, sel.start + end, sel.text[start:end])
        old = self.ctx.session.value(target.entity, target.row_id, target.field)
        value = old
        if set_value:
            kind, choices = self.form.kind_of(target)
            try:
                value = self.ctx.parse(target.entity, target.field, kind, span.text, choices, lenient=True)
            except InvalidValue as exc:
                self.tell(f"Cannot fill {self._label(target).lower()} from “{span.text[:60]}”: {exc}. "
                          "Ctrl+Shift+E keeps the selection as its evidence only.")
                return False
        self.ctx.undo_stack.push(commands.FillFromSelectionCommand(
            self.ctx, self.ctx.session.study_id, target, value, old, span, set_value=set_value))
        self.tell(f"{self._label(target)} filled from the document, with evidence."
                  if set_value else "Evidence recorded.")
        return True

    # --- new rows ----------------------------------------------------------------------
    def add_rows(self, entity: str, kind: Optional[str] = None) -> list[str]:
        sel = self._selection()
        sid = self.ctx.session.study_id
        if sel is None or sid is None:
            return []
        rows = [r for r in ROW_READERS[entity](sel.text, sel.start) if r]
        if not rows:
            self.tell("The selection holds no text to add.")
            return []
        panel = self.form.panel_for(entity, kind)
        doc_text = self.ctx.store.document_text(sel.document_id)
        listed = {" ".join(str(r.get("text") or "").split()).casefold() for r in self.ctx.session.rows(entity)} \
            if entity == "criterion" else set()
        again = [r["text"][0] for r in rows if "text" in r and " ".join(r["text"][0].split()).casefold() in listed]
        if again and not ask.confirm(self.form, "Already captured",
                                     f"{len(again)} of the selected {_name(entity, len(rows))} "
                                     f"{'is' if len(again) == 1 else 'are'} already listed "
                                     f"(“{again[0][:60]}”). Add {'it' if len(again) == 1 else 'them'} again?"):
            rows = [r for r in rows if r["text"][0] not in again]
            if not rows:
                self.tell("Nothing added: the selection is already captured.")
                return []
        items = []
        for r in rows:
            values = {f: v for f, (v, _span) in r.items()}
            if kind is not None:
                values["kind"] = kind
            items.append((values, [(f, Selection(sel.document_id, s, e, doc_text[s:e])) for f, (_v, (s, e)) in r.items()]))
        cmd = commands.AddRowsCommand(self.ctx, sid, entity, items,
                                      f"Add {len(items)} {_name(entity, len(items))} from the document")
        self.ctx.undo_stack.push(cmd)
        ids = cmd.row_ids
        if panel is not None:
            self.form.reveal(panel)
            if ids:
                panel.focus_row(ids[-1], None, focus=False)
        self.tell(f"Added {len(ids)} {_name(entity, len(ids))} with evidence.")
        return ids
