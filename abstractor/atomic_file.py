"""Writing an output file all at once: beside the target under a temporary name, then renamed.

A crash, Ctrl+C or a full disk never leaves half a file under the real name.  The
temporary name is visible (``report.xlsx.partial-1234-ab12``, not a hidden dot file),
so a SIGKILL that no program can clean up after leaves something a person sees, and
the next write to the same target removes such leftovers whose process is gone.
"""
from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from abstractor.errors import AbstractorError

_MARK = ".partial-"


class OutputError(AbstractorError):
    """An output file could not be written; the message names it and says why."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_leftovers(path: Path) -> None:
    """Remove temporary files of earlier writes to ``path`` whose process was killed."""
    try:
        leftovers = list(path.parent.glob(f"{path.name}{_MARK}*"))
    except OSError:
        return
    for p in leftovers:
        pid = p.name[len(path.name) + len(_MARK):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                p.unlink()
            except OSError:
                pass


@contextmanager
def atomic_output(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on any failure it is removed.

    OSError (no folder, no permission, disk full) becomes OutputError ``path: cannot be written (reason)``."""
    path = Path(path)
    if not path.parent.is_dir():
        raise OutputError(f"{path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder")
    clean_leftovers(path)
    tmp = path.with_name(f"{path.name}{_MARK}{os.getpid()}-{secrets.token_hex(3)}")
    try:
        try:
            yield tmp
            os.replace(tmp, path)
        except OSError as exc:
            raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:  # also on KeyboardInterrupt, SystemExit (SIGTERM in the CLI) and any other error
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
