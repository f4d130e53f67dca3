"""The workbook's sheets and columns: one table that export, import and the
Dictionary sheet all read, so the three can never disagree.

A column's ``kind`` says how its cells are written and read:

- ``text``/``long``: a string (``long`` is wrapped and wide); an empty cell is
  unknown, a cell holding just ``""`` is known-empty text.
- ``list``: strings, one per line (JSON array form when an item has a line
  break or is empty).
- ``enum``: one allowed value (dropdown); ``phases``: values joined by ``/``.
- ``int``, ``float`` (doses: scientific format), ``bool`` (TRUE/FALSE).
- ``id``: a row's stable id; ``order``: the row's place within its study;
  ``context``: repeated for reading only (ignored on import).

Each sheet opens with what a reviewer reads (the study's registry id and title, the
values, the evidence quotes beside them); the technical columns (ids, order) come
last, grouped.  The reader finds every column by its header name, never by place.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from models import enums, records

FORMAT_ID = "protocol-abstractor-workbook/1"
TEXT_LIMIT = 32_767  # Excel's cell limit, in UTF-16 code units


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    meaning: str
    width: float = 14
    values: tuple[str, ...] = ()  # allowed values of enum columns
    strict: bool = True  # dropdown refuses other values (phases and cell type only suggest)
    attr: Optional[str] = None  # the model attribute when it differs from the name
    required: bool = True  # import refuses a workbook without it
    wraps: bool = False  # wrapped although of a short kind (a title, quotes)
    number_format: Optional[str] = None  # how a number shows ("0": days whole; the value keeps every digit)
    label: Optional[str] = None  # a codebook field's label (built-in fields' labels: abstractor.workbook.labels)

    @property
    def wrap(self) -> bool:
        return self.wraps or self.kind in ("long", "list", "thresholds")

    @property
    def technical(self) -> bool:
        """Ids and order: kept at the right, grouped, for the program rather than the reviewer."""
        return self.kind in ("id", "order") or self.name in ("source_sha256", "document_sha256")


@dataclass(frozen=True)
class Sheet:
    name: str
    entity: Optional[str]  # storage entity of its rows (None: About, Dictionary, Documents ...)
    list_key: Optional[str]  # ABSTRACTION_JSON list the rows come from
    meaning: str
    columns: tuple[Column, ...] = field(default=())

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def data_columns(self) -> tuple[Column, ...]:
        """The columns holding the records' own values (not ids, order or reading aids)."""
        return tuple(c for c in self.columns if c.kind not in ("id", "order", "context") and not c.name.startswith(
            "source_"))

    def index(self, name: str) -> int:
        return self.names.index(name)


def _enum(e) -> tuple[str, ...]:
    return tuple(e.values())


PHASE_CHOICES = ("EARLY_PHASE1", "PHASE1", "PHASE1/PHASE2", "PHASE2", "PHASE2/PHASE3", "PHASE3", "PHASE4", "NA")
BOOL_CHOICES = ("TRUE", "FALSE")

STUDY_ID = Column("study_id", "id", "The study's id (stable across databases; keep it). On a row you add: "
                  "copy it from another row of the same study", 34)
CONTEXT = (
    Column("registry_id", "context", "The study's first registry id (for reading; ignored on import)", 14,
           required=False),
    Column("study_title", "context", "The study's title, or its source file's name when it has none (for reading; "
           "ignored on import)", 30, required=False, wraps=True),
)
QUOTES = Column("evidence", "context", "The evidence: where each value of the row was read, as 'field: quote' "
                "(for reading; ignored on import; the Evidence sheet holds them)", 48, required=False, wraps=True)


def _row_tail(what: str) -> tuple[Column, ...]:
    return (STUDY_ID,
            Column("row_id", "id", f"The {what}'s id; leave empty on a row you add", 34, required=True),
            Column("order", "order", f"The {what}'s place in its study (1, 2, ...); empty on a new row: "
                   "after the row above it", 7))


# Value kinds of the models (models.fields) -> how the workbook writes them.
_CELL_KIND = {"dose": "float", "age": "text"}


def column_of(f: records.FieldDesc, prefix: str = "") -> Column:
    """The workbook column of a described field (the one description: models.records); ``prefix``
    for a kind whose fields sit on another kind's sheet (the escalation design on Studies)."""
    kind = _CELL_KIND.get(f.kind, f.kind)
    values = PHASE_CHOICES if f.kind == "phases" else BOOL_CHOICES if f.kind == "bool" else f.choices
    strict = f.info.strict and f.kind != "phases"
    return Column(f"{prefix}_{f.name}" if prefix else f.name, kind, f.info.help, f.info.width, values,
                  strict=strict, attr=f"{prefix}.{f.name}" if prefix else None, wraps=f.name == "title",
                  number_format=_NUMBER_FORMAT.get(f.name))


_NUMBER_FORMAT = {"time_frame_days": "0", "value": "0.00E+00", "value_max": "0.00E+00"}


def _record_sheet(k: records.RecordKind, meaning: str) -> Sheet:
    return Sheet(k.sheet, k.name, k.path, meaning, (*CONTEXT, *(column_of(f) for f in k.fields), QUOTES,
                                                    *_row_tail(k.label)))


STUDIES = Sheet("Studies", "study", None, "One row per study: its design, product and workflow state", (
    *(column_of(f) for f in records.STUDY.fields if not f.workflow),
    *(column_of(f, "escalation") for f in records.ESCALATION.fields),
    *(column_of(f) for f in records.STUDY.fields if f.workflow),
    Column("source_file", "text", "File name of the study's source document", 22, attr="source.file"),
    QUOTES,
    Column("source_sha256", "text", "SHA-256 of the source document (see the Documents sheet)", 20,
           attr="source.sha256"),
    STUDY_ID,
))

SITES = _record_sheet(records.SITE, "One row per study site")
ARMS = _record_sheet(records.ARM, "One row per arm or group")
INTERVENTIONS = _record_sheet(records.INTERVENTION, "One row per intervention")
DOSE_LEVELS = _record_sheet(records.DOSE_LEVEL, "One row per dose level")
OUTCOMES = _record_sheet(records.OUTCOME, "One row per outcome measure")
CRITERIA = _record_sheet(records.CRITERION, "One row per eligibility criterion, in document order")

RECORD_SHEETS = ("Studies", "Sites", "Arms", "Interventions", "DoseLevels", "Outcomes", "Criteria")
_SHEET = Column("sheet", "enum", "Which sheet holds the field", 14, RECORD_SHEETS)
_FIELD = Column("field", "text", "The column name on that sheet (conditions[2] for one item of a list; "
                "empty for the whole row)", 20)
_ROW = Column("row_id", "text", "The row's id on that sheet (the study id for the Studies sheet)", 34)

EVIDENCE = Sheet("Evidence", None, None, "One row per evidence span: where a value was read in a document", (
    *CONTEXT, _SHEET, _FIELD,
    Column("quote", "long", "The quoted text", 48),
    Column("document_file", "context", "The document's file name (for reading; ignored on import)", 20,
           required=False),
    Column("start", "int", "Offset of the first character of the quote in the document's text", 9),
    Column("end", "int", "Offset just after the quote's last character", 9),
    Column("document_sha256", "text", "SHA-256 of the document (empty: the study's source document)", 20,
           required=False),
    _ROW, STUDY_ID,
))

REVIEW = Sheet("Review", None, None, "Review status and comments per field: one row per comment (a field with "
               "a status and no comment has one row with an empty comment). Add a row to comment on a field.", (
    *CONTEXT, _SHEET, _FIELD,
    Column("label", "context", "What the form calls the field (for reading; ignored on import)", 18,
           required=False),
    Column("status", "enum", "Review status of the field", 12, _enum(enums.ReviewState)),
    Column("marked_by", "text", "Who set the status (leave it when you change the status: the import then "
           "records who imports it)", 14, required=False),
    Column("marked_at", "text", "When the status was set (ISO 8601, UTC)", 22, required=False),
    Column("comment", "long", "The comment", 48),
    Column("author", "text", "Who wrote the comment (or set the status)", 14),
    Column("at", "text", "When (ISO 8601, UTC); empty on a comment you add", 22),
    _ROW, STUDY_ID,
))

DOCUMENTS = Sheet("Documents", None, None, "The text of every source document, in parts of at most "
                  "32,000 characters (Excel's cell limit): join the parts in order", (
    STUDY_ID,
    Column("sha256", "text", "SHA-256 of the document file", 20),
    Column("file_name", "text", "Its file name", 24),
    Column("kind", "text", "txt, html, pdf, docx or ctgov-json", 9),
    Column("encoding", "text", "Text encoding of the file", 10),
    Column("size_bytes", "int", "File size in bytes", 11),
    Column("page_starts", "text", "Offsets where each page begins (PDF)", 14),
    Column("part", "int", "Part number, from 1", 6),
    Column("text", "long", "This part of the text", 80),
))

OVERFLOW = Sheet("Overflow", None, None, "Continuations of cells longer than Excel's cell limit: the cell holds "
                 "the first part; the parts here follow it", (
    Column("sheet", "text", "Sheet of the long cell", 12),
    Column("column", "text", "Its column name", 14),
    Column("cell_sha256", "text", "SHA-256 of the first part, as written in the cell", 20),
    Column("part", "int", "Part number, from 2", 6),
    Column("text", "long", "This part of the text", 80),
))

DATA_SHEETS = (STUDIES, SITES, ARMS, INTERVENTIONS, DOSE_LEVELS, OUTCOMES, CRITERIA, EVIDENCE, REVIEW)
ROW_SHEETS = (SITES, ARMS, INTERVENTIONS, DOSE_LEVELS, OUTCOMES, CRITERIA)
SHEETS = {s.name: s for s in (*DATA_SHEETS, DOCUMENTS, OVERFLOW)}
BY_LIST_KEY = {s.list_key: s for s in ROW_SHEETS}
BY_ENTITY = {s.entity: s for s in (STUDIES, *ROW_SHEETS)}
ABOUT, DICTIONARY = "About", "Dictionary"
SHEET_ORDER = (ABOUT, DICTIONARY, *(s.name for s in DATA_SHEETS), DOCUMENTS.name, OVERFLOW.name)

KIND_WORDS = {
    "id": "id (text)", "context": "text, read only", "text": "text", "long": "text", "list": "list, one per line",
    "enum": "one of the allowed values", "phases": "allowed values joined by /", "int": "whole number",
    "float": "number", "bool": "TRUE or FALSE", "order": "whole number",
    "thresholds": "one per line: parameter, comparison, value, unit (creatinine < 220 umol/L)",
    "date": "a date: 2024-03-15, 2024-03 or 2024 (a date cell is read as its day)",
}


# --- a team's codebook fields (models.codebook): their own columns ------------------------------
# Beside the built-in values of their sheet (before the evidence quotes; on Studies before the
# workflow columns), named as the field, read and written through the codebook.

_CODEBOOK_KIND = {"text": "long", "integer": "int", "number_with_unit": "text", "date": "date", "yes_no": "bool",
                  "one_choice": "enum", "several_choices": "list", "list": "list"}
CODEBOOK_SHEETS = {"study": "Studies", "arm": "Arms", "intervention": "Interventions", "dose_level": "DoseLevels",
                   "outcome": "Outcomes", "criterion": "Criteria"}
EXTRA = "extra."  # a codebook column's attr: "extra.costimulatory_domain"


def is_codebook(col: Column) -> bool:
    return bool(col.attr) and col.attr.startswith(EXTRA)


def codebook_column(f) -> Column:
    """The column of a codebook field (models.codebook.CodebookField): a dropdown for one choice or yes/no."""
    kind = _CODEBOOK_KIND[f.type]
    values = BOOL_CHOICES if kind == "bool" else tuple(f.values)
    # Not strict: the cell is read as written and the codebook takes a choice's synonyms and any case
    # ("CD137" is 4-1BB); the dropdown warns about other text, and the import refuses it at the cell.
    return Column(f.name, kind, f.help or f.label, 24 if kind in ("long", "list") else 16, values,
                  strict=kind == "bool", attr=EXTRA + f.name, required=False, label=f.label)


def with_codebook(cb) -> dict[str, Sheet]:
    """The record sheets by name, with ``cb``'s fields as columns (``cb`` None: the built-in sheets).
    A codebook field named like a column already on its sheet (evidence, order ...) is refused."""
    from dataclasses import replace

    out = {s.name: s for s in (STUDIES, *ROW_SHEETS)}
    if cb is None:
        return out
    for kind, name in CODEBOOK_SHEETS.items():
        fields = cb.of_kind(kind, with_retired=True)
        if not fields:
            continue
        sheet = out[name]
        for f in fields:
            if f.name in sheet.names:
                raise ValueError(f"the codebook field {kind}.{f.name} has the name of a column of the {name} "
                                 "sheet; rename it in the codebook")
        at = sheet.index("status") if name == "Studies" else sheet.index("evidence")
        cols = sheet.columns
        out[name] = replace(sheet, columns=(*cols[:at], *(codebook_column(f) for f in fields), *cols[at:]))
    return out
