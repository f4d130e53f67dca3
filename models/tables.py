"""SQLModel tables: how a study is stored.

Ids are UUID strings, not integers, so that a study and its rows keep their
ids when a workbook travels to another person's database and back (DESIGN.md).
Repeated rows carry ``position`` for their order.  Lists of plain strings that
are never addressed one by one (phases, antigens, other names) are JSON.
Only the storage package reads or writes these tables.
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from models.ids import new_id, utcnow  # noqa: F401 - the tables' defaults; re-exported for storage


def _study_fk(index: bool = True) -> str:
    """The owning study.  ``index=False`` where the table's own index starts with study_id (a second
    index on it alone would only cost every insert)."""
    return Field(foreign_key="study.id", index=index, ondelete="CASCADE")


class Meta(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class Codebook(SQLModel, table=True):
    """A version of a team's codebook (models.codebook), as imported; never changed afterwards.
    ``current``: the one new studies and edits use (one at a time)."""

    __table_args__ = (Index("ux_codebook_name_version", "name", "version", unique=True),)
    id: str = Field(default_factory=new_id, primary_key=True)
    name: str
    version: int
    body: str = Field(sa_column=Column(Text, nullable=False))  # the codebook's JSON
    current: bool = False
    imported_at: str = Field(default_factory=utcnow)
    imported_by: Optional[str] = None


class Study(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    title: Optional[str] = None
    official_title: Optional[str] = None
    acronym: Optional[str] = None
    sponsor: Optional[str] = None
    phases: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    study_type: Optional[str] = None
    allocation: Optional[str] = None
    intervention_model: Optional[str] = None
    masking: Optional[str] = None
    primary_purpose: Optional[str] = None
    enrollment: Optional[int] = None
    overall_status: Optional[str] = None
    start_date: Optional[str] = None
    min_age: Optional[str] = None
    max_age: Optional[str] = None
    sex: Optional[str] = None
    target_antigens: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    cell_type: Optional[str] = None
    cell_source: Optional[str] = None
    lymphodepletion: Optional[str] = None
    # Codebook field values, {"name": value} (models.codebook; checked by the study's codebook).
    extra: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))
    # The codebook version the study's extra values are abstracted with (None: no codebook yet).
    codebook_id: Optional[str] = Field(default=None, foreign_key="codebook.id", index=True)
    status: str = "IN_PROGRESS"
    abstractor: Optional[str] = None
    consensus: bool = False
    source_file: Optional[str] = None
    source_sha256: Optional[str] = None
    created_at: str = Field(default_factory=utcnow)
    updated_at: str = Field(default_factory=utcnow)


class Escalation(SQLModel, table=True):
    """The dose-escalation design; one per study, keyed by the study id."""

    id: str = Field(foreign_key="study.id", primary_key=True, ondelete="CASCADE")
    method: Optional[str] = None
    dlt_window_days: Optional[int] = None
    redosing: Optional[str] = None


class RegistryId(SQLModel, table=True):
    __tablename__ = "registry_id"
    __table_args__ = (Index("ix_registry_id_study_pos", "study_id", "position"),)
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk(index=False)
    position: int = 0
    value: str = Field(index=True)


class Condition(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    position: int = 0
    name: str


class Site(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    position: int = 0
    facility: Optional[str] = None
    city: Optional[str] = None
    region: Optional[str] = None
    country: Optional[str] = None


class Arm(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    position: int = 0
    label: Optional[str] = None
    type: Optional[str] = None
    description: Optional[str] = Field(default=None, sa_column=Column(Text))
    extra: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))


class Intervention(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    position: int = 0
    name: Optional[str] = None
    type: Optional[str] = None
    description: Optional[str] = Field(default=None, sa_column=Column(Text))
    other_names: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    extra: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))


class ArmIntervention(SQLModel, table=True):
    """Arms and interventions are many to many, as in the registry model."""

    __tablename__ = "arm_intervention"
    arm_id: str = Field(foreign_key="arm.id", primary_key=True, ondelete="CASCADE")
    intervention_id: str = Field(foreign_key="intervention.id", primary_key=True, ondelete="CASCADE")
    position: int = 0


class DoseLevel(SQLModel, table=True):
    __tablename__ = "dose_level"
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    position: int = 0
    value: Optional[float] = None
    value_max: Optional[float] = None
    unit: Optional[str] = None
    per_weight: Optional[bool] = None
    route: Optional[str] = None
    schedule: Optional[str] = None
    text: Optional[str] = None
    extra: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))


class Outcome(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    position: int = 0
    kind: str = "OTHER"
    measure: Optional[str] = Field(default=None, sa_column=Column(Text))
    description: Optional[str] = Field(default=None, sa_column=Column(Text))
    time_frame: Optional[str] = None
    time_frame_days: Optional[float] = None
    extra: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))


class Criterion(SQLModel, table=True):
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    position: int = 0
    kind: str = "INCLUSION"
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    category: Optional[str] = None
    # [{"parameter", "operator", "value", "unit"}]: read and written whole, with the criterion.
    thresholds: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    extra: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False, default=dict))


class SourceDocument(SQLModel, table=True):
    """A document's text as imported.  Never updated: evidence offsets point into it."""

    __tablename__ = "source_document"
    # A study holds a document once (copies in other studies, e.g. a consensus or a
    # colleague's workbook, are fine); see also import_sha256.
    __table_args__ = (Index("ux_source_document_study_sha256", "study_id", "sha256", unique=True),)
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk(index=False)
    position: int = 0
    file_name: str
    sha256: str = Field(index=True)
    kind: str  # txt, html, pdf, docx, ctgov-json
    encoding: Optional[str] = None
    text: str = Field(sa_column=Column(Text, nullable=False))
    page_starts: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False, default=list))
    size_bytes: int = 0
    imported_at: str = Field(default_factory=utcnow)
    imported_by: Optional[str] = None
    # The file's SHA-256 when the importer stored it (NULL for copies): unique, so two
    # processes importing the same file store it once (docs/MIGRATIONS.md).
    import_sha256: Optional[str] = Field(default=None, unique=True, index=True)


class Evidence(SQLModel, table=True):
    """Where a stored value came from: (entity, row, field) -> span of a document."""

    __table_args__ = (Index("ix_evidence_target", "study_id", "entity", "row_id", "field"),)
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk(index=False)
    entity: str
    row_id: str
    field: str
    document_id: Optional[str] = Field(default=None, foreign_key="source_document.id", ondelete="CASCADE")
    start: int
    end: int
    quote: str = Field(sa_column=Column(Text, nullable=False))
    created_at: str = Field(default_factory=utcnow)
    created_by: Optional[str] = None


class Suggestion(SQLModel, table=True):
    """A value the program proposed, its evidence, who made it and what became of it."""

    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    document_id: Optional[str] = Field(default=None, foreign_key="source_document.id", ondelete="CASCADE")
    path: str  # ABSTRACTION_JSON path in the extractor's output, e.g. "outcomes[2].time_frame"
    value: Optional[str] = Field(default=None, sa_column=Column(Text))  # JSON
    start: int = 0
    end: int = 0
    quote: str = ""
    extractor: str = ""
    confidence: float = 0.0
    state: str = "OPEN"
    target_entity: Optional[str] = None
    target_row_id: Optional[str] = None
    decided_at: Optional[str] = None
    decided_by: Optional[str] = None


class FieldReview(SQLModel, table=True):
    __tablename__ = "field_review"
    __table_args__ = (Index("ix_field_review_target", "study_id", "entity", "row_id", "field", unique=True),)
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk(index=False)
    entity: str
    row_id: str
    field: str
    status: str = "UNCHECKED"
    updated_at: str = Field(default_factory=utcnow)
    updated_by: Optional[str] = None


class ReviewComment(SQLModel, table=True):
    __tablename__ = "review_comment"
    id: str = Field(default_factory=new_id, primary_key=True)
    study_id: str = _study_fk()
    entity: str
    row_id: str
    field: str
    author: Optional[str] = None
    at: str = Field(default_factory=utcnow)
    text: str = Field(sa_column=Column(Text, nullable=False))


class AuditEvent(SQLModel, table=True):
    """Every change: who, when, which field, old and new value (JSON)."""

    __tablename__ = "audit_event"
    id: Optional[int] = Field(default=None, primary_key=True)
    at: str = Field(default_factory=utcnow)
    user: Optional[str] = None
    study_id: Optional[str] = Field(default=None, index=True)  # no FK: the trail outlives a deleted study
    entity: str
    row_id: Optional[str] = None
    field: Optional[str] = None
    action: str  # create, update, delete, move, import
    old: Optional[str] = Field(default=None, sa_column=Column(Text))
    new: Optional[str] = Field(default=None, sa_column=Column(Text))
    origin: str = "user"  # user, import, suggestion, workbook, adjudication
