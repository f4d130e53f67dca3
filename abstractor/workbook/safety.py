"""Checks on a workbook file before any parser sees it.

A workbook is a zip of XML parts.  Before parsing we open the zip ourselves
and stream every part once (a worksheet just before it is parsed): a file that
is not a zip, is cut short, would inflate to gigabytes (a zip bomb), declares
XML entities (an entity bomb; real workbooks never carry a DTD), carries macros
or has a sheet reaching past the cell limits of safety_extent.py is refused
with a message, and no sheet is parsed before its own check.
"""
from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from abstractor.errors import AbstractorError
from abstractor.workbook.safety_extent import ExactScan, ExtentScan, FormulaScan, book_problem

MAX_FILE_BYTES = 1 << 30  # 1 GiB on disk
MAX_TOTAL_BYTES = 4 << 30  # all parts, inflated
MAX_PART_BYTES = 2 << 30
MAX_RATIO = 200  # inflated / compressed, for parts over RATIO_FLOOR bytes
RATIO_FLOOR = 16 << 20
MAX_PARTS = 10_000
_CHUNK = 4 << 20  # inflated bytes per read: fewer, larger searches (each chunk costs a fixed few regexes)


class WorkbookRejected(AbstractorError):
    """The file is not a workbook this program can read; nothing was changed."""


def check_file(path: str | Path) -> dict[str, dict[tuple[int, int], str]]:
    """Refuse a file that is not safe to read; return the formula cells of each sheet that has any
    ({sheet name: {(row, column) from 0: formula text}}), found during the same scan."""
    with open_checked(path) as guard:
        guard.check_rest()
        return guard.formulas


def open_checked(path: str | Path) -> "BookGuard":
    """The file checked as a whole and every part but the worksheets; each worksheet is checked when
    ``check_sheet`` is called, before a reader parses it (reading.py checks the next sheet while
    calamine parses the one before).  Close it (a context manager)."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise WorkbookRejected(f"{path}: no such file")
    if path.is_dir():
        raise WorkbookRejected(f"{path}: is a folder, not a workbook")
    if path.suffix.lower() in (".xlsm", ".xltm", ".xlsb"):
        raise WorkbookRejected(f"{name}: is a macro-enabled or binary workbook ({path.suffix}); "
                               "save it as an Excel Workbook (.xlsx) without macros and import that")
    size = path.stat().st_size
    if size == 0:
        raise WorkbookRejected(f"{name}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise WorkbookRejected(f"{name}: the file is too large to be a workbook of this program ({size:,} bytes)")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise WorkbookRejected(f"{name}: cannot be read ({exc.strerror})") from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookRejected(f"{name}: is an old-style .xls workbook (or encrypted); save it as .xlsx and retry")
    if not head.startswith(b"PK"):
        raise WorkbookRejected(f"{name}: is not an Excel .xlsx workbook (not a zip file)")
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise WorkbookRejected(f"{name}: the workbook is damaged or truncated (its zip directory is missing)") from None
    except (OSError, ValueError) as exc:
        raise WorkbookRejected(f"{name}: cannot be opened as a workbook ({exc})") from None
    try:
        return BookGuard(name, zf)
    except BaseException:
        zf.close()
        raise


class BookGuard:
    """One workbook's checks: the whole file and its small parts when made, each worksheet part on
    ``check_sheet`` (inflated with a cap, no DTD, its extent within the limits, the book's rows and
    cells so far within theirs), so no sheet is parsed before its own check and the work done before a
    too-large book is refused is bounded by the limits themselves."""

    def __init__(self, name: str, zf: zipfile.ZipFile):
        self.name, self.zf = name, zf
        self.formulas: dict[str, dict[tuple[int, int], str]] = {}  # sheet -> formula cells (check_sheet)
        self.total = self.book_rows = self.book_cells = 0
        infos = zf.infolist()
        if len(infos) > MAX_PARTS:
            raise WorkbookRejected(f"{name}: has {len(infos):,} parts; not a workbook of this program")
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise WorkbookRejected(f"{name}: is a zip file but not an Excel .xlsx workbook")
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise WorkbookRejected(f"{name}: contains macros; save it as an Excel Workbook (.xlsx) without macros "
                                   "and import that")
        sheets = _worksheet_parts(name, zf, names)
        self.named = set(sheets.values())  # sheet names whose parts are known
        self.sizes: dict[str, int] = {}  # sheet name -> its parts' declared inflated bytes (a cap: _stream_member)
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL_BYTES:
            raise WorkbookRejected(f"{name}: would inflate to {declared:,} bytes (a zip bomb?); refused")
        self.unchecked: dict[str, tuple[zipfile.ZipInfo, str]] = {}  # worksheet part -> (info, sheet name)
        for info in infos:
            if info.flag_bits & 0x1:
                raise WorkbookRejected(f"{name}: is encrypted (password protected); remove the password and retry")
            _check_ratio(name, info.filename, info.file_size, info.compress_size)
            sheet = sheets.get(info.filename)
            if sheet is not None:
                self.unchecked[info.filename] = (info, sheet)
                self.sizes[sheet] = self.sizes.get(sheet, 0) + info.file_size
            else:
                self.total += _stream_member(name, zf, info, MAX_TOTAL_BYTES - self.total)
        if b"macroEnabled" in zf.read("[Content_Types].xml"):
            raise WorkbookRejected(f"{name}: is a macro-enabled workbook; save it as .xlsx without macros")

    def check_sheet(self, sheet: str) -> None:
        """Check the worksheet part(s) of ``sheet``; every unchecked one when no part is known by that name
        (calamine found the sheet some other way)."""
        if sheet in self.named:
            parts = [p for p, (_, n) in self.unchecked.items() if n == sheet]
        else:
            parts = list(self.unchecked)
        for part in parts:
            self._check_part(*self.unchecked.pop(part))

    def size(self, sheet: str) -> int:
        """The inflated bytes ``sheet``'s XML declares (each part is refused past its declared size);
        unknown sheets count as large."""
        return self.sizes.get(sheet, MAX_PART_BYTES)

    def check_rest(self) -> None:
        """Check every worksheet part not checked yet (sheets no reader asked for, parts nothing names)."""
        for part in list(self.unchecked):
            self._check_part(*self.unchecked.pop(part))

    def _check_part(self, info: zipfile.ZipInfo, sheet: str) -> None:
        scan = ExtentScan()
        self.total += _stream_member(self.name, self.zf, info, MAX_TOTAL_BYTES - self.total, scan)
        _check_extent(self.name, self.zf, info, sheet, scan)
        self.book_rows += scan.extent.rows
        self.book_cells += scan.extent.rows * scan.extent.columns
        too_big = book_problem(self.book_rows, self.book_cells)
        if too_big:
            raise WorkbookRejected(f"{self.name}: {too_big}")
        if scan.extent.formulas:
            self.formulas[sheet] = _formula_cells(self.zf, info)

    def close(self) -> None:
        self.zf.close()

    def __enter__(self) -> "BookGuard":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _formula_cells(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[tuple[int, int], str]:
    scan = FormulaScan()
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(_CHUNK)
            scan.feed(chunk, final=not chunk)
            if not chunk:
                return scan.cells


def _check_ratio(name: str, part: str, size: int, compressed: int) -> None:
    if size > MAX_PART_BYTES:
        raise WorkbookRejected(f"{name}: the part {part} would inflate to {size:,} bytes (a zip bomb?); refused")
    if size > RATIO_FLOOR and size > MAX_RATIO * max(compressed, 1):
        raise WorkbookRejected(f"{name}: the part {part} is compressed {size // max(compressed, 1):,} to 1 "
                               "(a zip bomb?); refused")


def _stream_member(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, scan=None) -> int:
    """Inflate one part with a hard cap (declared sizes can lie); look for DTDs in XML."""
    is_xml = info.filename.endswith((".xml", ".rels", ".vml"))
    n = 0
    tail = b""
    try:
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                if not chunk:
                    break
                n += len(chunk)
                if n > info.file_size or n > budget:
                    raise WorkbookRejected(f"{name}: the part {info.filename} inflates beyond its declared size "
                                           "(a zip bomb?); refused")
                if n > RATIO_FLOOR and n > MAX_RATIO * max(info.compress_size, 1):
                    raise WorkbookRejected(f"{name}: the part {info.filename} is a zip bomb; refused")
                if is_xml and n == len(chunk) and chunk[:2] in (b"\xff\xfe", b"\xfe\xff"):
                    raise WorkbookRejected(f"{name}: the part {info.filename} is UTF-16 XML, which this program "
                                           "does not read; refused")
                if is_xml:
                    window = tail + chunk
                    # "!" is rare in XML: one fast search, the two tags looked for only where it is found
                    if b"!" in window and (b"<!DOCTYPE" in window or b"<!ENTITY" in window):
                        raise WorkbookRejected(f"{name}: the part {info.filename} declares XML entities "
                                               "(possible entity bomb); refused")
                    tail = chunk[-16:]
                if scan is not None:
                    scan.feed(chunk)
    except WorkbookRejected:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise WorkbookRejected(f"{name}: the workbook is damaged or truncated ({info.filename}: {exc})") from None
    return n


_RELS = "xl/_rels/workbook.xml.rels"
_SMALL = 8 << 20  # workbook.xml and its relationships: a few KB in any real workbook


def _worksheet_parts(name: str, zf: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """{zip part: sheet name} for every sheet of the workbook, as calamine finds them (workbook.xml and its
    relationships), plus any other part under xl/worksheets/ (a sheet the relationships hide)."""
    import posixpath

    from defusedxml import DefusedXmlException, ElementTree as SafeET

    parts = {n: posixpath.basename(n) for n in names
             if n.startswith("xl/worksheets/") and n.endswith(".xml") and "/_rels/" not in n}
    if _RELS not in names:
        return parts
    try:
        for part in ("xl/workbook.xml", _RELS):
            if zf.getinfo(part).file_size > _SMALL:
                raise WorkbookRejected(f"{name}: the part {part} is {zf.getinfo(part).file_size:,} bytes; "
                                       "not a workbook of this program")
        book = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rels = SafeET.fromstring(zf.read(_RELS))
    except WorkbookRejected:
        raise
    except DefusedXmlException:
        raise WorkbookRejected(f"{name}: the workbook's list of sheets declares XML entities (possible entity "
                               "bomb); refused") from None
    except Exception as exc:  # a damaged part, a zip error
        raise WorkbookRejected(f"{name}: the workbook's list of sheets cannot be read ({type(exc).__name__})") \
            from None
    target = {r.get("Id"): r.get("Target") or "" for r in rels if r.tag.endswith("Relationship")}
    for el in book.iter():
        if not el.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
        t = target.get(rid, "")
        if t:
            part = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
            parts[part] = el.get("name") or part
    return parts


def _check_extent(name: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str, scan: ExtentScan) -> None:
    """Refuse a sheet reaching past the limits, before any reader allocates it."""
    extent = scan.done()
    bad = None
    if not extent.fast:  # a cell form the fast scan does not read: read the part again, exactly
        exact = ExactScan(extent)
        with zf.open(info) as fh:
            while True:
                chunk = fh.read(_CHUNK)
                exact.feed(chunk, final=not chunk)
                if not chunk or exact.bad or extent.problem():
                    break
        bad = exact.bad
    why = bad or extent.problem()
    if why:
        raise WorkbookRejected(f"{name}: sheet {sheet} {why}")
