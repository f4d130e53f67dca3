"""File ▸ Codebook: import a team's codebook (.json or .xlsx) with a preview of what changes,
and export the current one.  The core reads, previews and applies (abstractor.codebooks); this
asks, shows and reports.  Importing is not undoable (a new version is the way back), so the
preview says what will change before anything does."""
from __future__ import annotations

import os
from typing import Optional

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from gui import ask
from gui.navigation import Navigation

FILTER = "Codebook (*.json *.xlsx);;All files (*)"
TITLE_IMPORT, TITLE_EXPORT = "Import codebook", "Export codebook"


class CodebookPreviewDialog(QDialog):
    """What importing the codebook would change; Apply or Cancel."""

    def __init__(self, parent, heading: str, lines: list[str], can_apply: bool):
        super().__init__(parent)
        self.setObjectName("codebookPreview")
        self.setWindowTitle(TITLE_IMPORT)
        lay = QVBoxLayout(self)
        head = QLabel(heading)
        head.setWordWrap(True)
        lay.addWidget(head)
        body = QPlainTextEdit("\n".join(lines))
        body.setObjectName("codebookChanges")
        body.setReadOnly(True)
        body.setMinimumSize(560, 220)
        lay.addWidget(body)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        if can_apply:
            self.buttons.addButton("Apply", QDialogButtonBox.ButtonRole.AcceptRole).setObjectName("applyCodebook")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)


class CodebookActions(QObject):
    def __init__(self, ctx, nav: Navigation):
        super().__init__(nav.window)
        self.ctx, self.nav, self.w = ctx, nav, nav.window
        self.dialog: Optional[CodebookPreviewDialog] = None
        self.import_action = QAction("&Import codebook…", self.w)
        self.import_action.setStatusTip("Read a team's codebook (.json or .xlsx): preview what changes, then apply")
        self.import_action.triggered.connect(lambda _c=False: self.import_dialog())
        self.export_action = QAction("&Export codebook…", self.w)
        self.export_action.setStatusTip("Write this database's codebook as .json or .xlsx")
        self.export_action.triggered.connect(lambda _c=False: self.export_dialog())

    def actions(self) -> list[QAction]:
        return [self.import_action, self.export_action]

    def _folder(self) -> str:
        return self.ctx.settings.value("codebook_folder", "") or ""

    def import_dialog(self) -> None:
        path = ask.open_file(self.w, TITLE_IMPORT, self._folder(), FILTER)
        if path:
            self.ctx.settings.setValue("codebook_folder", os.path.dirname(path))
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Read, preview (window-modal), apply on Apply."""
        from abstractor.codebooks import command, importing

        self.ctx.edits.flush()
        try:
            codebook = command.read_file(path)
            preview = importing.preview_import(self.ctx.store, codebook)
        except (ValueError, OSError) as exc:
            ask.error(self.w, TITLE_IMPORT, f"The codebook was not imported.\n\n{exc}")
            return
        except Exception as exc:  # a storage failure: said, nothing changed
            ask.error(self.w, TITLE_IMPORT, f"The codebook was not imported.\n\n{exc}")
            return
        name = f"{codebook.name} v{codebook.version}"
        if preview.nothing_to_do:
            self.nav.tell(f"Codebook {name} is already the current one: nothing to change.")
            return
        self.dialog = CodebookPreviewDialog(
            self.w, f"<b>{name}</b> from {os.path.basename(path)} — what importing it changes "
                    "(not undoable: a later version is the way back):", preview.lines(), True)
        self.dialog.accepted.connect(lambda: self._apply(preview, name))
        self.dialog.open()

    def _apply(self, preview, name: str) -> None:
        from abstractor.codebooks import importing

        try:
            importing.apply_import(self.ctx.store, preview)
        except Exception as exc:  # CodebookRefused (the database changed meanwhile) or a storage failure
            ask.error(self.w, TITLE_IMPORT, f"The codebook was not imported.\n\n{exc}")
            return
        sid = self.ctx.session.study_id
        self.ctx.undo_stack.clear()  # steps recorded under the old fields would undo into the new ones
        self.ctx.session.open_study(sid)  # the form shows the new fields
        self.nav.tell(f"Codebook {name} imported; the undo history starts again from here.")

    def export_dialog(self) -> None:
        cb = self.ctx.store.current_codebook()
        if cb is None:
            ask.info(self.w, TITLE_EXPORT, "This database has no codebook yet (File ▸ Codebook ▸ Import codebook…).")
            return
        suggested = os.path.join(self._folder(), f"{cb.name.replace(' ', '_')}_v{cb.version}.json")
        path = ask.save_file(self.w, TITLE_EXPORT, suggested, "Codebook JSON (*.json);;Excel workbook (*.xlsx)")
        if path:
            self.export_file(path)

    def export_file(self, path: str) -> None:
        from abstractor.codebooks import command

        try:
            command.write_file(self.ctx.store.current_codebook(), path)
        except (ValueError, OSError) as exc:
            ask.error(self.w, TITLE_EXPORT, f"The codebook was not written.\n\n{exc}")
            return
        self.ctx.settings.setValue("codebook_folder", os.path.dirname(path))
        self.nav.tell(f"Codebook written to {path}.")
