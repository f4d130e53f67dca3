"""A small form for a value made of parts: a line per field of a row (a criterion, a dose
level ...), or a line per item of a list.  Used where the adjudicator settles a
difference with a value of their own; how values become lines and back is the
core's (abstractor.review.value_text)."""
from __future__ import annotations

from typing import Any, Optional

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, \
    QVBoxLayout, QWidget

from abstractor.review.value_text import LIST_SEPARATOR, as_line, flatten_row, from_line, is_scalar, \
    items_as_text, items_from_text, unflatten_row


class ValueForm(QDialog):
    def __init__(self, parent: Optional[QWidget], title: str, label: str, value: Any):
        super().__init__(parent)
        self.setObjectName("valueForm")
        self.setWindowTitle(title)
        self.original = value
        self.lines: dict[str, QLineEdit] = {}
        self.items_edit: Optional[QPlainTextEdit] = None
        lay = QVBoxLayout(self)
        heading = QLabel(f"<b>{label}</b>")
        heading.setWordWrap(True)
        lay.addWidget(heading)
        if isinstance(value, dict):
            self.fields = flatten_row(value)
            form = QFormLayout()
            for key, v in self.fields.items():
                edit = QLineEdit(as_line(v))
                edit.setObjectName(f"line_{key}")
                edit.setMinimumWidth(420)
                if isinstance(v, list):
                    edit.setToolTip(f"Items separated by “{LIST_SEPARATOR}”")
                form.addRow(key.replace("_", " ").replace(".", " ") + ":", edit)
                self.lines[key] = edit
            lay.addLayout(form)
            note = "An empty line leaves the field empty; lists: items separated by “;”."
        else:
            items = value or []
            self.items_edit = QPlainTextEdit()
            self.items_edit.setObjectName("listItems")
            self.items_edit.setTabChangesFocus(True)
            self.items_edit.setPlainText(items_as_text(items))
            note = "One item per line." if all(is_scalar(x) for x in items) else \
                "Written as JSON (the items are records)."
            lay.addWidget(self.items_edit)
        hint = QLabel(f"<span style='color:#777'>{note}</span>")
        lay.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.buttons = buttons

    def value(self) -> Any:
        """What the form now says, as a row dict or a list (InvalidValue: not readable)."""
        if self.items_edit is not None:
            return items_from_text(self.items_edit.toPlainText(), self.original or [])
        lines = {key: from_line(edit.text(), self.fields[key]) for key, edit in self.lines.items()}
        return unflatten_row(lines, self.original)
