"""A small form for a value made of parts: a line per field of a row (a criterion, a dose
level ...), or a line per item of a list.  Used where the adjudicator settles a
difference with a value of their own.  Lines are handed back as typed text; the core
validates them as the field's type (abstractor.review.adjudicate).  Only values nested
deeper than a row's sub-record (the threshold of a criterion) fall back to JSON."""
from __future__ import annotations

import json
from typing import Any, Optional

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, \
    QVBoxLayout, QWidget

from abstractor.errors import InvalidValue

LIST_SEPARATOR = ";"


def _is_scalar(v: Any) -> bool:
    return v is None or isinstance(v, (str, int, float, bool))


def flatten(row: dict) -> dict[str, Any]:
    """{"threshold": {"value": 2}} -> {"threshold.value": 2}: one line per field."""
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, dict) and all(_is_scalar(x) for x in v.values()):
            out.update({f"{k}.{sk}": sv for sk, sv in v.items()})
        else:
            out[k] = v
    return out


def as_line(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list) and all(_is_scalar(x) for x in v):
        return f"{LIST_SEPARATOR} ".join("" if x is None else str(x) for x in v)
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)  # nested deeper: JSON, the fallback
    return str(v)


def from_line(text: str, like: Any) -> Any:
    """A line back as the kind of value it showed (the core checks the type)."""
    text = text.strip()
    if isinstance(like, list) and all(_is_scalar(x) for x in like):
        return [x.strip() for x in text.split(LIST_SEPARATOR) if x.strip()]
    if text == "":
        return None
    if isinstance(like, (dict, list)):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidValue(f"{text[:40]!r} is not valid JSON ({exc.msg})") from None
    if isinstance(like, bool):
        low = text.lower()
        return True if low in ("yes", "y", "true", "1") else False if low in ("no", "n", "false", "0") else text
    return text


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
            self.fields = flatten(value)
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
            if all(_is_scalar(x) for x in items):
                self.items_edit.setPlainText("\n".join("" if x is None else str(x) for x in items))
                note = "One item per line."
            else:
                self.items_edit.setPlainText(json.dumps(items, ensure_ascii=False, indent=1))
                note = "Written as JSON (the items are records)."
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
            text = self.items_edit.toPlainText()
            items = self.original or []
            if all(_is_scalar(x) for x in items):
                return [line.strip() for line in text.splitlines() if line.strip()]
            return from_line(text, items) or []
        out: dict[str, Any] = {}
        for key, edit in self.lines.items():
            v = from_line(edit.text(), self.fields[key])
            head, dot, sub = key.partition(".")
            if dot and isinstance(self.original.get(head), dict):
                out.setdefault(head, {})[sub] = v
            else:
                out[key] = v
        for head, sub in list(out.items()):  # a sub-record left all empty is no sub-record
            if isinstance(self.original.get(head), dict) and isinstance(sub, dict) \
                    and all(x is None for x in sub.values()):
                out[head] = None
        return out
