"""Work-arounds for bugs in the Qt binding this program runs on.

PySide6 6.12.0 on Python 3.11: a call to any Qt method that returns nothing
(``label.setText(...)``, ``widget.setEnabled(...)``) and an empty QVariant read
back from Qt (``combo.currentData()``, ``index.data()``) give Python ``None``
without taking a reference to it; each such call drops None's reference count
by one.  A window makes hundreds of such calls per edit, so after some
thousands of edits the count reaches zero and Python aborts with "Fatal Python
error: none_dealloc: deallocating None".  The same binding drops a reference to
True on every ``signal.emit(...)`` made from Python ("bool_dealloc").
Python 3.12 made None, True and False immortal (PEP 683), which hides the bug.

Measured on Python 3.11.7 (50 calls each of ``QObject.setObjectName``, a signal's
``emit`` and an unset ``property()``; see ``reference_drops``): 6.7.3, 6.8.3,
6.9.3, 6.10.3 and 6.11.3 lose nothing; 6.12.0 loses one reference per call.
No good version can be pinned: QtPdf (the PDF pages) comes from pyside6-pdf, which
exists only as 6.12.0.x and requires PySide6-Essentials 6.12.0.  So on the affected
versions None, True and False get a reference count that these leaks can never use
up; tests/gui/test_qt_compat.py fails when a listed version stops leaking or an
unlisted one starts.
"""
from __future__ import annotations

import ctypes
import sys

AFFECTED = frozenset({"6.12.0"})  # PySide6 versions that drop references (measured, see above)
_RESERVE = 1 << 50  # ~10^15 calls; ob_refcnt is a signed 64-bit count


def needs_reserve(version: str) -> bool:
    return version in AFFECTED and sys.version_info < (3, 12) and not hasattr(sys, "gettotalrefcount")


def protect_none() -> None:
    """On the affected versions (Python < 3.12), make None, True and False as good as immortal."""
    import PySide6  # the package only (no Qt module is loaded by this)

    if not needs_reserve(PySide6.__version__):
        return
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # PyObject.ob_refcnt, the first field
        if refcnt.value < _RESERVE:
            refcnt.value += _RESERVE


def reference_drops(calls: int = 50) -> tuple[int, int]:
    """(references to None, to True) lost over ``calls`` void Qt calls and signal emits."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        sig = Signal(int)

    probe = _Probe()
    probe.setObjectName("probe")
    probe.sig.emit(0)
    none, true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(calls):
        probe.setObjectName("probe")
        probe.sig.emit(0)
    return none - sys.getrefcount(None), true - sys.getrefcount(True)
