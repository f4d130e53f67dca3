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
_log_path = "errors.log"  # set by install(); named in messages


def log_exception(where: str, exc: BaseException) -> str:
    """Write an exception caught in a worker thread (where sys.excepthook never sees it) to the log,
    with its traceback; returns the log file's path for the message shown to the user."""
    _log.error("unexpected error in %s\n%s", where,
               "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    return _log_path


def install(show: Callable[[str, str], None], log_path: Optional[str] = None) -> None:
    global _log_path
    if log_path is None:
        from abstractor.paths import log_file

        log_path = str(log_file())
    _log_path = log_path
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
