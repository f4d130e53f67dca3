"""Typing is saved in bursts: within 300 ms of the last key, on leaving the field, and before
anything else happens (a click elsewhere, a shortcut such as Ctrl+Z or Ctrl+E, closing).

A keystroke then only repaints its field (one frame); the save, its undo step and the other
panels' refresh come once per pause.  A crash loses at most the last 300 ms of typing.
While an edit is pending an application-wide event filter watches for mouse presses outside the
field and for shortcuts, and saves first, so an undo never jumps over text still being typed.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer

SAVE_AFTER_MS = 300


class EditCoalescer(QObject):
    """One per window (AppContext.edits): at most one field's typing is pending at a time."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=SAVE_AFTER_MS)
        self._timer.timeout.connect(self.flush)
        self._save: Optional[Callable[[], None]] = None
        self._owner: Optional[QObject] = None
        self._filtering = False

    @property
    def pending(self) -> bool:
        return self._save is not None

    def typed(self, owner: QObject, save: Callable[[], None]) -> None:
        """``owner`` (the field's editor) has new text; ``save()`` writes its latest value."""
        if self._owner is not None and self._owner is not owner:
            self.flush()  # another field's typing first
        self._owner, self._save = owner, save
        self._timer.start()
        if not self._filtering:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
                self._filtering = True

    def pending_for(self, owner: QObject) -> bool:
        return self._owner is owner and self._save is not None

    def discard(self, owner: QObject) -> None:
        """The field's text went back to what is stored (or became invalid): nothing to save."""
        if self._owner is owner:
            self._stop()

    def flush(self) -> None:
        save = self._save
        self._stop()
        if save is not None:
            save()

    def _stop(self) -> None:
        self._timer.stop()
        self._save, self._owner = None, None
        if self._filtering:
            app = QCoreApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
            self._filtering = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        t = event.type()
        if t == QEvent.Type.Shortcut or (t == QEvent.Type.MouseButtonPress and obj is not self._owner):
            self.flush()  # before the shortcut's action or the click's effect
        elif t == QEvent.Type.ShortcutOverride and obj is self._owner and _may_be_shortcut(event):
            # Before the window looks the key up: Ctrl+Z must find the typing on the undo stack
            # (its action is disabled while the stack is empty).
            self.flush()
        return False


def _may_be_shortcut(event) -> bool:
    mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                | Qt.KeyboardModifier.MetaModifier)
    return bool(mods) or Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35 or event.key() == Qt.Key.Key_Escape
