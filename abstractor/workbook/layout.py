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
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from models import enums

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

    @property
    def wrap(self) -> bool:
        return self.kind in ("long", "list")


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


def _enum(e) -> tuple[str, ...]:
    return tuple(e.values())


PHASE_CHOICES = ("EARLY_PHASE1", "PHASE1", "PHASE1/PHASE2", "PHASE2", "PHASE2/PHASE3", "PHASE3", "PHASE4", "NA")
BOOL_CHOICES = ("TRUE", "FALSE")

STUDY_ID = Column("study_id", "id", "The study's id (stable across databases; keep it)", 34)
CONTEXT = (
    Column("registry_id", "context", "The study's first registry id (for reading; ignored on import)", 16,
           required=False),
    Column("study_title", "context", "The study's title (for reading; ignored on import)", 30, required=False),
)


def _row_head(what: str) -> tuple[Column, ...]:
    return (STUDY_ID, *CONTEXT,
            Column("row_id", "id", f"The {what}'s id; leave empty on a row you add", 34, required=True),
            Column("order", "order", f"The {what}'s place in its study (1, 2, ...); empty on a new row: "
                   "after the row above it", 7))


STUDIES = Sheet("Studies", "study", None, "One row per study: its design, product and workflow state", (
    STUDY_ID,
    Column("registry_ids", "list", "Registry ids (NCT..., ChiCTR...), one per line", 18),
    Column("title", "long", "Brief title", 40),
    Column("official_title", "long", "Official title", 40),
    Column("acronym", "text", "Acronym", 12),
    Column("sponsor", "long", "Sponsor", 24),
    Column("conditions", "list", "Conditions studied, one per line", 28),
    Column("phases", "phases", "Phases joined by / (PHASE1/PHASE2 for a phase 1/2 study)", 16,
           PHASE_CHOICES, strict=False),
    Column("study_type", "enum", "Study type", 18, _enum(enums.StudyType)),
    Column("allocation", "enum", "Allocation", 16, _enum(enums.Allocation)),
    Column("intervention_model", "enum", "Intervention model", 18, _enum(enums.InterventionModel)),
    Column("masking", "enum", "Masking", 12, _enum(enums.Masking)),
    Column("primary_purpose", "enum", "Primary purpose", 18, _enum(enums.PrimaryPurpose)),
    Column("enrollment", "int", "Enrollment (a whole number of participants)", 11),
    Column("overall_status", "enum", "Overall recruitment status", 20, _enum(enums.OverallStatus)),
    Column("min_age", "text", "Minimum age as the registry writes it: 18 Years", 11),
    Column("max_age", "text", "Maximum age as the registry writes it: 70 Years", 11),
    Column("sex", "enum", "Sex", 9, _enum(enums.Sex)),
    Column("target_antigens", "list", "Target antigens (CD5, CD7, CD123 ...), one per line", 14),
    Column("cell_type", "enum", "Cell type (CAR-T, CAR-NK or other words)", 11, _enum(enums.CellType), strict=False),
    Column("cell_source", "enum", "Autologous or allogeneic", 14, _enum(enums.CellSource)),
    Column("lymphodepletion", "long", "Lymphodepletion regimen", 24),
    Column("escalation_method", "text", "Dose-escalation design (3+3, BOIN, accelerated titration ...)", 18,
           attr="escalation.method"),
    Column("escalation_dlt_window_days", "int", "DLT observation window in days", 12,
           attr="escalation.dlt_window_days"),
    Column("escalation_redosing", "long", "Re-dosing rules", 24, attr="escalation.redosing"),
    Column("status", "enum", "Abstraction workflow status", 14, _enum(enums.AbstractionStatus)),
    Column("abstractor", "text", "Who abstracted the study", 14),
    Column("consensus", "bool", "TRUE for an adjudicated consensus record", 11, BOOL_CHOICES),
    Column("source_file", "text", "File name of the study's source document", 22, attr="source.file"),
    Column("source_sha256", "text", "SHA-256 of the source document (see the Documents sheet)", 20,
           attr="source.sha256"),
))

SITES = Sheet("Sites", "site", "study.sites", "One row per study site", (
    *_row_head("site"),
    Column("facility", "long", "Facility name", 36),
    Column("city", "text", "City", 14),
    Column("region", "text", "State, province or region", 14),
    Column("country", "text", "Country", 14),
))

ARMS = Sheet("Arms", "arm", "arms", "One row per arm or group", (
    *_row_head("arm"),
    Column("label", "long", "Arm label", 28),
    Column("type", "enum", "Arm type", 20, _enum(enums.ArmType)),
    Column("description", "long", "Arm description", 48),
    Column("interventions", "list", "Names of the arm's interventions (as on the Interventions sheet), one per line",
           28),
))

INTERVENTIONS = Sheet("Interventions", "intervention", "interventions", "One row per intervention", (
    *_row_head("intervention"),
    Column("name", "long", "Intervention name", 28),
    Column("type", "enum", "Intervention type", 20, _enum(enums.InterventionType)),
    Column("description", "long", "Intervention description", 48),
    Column("other_names", "list", "Other names, one per line", 24),
))

DOSE_LEVELS = Sheet("DoseLevels", "dose_level", "dose_levels", "One row per dose level", (
    *_row_head("dose level"),
    Column("value", "float", "Dose (the lower end of a range), a number: 1E+07", 12),
    Column("value_max", "float", "Upper end of a dose range, a number", 12),
    Column("unit", "text", "Unit: cells/kg, cells, mg/m2, mg/kg, mg ...", 12),
    Column("per_weight", "bool", "TRUE when the dose is per body weight", 11, BOOL_CHOICES),
    Column("route", "text", "Route of administration", 12),
    Column("schedule", "long", "Schedule", 24),
    Column("text", "long", "The dose as the document writes it", 30),
))

OUTCOMES = Sheet("Outcomes", "outcome", "outcomes", "One row per outcome measure", (
    *_row_head("outcome"),
    Column("kind", "enum", "Primary, secondary or other outcome", 12, _enum(enums.OutcomeKind)),
    Column("measure", "long", "The outcome measure", 40),
    Column("description", "long", "Its description", 40),
    Column("time_frame", "long", "Time frame as written", 20),
    Column("time_frame_days", "float", "Time frame in days (parsed)", 12),
))

CRITERIA = Sheet("Criteria", "criterion", "criteria", "One row per eligibility criterion, in document order", (
    *_row_head("criterion"),
    Column("kind", "enum", "Inclusion or exclusion", 12, _enum(enums.CriterionKind)),
    Column("text", "long", "The criterion as one item of text", 60),
    Column("category", "enum", "Category", 18, _enum(enums.CriterionCategory)),
    Column("threshold_parameter", "text", "Thresholds: the parameter (creatinine, ECOG ...)", 16,
           attr="threshold.parameter"),
    Column("threshold_operator", "enum", "Thresholds: the comparison", 10, _enum(enums.Operator),
           attr="threshold.operator"),
    Column("threshold_value", "float", "Thresholds: the value, a number", 12, attr="threshold.value"),
    Column("threshold_unit", "text", "Thresholds: the unit (umol/L, x ULN ...)", 12, attr="threshold.unit"),
))

RECORD_SHEETS = ("Studies", "Sites", "Arms", "Interventions", "DoseLevels", "Outcomes", "Criteria")
_TARGET = (
    Column("sheet", "enum", "Which sheet holds the field", 14, RECORD_SHEETS),
    Column("row_id", "text", "The row's id on that sheet (the study id for the Studies sheet)", 34),
    Column("field", "text", "The column name on that sheet (conditions[2] for one item of a list; "
           "empty for the whole row)", 20),
)

EVIDENCE = Sheet("Evidence", None, None, "One row per evidence span: where a value was read in a document", (
    STUDY_ID, *CONTEXT, *_TARGET,
    Column("document_sha256", "text", "SHA-256 of the document (empty: the study's source document)", 20,
           required=False),
    Column("document_file", "context", "The document's file name (for reading; ignored on import)", 20,
           required=False),
    Column("start", "int", "Offset of the first character of the quote in the document's text", 9),
    Column("end", "int", "Offset just after the quote's last character", 9),
    Column("quote", "long", "The quoted text", 48),
))

REVIEW = Sheet("Review", None, None, "Review status and comments per field: one row per comment (a field with "
               "a status and no comment has one row with an empty comment). Add a row to comment on a field.", (
    STUDY_ID, *CONTEXT, *_TARGET,
    Column("status", "enum", "Review status of the field", 12, _enum(enums.ReviewState)),
    Column("author", "text", "Who wrote the comment", 14),
    Column("at", "text", "When (ISO 8601, UTC); empty on a comment you add", 22),
    Column("comment", "long", "The comment", 48),
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
}
