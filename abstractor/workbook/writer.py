"""Sheet writer: openpyxl builds the package, we write the sheet data.

openpyxl (write-only mode) writes everything but the data rows: the styled
header row, column widths, frozen panes, autofilter, dropdown validations,
styles, the workbook and its relationships.  The data rows of each sheet are
written here, straight as SpreadsheetML ``<row>``/``<c>`` elements, into a
temporary file per sheet; ``save_workbook`` then copies openpyxl's package
into the final zip, putting each sheet's rows into its ``<sheetData>``.

The cell XML is small and fixed (ECMA-376 Part 1, 18.3.1.4 c, 18.3.1.73 row):

- text: ``<c r="B2" s="1" t="inlineStr"><is><t>...</t></is></c>``, XML-escaped
  (``&``, ``<``, ``>``, and ``\\r`` as ``&#13;`` so that it survives XML's
  line-end normalisation), ``xml:space="preserve"`` when it starts or ends
  with white space, after the OOXML ``_xHHHH_`` escape of control characters;
- numbers: ``<c r="N2" t="n"><v>20</v></c>`` (floats by ``repr``: every digit);
- booleans: ``<c r="Q2" t="b"><v>1</v></c>``;
- styles by index into the workbook's cell formats, which openpyxl registers
  for us from prepared cells (wrapped text, quote prefix, scientific format).

Text starting with ``=``, ``+``, ``-`` or ``@`` gets the quote-prefix style:
a string cell is never a formula, and Excel keeps it text when edited.
"""
from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
from typing import IO, Any, Callable, Iterable, Optional

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from abstractor.threshold_text import thresholds_text
from abstractor.workbook.cells import FORMULA_STARTS, encode_list, escape, mark_text, split_text
from abstractor.workbook.layout import Column, Sheet

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="305496")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
HEADER_BORDER = Border(bottom=Side(style="thin", color="1F3864"))
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
SCIENTIFIC = "0.00E+00"
MAX_ROWS = 1_048_576
_FLUSH = 1 << 20  # characters of rows buffered before a write to the sheet's temporary file


def xml_text(s: str) -> str:
    """Text as XML character data; a carriage return as &#13; (a parser turns a literal one into \\n)."""
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    return s


def _style_attr(cell: WriteOnlyCell) -> str:
    """' s="N"' for a styled cell (registers its format with the workbook), '' otherwise."""
    return f' s="{cell.style_id}"' if cell.has_style else ""


class SheetWriter:
    """One sheet: openpyxl gets the header and sheet settings, ``append`` writes the data rows."""

    def __init__(self, wb, sheet: Sheet, overflow: Optional[Callable[[list], None]] = None,
                 freeze: str = "A2", scientific: tuple[str, ...] = (), verbatim: tuple[str, ...] = ()):
        self.sheet = sheet
        self.ws = wb.create_sheet(sheet.name)
        self.rows = 0
        self.overflow = overflow
        cols = sheet.columns
        for i, col in enumerate(cols, 1):
            dim = self.ws.column_dimensions[get_column_letter(i)]
            dim.width = col.width
            if col.technical:  # ids and order: grouped at the right, one click folds them away
                dim.outlineLevel = 1
                self.ws.sheet_format.outlineLevelCol = 1
        self.ws.freeze_panes = freeze
        self.ws.append([self._header(col) for col in cols])
        for i, col in enumerate(cols, 1):
            if col.values and col.kind != "list":  # several choices: one per line, no dropdown
                self._validation(i, col)
        self._refs = [f'<c r="{get_column_letter(i)}' for i in range(1, len(cols) + 1)]
        self._convert = [self._converter(col, col.name in scientific, col.name in verbatim) for col in cols]
        # Wrapped columns and how many characters a line of each holds: rows get the height of their text.
        self._wrap = [(i, max(8, int(col.width * 1.2))) for i, col in enumerate(cols) if col.wrap]
        self._buf: list[str] = []
        self._buffered = 0
        self.body: IO[bytes] = tempfile.TemporaryFile(prefix="abstractor-sheet-")

    # --- setup ---------------------------------------------------------------
    def _header(self, col: Column) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, col.name)
        cell.font, cell.fill, cell.alignment, cell.border = HEADER_FONT, HEADER_FILL, HEADER_ALIGN, HEADER_BORDER
        return cell

    def _validation(self, index: int, col: Column) -> None:
        letter = get_column_letter(index)
        dv = DataValidation(type="list", formula1='"' + ",".join(col.values) + '"', allow_blank=True,
                            showErrorMessage=True, errorStyle="stop" if col.strict else "warning",
                            errorTitle=col.name, error=f"{col.name}: choose one of the listed values"
                            + ("" if col.strict else " (or keep your own)"))
        dv.add(f"{letter}2:{letter}{MAX_ROWS}")
        self.ws.data_validations.append(dv)

    def _styles(self, col: Column, scientific: bool) -> tuple[str, str, str]:
        """The s attributes of the column's text, quoted text and number cells."""
        text = WriteOnlyCell(self.ws)
        text.alignment = WRAP if col.wrap else TOP  # a row taller than one line reads from its top
        quoted = WriteOnlyCell(self.ws)
        quoted.alignment = WRAP if col.wrap else TOP
        quoted.quotePrefix = True
        number = WriteOnlyCell(self.ws)
        number.alignment = TOP
        if scientific or col.number_format:
            number.number_format = col.number_format or SCIENTIFIC
        return _style_attr(text), _style_attr(quoted), _style_attr(number)

    # --- rows ------------------------------------------------------------------
    def append(self, values: list[Any]) -> None:
        """Write one row of plain values in column order (None: an empty cell)."""
        self.rows += 1
        r = str(self.rows + 1)  # row 1 is the header
        lines = self._lines(values) if self._wrap else 1
        parts = ['<row r="', r, f'" ht="{min(409, 15 * lines)}" customHeight="1">' if lines > 1 else '">']
        for ref, conv, v in zip(self._refs, self._convert, values):
            if v is None:
                continue
            cell = conv(v)
            if cell is not None:
                parts += (ref, r, cell)
        parts.append("</row>")
        xml = "".join(parts)
        self._buf.append(xml)
        self._buffered += len(xml)
        if self._buffered >= _FLUSH:
            self._flush()

    def _lines(self, values: list[Any]) -> int:
        """Lines the row's longest wrapped cell takes at its column's width (a spreadsheet does not
        size rows by itself when a file is opened)."""
        most = 1
        for i, per_line in self._wrap:
            v = values[i] if i < len(values) else None
            if not v:
                continue
            if isinstance(v, str):
                n = sum(len(part) // per_line + 1 for part in v.split("\n")) if len(v) > per_line or "\n" in v else 1
            else:
                n = sum(len(x) // per_line + 1 if isinstance(x, str) else 1 for x in v) if isinstance(v, list) else 1
            if n > most:
                most = n
        return min(most, 27)

    def _flush(self) -> None:
        if self._buf:
            self.body.write("".join(self._buf).encode("utf-8"))
            self._buf.clear()
            self._buffered = 0

    def _converter(self, col: Column, scientific: bool, verbatim: bool) -> Callable[[Any], Optional[str]]:
        """value -> the cell's XML after its reference (the export's inner loop), one function per column."""
        s_text, s_quoted, s_number = self._styles(col, scientific)
        text_head = f'"{s_text} t="inlineStr"><is><t'
        quoted_head = f'"{s_quoted} t="inlineStr"><is><t'
        spill = self._spill

        def put_text(s: str) -> str:
            if len(s) > 8000:
                s = spill(col, s)
            s = escape(s)
            head = quoted_head if s[:1] in FORMULA_STARTS else text_head
            space = ' xml:space="preserve">' if s[:1].isspace() or s[-1:].isspace() else ">"
            return head + space + xml_text(s) + "</t></is></c>"

        kind = col.kind
        if kind == "float":
            number_head = f'"{s_number} t="n"><v>'

            def conv(v):
                return number_head + repr(float(v)) + "</v></c>"  # repr: every digit (openpyxl: %.16g)
        elif kind in ("int", "order"):
            int_head = f'"{s_number} t="n"><v>'

            def conv(v):
                return int_head + str(int(v)) + "</v></c>"
        elif kind == "bool":
            true, false = f'"{s_number} t="b"><v>1</v></c>', f'"{s_number} t="b"><v>0</v></c>'

            def conv(v):
                return true if v else false
        elif kind == "list":
            def conv(v):
                s = encode_list([str(x) for x in v]) if v else None
                return None if s is None else put_text(s)
        elif kind == "phases":
            def conv(v):
                return put_text("/".join(str(getattr(x, "value", x)) for x in v)) if v else None
        elif kind == "thresholds":
            def conv(v):
                return put_text(thresholds_text(v)) if v else None
        elif kind == "enum" and col.strict:
            def conv(v):
                return put_text(str(getattr(v, "value", v)))
        elif verbatim:
            def conv(v):
                return None if v == "" else put_text(v)
        else:
            def conv(v):
                v = str(getattr(v, "value", v))
                if not v or v[0] == '"':
                    v = mark_text(v)
                return put_text(v)
        return conv

    def _spill(self, col: Column, s: str) -> str:
        """Text over the cell limit: the first part stays, the rest goes to the Overflow sheet."""
        parts = split_text(s)
        if len(parts) == 1:
            return s
        if self.overflow is None:
            raise ValueError(f"{self.sheet.name}.{col.name}: text too long for one cell")
        digest = hashlib.sha256(parts[0].encode("utf-8")).hexdigest()
        for n, part in enumerate(parts[1:], 2):
            self.overflow([self.sheet.name, col.name, digest, n, part])
        return parts[0]

    def close(self) -> None:
        """No more rows: set the autofilter over them and finish the sheet's data file."""
        last = get_column_letter(len(self.sheet.columns))
        self.ws.auto_filter.ref = f"A1:{last}{max(self.rows + 1, 2)}"
        self._flush()

    def discard(self) -> None:
        self.body.close()


_SHEET_DATA_END = b"</sheetData>"


def save_workbook(wb, writers: Iterable[SheetWriter], path) -> None:
    """Save ``wb`` to ``path`` with each writer's rows in its sheet (the writers are closed first)."""
    writers = list(writers)
    bodies = {}
    for w in writers:
        w.close()
    package = io.BytesIO()
    wb.save(package)  # every part, each data sheet holding only its header row
    for w in writers:
        bodies[w.ws.path.lstrip("/")] = w.body
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            body = bodies.get(info.filename)
            if body is None:
                out.writestr(info, data)
                continue
            end = data.rfind(_SHEET_DATA_END)
            if end < 0:  # pragma: no cover - openpyxl always writes the header row
                raise ValueError(f"{info.filename}: no sheet data to fill")
            size = len(data) + body.tell()
            dest = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            dest.compress_type = zipfile.ZIP_DEFLATED
            dest.external_attr = info.external_attr
            with out.open(dest, "w", force_zip64=size > (1 << 31) - (1 << 20)) as fh:
                fh.write(data[:end])
                body.seek(0)
                while chunk := body.read(1 << 20):
                    fh.write(chunk)
                fh.write(data[end:])
