"""A checked workbook's sheets, each parsed by calamine on a worker thread while this thread works.

calamine parses a sheet without holding the GIL (about 40% of reading a large workbook).  So while
the reader streams the rows of one sheet, the next is parsed; and the check of a worksheet's XML
(safety.BookGuard: no sheet is parsed before its own check) runs here while the sheet before it is
parsed.  At most two sheets are in calamine's hands (the one read, the next); what a sheet let go
used is handed back to the system at once, so the peak stays that of reading one sheet at a time.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Optional


class SheetFeed:
    """``take(name)``: the parsed calamine sheet.  Sheets are expected in ``order`` (the next one is
    checked, then parsed, ahead); one asked out of order is checked and parsed then.  Close it (a context
    manager): the worker is waited for, so nothing parses after the reading ends."""

    def __init__(self, book, guard, order: list[str]):
        self.book, self.guard, self.order = book, guard, order
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="sheet-parse")
        self._ahead: Optional[tuple[str, Future]] = None  # the next sheet, being parsed

    def take(self, name: str):
        """The parsed sheet; the reader streams its rows while the next sheet is parsed.  The sheet
        taken before must have been let go (at most two sheets in calamine's hands)."""
        _give_back_memory()  # the sheet before was let go: its calamine copy goes back to the system
        if self._ahead is not None and self._ahead[0] == name:
            parsing = self._ahead[1]
            self._ahead = None
        else:
            self._drop_ahead()
            self.guard.check_sheet(name)
            parsing = self._pool.submit(self.book.get_sheet_by_name, name)
        nxt = self._after(name)
        try:
            if nxt is not None:
                self.guard.check_sheet(nxt)  # while ``name`` is parsed, if it still is
            sheet = parsing.result()
        except BaseException:
            _wait(parsing)  # a refused next sheet: this one's parse ends before the error goes up
            raise
        if nxt is not None:
            self._ahead = (nxt, self._pool.submit(self.book.get_sheet_by_name, nxt))
        return sheet

    def _drop_ahead(self) -> None:
        if self._ahead is not None:
            _wait(self._ahead[1])
            self._ahead = None

    def _after(self, name: str) -> Optional[str]:
        i = self.order.index(name) + 1 if name in self.order else len(self.order)
        return self.order[i] if i < len(self.order) else None

    def close(self) -> None:
        self._drop_ahead()
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
    """glibc keeps part of what a parse freed in the worker thread's own heap, where nothing else reuses
    it (20-40 MB at the peak of a large workbook); ``malloc_trim`` hands it back (a few ms).  Elsewhere:
    nothing to do."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (musl has no malloc_trim)
