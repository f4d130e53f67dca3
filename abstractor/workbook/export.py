"""Export studies as one Excel abstraction workbook (layout: docs/WORKBOOK.md)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from abstractor import APP_NAME, __version__
from abstractor.atomic_file import OutputError, atomic_output
from abstractor.errors import AbstractorError
from abstractor.workbook import layout as L
from abstractor.workbook.cells import split_text
from abstractor.workbook.flatten import EV_DOCUMENT_FILE, EV_DOCUMENT_SHA, study_rows
from abstractor.workbook.writer import HEADER_FILL, HEADER_FONT, SheetWriter, save_workbook
from models import schema
from models.ids import utcnow


class ExportError(AbstractorError):
    """The workbook cannot be written."""


@dataclass
class ExportResult:
    path: Path
    studies: int
    counts: dict[str, int] = field(default_factory=dict)
    exported_at: str = ""


def export_workbook(store, path, study_ids: Optional[Iterable[str]] = None, *,
                    progress: Optional[Callable[[int, int], None]] = None) -> ExportResult:
    """Write the studies (default: all) of ``store`` to ``path`` (.xlsx), atomically.

    Unknown study ids are an error.  ``progress(done, total)`` is called as studies are written.
    """
    from abstractor.storage import workbook_read as wr

    exported_at = utcnow()  # before reading: a change made during export counts as after it
    if study_ids is None:
        ids = wr.study_ids(store)
    else:
        ids = list(dict.fromkeys(study_ids))
        missing = [i for i in ids if i not in wr.existing_studies(store, ids)]
        if missing:
            raise ExportError(f"{store.label}: there is no study with id {', '.join(missing)}")

    def docs_for(batch_ids):
        return wr.documents_of(store, batch_ids)

    about = {"database": _database_name(store.label), "exported_by": store.user}
    return write_workbook(path, ids, lambda chunk: wr.iter_studies_bulk(store, chunk), docs_for,
                          exported_at=exported_at, about=about, progress=progress,
                          codebook=store.current_codebook())


def export_abstractions(path, studies: list[schema.Abstraction], documents: Optional[dict] = None, *,
                        exported_by: Optional[str] = None, database: str = "", codebook=None) -> ExportResult:
    """Write studies that are not in a database (ids are needed on every row); ``codebook``: the one
    their extra values follow (models.codebook.Codebook)."""
    by_id = {ab.id: ab for ab in studies}
    docs = documents or {}
    return write_workbook(path, list(by_id), lambda chunk: [by_id[i] for i in chunk],
                          lambda chunk: {i: docs.get(i, []) for i in chunk}, exported_at=utcnow(),
                          about={"database": database, "exported_by": exported_by}, codebook=codebook)


def write_workbook(path, ids: list[str], load, load_docs, *, exported_at: str, about: dict,
                   progress=None, batch: int = 400, codebook=None) -> ExportResult:
    """Who set each review mark and when are the studies' own (ReviewEntry.by/at), on the Review sheet's
    marked_by and marked_at columns.  ``codebook``: its fields become columns, listed on
    the Dictionary sheet, and it is named on the About sheet (the import reads it back from there)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ExportError(f"{path}: a workbook file name must end in .xlsx")
    try:
        with atomic_output(path) as tmp:  # no half workbook under the real name, no leftover after a failure
            counts = _write(tmp, ids, load, load_docs, exported_at, about, progress, batch, codebook)
        _usual_mode(path)
    except OutputError as exc:
        raise ExportError(str(exc)) from None
    return ExportResult(path, len(ids), counts, exported_at)


def suggested_name(registry_id: Optional[str] = None, title: Optional[str] = None, day: Optional[str] = None,
                   fallback: str = "abstractions") -> str:
    """A file name a person recognises: the registry id, else the title's first words, and the date
    ("NCT01234567_2026-12-04.xlsx"); never an internal id, never a character a file system refuses."""
    import re
    from datetime import date

    base = registry_id or " ".join((title or "").split()[:8]) or fallback
    base = re.sub(r"[^\w.+-]+", "_", base, flags=re.UNICODE).strip("._")[:60] or fallback
    return f"{base}_{day or date.today().isoformat()}.xlsx"


def _usual_mode(path: Path) -> None:
    """The mode a new file of this user gets (the umask), not the private one of the temporary file
    it was written as: a reviewer on a shared drive must be able to open it."""
    if os.name != "posix":
        return
    mask = os.umask(0o22)
    os.umask(mask)
    try:
        os.chmod(path, 0o666 & ~mask)
    except OSError:
        pass  # a file system without modes (a mounted share): its own rules apply


def _database_name(label: str) -> str:
    """The database's name without its folder (a local path says nothing to a reviewer and is not theirs)."""
    if "://" in label:
        return label.rsplit("/", 1)[-1].split("?", 1)[0]
    return Path(label).name


def _write(tmp, ids, load, load_docs, exported_at, about, progress, batch, codebook=None) -> dict[str, int]:
    try:
        sheets = L.with_codebook(codebook)
    except ValueError as exc:
        raise ExportError(f"the codebook {codebook.name} v{codebook.version} cannot be written: {exc}") from None
    wb = Workbook(write_only=True)
    about_ws = wb.create_sheet(L.ABOUT)
    dict_ws = wb.create_sheet(L.DICTIONARY)
    overflow_rows: list[list] = []
    writers: dict[str, SheetWriter] = {}
    try:
        for sheet in L.DATA_SHEETS:
            sheet = sheets.get(sheet.name, sheet)
            writers[sheet.name] = SheetWriter(wb, sheet, overflow_rows.append,
                                              freeze="C2",
                                              scientific=("value", "value_max") if sheet is L.DOSE_LEVELS else ())
        docs_w = writers[L.DOCUMENTS.name] = SheetWriter(wb, L.DOCUMENTS, overflow_rows.append, verbatim=("text",))
        evidence_w = writers[L.EVIDENCE.name]
        done = 0
        for i in range(0, len(ids), batch):
            chunk = ids[i:i + batch]
            docs = load_docs(chunk)
            for ab in load(chunk):
                if not ab.id:
                    raise ExportError("a study without an id cannot be exported")
                study_docs = docs.get(ab.id, [])
                names = {d["sha256"]: d["file_name"] for d in study_docs}
                source_sha = ab.source.sha256 if ab.source else None
                for sheet, values in study_rows(ab, sheets):
                    w = writers[sheet.name]
                    if w is evidence_w:
                        sha = values[EV_DOCUMENT_SHA]
                        values[EV_DOCUMENT_FILE] = names.get(sha or source_sha) or (
                            study_docs[0]["file_name"] if len(study_docs) == 1 and not sha else None)
                    w.append(values)
                for d in study_docs:
                    _document_rows(docs_w, ab.id, d)
                done += 1
            if progress:
                progress(done, len(ids))
        over_w = writers[L.OVERFLOW.name] = SheetWriter(wb, L.OVERFLOW, verbatim=("text",))
        for row in overflow_rows:
            over_w.append(row)
        counts = {name: w.rows for name, w in writers.items()}
        for w in writers.values():
            w.close()
        _about(about_ws, len(ids), counts, exported_at, about, codebook)
        _dictionary(dict_ws, sheets, codebook)
        _open_on(wb, writers[L.STUDIES.name].ws)
        save_workbook(wb, writers.values(), tmp)
    finally:
        for w in writers.values():
            w.discard()
    return counts


def _open_on(wb, ws) -> None:
    """The workbook opens on this sheet (a reviewer starts with the studies, not the About sheet)."""
    wb.active = wb.worksheets.index(ws)
    for other in wb.worksheets:
        other.sheet_view.tabSelected = other is ws


def _document_rows(w: SheetWriter, study_id: str, d: dict) -> None:
    pages = json.dumps(d["page_starts"]) if d["page_starts"] else None
    head = [study_id, d["sha256"], d["file_name"], d["kind"], d["encoding"], d["size_bytes"], pages]
    for n, part in enumerate(split_text(d["text"] or ""), 1):
        w.append(head + [n, part or None])


HOW_TO_REVIEW = (
    ("How to review", "Each sheet is one kind of record: Studies, then Sites, Arms, Interventions, DoseLevels, "
                      "Outcomes and Criteria. The first columns say which study a row belongs to (registry id and "
                      "title); the evidence column shows where each value was read in the source."),
    ("Change a value", "Type over it. An empty cell means 'unknown'. Numbers may be typed 0.5 or 0,5. "
                       "Do not type formulas (=...): they are not imported."),
    ("Add a row", "Copy a row of the same study, paste it as a new row and edit it; then empty its row_id "
                  "cell (keep study_id). The Dictionary sheet lists what each column takes."),
    ("Delete a row", "Delete the whole row. It is removed only if the person importing confirms it."),
    ("Comment", "On the Review sheet, add a row: the sheet and field it is about, the row_id of that row, the "
                "study_id, your name in author, and your comment; set status to QUERIED or VERIFIED if you "
                "wish."),
    ("Do not touch", "study_id, row_id and order (grouped at the right of each sheet), the About and Documents "
                     "sheets, and the sheet names. Sorting and filtering are fine."),
)


def _about(ws, n_studies: int, counts: dict, exported_at: str, about: dict, codebook=None) -> None:
    from abstractor.workbook.codebook_sheet import about_rows

    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90
    head = []
    for text in ("key", "value"):
        c = WriteOnlyCell(ws, text)
        c.font, c.fill = HEADER_FONT, HEADER_FILL
        head.append(c)
    ws.append(head)
    rows = [
        *HOW_TO_REVIEW,
        ("format", L.FORMAT_ID),
        ("program", APP_NAME),
        ("program_version", __version__),
        ("schema", schema.SCHEMA_ID),
        ("exported_at", exported_at),
        ("exported_by", about.get("exported_by") or ""),
        ("database", about.get("database") or ""),
        ("studies", n_studies),
        *((f"rows:{name}", n) for name, n in counts.items()),
        *about_rows(codebook),
    ]
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, (k, v) in enumerate(rows, 2):
        if isinstance(v, str) and len(v) > 100:  # about 100 characters a line at this width
            ws.row_dimensions[n].height = 15 * (len(v) // 100 + 1)
        key = WriteOnlyCell(ws, k)
        key.alignment = Alignment(vertical="top")
        cell = WriteOnlyCell(ws, v)
        if isinstance(v, str):
            cell.data_type = "s"
            if len(v) > 60:
                cell.alignment = wrap
        if k in dict(HOW_TO_REVIEW):
            key.font = Font(bold=True)
        ws.append([key, cell])


def _dictionary(ws, sheets: dict, codebook=None) -> None:
    """Every column of every sheet; a codebook field's row says all of the field (its label, synonyms,
    renamed choices), so the workbook carries the codebook (abstractor.workbook.codebook_sheet)."""
    from abstractor.workbook.codebook_sheet import DICTIONARY_COLUMNS, SHEET_OF, field_row

    fields = {(SHEET_OF[f.kind], f.name): f for f in (codebook.fields if codebook else ())}
    widths = {"A": 14, "B": 26, "C": 60, "D": 22, "E": 50, "F": 12, "G": 22, "H": 30, "I": 22, "J": 10}
    for k, v in widths.items():
        ws.column_dimensions[k].width = v
    ws.freeze_panes = "A2"
    head = []
    for text in DICTIONARY_COLUMNS:
        c = WriteOnlyCell(ws, text)
        c.font, c.fill = HEADER_FONT, HEADER_FILL
        head.append(c)
    ws.append(head)
    wrap = Alignment(wrap_text=True, vertical="top")
    n = 1
    for sheet in (*L.DATA_SHEETS, L.DOCUMENTS, L.OVERFLOW):
        sheet = sheets.get(sheet.name, sheet)
        for col in sheet.columns:
            allowed = ", ".join(col.values) + ("" if col.strict or not col.values else " (or other text)")
            usage = "ignored" if col.kind == "context" else ("required column" if col.required else "optional")
            f = fields.get((sheet.name, col.name)) if L.is_codebook(col) else None
            row = field_row(f) if f else (sheet.name, col.name, col.meaning, L.KIND_WORDS[col.kind], allowed, usage,
                                          None, None, None, "program")
            cells = []
            for v in row:
                c = WriteOnlyCell(ws, v or None)
                if isinstance(v, str) and v[:1] in "=+-@":
                    c.data_type = "s"
                c.alignment = wrap
                cells.append(c)
            ws.append(cells)
            n += 1
    ws.auto_filter.ref = f"A1:J{n}"
