"""A checked workbook's sheets, each parsed by calamine on a worker thread while the next is checked.

calamine parses a sheet without holding the GIL (about 40% of reading a large workbook), and the
check of a worksheet's XML (safety.BookGuard: no sheet is parsed before its own check) is most of
the rest before the rows are read.  So while calamine parses a sheet, this thread checks the next
one.  Only one sheet is parsed at a time and only when the reader has let the one before go:
memory is what reading one sheet at a time takes.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Optional


class SheetFeed:
    """``take(name)``: the parsed calamine sheet.  Sheets are expected in ``order`` (the next one is
    checked while this one is parsed); one asked out of order is checked then.  Close it (a context
    manager): the worker is waited for, so nothing parses after the reading ends."""

    def __init__(self, book, guard, order: list[str]):
        self.book, self.guard, self.order = book, guard, order
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="sheet-parse")

    def take(self, name: str):
        self.guard.check_sheet(name)  # nothing to do when it was checked while the one before was parsed
        parsing = self._pool.submit(self.book.get_sheet_by_name, name)
        try:
            nxt = self._after(name)
            if nxt is not None:
                self.guard.check_sheet(nxt)
            return parsing.result()
        except BaseException:
            _wait(parsing)  # a refused next sheet: this one's parse ends before the error goes up
            raise

    def _after(self, name: str) -> Optional[str]:
        i = self.order.index(name) + 1 if name in self.order else len(self.order)
        return self.order[i] if i < len(self.order) else None

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        _give_back_memory()

    def __enter__(self) -> "SheetFeed":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _wait(parsing: Future) -> None:
    try:
        parsing.result()
    except Exception:
        pass  # the error that stopped the reading is the one to report


def _give_back_memory() -> None:
    """glibc keeps what the worker thread's parses freed in that thread's own heap, where nothing else
    reuses it (about 30 MB after a large workbook); ``malloc_trim`` hands it back.  Elsewhere: nothing."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (musl has no malloc_trim)
