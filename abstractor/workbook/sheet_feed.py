"""A checked workbook's sheets, each parsed by calamine on a worker thread while this thread works.

calamine parses a sheet without holding the GIL (about 40% of reading a large workbook).  So while
the reader streams the rows of one sheet, the next is parsed; and the check of a worksheet's XML
(safety.BookGuard: no sheet is parsed before its own check) runs here while the sheet before it is
parsed.  At most two large sheets are in calamine's hands (the one read, the next; small ones are
queued further ahead); what a sheet let go used is handed back to the system at once, so the peak
stays that of reading one sheet at a time.
"""
from __future__ import annotations

import sys
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import Optional


_AHEAD = 4  # sheets queued at most
_SMALL = 1 << 20  # inflated XML bytes of a sheet small enough to queue another behind it


class SheetFeed:
    """``take(name)``: the parsed calamine sheet.  Sheets are expected in ``order`` (the next one is
    checked, then parsed, ahead); one asked out of order is checked and parsed then.  Close it (a context
    manager): the worker is waited for, so nothing parses after the reading ends."""

    def __init__(self, book, guard, order: list[str]):
        self.book, self.guard, self.order = book, guard, order
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="sheet-parse")
        self._ahead: dict[str, Future] = {}  # the sheets after the one taken, checked and queued in order

    def take(self, name: str):
        """The parsed sheet; the reader streams its rows while the next sheet is parsed.  The sheet
        taken before must have been let go (at most two large sheets in calamine's hands)."""
        _give_back_memory()  # the sheet before was let go: its calamine copy goes back to the system
        parsing = self._ahead.pop(name, None)
        try:
            if parsing is None:
                self._drop_ahead()
                self.guard.check_sheet(name)
                parsing = self._submit(name)
            else:
                for skipped in [n for n in self._ahead if self._place(n) < self._place(name)]:
                    _wait(self._ahead.pop(skipped))  # a sheet the reader did not ask for (no codebook)
            self._queue_after(name)  # checked here while ``name`` is parsed, if it still is
            return parsing.result()
        except BaseException:
            if parsing is not None:
                _wait(parsing)  # e.g. a refused next sheet: nothing parses on once the error goes up
            self._drop_ahead()
            raise

    def _queue_after(self, name: str) -> None:
        """Keep the sheet after ``name`` queued, and the ones after it while those queued are small: the
        small first sheets (About, Overflow) then do not hold up the parse of a large one (Studies)."""
        last = next(reversed(self._ahead), name)
        while len(self._ahead) < _AHEAD and (not self._ahead or self.guard.size(last) < _SMALL):
            last = self._after(last)
            if last is None:
                return
            self.guard.check_sheet(last)
            self._ahead[last] = self._submit(last)

    def _submit(self, name: str) -> Future:
        return self._pool.submit(self.book.get_sheet_by_name, name)

    def _drop_ahead(self) -> None:
        while self._ahead:
            _wait(self._ahead.pop(next(iter(self._ahead))))

    def _place(self, name: str) -> int:
        return self.order.index(name) if name in self.order else len(self.order)

    def _after(self, name: str) -> Optional[str]:
        i = self._place(name) + 1
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
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's malloc_trim, looked up once; None on other systems (musl, macOS, Windows)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
