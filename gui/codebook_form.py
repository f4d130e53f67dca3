"""The team's codebook fields in the form: a group of editors under the study's fields and
columns of their own in the tables of rows.  Which fields there are is data (the open study's
codebook, models.codebook), so the group and the columns follow the study that is open; the
editors are the built-in ones (evidence mark, Ctrl+E, undo), reading and checking values by
the field's type (AppContext.parse -> abstractor.codebooks.typed)."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel

from gui.context import EXTRA, AppContext
from gui.fields import FieldEditor
from gui.row_table_model import Column

KINDS = ("study", "arm", "intervention", "dose_level", "outcome", "criterion")
_EDITOR = {"text": "str", "integer": "int", "number_with_unit": "str", "date": "date", "yes_no": "bool",
           "one_choice": "enum", "several_choices": "list", "list": "list"}
_PLACEHOLDER = {"number_with_unit": "e.g. 1×10⁶ cells/kg", "date": "e.g. 2024-03-15 or 2024-03",
                "several_choices": "choices separated by commas", "list": "items separated by commas"}


def editor_kind(f) -> tuple[str, list]:
    """The window's editor for a codebook field's type, and the dropdown's choices."""
    return _EDITOR[f.type], (list(f.values) if f.type == "one_choice" else [])


def columns_for(codebook, entity: str) -> list[Column]:
    """Table columns for the codebook fields of a row kind (none for kinds a codebook cannot extend)."""
    if codebook is None or entity not in KINDS:
        return []
    return [Column(EXTRA + f.name, f.label, *editor_kind(f), 120) for f in codebook.of_kind(entity)]


class CodebookFieldEditor(FieldEditor):
    """A codebook field: yes/no as a dropdown; the help text as the tooltip."""

    def __init__(self, ctx: AppContext, entity: str, f):
        kind, choices = editor_kind(f)
        yes_no = f.type == "yes_no"
        super().__init__(ctx, entity, EXTRA + f.name, "enum" if yes_no else kind,
                         ["yes", "no"] if yes_no else choices, _PLACEHOLDER.get(f.type, ""))
        self.yes_no, self._raw = yes_no, False
        self.editor.setAccessibleName(f.label)
        if f.help:
            self.editor.setToolTip(f.help)

    def stored(self) -> Any:
        v = super().stored()
        if self.yes_no and not self._raw and isinstance(v, bool):
            return "yes" if v else "no"  # what the dropdown shows; stored as True/False
        return v

    def commit(self, value: Any, typing: bool = False) -> None:
        if self.yes_no and isinstance(value, str):
            value = value == "yes"
        self._raw = True  # the command holds stored values, not the dropdown's words
        try:
            super().commit(value, typing)
        finally:
            self._raw = False
        if self.yes_no:
            self.refresh()  # the refresh during the save saw True/False, not the dropdown's words


class CodebookSection(QGroupBox):
    """The study's codebook fields ("Codebook: CAR-T v1"), rebuilt when the open study follows
    another codebook (or another version).  Its editors are registered in the panel's ``fields``
    so Ctrl+E, focus and the review find them like built-in ones."""

    def __init__(self, ctx: AppContext, fields: dict, parent=None):
        super().__init__("Codebook", parent)
        self.setObjectName("codebookSection")
        self.ctx, self.panel_fields = ctx, fields
        self.editors: list[CodebookFieldEditor] = []
        self.shown: Optional[tuple] = None
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.hide()
        ctx.session.loaded.connect(self.follow)
        ctx.session.changed.connect(self.follow)

    def follow(self, *_args) -> None:
        cb = self.ctx.session.codebook
        fields = cb.of_kind("study") if cb is not None else []
        key = (cb.name, cb.version, tuple((f.name, f.label, f.type, tuple(f.values)) for f in fields)) if cb else None
        if key == self.shown:
            return
        self.shown = key
        for ed in self.editors:
            self.panel_fields.pop((ed.entity, ed.field), None)
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = []
        self.setTitle(f"Codebook: {cb.name} v{cb.version}" if cb else "Codebook")
        for f in fields:
            ed = CodebookFieldEditor(self.ctx, "study", f)
            label = QLabel(f.label + (" *" if f.required else ""))
            label.setToolTip(f.help or f.label)
            self.form.addRow(label, ed)
            self.panel_fields[("study", ed.field)] = ed
            self.editors.append(ed)
            ed.refresh()
        self.setVisible(bool(fields))
