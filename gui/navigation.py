"""What a controller may ask of the window: narrow interfaces instead of the main window itself.

``Navigation`` moves between studies and talks to the user (status bar, dialogs' parent);
``ActionRegistry`` takes a controller's actions and menus (window-wide shortcuts, the menu bar).
The main window builds both once and hands them, with the AppContext, to every controller
(WorkbookActions, ReviewController): they never reach into the window's other widgets.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget


class Navigation:
    def __init__(self, window: QWidget, tell: Callable[[str], None], open_study: Callable[[Optional[str]], None],
                 study_list):
        self.window = window  # the parent of dialogs (window-modal), nothing more
        self._tell, self._open_study, self._list = tell, open_study, study_list

    def tell(self, message: str) -> None:
        """A line in the status bar."""
        self._tell(message)

    def open_study(self, study_id: Optional[str]) -> None:
        self._open_study(study_id)

    def select_study(self, study_id: str, emit: bool = True) -> None:
        """Select (and, with ``emit``, open) a study in the study list."""
        self._list.select_study(study_id, emit=emit)

    def selected_ids(self) -> list[str]:
        return self._list.selected_ids()

    def reload_studies(self, select: Optional[str] = None, show_all: bool = False) -> None:
        """Re-read the study list (``show_all``: clear its filters first, so ``select`` is visible)."""
        if show_all:
            self._list.clear_filters()
        self._list.reload(select=select)


class ActionRegistry:
    """The window's menu bar and its window-wide shortcuts, as controllers may use them."""

    def __init__(self, window: QMainWindow):
        self._window = window

    def add(self, action: QAction) -> QAction:
        """Its shortcut works wherever the focus is in the window."""
        self._window.addAction(action)
        return action

    def add_status(self, widget: QWidget) -> None:
        """A permanent widget on the right of the status bar."""
        self._window.statusBar().addPermanentWidget(widget)

    def menu_bar(self):
        return self._window.menuBar()

    def add_menu(self, menu: QMenu) -> None:
        """A menu of its own, before Help (which stays last)."""
        mb = self._window.menuBar()
        help_menu = mb.actions()[-1] if mb.actions() else None
        mb.insertMenu(help_menu, menu)
