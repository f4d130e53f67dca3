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


@dataclass(slots=True)  # one per Evidence/Review row: 30,000 at 10,000 studies
class EvidenceRow:
    target: Target
    document: Optional[str]
    start: int
    end: int
    quote: str
    where: str  # "Evidence!A7"


@dataclass(slots=True)  # one per Evidence/Review row: 30,000 at 10,000 studies
class ReviewRow:
    target: Target
    status: str
    comments: list[schema.Comment]
    where: str
    by: Optional[str] = None  # who set the status, and when (the Review sheet's marked_by, marked_at)
    at: Optional[str] = None


@dataclass(frozen=True)
class HeadForm:
    """How the Studies rows' value tuples read: their column names, in order, and the study model made
    from them ({name: value} -> schema.Abstraction without rows: reading.study_head)."""

    names: tuple[str, ...]
    make: Any

    def build(self, cells: tuple) -> schema.Abstraction:
        return self.make(dict(zip(self.names, cells)))

    def value(self, cells: tuple, name: str) -> Any:
        return cells[self.names.index(name)]


@dataclass(slots=True)  # 10,000 at a time
class WorkbookStudy:
    """One study as the workbook has it.  Rows without an id are new (id None).

    Kept compact (10,000 studies must fit in a small memory): the Studies row as a tuple of its values
    (``head`` builds the model of the study's own fields from it when asked: a model per study held for
    the whole import was 4 KB each), and each record sheet's rows as tuples of values in the order of
    that sheet's ``RowForm``; ``ab`` builds the whole study from them when it is asked for.
    """

    id: str
    cells: tuple  # the Studies row's values (``head_form``)
    head_form: HeadForm
    where: str  # "Studies!A3"
    rows: dict[str, list[tuple]] = field(default_factory=dict)  # list key -> rows in the study's order
    evidence: list[EvidenceRow] = field(default_factory=list)
    review: dict[Target, ReviewRow] = field(default_factory=dict)
    rejected: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # sheet -> row ids
    rejected_new: int = 0  # bad rows without an id
    evidence_bad: bool = False  # some Evidence row was unreadable: keep the database's evidence
    review_bad: bool = False
    documents: list[ImportedDocument] = field(default_factory=list)
    row_where: "RowPlaces" = field(default_factory=lambda: RowPlaces(None))  # (sheet, row id) -> "Arms!A4"
    forms: dict[str, "RowForm"] = field(default_factory=dict, repr=False)  # list key -> how its tuples read
    _ab: Optional[schema.Abstraction] = field(default=None, repr=False, compare=False)

    @property
    def head(self) -> schema.Abstraction:
        """The Studies row as a model: no rows, no evidence or review (a new one at each call)."""
        return self.head_form.build(self.cells)

    @property
    def source_sha256(self) -> Optional[str]:
        return self.head_form.value(self.cells, "source_sha256") or None

    def row_ids(self, key: str) -> list[Optional[str]]:
        form = self.forms.get(key)
        return [] if form is None else [r[form.id_slot] for r in self.rows.get(key, ())]

    def give_ids(self, new_id) -> None:
        """Give every row without an id one (``new_id()``), kept in the rows: each build has the same ids."""
        for key, rows in self.rows.items():
            slot = self.forms[key].id_slot
            for n, row in enumerate(rows):
                if row[slot] is None:
                    rows[n] = (*row[:slot], new_id(), *row[slot + 1:])

    def forget(self) -> None:
        """Let go of the model ``ab`` built (the rows stay)."""
        self._ab = None

    def build(self) -> schema.Abstraction:
        """The whole study as a model (a new one at each call; nothing of it is kept)."""
        lists = {key: [form.item(r) for r in self.rows.get(key, ())] for key, form in self.forms.items()}
        head = self.head
        study = head.study.model_copy(update={"sites": lists.pop("study.sites", [])})
        return head.model_copy(update={"study": study, **lists})

    def item_values(self) -> dict[str, list[dict[str, Any]]]:
        """Each list's rows as the field values their items would have (``build`` without the models)."""
        return {key: [form.fields(r) for r in self.rows.get(key, ())] for key, form in self.forms.items()}

    @property
    def ab(self) -> schema.Abstraction:
        """The whole study as a model, built once on first use (for code that needs the model)."""
        if self._ab is None:
            self._ab = self.build()
        return self._ab


class Places:
    """Where each record row was read, by row id (row ids are unique over the sheets), kept as one small
    number per row rather than a "Criteria!AB12" text: 250,000 such texts are tens of MB."""

    SHIFT = 21  # a sheet has at most 1,048,576 rows

    def __init__(self):
        self.codes: dict[str, int] = {}
        self.sheets: list[tuple[str, int]] = []  # (sheet name, column of its row ids)

    def sheet(self, name: str, column: int) -> int:
        self.sheets.append((name, column))
        return len(self.sheets) - 1

    def add(self, rid: str, sheet_no: int, row: int) -> None:
        self.codes[rid] = sheet_no << self.SHIFT | row

    def __contains__(self, rid: str) -> bool:
        return rid in self.codes

    def describe(self, rid: str) -> Optional[str]:
        """'Criteria!AB12' for a row id seen, else None."""
        from abstractor.workbook.sheet_rows import cell_ref

        code = self.codes.get(rid)
        if code is None:
            return None
        name, column = self.sheets[code >> self.SHIFT]
        return f"{name}!{cell_ref(code & ((1 << self.SHIFT) - 1), column)}"


class RowPlaces(dict):
    """A study's (sheet, row id) -> "Sheet!A5": its own entries (documents), else the shared ``Places``."""

    def __init__(self, places: Optional[Places]):
        super().__init__()
        self.places = places

    def get(self, key, default=None):
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        where = self.places.describe(key[1]) if self.places is not None else None
        return default if where is None or not where.startswith(key[0] + "!") else where

    def __getitem__(self, key):
        where = self.get(key)
        if where is None:
            raise KeyError(key)
        return where

    def __contains__(self, key) -> bool:
        return self.get(key) is not None


@dataclass(frozen=True)
class RowForm:
    """How the tuples of one record sheet read: the values' column names, in order, and the item's model."""

    names: tuple[str, ...]
    model: type
    make: Any  # (model, {name: value}) -> item: abstractor.workbook.row_models.item_from
    id_slot: int  # where the row id is
    fields: Any = field(init=False, repr=False, compare=False)  # row -> the item's field values (no item)

    def __post_init__(self):
        from abstractor.workbook.row_models import values_maker

        object.__setattr__(self, "fields", values_maker(self.model, self.names))

    def values(self, row: tuple) -> dict[str, Any]:
        return dict(zip(self.names, row))

    def item(self, row: tuple):
        return self.make(self.model, dict(zip(self.names, row)))


@dataclass
class WorkbookContent:
    path: Path
    about: dict[str, Any]
    exported_at: str
    studies: dict[str, WorkbookStudy]
    issues: list[Issue]  # unreadable cells and rows (their rows are left out)
    notes: list[str]  # worth saying, not errors
    codebook: Any = None  # the codebook it carries (models.codebook.Codebook), or None

    @property
    def name(self) -> str:
        return self.path.name
