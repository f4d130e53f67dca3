"""The window: Qt only.  Views, Qt item models over the core, undo commands, dialogs."""
from gui.qt_compat import protect_none

protect_none()  # before any Qt call: see gui/qt_compat.py
