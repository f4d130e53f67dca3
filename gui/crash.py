"""Unexpected exceptions: logged to a file in the user's data folder, reported once, work kept.

Every edit is already saved when it is made, so an unexpected error never
loses work; the window keeps running and the user is told where the details are.
"""
from __future__ import annotations

import logging
import sys
import traceback
from typing import Callable, Optional

_log = logging.getLogger("abstractor.gui")
_reported = False


def install(show: Callable[[str, str], None], log_path: Optional[str] = None) -> None:
    if log_path is None:
        from abstractor.paths import log_file

        log_path = str(log_file())
    handler = logging.FileHandler(log_path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    _log.addHandler(handler)
    _log.setLevel(logging.INFO)

    def hook(exc_type, exc, tb) -> None:
        global _reported
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        _log.error("unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        from abstractor.errors import AbstractorError

        if issubclass(exc_type, AbstractorError):
            show("Problem", str(exc))
            return
        if not _reported:
            _reported = True
            show("Unexpected problem",
                 "Something went wrong inside the program. Your work is saved: every change was stored "
                 f"as you made it.\n\nThe details were written to {log_path}; please send that file "
                 "to whoever looks after this program. Further problems this session are only logged.")

    sys.excepthook = hook
