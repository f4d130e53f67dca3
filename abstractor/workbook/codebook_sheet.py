"""A codebook as a workbook: the rows of the Dictionary sheet, as a team lead writes them.  (Here rather
than in abstractor.codebooks: workbook export and reading use it, and abstractor.codebooks imports the
workbook package, not the other way round.)

The columns are the workbook's Dictionary sheet's (``DICTIONARY_COLUMNS``): a field per row, its
sheet (which record kind), column (its name), meaning (help text), type, allowed values (one choice
per line), on import (required / optional / retired), label, synonyms and renamed from (one line
per choice: ``4-1BB: 41BB; CD137``) and from (``codebook``; a full abstraction workbook's built-in
rows say ``program`` and are skipped).  The About sheet names the codebook (``codebook``,
``codebook_version``).  So an exported abstraction workbook is itself a codebook file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from models.codebook import TYPES, Codebook, CodebookField

DICTIONARY_COLUMNS = ("sheet", "column", "meaning", "type", "allowed values", "on import", "label", "synonyms",
                      "renamed from", "from")
SHEET_OF = {"study": "Studies", "arm": "Arms", "intervention": "Interventions", "dose_level": "DoseLevels",
            "outcome": "Outcomes", "criterion": "Criteria"}
KIND_OF = {v: k for k, v in SHEET_OF.items()}
ABOUT_KEYS = ("codebook", "codebook_version")
CODEBOOK_FORMAT = "protocol-codebook/1"


def _lines(cell: Any) -> list[str]:
    text = "" if cell is None else str(cell)
    sep = "\n" if "\n" in text else ";" if ";" in text else ","
    return [x.strip() for x in text.split(sep) if x.strip()]


def _per_choice(cell: Any, where: str) -> dict[str, list[str]]:
    """'4-1BB: 41BB; CD137' lines -> {"4-1BB": ["41BB", "CD137"]}."""
    out: dict[str, list[str]] = {}
    for line in ("" if cell is None else str(cell)).splitlines():
        if not line.strip():
            continue
        value, colon, words = line.partition(":")
        if not colon:
            raise ValueError(f"{where}: {line.strip()!r} should be 'choice: word; word'")
        out[value.strip()] = [w.strip() for w in words.split(";") if w.strip()]
    return out


def field_row(f: CodebookField) -> list[Any]:
    """A codebook field as a Dictionary row (DICTIONARY_COLUMNS)."""
    usage = "retired" if f.retired else "required" if f.required else "optional"
    syn = "\n".join(f"{c.value}: {'; '.join(c.synonyms)}" for c in f.choices if c.synonyms)
    ren = "\n".join(f"{c.value}: {'; '.join(c.renamed_from)}" for c in f.choices if c.renamed_from)
    return [SHEET_OF[f.kind], f.name, f.help or None, f.type, "\n".join(f.values) or None, usage, f.label,
            syn or None, ren or None, "codebook"]


def codebook_from_rows(name: Any, version: Any, header: list, rows: list[tuple[int, list]], file: str) -> Codebook:
    """A codebook from the About values and the Dictionary rows; ValueError naming the cell."""
    from openpyxl.utils import get_column_letter

    cols = {str(h).strip(): i for i, h in enumerate(header) if isinstance(h, str) and h.strip()}
    for need in ("sheet", "column", "type"):
        if need not in cols:
            raise ValueError(f"{file}: Dictionary!1: the column {need!r} is missing")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"{file}: About: the codebook's name (key 'codebook') is missing")
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise ValueError(f"{file}: About: codebook_version should be a whole number, not {version!r}") from None

    def cell(row: list, key: str) -> Any:
        i = cols.get(key)
        v = row[i] if i is not None and i < len(row) else None
        return None if v == "" else v

    fields = []
    for r, row in rows:
        ref = lambda key: f"Dictionary!{get_column_letter(cols[key] + 1)}{r + 1}"  # noqa: E731
        if all(v in ("", None) for v in row) or (cell(row, "from") or "codebook") != "codebook":
            continue
        sheet, kind_type = cell(row, "sheet"), cell(row, "type")
        if sheet not in KIND_OF:
            raise ValueError(f"{file}: {ref('sheet')}: {sheet!r} is not a sheet of records "
                             f"({', '.join(KIND_OF)})")
        if kind_type not in TYPES:
            raise ValueError(f"{file}: {ref('type')}: {kind_type!r} is not a codebook type ({', '.join(TYPES)})")
        usage = str(cell(row, "on import") or "optional").strip().lower()
        if usage not in ("required", "optional", "retired"):
            raise ValueError(f"{file}: {ref('on import')}: {usage!r} should be required, optional or retired")
        syn = _per_choice(cell(row, "synonyms"), ref("synonyms") if "synonyms" in cols else file)
        ren = _per_choice(cell(row, "renamed from"), ref("renamed from") if "renamed from" in cols else file)
        choices = [{"value": v, "synonyms": syn.get(v, []), "renamed_from": ren.get(v, [])}
                   for v in _lines(cell(row, "allowed values"))]
        for v in (*syn, *ren):
            if v not in {c["value"] for c in choices}:
                raise ValueError(f"{file}: {ref('synonyms' if v in syn else 'renamed from')}: {v!r} is not one "
                                 "of the allowed values")
        name_ = str(cell(row, "column") or "")
        data = {"kind": KIND_OF[sheet], "name": name_, "label": str(cell(row, "label") or name_), "type": kind_type,
                "choices": choices, "help": str(cell(row, "meaning") or ""), "required": usage == "required",
                "retired": usage == "retired"}
        try:
            fields.append(CodebookField.model_validate(data))
        except Exception as exc:  # pydantic's ValidationError: its first message, at the row
            msg = exc.errors()[0]["msg"] if hasattr(exc, "errors") else str(exc)
            raise ValueError(f"{file}: Dictionary row {r + 1}: {msg.removeprefix('Value error, ')}") from None
    try:
        return Codebook(name=name.strip(), version=version, fields=fields)
    except Exception as exc:
        msg = exc.errors()[0]["msg"] if hasattr(exc, "errors") else str(exc)
        raise ValueError(f"{file}: {msg.removeprefix('Value error, ')}") from None


def read_codebook_workbook(path: str | Path) -> Codebook:
    """The codebook a workbook carries (a codebook workbook or an exported abstraction workbook)."""
    from abstractor.workbook.safety import WorkbookRejected, check_file
    from abstractor.workbook.sheet_rows import SheetRows

    path = Path(path)
    try:
        check_file(path)
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except WorkbookRejected as exc:
        raise ValueError(str(exc)) from None
    except Exception as exc:  # calamine's own errors for a broken file
        raise ValueError(f"{path.name}: the workbook cannot be read ({exc})") from None
    for need in ("About", "Dictionary"):
        if need not in names:
            raise ValueError(f"{path.name}: has no {need} sheet (a codebook workbook has About and Dictionary)")
    about = {}
    for _r, row in SheetRows(book.get_sheet_by_name("About")).body():
        if len(row) >= 2 and isinstance(row[0], str):
            about[row[0]] = row[1]
    rows = SheetRows(book.get_sheet_by_name("Dictionary"))
    header = rows.header() or []
    return codebook_from_rows(about.get("codebook"), about.get("codebook_version"), header, list(rows.body()),
                              path.name)


def about_rows(cb: Optional[Codebook]) -> list[tuple[str, Any]]:
    return [] if cb is None else [("codebook", cb.name), ("codebook_version", cb.version)]


def write_codebook_workbook(cb: Codebook, path: str | Path) -> None:
    """A codebook as a small workbook (About + Dictionary), atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    from abstractor.atomic_file import atomic_output
    from abstractor.workbook.writer import HEADER_FILL, HEADER_FONT

    wb = Workbook()
    about = wb.active
    about.title = "About"
    about.append(["key", "value"])
    for k, v in (("format", CODEBOOK_FORMAT), *about_rows(cb)):
        about.append([k, v])
    ws = wb.create_sheet("Dictionary")
    ws.append(list(DICTIONARY_COLUMNS))
    for c in (*about[1], *ws[1]):
        c.font, c.fill = HEADER_FONT, HEADER_FILL
    wrap = Alignment(wrap_text=True, vertical="top")
    for f in cb.fields:
        ws.append(field_row(f))
    for row in ws.iter_rows(min_row=2):
        for c in row:
            c.alignment = wrap
            if isinstance(c.value, str):
                c.data_type = "s"  # a value starting with = is text, never a formula
    for letter, width in zip("ABCDEFGHIJ", (12, 24, 40, 16, 24, 10, 24, 36, 24, 10)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    with atomic_output(Path(path)) as tmp:
        wb.save(tmp)
