"""Typing is written at most 300 ms after the first key not yet saved, and the rest of the window
catches up when the typing pauses.

A keystroke only repaints its field (one frame).  While keys keep coming, the field's value is
written to the database (one undo step per field, merged) at most every 300 ms, so a crash loses
at most the last 300 ms of typing; re-reading the study and refreshing the other panels (the
list row, marks, proposals: most of a save's cost) waits until the typing pauses for 300 ms.
Leaving the field, a click elsewhere, a shortcut (Ctrl+Z, Ctrl+E, F2 ...) and closing do both at
once, before their own effect: while a burst is on, an application-wide event filter watches
for them, so an undo never jumps over text still being typed.
"""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal

SAVE_WITHIN_MS = 300  # the longest a typed key stays unwritten
PAUSE_MS = 300  # typing this long paused ends the burst: the other panels refresh


class EditCoalescer(QObject):
    """One per window (AppContext.edits): at most one field's typing is in progress at a time."""

    burstEnded = Signal()  # typing paused or flushed: what was held back may refresh now

    def __init__(self, parent=None):
        super().__init__(parent)
        self._write_timer = QTimer(self, singleShot=True, interval=SAVE_WITHIN_MS)
        self._write_timer.timeout.connect(self.write)
        self._pause_timer = QTimer(self, singleShot=True, interval=PAUSE_MS)
        self._pause_timer.timeout.connect(self.flush)
        self._save: Optional[Callable[[], None]] = None
        self._owner: Optional[QObject] = None
        self._filtering = False

    @property
    def pending(self) -> bool:
        """Typed text not yet written."""
        return self._save is not None

    @property
    def busy(self) -> bool:
        """A burst of typing is on (written or not): the other panels have not caught up yet."""
        return self._owner is not None

    def pending_for(self, owner: QObject) -> bool:
        return self._owner is owner

    def typed(self, owner: QObject, save: Callable[[], None]) -> None:
        """``owner`` (the field's editor) has new text; ``save()`` writes its latest value."""
        if self._owner is not None and self._owner is not owner:
            self.flush()  # another field's typing first
        self._owner, self._save = owner, save
        if not self._write_timer.isActive():  # not restarted by later keys: each key written within 300 ms
            self._write_timer.start()
        self._pause_timer.start()  # restarted by every key
        if not self._filtering:
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
                self._filtering = True

    def discard(self, owner: QObject) -> None:
        """The field's text became invalid: nothing (more) to write."""
        if self._owner is owner:
            self._save = None
            self._write_timer.stop()

    def write(self) -> None:
        """Write the latest typed value; the burst goes on (the other panels wait for the pause)."""
        save, self._save = self._save, None
        if save is not None:
            save()

    def flush(self) -> None:
        """Write what is typed and end the burst: everything catches up now."""
        self._write_timer.stop()
        self._pause_timer.stop()
        try:
            self.write()
        finally:
            was_busy = self._owner is not None
            self._owner = None
            if self._filtering:
                app = QCoreApplication.instance()
                if app is not None:
                    app.removeEventFilter(self)
                self._filtering = False
            if was_busy:
                self.burstEnded.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        t = event.type()
        if t == QEvent.Type.Shortcut or (t == QEvent.Type.MouseButtonPress and obj is not self._owner):
            self.flush()  # before the shortcut's action or the click's effect
        elif t == QEvent.Type.ShortcutOverride and obj is self._owner and _may_be_shortcut(event):
            # Before the key is looked up: Ctrl+Z must find the typing on the undo stack (its action
            # is disabled while the stack is empty), Enter must see the typed value, not a proposal.
            self.flush()
        return False


# Keys that act on the field's value rather than edit its text (Enter accepts a proposal, Delete
# rejects one, Tab leaves): the value must be saved before they are looked at.
_ACTING_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Escape, Qt.Key.Key_Tab,
                Qt.Key.Key_Backtab}


def _may_be_shortcut(event) -> bool:
    mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                | Qt.KeyboardModifier.MetaModifier)
    return bool(mods) or Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35 or event.key() in _ACTING_KEYS
