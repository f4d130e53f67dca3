"""A study as sheet rows, and field paths as (sheet, row id, field) targets.

Evidence and review name a field by position in ABSTRACTION_JSON
("outcomes[2].time_frame"); in the workbook they name it by sheet, row id and
column ("Outcomes", "<id>", "time_frame"), so they still point at the right
row after a reviewer sorts, inserts or deletes rows.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterator, NamedTuple, Optional

from models import records, schema
from abstractor.workbook.labels import field_label, row_label
from abstractor.workbook.layout import (
    BY_LIST_KEY,
    EVIDENCE,
    REVIEW,
    ROW_SHEETS,
    STUDIES,
    Column,
    Sheet,
)

WORKFLOW = ("status", "abstractor", "consensus")


class Target(NamedTuple):
    sheet: str
    row_id: str
    field: str


def extra_cell(value: Any) -> Any:
    """A codebook value as its cell holds it: a number with its unit as text ("10000000 cells/kg")."""
    if isinstance(value, dict):
        num = value.get("value")
        num = int(num) if isinstance(num, float) and num.is_integer() and abs(num) < 2**53 else num
        return " ".join(str(x) for x in (num, value.get("unit")) if x is not None)
    return value


def study_value(ab: schema.Abstraction, col: Column) -> Any:
    attr = col.attr or col.name
    if attr.startswith("extra."):
        return extra_cell(ab.study.extra.get(attr[6:]))
    if attr == "study_id":
        return ab.id
    head, _, rest = attr.partition(".")
    if head == "escalation":
        return getattr(ab.escalation, rest)
    if head == "source":
        return getattr(ab.source, rest) if ab.source else None
    if attr in WORKFLOW:
        return getattr(ab, attr)
    return getattr(ab.study, attr)


def item_value(item: Any, col: Column) -> Any:
    attr = col.attr or col.name
    if attr.startswith("extra."):
        return extra_cell(item.extra.get(attr[6:]))
    return getattr(item, attr)


def list_items(ab: schema.Abstraction, key: str) -> list:
    return getattr(ab.study, key[6:]) if key.startswith("study.") else getattr(ab, key)


def _slots(sheet: Sheet, names: tuple[str, ...]) -> tuple[int, ...]:
    return tuple(sheet.index(n) for n in names)


_EV_NAMES = ("study_id", "registry_id", "study_title", "sheet", "row_id", "field", "document_sha256",
             "document_file", "start", "end", "quote")
_RV_NAMES = ("study_id", "registry_id", "study_title", "sheet", "row_id", "field", "label", "status", "marked_by",
             "marked_at", "author", "at", "comment")
_EV_SLOTS, _RV_SLOTS = _slots(EVIDENCE, _EV_NAMES), _slots(REVIEW, _RV_NAMES)


@lru_cache(maxsize=64)
def _row_slots(s: Sheet):
    return (_slots(s, ("study_id", "registry_id", "study_title", "row_id", "order", "evidence")),
            [(s.index(c.name), c) for c in s.data_columns])


def _placed(n: int, slots: tuple[int, ...], values) -> list[Any]:
    row = [None] * n
    for i, v in zip(slots, values):
        row[i] = v
    return row


def study_name(ab: schema.Abstraction) -> Optional[str]:
    """How a reviewer knows the study on every row: its title, else its source file's name."""
    return ab.study.title or (ab.source.file if ab.source and ab.source.file else None)


def study_rows(ab: schema.Abstraction, sheets: Optional[dict[str, Sheet]] = None
               ) -> Iterator[tuple[Sheet, list[Any]]]:
    """(sheet, row of plain values in the sheet's column order) for every row of one study
    on the Studies, record, Evidence and Review sheets; the record rows carry their evidence quotes.
    ``sheets``: the record sheets with a codebook's columns (layout.with_codebook)."""
    studies = sheets["Studies"] if sheets else STUDIES
    reg = ab.study.registry_ids[0] if ab.study.registry_ids else None
    title = study_name(ab)
    paths = PathMap(ab)
    targets = [(paths.target(ev.field), ev) for ev in ab.evidence]
    quotes: dict[tuple[str, str], list[str]] = {}
    for tgt, ev in targets:
        quotes.setdefault((tgt.sheet, tgt.row_id), []).append(f"{tgt.field}: {ev.quote}" if tgt.field else ev.quote)
    study = [study_value(ab, c) if c.kind != "context" else None for c in studies.columns]
    study[studies.index("evidence")] = "\n".join(quotes.get(("Studies", ab.id or ""), ())) or None
    yield studies, study
    for sheet in ROW_SHEETS:
        sheet = sheets[sheet.name] if sheets else sheet
        head, fields = _row_slots(sheet)
        n = len(sheet.columns)
        for pos, item in enumerate(list_items(ab, sheet.list_key)):
            row = _placed(n, head, (ab.id, reg, title, item.id, pos + 1,
                                    "\n".join(quotes.get((sheet.name, item.id), ())) or None))
            for i, c in fields:
                row[i] = item_value(item, c)
            yield sheet, row
    n_ev, n_rv = len(EVIDENCE.columns), len(REVIEW.columns)
    for tgt, ev in targets:
        yield EVIDENCE, _placed(n_ev, _EV_SLOTS, (ab.id, reg, title, *tgt, ev.document, None, ev.start, ev.end,
                                                  ev.quote))
    for entry in ab.review:
        tgt = paths.target(entry.field)
        status, label = entry.status, _label(sheets, tgt) or row_label(tgt.sheet)
        if not entry.comments:
            yield REVIEW, _placed(n_rv, _RV_SLOTS, (ab.id, reg, title, *tgt, label, status, entry.by, entry.at,
                                                    None, None, None))
        for c in entry.comments:
            yield REVIEW, _placed(n_rv, _RV_SLOTS, (ab.id, reg, title, *tgt, label, status, entry.by, entry.at,
                                                    c.author, c.at, c.text))


def _label(sheets: Optional[dict[str, Sheet]], tgt: Target) -> str:
    """What the form calls a field; a codebook field ("extra.vector") by its codebook label."""
    if sheets and tgt.field.startswith("extra.") and tgt.sheet in sheets:
        col = next((c for c in sheets[tgt.sheet].columns if c.attr == tgt.field), None)
        if col is not None and col.label:
            return col.label
    return field_label(tgt.sheet, tgt.field)


EV_DOCUMENT_SHA, EV_DOCUMENT_FILE = EVIDENCE.index("document_sha256"), EVIDENCE.index("document_file")


class PathMap:
    """Field paths of one study <-> workbook targets, by the study's row ids."""

    def __init__(self, ab: Optional[schema.Abstraction], ids: Optional[dict[str, list[Optional[str]]]] = None,
                 study_id: Optional[str] = None):
        self.sid = ab.id if ab is not None else study_id
        self.ids: dict[str, list[Optional[str]]] = ids if ids is not None else {
            key: [item.id for item in list_items(ab, key)] for key in BY_LIST_KEY}
        self.where: dict[tuple[str, str], int] = {}
        for key, sheet in BY_LIST_KEY.items():
            for pos, rid in enumerate(self.ids[key]):
                if rid is not None:
                    self.where[(sheet.name, rid)] = pos

    @classmethod
    def of_ids(cls, study_id: str, ids: dict[str, list[Optional[str]]]) -> "PathMap":
        """The map of a study known only by its id and each list's row ids (no model needed)."""
        return cls(None, ids, study_id)

    def target(self, path: str) -> Target:
        sid = self.sid or ""
        head, index, rest = schema.parse_path(path)
        if head == "study" and rest:
            sub, sub_index, sub_rest = schema.parse_path(rest)
            if sub == "sites" and sub_index is not None:
                return Target("Sites", self._id("study.sites", sub_index, path), sub_rest or "")
            return Target("Studies", sid, rest)
        if head == "escalation":
            return Target("Studies", sid, f"escalation_{rest}" if rest else "escalation")
        if head in WORKFLOW and index is None and rest is None:
            return Target("Studies", sid, head)
        if head in BY_LIST_KEY and index is not None:
            sheet = BY_LIST_KEY[head].name
            return Target(sheet, self._id(head, index, path), rest or "")
        raise ValueError(f"not a field path: {path!r}")

    def _id(self, key: str, index: int, path: str) -> str:
        ids = self.ids[key]
        if index >= len(ids) or ids[index] is None:
            raise ValueError(f"{path}: there is no item {index} in {key}")
        return ids[index]

    def path(self, tgt: Target) -> str:
        """The field path of a target in this study; ValueError when the row is not in it."""
        sheet, row_id, field = tgt
        if sheet == "Studies":
            if row_id != self.sid:
                raise ValueError(f"row id {row_id} is not this study's id {self.sid}")
            if field == "escalation" or field.startswith("escalation_"):
                return "escalation" + ("." + field[11:] if field != "escalation" else "")
            if field in WORKFLOW:
                return field
            if not field:
                raise ValueError("the field is empty")
            return f"study.{field}"
        pos = self.where.get((sheet, row_id))
        if pos is None:
            raise ValueError(f"there is no {sheet} row with id {row_id} in this study")
        key = next(s.list_key for s in ROW_SHEETS if s.name == sheet)
        base = f"{key}[{pos}]"
        if key == "study.sites":
            base = f"study.sites[{pos}]"
        return f"{base}.{field}" if field else base


def check_target(tgt: Target, codebook: Any = None) -> Optional[str]:
    """Why a target cannot be a field of its sheet, or None (the fields come from models.records;
    "extra.NAME" from ``codebook``, the workbook's)."""
    if tgt.sheet == "Studies":
        if tgt.field in ("escalation", "sites"):
            return None
        if tgt.field.startswith("escalation_"):
            why = records.ESCALATION.field_problem(tgt.field[11:])
        else:
            why = records.STUDY.field_problem(tgt.field, codebook) if tgt.field else "the field is empty"
        return None if why is None else f"{why} (Studies sheet)"
    kind = next((k for k in records.ROW_KINDS if k.sheet == tgt.sheet), None)
    if kind is None:
        return f"{tgt.sheet!r} is not a sheet of records"
    why = kind.field_problem(tgt.field, codebook)
    return None if why is None else f"{why} ({tgt.sheet} sheet)"
