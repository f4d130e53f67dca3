"""What the Store hands out: plain tuples and dataclasses, never live ORM rows."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple, Optional


class StudyListRow(NamedTuple):
    id: str
    registry_id: Optional[str]
    title: Optional[str]
    status: str
    overall_status: Optional[str]


class DocumentInfo(NamedTuple):
    id: str
    study_id: str
    file_name: str
    sha256: str
    kind: str
    page_starts: list
    size_bytes: int
    imported_at: str


class EvidenceSpan(NamedTuple):
    id: str
    entity: str
    row_id: str
    field: str
    document_id: Optional[str]
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Change:
    """What one edit changed; screens listen for these."""

    study_id: str
    entity: str
    row_id: Optional[str]
    field: Optional[str]
    action: str
    old: Any = None
    new: Any = None


@dataclass
class RowSnapshot:
    """Everything needed to put a deleted row back exactly (undo)."""

    study_id: str
    entity: str
    values: dict
    links: list
    evidence: list
