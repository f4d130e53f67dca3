"""A table of repeated rows with add, add-from-selection, remove and reorder."""
from __future__ import annotations

from typing import Any, Callable, Optional

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, \
    QPlainTextEdit, QStyledItemDelegate, QTableView, QToolButton, QVBoxLayout, QWidget

from abstractor.errors import InvalidValue
from gui import commands
from gui.context import AppContext, FieldTarget
from gui.row_table_model import Column, RowTableModel
from abstractor.text_values import field_value


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


class RowsPanel(QWidget):
    """One entity's rows; ``row_filter`` shows a part of the list (inclusion or exclusion criteria)."""

    addFromSelectionRequested = Signal()

    def __init__(self, ctx: AppContext, entity: str, columns: list[Column], title: str,
                 new_values: Optional[dict] = None, row_filter: Optional[tuple[str, Any]] = None,
                 capture_tip: str = "", parent=None):
        super().__init__(parent)
        self.ctx, self.entity, self.columns, self.title = ctx, entity, columns, title
        self.new_values = new_values or {}
        self.row_filter = row_filter
        self.model = RowTableModel(entity, columns, self, on_edit=self._edit, has_evidence=self._quote)
        self.view = QTableView()
        self.view.setObjectName(f"{entity}Table" + (f"_{row_filter[1]}" if row_filter else ""))
        self.view.setModel(self.model)
        self.view.setItemDelegate(RowDelegate(columns, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        # Row heights follow their (wrapped) text, but only from the turn after the table is
        # first shown: while a tab first lays out, its columns change width several times and
        # each change would measure every row again (tens of ms inside the user's action).
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._heights_follow_text = False
        header = self.view.horizontalHeader()
        for i, c in enumerate(columns):
            if c.width:
                header.resizeSection(i, c.width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)

        self.heading = QLabel(f"<b>{title}</b>")
        self.add_btn = self._button("Add", f"Add an empty row to {title.lower()} (Insert)", self.add_row)
        self.capture_btn = self._button("Add from selection", capture_tip or
                                        "Add a row holding the text selected in the document, with its evidence",
                                        self.addFromSelectionRequested.emit)
        self.remove_btn = self._button("Remove", "Remove the selected row (Delete)", self.remove_row)
        self.up_btn = self._button("▲", "Move the selected row up (Ctrl+Up)", lambda: self.move(-1))
        self.down_btn = self._button("▼", "Move the selected row down (Ctrl+Down)", lambda: self.move(+1))
        self.message = QLabel()
        self.message.setObjectName("inlineMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()

        bar = QHBoxLayout()
        bar.addWidget(self.heading)
        bar.addStretch(1)
        for b in (self.add_btn, self.capture_btn, self.remove_btn, self.up_btn, self.down_btn):
            bar.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)

        for key, fn in ((QKeySequence.StandardKey.Delete, self.remove_row), ("Insert", self.add_row),
                        ("Ctrl+Up", lambda: self.move(-1)), ("Ctrl+Down", lambda: self.move(+1))):
            sc = QShortcut(QKeySequence(key), self.view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(fn)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.installEventFilter(self)  # back to the table from a field: its cell is the target again
        ctx.session.loaded.connect(self.refresh)
        ctx.session.changed.connect(self.refresh)
        self.refresh()

    def _button(self, text: str, tip: str, slot: Callable) -> QToolButton:
        b = QToolButton(text=text, toolTip=tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        return b

    # --- data ------------------------------------------------------------------------
    def all_rows(self) -> list[dict]:
        return self.ctx.session.rows(self.entity)

    def refresh(self, *_args) -> None:
        current = self.current_target()
        rows = self.all_rows()
        if self.row_filter:
            key, value = self.row_filter
            rows = [r for r in rows if r.get(key) == value]
        self.model.set_rows(rows)
        enabled = self.ctx.session.study_id is not None
        for b in (self.add_btn, self.capture_btn, self.remove_btn, self.up_btn, self.down_btn):
            b.setEnabled(enabled)
        if current is not None:
            self.focus_row(current.row_id, current.field, focus=False)

    def _quote(self, row_id: str, field: str) -> Optional[str]:
        e = self.ctx.session.evidence.get((self.entity, row_id, field))
        return None if e is None else e.quote

    def current_target(self) -> Optional[FieldTarget]:
        idx = self.view.currentIndex()
        if not idx.isValid() or idx.row() >= len(self.model.rows):
            return None
        return FieldTarget(self.entity, self.model.rows[idx.row()]["id"], self.columns[idx.column()].field)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._heights_follow_text:
            self._heights_follow_text = True
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, lambda: self.view.verticalHeader().setSectionResizeMode(
                QHeaderView.ResizeMode.ResizeToContents))

    def focus_row(self, row_id: str, field: Optional[str] = None, focus: bool = True) -> None:
        row = self.model.row_of(row_id)
        if row is None:
            return
        col = next((i for i, c in enumerate(self.columns) if c.field == field), 0)
        idx = self.model.index(row, col)
        self.view.selectionModel().setCurrentIndex(idx, self.view.selectionModel().SelectionFlag.ClearAndSelect)
        self.view.scrollTo(idx)
        if focus:
            self.view.setFocus()

    def _current_changed(self, current: QModelIndex, _prev) -> None:
        target = self.current_target()
        if target is not None:
            self.ctx.session.set_focused_target(target)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.view and event.type() == QEvent.Type.FocusIn:
            target = self.current_target()
            if target is not None and target != self.ctx.session.focused_target:
                self.ctx.session.set_focused_target(target)
        return False

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- edits ------------------------------------------------------------------------
    def _edit(self, row_id: str, field: str, value: Any) -> bool:
        col = next(c for c in self.columns if c.field == field)
        old = next((r.get(field) for r in self.model.rows if r["id"] == row_id), None)
        try:
            value = field_value(self.ctx.store.validate, self.entity, field, col.kind, value, col.choices)
        except InvalidValue as exc:
            self.show_message(f"{col.title}: {exc} — not saved.")
            return False
        self.show_message("")
        if value == old:
            return True
        self.ctx.undo_stack.push(commands.SetValueCommand(
            self.ctx, self.ctx.session.study_id, FieldTarget(self.entity, row_id, field), value, old))
        return True

    def _global_position(self, row_id: str) -> int:
        return [r["id"] for r in self.all_rows()].index(row_id)

    def add_row(self, values: Optional[dict] = None, evidence=None, text: Optional[str] = None) -> Optional[str]:
        sid = self.ctx.session.study_id
        if sid is None:
            return None
        target = self.current_target()
        position = self._global_position(target.row_id) + 1 if target else None
        if position is None and self.row_filter and self.model.rows:
            position = self._global_position(self.model.rows[-1]["id"]) + 1
        cmd = commands.AddRowCommand(self.ctx, sid, self.entity, {**self.new_values, **(values or {})},
                                     position=position, evidence=evidence, text=text)
        self.ctx.undo_stack.push(cmd)
        if cmd.row_id:
            first_text = next((c.field for c in self.columns if c.kind in ("str", "text")), None)
            self.focus_row(cmd.row_id, first_text, focus=values is None)
        return cmd.row_id

    def remove_row(self) -> None:
        target = self.current_target()
        if target is None:
            return
        row = self.model.row_of(target.row_id)
        self.ctx.undo_stack.push(commands.DeleteRowCommand(self.ctx, self.ctx.session.study_id, self.entity,
                                                           target.row_id))
        if self.model.rows:
            nxt = self.model.rows[min(row, len(self.model.rows) - 1)]["id"]
            self.focus_row(nxt, target.field)

    def move(self, step: int) -> None:
        target = self.current_target()
        if target is None:
            return
        row = self.model.row_of(target.row_id)
        other = row + step
        if not (0 <= other < len(self.model.rows)):
            return
        old_pos = self._global_position(target.row_id)
        new_pos = self._global_position(self.model.rows[other]["id"])
        self.ctx.undo_stack.push(commands.MoveRowCommand(self.ctx, self.ctx.session.study_id, self.entity,
                                                         target.row_id, old_pos, new_pos))
        self.focus_row(target.row_id, target.field)
