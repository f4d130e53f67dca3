"""Work-arounds for bugs in the Qt binding this program runs on.

PySide6 6.12 on Python 3.11: a call to any Qt method that returns nothing
(``label.setText(...)``, ``widget.setEnabled(...)``) and an empty QVariant read
back from Qt (``combo.currentData()``, ``index.data()``) give Python ``None``
without taking a reference to it; each such call drops None's reference count
by one.  A window makes hundreds of such calls per edit, so after some
thousands of edits the count reaches zero and Python aborts with "Fatal Python
error: none_dealloc: deallocating None" (reproduced: 100 ``setText`` calls
lower it by 100).  Python 3.12 made None immortal (PEP 683), which hides the bug
there; on 3.11 we give None a reference count that these leaks can never use up.

The same binding drops a reference to True on every ``signal.emit(...)`` made
from Python (the emit's result): 5,000 emits of a signal abort a bare script
with "Fatal Python error: bool_dealloc"; a window emits several signals per
edit.  True and False get the same reserve.
"""
from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 50  # ~10^15 calls; ob_refcnt is a signed 64-bit count


def protect_none() -> None:
    """Make None, True and False as good as immortal on Python < 3.12 (no effect on 3.12+, where
    they already are)."""
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # debug builds: leave alone
        return
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # PyObject.ob_refcnt, the first field
        if refcnt.value < _RESERVE:
            refcnt.value += _RESERVE
