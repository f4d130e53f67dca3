"""The cell editors of a table of repeated rows: dropdowns for enumerations and yes/no,
a multi-line editor for long text, line editors for the rest."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QComboBox, QPlainTextEdit, QStyledItemDelegate

from gui.row_table_model import Column

LONG_TEXT_LINES = 6  # how tall the editor of a long text cell opens (it may cover the rows below)


class LongTextEditor(QPlainTextEdit):
    """The editor of a long text cell (criterion text, descriptions): Enter is a new line,
    Ctrl+Enter saves, Esc cancels, Tab saves and goes to the next cell."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("longTextEditor")
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.Box)
        self.setToolTip("Enter: new line · Ctrl+Enter: save · Esc: cancel")


def _is_commit_key(event) -> bool:
    return event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)


class RowDelegate(QStyledItemDelegate):
    """Dropdowns for enumerations and yes/no; a multi-line editor for long text; line editors
    for the rest."""

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns

    def createEditor(self, parent, option, index):
        col = self.columns[index.column()]
        if col.kind == "text":
            return LongTextEditor(parent)
        if col.kind in ("enum", "bool"):
            # Values are looked up by position, never read back as item data: PySide 6.12 over-releases
            # None when Qt hands an empty QVariant back to Python (index.data(), currentData()).
            box = QComboBox(parent)
            for label, _value in self.options(col):
                box.addItem(label)
            return box
        return super().createEditor(parent, option, index)

    @staticmethod
    def options(col: Column) -> list[tuple[str, Any]]:
        if col.kind == "bool":
            return [("", None), ("yes", True), ("no", False)]
        return [("", None)] + [(c, c) for c in col.choices]

    def updateEditorGeometry(self, editor, option, index):
        if not isinstance(editor, LongTextEditor):
            super().updateEditorGeometry(editor, option, index)
            return
        r, area = option.rect, editor.parentWidget().rect()
        height = max(r.height(), editor.fontMetrics().lineSpacing() * LONG_TEXT_LINES + 10)
        top = max(0, min(r.top(), area.bottom() - height))  # near the bottom: open upwards
        editor.setGeometry(r.left(), top, max(r.width(), 240), min(height, max(area.height(), r.height())))

    def eventFilter(self, editor, event) -> bool:
        if isinstance(editor, LongTextEditor):
            if event.type() == QEvent.Type.ShortcutOverride and (_is_commit_key(event)
                                                                   or event.key() == Qt.Key.Key_Escape):
                event.accept()  # these keys belong to the editor, not to the window's shortcuts
                return True
            if event.type() == QEvent.Type.KeyPress:
                if _is_commit_key(event):
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
                    return True
                if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    return False  # a new line in the text
        return super().eventFilter(editor, event)

    def setEditorData(self, editor, index):
        if isinstance(editor, LongTextEditor):
            value = index.model().value_at(index)
            editor.setPlainText("" if value is None else str(value))
            editor.selectAll()  # typing over a cell replaces it, as in the other cells; Esc takes it back
            return
        if isinstance(editor, QComboBox):
            col = self.columns[index.column()]
            value = index.model().value_at(index)
            values = [v for _label, v in self.options(col)]
            editor.setCurrentIndex(values.index(value) if value in values else 0)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        if isinstance(editor, LongTextEditor):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, QComboBox):
            value = self.options(self.columns[index.column()])[max(0, editor.currentIndex())][1]
            model.setData(index, value, Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
