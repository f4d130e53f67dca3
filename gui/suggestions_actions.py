"""The Suggestions menu, its keys and Help ▸ Suggestion accuracy (mixed into gui.suggestions_ui)."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from gui import ask
from gui.suggestions_model import STATES

ACCEPT_KEY, REJECT_KEY = "Ctrl+Return", "Ctrl+Delete"
ACCEPT_ALL_KEY, REJECT_ALL_KEY = "Ctrl+Shift+Return", "Ctrl+Shift+Delete"
EDIT_KEY = "Alt+Return"


class SuggestionActions:
    """Needs ``nav``, ``registry``, ``ctx``, ``state`` and the deciding methods of SuggestionsUI."""

    # --- actions and menus -------------------------------------------------------------------
    def _action(self, text: str, slot, key: Optional[str] = None, tip: str = "") -> QAction:
        a = QAction(text, self.nav.window)
        if key:
            a.setShortcut(QKeySequence(key))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setStatusTip(tip or text.replace("&", ""))
        a.triggered.connect(lambda _c=False: slot())
        self.registry.add(a)
        return a

    def _build_actions(self) -> None:
        self.accept_action = self._action("&Accept proposal", self.accept_current, ACCEPT_KEY,
                                          "Accept the selected proposal (Enter in its field or table row)")
        self.reject_action = self._action("&Reject proposal", self.reject_current, REJECT_KEY,
                                          "Reject the selected proposal (Delete in its field or table row)")
        self.edit_action = self._action("&Edit, then accept…", self.accept_edited, EDIT_KEY,
                                        "Change the proposed value before accepting it (recorded as edited)")
        self.accept_all_action = self._action("Accept a&ll in this section", self.accept_section, ACCEPT_ALL_KEY)
        self.reject_all_action = self._action("Reject all in this se&ction", self.reject_section, REJECT_ALL_KEY)
        self.next_action = self._action("&Next proposal", lambda: self.step(+1), "F8")
        self.prev_action = self._action("&Previous proposal", lambda: self.step(-1), "Shift+F8")
        self.suggest_action = self._action("&Suggest from documents", self.suggest_for_study, None,
                                           "Read the open study's documents and propose values (in the background)")
        self.accuracy_action = self._action("Suggestion a&ccuracy…", self.show_accuracy, None,
                                            "How many proposals were accepted, edited or rejected")

    def actions(self) -> list[QAction]:
        return [self.accept_action, self.reject_action, self.edit_action, self.accept_all_action,
                self.reject_all_action, self.next_action, self.prev_action]

    def _add_menus(self) -> None:
        mb = self.registry.menu_bar()
        help_menu = next((a for a in mb.actions() if a.text().replace("&", "") == "Help"), None)
        menu = mb.addMenu("&Suggestions") if help_menu is None else None
        if menu is None:
            from PySide6.QtWidgets import QMenu

            menu = QMenu("&Suggestions", mb)
            mb.insertMenu(help_menu, menu)
            help_menu.menu().addAction(self.accuracy_action)
        menu.addActions(self.actions()[:5])
        menu.addSeparator()
        menu.addActions([self.next_action, self.prev_action])
        menu.addSeparator()
        menu.addActions([self.suggest_action, self.accuracy_action])
        self.menu = menu

    def shortcut_lines(self) -> list[tuple[str, str]]:
        return [("Enter / Delete / F2", "In a field or table row with a proposal (◇): accept / reject / "
                 "edit, then accept")] + [
            (a.shortcut().toString(QKeySequence.SequenceFormat.NativeText), a.text().replace("&", ""))
            for a in self.actions()]

    def show_accuracy(self) -> None:
        def row(label, c):
            decided = sum(c.get(k, 0) for k in ("ACCEPTED", "EDITED", "REJECTED"))
            rate = f"{(c.get('ACCEPTED', 0) + c.get('EDITED', 0)) / decided:.0%}" if decided else "–"
            exact = f"{c.get('ACCEPTED', 0) / decided:.0%}" if decided else "–"
            cells = "".join(f"<td align=right>{c.get(k, 0)}</td>" for k in STATES)
            return f"<tr><td>{label}</td>{cells}<td align=right>{rate}</td><td align=right>{exact}</td></tr>"

        head = "".join(f"<th>{k.lower()}</th>" for k in STATES)
        rows = row("This study", self.state.counts()) if self.ctx.session.study_id else ""
        rows += row("All studies", self.state.counts(study_only=False))
        ask.info(self.nav.window, "Suggestion accuracy",
                 "<p>What became of the program's proposals. <i>Kept</i>: accepted or edited, of those decided; "
                 "<i>exact</i>: accepted unchanged.</p>"
                 f"<table cellspacing=6><tr><th></th>{head}<th>kept</th><th>exact</th></tr>{rows}</table>")
