"""Every dialog that asks the user something, in one place (tests replace these functions)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Optional

# Dialog classes are looked up when a dialog opens: PySide creates each class on
# first use, and start-up (first paint) should not pay for dialogs nobody opened.
from PySide6 import QtWidgets as _qw

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

DOCUMENT_FILTER = ("Documents (*.txt *.text *.md *.html *.htm *.pdf *.docx *.json *.xml);;"
                   "Text (*.txt *.text *.md);;Web pages (*.html *.htm);;PDF (*.pdf);;Word (*.docx);;"
                   "Registry exports: ClinicalTrials.gov or EU CTIS JSON, WHO ICTRP or ChiCTR XML (*.json *.xml);;"
                   "All files (*)")
DATABASE_FILTER = "Abstraction databases (*.db *.sqlite *.sqlite3);;All files (*)"


def open_documents(parent: QWidget, folder: str = "") -> list[str]:
    files, _ = _qw.QFileDialog.getOpenFileNames(parent, "Import documents", folder, DOCUMENT_FILTER)
    return files


def open_database(parent: QWidget, folder: str = "") -> Optional[str]:
    path, _ = _qw.QFileDialog.getOpenFileName(parent, "Open database", folder, DATABASE_FILTER)
    return path or None


def new_database(parent: QWidget, folder: str = "") -> Optional[str]:
    path, _ = _qw.QFileDialog.getSaveFileName(parent, "New database", folder, DATABASE_FILTER)
    if path and "." not in path.rsplit("/", 1)[-1]:
        path += ".db"
    return path or None


def open_file(parent: QWidget, title: str, folder: str, file_filter: str) -> Optional[str]:
    path, _ = _qw.QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return path or None


def save_file(parent: QWidget, title: str, suggested: str, file_filter: str) -> Optional[str]:
    path, _ = _qw.QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path or None


def text(parent: QWidget, title: str, label: str, value: str = "") -> Optional[str]:
    result, ok = _qw.QInputDialog.getText(parent, title, label, text=value)
    return result if ok else None


def confirm(parent: QWidget, title: str, message: str) -> bool:
    return _qw.QMessageBox.question(parent, title, message) == _qw.QMessageBox.StandardButton.Yes


def error(parent: Optional[QWidget], title: str, message: str) -> None:
    _qw.QMessageBox.warning(parent, title, message)


def info(parent: Optional[QWidget], title: str, message: str) -> None:
    _qw.QMessageBox.information(parent, title, message)


def locate_pdf(parent: QWidget, file_name: str) -> Optional[str]:
    path, _ = _qw.QFileDialog.getOpenFileName(parent, f"Where is {file_name}?", file_name, "PDF (*.pdf)")
    return path or None


NEW_STUDIES, INTO_STUDY = "new", "into"


def import_destination(parent: QWidget, names: list[str], study_label: str) -> Optional[str]:
    """Files were dropped while a study is open: NEW_STUDIES, INTO_STUDY or None (cancelled)."""
    shown = "\n".join(f"• {n}" for n in names[:8]) + (f"\n• … and {len(names) - 8} more" if len(names) > 8 else "")
    box = _qw.QMessageBox(_qw.QMessageBox.Icon.Question, "Import dropped files",
                      f"Import {'this file' if len(names) == 1 else f'these {len(names)} files'}:\n\n{shown}\n\n"
                      f"as new studies, or as more documents of the open study {study_label}?", parent=parent)
    new = box.addButton("New &studies", _qw.QMessageBox.ButtonRole.AcceptRole)
    into = box.addButton("Add to &this study", _qw.QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_qw.QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(new)
    box.exec()
    clicked = box.clickedButton()
    return NEW_STUDIES if clicked is new else INTO_STUDY if clicked is into else None


def choose(parent: QWidget, title: str, label: str, items: list[str]) -> Optional[int]:
    """One of several: the index chosen, or None (cancelled)."""
    item, ok = _qw.QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(item) if ok and item in items else None


def edit_value(parent: QWidget, title: str, label: str, value):
    """A row (a line per field) or a list (a line per item) edited in a small form; the new
    value, or None when cancelled.  Raises InvalidValue for a line it cannot read."""
    from gui.value_form import ValueForm

    form = ValueForm(parent, title, label, value)
    return form.value() if form.exec() == ValueForm.DialogCode.Accepted else None
