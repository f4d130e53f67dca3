"""Help ▸ Keyboard shortcuts and About."""
from __future__ import annotations

from abstractor import APP_NAME
from gui import ask


class HelpDialogs:
    """Mixed into MainWindow: lists its actions' shortcuts."""

    def shortcut_lines(self) -> list[tuple[str, str]]:
        from PySide6.QtGui import QKeySequence

        actions = [self.import_action, self.undo_action, self.redo_action, self.find_action, self.find_next_action,
                   self.find_prev_action, *self.capture.actions(), self.focus_list_action, self.focus_doc_action,
                   self.focus_form_action, self.toggle_list_action, self.open_db_action, self.new_db_action,
                   self.quit_action]
        named = {self.undo_action: "Undo (the menu names the step and its study)", self.redo_action: "Redo"}
        lines = [(" or ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()),
                  named.get(a, a.text().replace("&&", "\0").replace("&", "").replace("\0", "&")))
                 for a in actions if not a.shortcut().isEmpty()]
        if getattr(self, "suggestions", None) is not None:
            lines += self.suggestions.shortcut_lines()
        if getattr(self, "review", None) is not None:
            lines += [(a.shortcut().toString(QKeySequence.SequenceFormat.NativeText), a.text().replace("&", ""))
                      for a in self.review.shortcut_actions()]
        lines += [("Insert / Delete", "Add a row / remove the selected rows of the focused table (click the row "
                                      "numbers to select rows; Shift/Ctrl+click to select more)"),
                  ("Ctrl+Up / Ctrl+Down", "Move the selected row up / down"),
                  ("F2 or typing", "Edit the selected table cell"),
                  ("Enter / Ctrl+Enter / Esc", "In a long text cell: new line / save / cancel"),
                  ("Alt+D, Alt+A, Alt+O, Alt+U, Alt+G", "Form tabs: Design, Arms, Dose levels, Outcomes, Eligibility")]
        return lines

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in self.shortcut_lines())
        ask.info(self, "Keyboard shortcuts",
                 "<p>Select text in the document, click (or tab to) a field, press <b>Ctrl+E</b>.</p>"
                 f"<table>{rows}</table>")

    def show_about(self) -> None:
        from abstractor import __version__

        ask.info(self, f"About {APP_NAME}",
                 f"<b>{APP_NAME}</b> {__version__}<br>Offline workbench for clinical-trial protocol abstraction."
                 f"<br><br>Database: {self.ctx.store.label}<br>Working as: {self.ctx.store.user}")
