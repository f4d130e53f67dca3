"""What importing a workbook would change: the plan, study by study, with its conflicts."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple, Optional

from models import schema
from abstractor.storage.diff import FieldDiff
from abstractor.importing.document import ImportedDocument
from abstractor.workbook.content import Issue, WorkbookContent


@dataclass
class Conflict:
    where: str  # "Outcomes row 1f3e... time_frame"
    database: Any
    workbook: Any
    reason: str = "changed in the database after the workbook was exported"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}; kept the database's {_show(self.database)}, " \
               f"not the workbook's {_show(self.workbook)}"


@dataclass
class AttachmentChange:
    """Evidence or review of one field, changed by the import (audited as field#evidence / field#review)."""

    entity: str
    row_id: str
    field: str
    kind: str  # evidence, review
    old: Any
    new: Any


class NewStudy(NamedTuple):
    """A new study as its parts, for writing it without building its items (storage.workbook_apply):
    the same values ``StudyPlan.study`` would hold."""

    head: schema.Abstraction  # the study's own fields (registry ids, conditions; no rows)
    lists: dict[str, list[dict[str, Any]]]  # list key ("arms", "study.sites") -> each item's field values
    evidence: list[schema.Evidence]
    review: list[schema.ReviewEntry]


@dataclass(slots=True)  # one per study of the workbook
class StudyPlan:
    study_id: str
    label: str
    action: str  # new, update, unchanged
    merged: Optional[schema.Abstraction] = field(default=None, repr=False)  # see ``study``
    database: Optional[schema.Abstraction] = field(default=None, repr=False)  # see ``stored``
    changes: list[FieldDiff] = field(default_factory=list)
    attachments: list[AttachmentChange] = field(default_factory=list)
    documents: list[ImportedDocument] = field(default_factory=list)  # to add
    missing: list[str] = field(default_factory=list)  # rows the workbook lacks, kept
    deleted: list[str] = field(default_factory=list)  # rows the workbook lacks, deleted (--delete-missing)
    conflicts: list[Conflict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # At 10,000 studies the plan cannot hold every study as a model: a new study's model is built from
    # the workbook's rows, an unchanged one's read from the database, each when it is asked for.
    build: Optional[Callable[[], schema.Abstraction]] = field(default=None, repr=False, compare=False)
    load: Optional[Callable[[], Optional[schema.Abstraction]]] = field(default=None, repr=False, compare=False)
    # (rows, evidence spans) of a new study, for the report without building it
    counts: Optional[tuple[int, int]] = field(default=None, repr=False, compare=False)
    parts: Optional[Callable[[], NewStudy]] = field(default=None, repr=False, compare=False)  # a new study's

    def __post_init__(self):
        if self.merged is None and self.build is None and self.load is None:
            raise ValueError("a study plan needs its study (merged), or a way to build or load it")

    @property
    def study(self) -> schema.Abstraction:
        """The study as the import leaves it (built anew at each call when the plan does not hold it)."""
        if self.merged is not None:
            return self.merged
        if self.build is not None:
            return self.build()
        return self.stored

    @property
    def stored(self) -> Optional[schema.Abstraction]:
        """The study as the database had it when planned (None for a new study)."""
        if self.database is not None or self.load is None:
            return self.database
        return self.load()


@dataclass
class ImportPlan:
    content: WorkbookContent
    studies: list[StudyPlan]
    issues: list[Issue]
    notes: list[str]
    delete_missing: bool

    @property
    def has_changes(self) -> bool:
        return any(p.action != "unchanged" for p in self.studies)

    @property
    def rejected(self) -> bool:
        """Some input was left out (bad cells, conflicts)."""
        return bool(self.issues) or any(p.conflicts for p in self.studies)

    def report(self) -> str:
        from abstractor.workbook.merge.report import plan_report

        return plan_report(self)


def _show(v: Any) -> str:
    text = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else repr(v)
    return text if len(text) <= 80 else text[:77] + "..."
