"""What reading a workbook gives: its studies as the workbook has them, with every problem found."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from models import schema
from abstractor.importing.document import ImportedDocument
from abstractor.workbook.flatten import Target
from abstractor.workbook.safety import WorkbookRejected


@dataclass(frozen=True)
class Issue:
    where: str  # "Outcomes!E12", "Outcomes", or the file name
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


class WorkbookUnusable(WorkbookRejected):
    """The workbook's structure is broken; ``issues`` lists every problem found."""

    def __init__(self, name: str, issues: list[Issue]):
        self.issues = issues
        lines = "\n".join(f"  {i}" for i in issues)
        super().__init__(f"{name}: the workbook cannot be imported; nothing was changed:\n{lines}")


@dataclass
class EvidenceRow:
    target: Target
    document: Optional[str]
    start: int
    end: int
    quote: str
    where: str  # "Evidence!A7"


@dataclass
class ReviewRow:
    target: Target
    status: str
    comments: list[schema.Comment]
    where: str


@dataclass
class WorkbookStudy:
    """One study as the workbook has it.  Rows without an id are new (id None)."""

    ab: schema.Abstraction  # evidence and review empty: they are in ``evidence``/``review``
    where: str  # "Studies!A3"
    evidence: list[EvidenceRow] = field(default_factory=list)
    review: dict[Target, ReviewRow] = field(default_factory=dict)
    rejected: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # sheet -> row ids
    rejected_new: int = 0  # bad rows without an id
    evidence_bad: bool = False  # some Evidence row was unreadable: keep the database's evidence
    review_bad: bool = False
    documents: list[ImportedDocument] = field(default_factory=list)
    row_where: dict[tuple[str, str], str] = field(default_factory=dict)  # (sheet, row id) -> "Arms!A4"


@dataclass
class WorkbookContent:
    path: Path
    about: dict[str, Any]
    exported_at: str
    studies: dict[str, WorkbookStudy]
    issues: list[Issue]  # unreadable cells and rows (their rows are left out)
    notes: list[str]  # worth saying, not errors

    @property
    def name(self) -> str:
        return self.path.name
