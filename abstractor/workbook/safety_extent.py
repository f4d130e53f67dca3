"""How far a worksheet reaches, measured from its XML before calamine reads it.

calamine holds a sheet as one dense rectangle from its first to its last cell:
a single cell at XFD1048576 asks for 512 GiB and aborts the process.  So each
worksheet part is scanned while safety.py inflates it anyway: the coordinate
of every ``<c>`` is checked against the limits below before any reader
allocates.  The declared ``<dimension ref>`` is not trusted either way:
calamine sizes a sheet by its cells (a declared A1:XFD1048576 over four rows
costs it 12 MB), so the cells are what is measured.

The scan has a fast path for the form every spreadsheet program writes
(``<c r="B12" ...`` with ``r`` first and no namespace prefix): two byte
regexes per chunk, no Python work per cell.  When a chunk holds any other cell
form (a prefix, ``r`` elsewhere or missing), the part is scanned again with
expat, following calamine's rules (a cell without ``r`` is the next column,
a row without ``r`` the next row).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional
from xml.parsers import expat

MAX_ROWS = 1_048_576  # Excel's own limit: every real workbook fits
MAX_COLUMNS = 1_024  # the widest sheet of this program has fewer than 60
MAX_CELLS = 16_000_000  # rows x columns of one sheet's rectangle (about 0.5 GB in calamine)
# The whole workbook, all sheets together: about 24,000 studies of 25 rows.  Past it, reading and
# comparing every study would take minutes and gigabytes, so it is refused before the sheet that
# passes it is parsed (the sheets before it are within the limits: the work is bounded by them).
MAX_BOOK_ROWS = 600_000
MAX_BOOK_CELLS = 12_000_000


def book_problem(rows: int, cells: int) -> Optional[str]:
    """Why a workbook of these sizes (summed over its sheets) is too large, or None."""
    if rows > MAX_BOOK_ROWS or cells > MAX_BOOK_CELLS:
        return (f"has at least {rows:,} rows and {cells:,} cells in its sheets; this program reads workbooks of at "
                f"most {MAX_BOOK_ROWS:,} rows and {MAX_BOOK_CELLS:,} cells (split it into several)")
    return None

# Every <c> tag; its row number when it is of the fast form, else b"" (then the exact scan decides).
_CELL_ROW = re.compile(rb'<c(?=[\s/>])(?: r="[A-Z]{1,3}([1-9][0-9]{0,6})")?')
_FAST_COLUMN = re.compile(rb'<c r="([A-Z]{1,3})[1-9]')
# A <c> tag not of the fast form (r first, a row of at most 7 digits): the part is scanned exactly.
_NOT_FAST = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z]{1,3}[1-9][0-9]{0,6}")')
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")
_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_REF = re.compile(r"^\$?([A-Za-z]{1,4})\$?([0-9]{1,9})$")
_CARRY = 32  # bytes: enough for the start of any fast-path tag


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out or "A"


@dataclass
class Extent:
    """The farthest row and column a sheet reaches."""

    rows: int = 0
    columns: int = 0
    fast: bool = True  # False: a chunk held a cell form the fast path does not read
    formulas: bool = False  # some cell holds a formula (<f>): FormulaScan says which

    def problem(self) -> Optional[str]:
        """What exceeds a limit, in words, or None."""
        why = _over(self.rows, self.columns)
        if why:
            return f"reaches cell {column_letters(self.columns)}{self.rows} ({why})"
        return None


def _over(rows: int, cols: int) -> Optional[str]:
    if rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_CELLS:
        return (f"this program reads at most {MAX_ROWS:,} rows, {MAX_COLUMNS:,} columns and "
                f"{MAX_CELLS:,} cells per sheet")
    return None


@lru_cache(maxsize=64)
def _below(rows: int) -> re.Pattern:
    """A fast-form cell whose row number is greater than ``rows`` (a search, no list of matches)."""
    m = str(rows)
    n = len(m)
    alts = [f"[1-9][0-9]{{{n},6}}"] if n < 7 else []
    for i, ch in enumerate(m):
        if ch != "9":
            alts.append(f"{m[:i]}[{int(ch) + 1}-9][0-9]{{{n - i - 1}}}")
    if not alts:  # 9999999: no row of seven digits lies past it
        return re.compile(rb"(?!)")
    return re.compile(('<c r="[A-Z]{1,3}(?:' + "|".join(alts) + ')"').encode())


@lru_cache(maxsize=64)
def _beyond(columns: int) -> re.Pattern:
    """A fast-form cell whose column lies past column number ``columns`` (a search, no list of matches)."""
    if columns == 0:
        return _FAST_COLUMN
    m = column_letters(columns)
    n = len(m)
    alts = [f"[A-Z]{{{n + 1},3}}"] if n < 3 else []
    for i, ch in enumerate(m):
        if ch != "Z":
            alts.append(f"{m[:i]}[{chr(ord(ch) + 1)}-Z][A-Z]{{{n - i - 1}}}")
    if not alts:  # ZZZ: no column of three letters lies past it
        return re.compile(rb"(?!)")
    return re.compile(('<c r="(?:' + "|".join(alts) + ')[1-9]').encode())


def _largest(items: set[bytes]) -> bytes:
    """The largest of column names or numbers written without leading zeros (longest, then greatest)."""
    n = len(max(items, key=len))
    return max(x for x in items if len(x) == n)


class ExtentScan:
    """Fed a worksheet part chunk by chunk; ``done()`` returns its Extent."""

    def __init__(self):
        self.extent = Extent()
        self._carry = b""
        self._tail = b""

    def feed(self, chunk: bytes, final: bool = False) -> None:
        ext = self.extent
        edge = self._tail + chunk[:16]
        # Any formula tag holds "<f" or ":f" (a substring search, much faster than the pattern's own).
        if not ext.formulas and (_formula_in(chunk) or _formula_in(edge)):
            ext.formulas = True
        if not ext.fast:
            self._tail = chunk[-16:]
            return
        if _PREFIXED.search(edge) or _PREFIXED.search(chunk):
            ext.fast = False
            return
        self._tail = chunk[-16:]
        window = self._carry + chunk
        cut = window.rfind(b"<")
        if not final and cut >= 0 and len(window) - cut < _CARRY:
            window, self._carry = window[:cut], window[cut:]
        else:
            self._carry = b""
        # The farthest row: a sheet's cells come in order, so the last cell's row is the largest unless a
        # search finds a cell below it (no Python code, no list, per cell); else every row number is read.
        last = window.rfind(b'<c r="')
        found = _CELL_ROW.match(window, last) if last >= 0 else None
        rows = max(ext.rows, int(found.group(1))) if found and found.group(1) else ext.rows
        if not _suspects(rows, ext.columns).search(window):  # one search for the three below: the usual case
            ext.rows = rows
            return
        if _NOT_FAST.search(window):
            ext.fast = False
            return
        if last >= 0:
            if _below(rows).search(window):
                rows = max(rows, int(_largest(set(_CELL_ROW.findall(window)) - {b""})))
            ext.rows = rows
            if _beyond(ext.columns).search(window):  # a column past the farthest so far: rare after the first rows
                ext.columns = max(ext.columns, column_number(_largest(set(_FAST_COLUMN.findall(window))).decode()))

    def done(self) -> Extent:
        if self._carry and self.extent.fast:
            self.feed(b"", final=True)
        return self.extent


_PLAIN_FORMULA = re.compile(rb"<f[\s/>]")
_COLON_F = re.compile(rb":f[\s/>]")  # a prefixed formula tag holds it (":" is rare: a fast search)


def _formula_in(data: bytes) -> bool:
    """``_FORMULA.search(data)``, by two searches with a fixed start (much faster than its own)."""
    return _PLAIN_FORMULA.search(data) is not None or (_COLON_F.search(data) is not None
                                                       and _FORMULA.search(data) is not None)


@lru_cache(maxsize=64)
def _suspects(rows: int, columns: int) -> re.Pattern:
    """One search for any cell that one of the three below would find: not of the fast form (_NOT_FAST),
    below row ``rows`` (_below), right of column ``columns`` (_beyond); nothing found, none of them would."""
    def tail(p: re.Pattern) -> str:
        text = p.pattern.decode()
        return text[len("<c"):] if text.startswith("<c") else "(?!)"  # (?!): nothing lies past the edge

    alts = [tail(_NOT_FAST)[len("(?=[\\s/>])"):], f"(?={tail(_below(rows))})", f"(?={tail(_beyond(columns))})"]
    return re.compile(("<c(?=[\\s/>])(?:" + "|".join(alts) + ")").encode())


class ExactScan:
    """The slow, exact scan with expat (for cell forms the fast path does not read)."""

    def __init__(self, extent: Extent):
        self.extent = extent
        self.row = 0
        self.col = 0
        self.bad: Optional[str] = None
        p = self.parser = expat.ParserCreate()
        p.StartElementHandler = self._start

    def _start(self, name: str, attrs: dict) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "row":
            r = attrs.get("r")
            self.row = int(r) if r is not None and r.isdigit() else self.row + 1
            self.col = 0
            self.extent.rows = max(self.extent.rows, self.row)
        elif local == "c":
            ref = attrs.get("r")
            if ref is None:
                self.col += 1
                row = max(self.row, 1)
            else:
                m = _REF.match(ref)
                if m is None:
                    self.bad = f"has a cell with the unreadable coordinate {ref[:40]!r}"
                    raise _Stop
                self.col, row = column_number(m.group(1)), int(m.group(2))
            ext = self.extent
            ext.rows, ext.columns = max(ext.rows, row), max(ext.columns, self.col)
            if ext.problem():
                raise _Stop  # the limit is passed; no need to read on

    def feed(self, chunk: bytes, final: bool = False) -> None:
        if self.bad is not None or self.extent.problem():
            return
        try:
            self.parser.Parse(chunk, final)
        except _Stop:
            pass
        except expat.ExpatError as exc:
            self.bad = f"is not well-formed XML ({expat.ErrorString(exc.code)}, line {exc.lineno})"


# LibreOffice saves a boolean cell as the formula =TRUE() or =FALSE(): a value, not a formula.
_CONSTANTS = ("TRUE()", "FALSE()")


class FormulaScan:
    """The cells holding a formula, with its text: {(row, column) from 0: "SUM(A1:A3)"}.  Run only on
    a sheet whose fast scan saw an <f> element (a reviewer typed a formula), so never on a plain export."""

    def __init__(self):
        self.cells: dict[tuple[int, int], str] = {}
        self.row = 0
        self.col = 0
        self._text: list[str] = []
        self._in_f = False
        p = self.parser = expat.ParserCreate()
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._data

    def _start(self, name: str, attrs: dict) -> None:
        local = name.rsplit(":", 1)[-1]
        if local == "row":
            r = attrs.get("r")
            self.row = int(r) if r is not None and r.isdigit() else self.row + 1
            self.col = 0
        elif local == "c":
            m = _REF.match(attrs.get("r") or "")
            if m is None:
                self.col += 1
            else:
                self.col, self.row = column_number(m.group(1)), int(m.group(2))
        elif local == "f":
            self._in_f, self._text = True, []

    def _end(self, name: str) -> None:
        if self._in_f and name.rsplit(":", 1)[-1] == "f":
            self._in_f = False
            text = "".join(self._text)
            if text.strip().upper() not in _CONSTANTS:
                self.cells[(max(self.row, 1) - 1, max(self.col, 1) - 1)] = text or "(a shared formula)"

    def _data(self, text: str) -> None:
        if self._in_f:
            self._text.append(text)

    def feed(self, chunk: bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError:
            pass  # the extent scan reports a broken part


class _Stop(Exception):
    pass
