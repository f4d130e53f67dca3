"""Small helpers shared by the form panels."""
from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from gui.context import AppContext
from gui.fields import FieldEditor


def section(title: str, rows: list[tuple[str, QWidget]]) -> QGroupBox:
    box = QGroupBox(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    for label, w in rows:
        form.addRow(label, w)
    return box


def scrolled(widgets: list[QWidget]) -> QScrollArea:
    inner = QWidget()
    lay = QVBoxLayout(inner)
    for w in widgets:
        lay.addWidget(w)
    lay.addStretch(1)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


class FieldsMixin:
    """Panels keep their FieldEditors in ``self.fields`` (field name -> editor)."""

    ctx: AppContext
    fields: dict

    def field(self, entity: str, name: str, placeholder: str = "") -> FieldEditor:
        """An editor for a described field (its kind and choices from models.records)."""
        from gui.described import form_kind

        kind, choices = form_kind(entity, name)
        ed = FieldEditor(self.ctx, entity, name, kind, choices, placeholder)
        self.fields[(entity, name)] = ed
        return ed

    def row(self, entity: str, name: str, placeholder: str = "") -> tuple[str, FieldEditor]:
        """A form row: the field's label (the one the review and the workbook use) and its editor."""
        from gui.described import describe

        return describe(entity, name).label, self.field(entity, name, placeholder)
