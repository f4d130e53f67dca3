"""Read a workbook back into studies, reporting every unreadable cell.

Values are read with python-calamine (an order of magnitude faster than
openpyxl).  A problem with the file or its structure (a missing sheet or
column, another tool's workbook) makes the workbook unusable: nothing is
applied.  A bad cell rejects just its row, reported as ``Sheet!B12: reason``.
"""
from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator, Optional

from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from models import schema
from abstractor.importing.document import ImportedDocument
from abstractor.storage.entities import adapter
from abstractor.workbook import layout as L
from abstractor.workbook.cells import CellError, decode
from abstractor.workbook.flatten import Target, check_target
from abstractor.workbook.safety import WorkbookRejected, check_file


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


def read_workbook(path: str | Path) -> WorkbookContent:
    """Check and read a workbook; WorkbookRejected/WorkbookUnusable when it cannot be used at all."""
    path = Path(path)
    check_file(path)
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises its own error types for broken parts
        raise WorkbookRejected(f"{path.name}: the workbook cannot be read ({exc})") from None
    ours = {L.ABOUT, *(s.name for s in L.DATA_SHEETS)}
    if not ours & set(names):
        raise WorkbookRejected(f"{path.name}: is not an abstraction workbook of this program (it has none of the "
                               f"sheets {', '.join(sorted(ours))}; its sheets are {', '.join(names) or 'none'})")
    reader = _Reader(path, book, names)
    return reader.run()


def _cell(row: int, col: int) -> str:
    return f"{get_column_letter(col + 1)}{row + 1}"


class _Reader:
    def __init__(self, path: Path, book, names: list[str]):
        self.path, self.book, self.names = path, book, names
        self.fatal: list[Issue] = []
        self.issues: list[Issue] = []
        self.notes: list[str] = []
        self.overflow: dict[tuple[str, str, str], list[str]] = {}
        self.overflow_used: set[tuple[str, str, str]] = set()
        self._bad_study_ids: set[str] = set()

    def rows(self, name: str) -> Optional[_Rows]:
        if name not in self.names:
            return None
        try:
            return _Rows(self.book.get_sheet_by_name(name))
        except Exception as exc:
            self.fatal.append(Issue(name, f"the sheet cannot be read ({exc})"))
            return _Rows(None)

    # --- structure -------------------------------------------------------------
    def run(self) -> WorkbookContent:
        about = self._about()
        tables = {}
        for sheet in (*L.DATA_SHEETS, L.DOCUMENTS, L.OVERFLOW):
            rows = self.rows(sheet.name)
            rows = None if rows is None else _Rows(rows)
            if rows is None:
                if sheet in (L.DOCUMENTS, L.OVERFLOW):
                    self.notes.append(f"{self.path.name}: has no {sheet.name} sheet")
                    continue
                self.fatal.append(Issue(sheet.name, "the sheet is missing (renamed or deleted?)"))
                continue
            cols = self._header(sheet, rows)
            if cols is not None:
                tables[sheet.name] = cols
            del rows  # one parsed sheet at a time: each is parsed again below, when its rows are read
        if self.fatal:
            raise WorkbookUnusable(self.path.name, self.fatal)

        def take(name: str):
            return tables.pop(name), _Rows(self.rows(name))

        # Each sheet's rows become values as they are read; the sheet is let go once read.
        if L.OVERFLOW.name in tables:
            self._read_overflow(*take(L.OVERFLOW.name))
        studies = self._studies(*take(L.STUDIES.name))
        for sheet in L.ROW_SHEETS:
            self._records(sheet, studies, *take(sheet.name))
        self._evidence(studies, *take(L.EVIDENCE.name))
        self._review(studies, *take(L.REVIEW.name))
        if L.DOCUMENTS.name in tables:
            self._documents(studies, *take(L.DOCUMENTS.name))
        for key in set(self.overflow) - self.overflow_used:
            self.notes.append(f"Overflow: the continuation of a long {key[0]}.{key[1]} cell matches no cell "
                              "(the cell was edited?); it was not used")
        return WorkbookContent(self.path, about, about["exported_at"], studies, self.issues, self.notes)

    def _about(self) -> dict[str, Any]:
        rows = self.rows(L.ABOUT)
        rows = None if rows is None else _Rows(rows)
        if rows is None:
            raise WorkbookUnusable(self.path.name, [Issue(L.ABOUT, "the sheet is missing (renamed or deleted?); "
                                                     "it says which program wrote the workbook and when")])
        about = {}
        for _, r in rows.body():
            if len(r) >= 2 and isinstance(r[0], str) and r[0]:
                about[r[0]] = r[1]
        fmt = about.get("format")
        if fmt != L.FORMAT_ID:
            if isinstance(fmt, str) and fmt.startswith(L.FORMAT_ID.rsplit("/", 1)[0] + "/"):
                raise WorkbookRejected(f"{self.path.name}: was written by another version of the program "
                                       f"(format {fmt}; this version reads {L.FORMAT_ID})")
            raise WorkbookUnusable(self.path.name, [Issue(f"{L.ABOUT}!B2", f"the format should be {L.FORMAT_ID} "
                                                                           "(not a workbook of this program?)")])
        at = about.get("exported_at")
        try:
            if not isinstance(at, str):
                raise ValueError
            datetime.fromisoformat(at)
        except ValueError:
            raise WorkbookUnusable(self.path.name, [Issue(L.ABOUT, "the export time (exported_at) is missing or "
                                                          "not readable; it is needed to detect conflicts")]) from None
        return about

    def _header(self, sheet: L.Sheet, rows: _Rows) -> Optional[dict[str, int]]:
        head = rows.header()
        if head is None:
            self.fatal.append(Issue(sheet.name, "the sheet is empty (its header row is missing)"))
            return None
        cols: dict[str, int] = {}
        for i, v in enumerate(head):
            name = v.strip() if isinstance(v, str) else ""
            if not name:
                continue
            if name in cols:
                self.fatal.append(Issue(f"{sheet.name}!{_cell(0, i)}", f"the column {name} appears twice"))
            cols[name] = i
        ok = True
        for col in sheet.columns:
            if col.name not in cols and col.required:
                self.fatal.append(Issue(f"{sheet.name}!1", f"the column {col.name} is missing (deleted or renamed?)"))
                ok = False
        extra = [n for n in cols if n not in sheet.names]
        if extra:
            self.notes.append(f"{sheet.name}: columns not of this program were ignored: {', '.join(extra)}")
        return cols if ok else None

    # --- cells ---------------------------------------------------------------
    def _spec(self, sheet: L.Sheet, cols: dict[str, int], validate: dict) -> list[tuple]:
        """How to read each column of a sheet's rows: (column, name, index, validator, joinable)."""
        spec = []
        for col in sheet.columns:
            check = validate.get(col.name)
            if check is not None and _checks_nothing(col, check):
                check = None
            joinable = col.kind in ("text", "long") and sheet not in (L.DOCUMENTS, L.OVERFLOW)
            spec.append((col, col.name, cols.get(col.name), check, joinable))
        return spec

    def _values(self, sheet: L.Sheet, spec: list[tuple], r: int, row: list) -> Optional[dict]:
        """The row's values by column name; None (and issues) when a cell is bad."""
        out: dict[str, Any] = {}
        bad = False
        n = len(row)
        for col, name, i, check, joinable in spec:
            raw = row[i] if i is not None and i < n else ""
            if joinable and isinstance(raw, str) and len(raw) > 4000 and self.overflow:
                raw = self._join_overflow(sheet.name, name, raw)
            try:
                v = decode(col, raw)
                if check is not None:
                    v = _validated(check, v)
            except CellError as exc:
                self.issues.append(Issue(f"{sheet.name}!{_cell(r, i)}", str(exc)))
                bad = True
                continue
            out[name] = v
        return None if bad else out

    def _join_overflow(self, sheet: str, column: str, first: str) -> str:
        key = (sheet, column, hashlib.sha256(first.encode("utf-8")).hexdigest())
        rests = self.overflow.get(key)
        if not rests:
            return first
        self.overflow_used.add(key)
        return first + (rests.pop(0) if len(rests) > 1 else rests[0])

    def _read_overflow(self, cols, rows) -> None:
        parts: dict[tuple, list] = defaultdict(list)
        spec = self._spec(L.OVERFLOW, cols, {})
        for r, row in rows.body():
            if _blank(row):
                continue
            v = self._values(L.OVERFLOW, spec, r, row)
            if v is None or not v["sheet"] or not v["cell_sha256"]:
                continue
            raw_text = row[cols["text"]] if cols["text"] < len(row) else ""
            parts[(v["sheet"], v["column"], v["cell_sha256"])].append((v["part"] or 0, raw_text or ""))
        # Cells with the same first part (the same long text twice) have one group each, in sheet order.
        self.overflow = {}
        for k, p in parts.items():
            groups: list[list] = []
            for n, text in p:
                if not groups or n <= groups[-1][-1][0]:
                    groups.append([])
                groups[-1].append((n, text))
            self.overflow[k] = ["".join(t for _, t in g) for g in groups]

    # --- sheets ----------------------------------------------------------------
    def _studies(self, cols, rows) -> dict[str, WorkbookStudy]:
        validate = _study_validators()
        studies: dict[str, WorkbookStudy] = {}
        spec = self._spec(L.STUDIES, cols, validate)
        for r, row in rows.body():
            if _blank(row):
                continue
            where = f"Studies!{_cell(r, cols['study_id'])}"
            v = self._values(L.STUDIES, spec, r, row)
            sid = _text_id(row, cols["study_id"])
            if not sid:
                self.issues.append(Issue(where, "the study_id is empty; a study needs its id (copy it from the "
                                                "database's export)"))
                continue
            if sid in studies or sid in self._bad_studies():
                self.issues.append(Issue(where, f"the study {sid} appears twice; this row was left out"))
                continue
            if v is None:
                self._bad_study_ids.add(sid)
                self.issues.append(Issue(where, f"study {sid} was left out (with all its rows) because of the "
                                                "cells above"))
                continue
            try:
                ab = _study_from(v)
            except ValidationError as exc:
                self.issues.append(Issue(where, f"study {sid}: {_first_error(exc)}"))
                self._bad_study_ids.add(sid)
                continue
            studies[sid] = WorkbookStudy(ab=ab, where=where)
        return studies

    def _bad_studies(self) -> set:
        return self._bad_study_ids

    def _owner(self, sheet_name: str, studies, cols, r, row) -> Optional[WorkbookStudy]:
        sid = _text_id(row, cols["study_id"])
        where = f"{sheet_name}!{_cell(r, cols['study_id'])}"
        if sid in self._bad_studies():
            return None  # already reported with its Studies row
        if not sid:
            self.issues.append(Issue(where, "the study_id is empty; this row was left out"))
            return None
        if sid not in studies:
            self.issues.append(Issue(where, f"the study {sid} is not on the Studies sheet; this row was left out"))
            return None
        return studies[sid]

    def _records(self, sheet: L.Sheet, studies, cols, rows) -> None:
        validate = {c.name: adapter(sheet.entity, c.attr or c.name) for c in sheet.columns[5:]}
        model = {"study.sites": schema.Site, "arms": schema.Arm, "interventions": schema.Intervention,
                 "dose_levels": schema.DoseLevel, "outcomes": schema.Outcome, "criteria": schema.Criterion}[sheet.list_key]
        per_study: dict[str, list] = defaultdict(list)
        seen: dict[str, str] = {}
        spec = self._spec(sheet, cols, validate)
        for r, row in rows.body():
            if _blank(row):
                continue
            st = self._owner(sheet.name, studies, cols, r, row)
            if st is None:
                continue
            rid = _text_id(row, cols["row_id"])
            where = f"{sheet.name}!{_cell(r, cols['row_id'])}"
            if rid and rid in seen:
                self.issues.append(Issue(where, f"the row id {rid} appears twice (also at {seen[rid]}); "
                                                "this row was left out"))
                continue
            v = self._values(sheet, spec, r, row)
            item = None
            if v is not None:
                try:
                    item = _item_from(model, v)
                except ValidationError as exc:
                    self.issues.append(Issue(where, _first_error(exc)))
            if item is None:
                if rid:
                    st.rejected[sheet.name].add(rid)
                else:
                    st.rejected_new += 1
                continue
            if rid:
                seen[rid] = where
                st.row_where[(sheet.name, rid)] = where
            per_study[st.ab.id].append((v["order"], r, item))
        for sid, items in per_study.items():
            ordered = _in_order(items)
            target = studies[sid].ab
            if sheet.list_key == "study.sites":
                target.study.sites = ordered
            else:
                setattr(target, sheet.list_key, ordered)

    def _evidence(self, studies, cols, rows) -> None:
        spec = self._spec(L.EVIDENCE, cols, {})
        for r, row in rows.body():
            if _blank(row):
                continue
            st = self._owner("Evidence", studies, cols, r, row)
            if st is None:
                continue
            v = self._values(L.EVIDENCE, spec, r, row)
            where = f"Evidence!{_cell(r, 0)}"
            if v is not None:
                problem = self._target_problem(v, cols, r)
                if problem is None and v["start"] is None:
                    problem = Issue(f"Evidence!{_cell(r, cols['start'])}", "the start offset is empty")
                if problem is None and v["end"] is None:
                    problem = Issue(f"Evidence!{_cell(r, cols['end'])}", "the end offset is empty")
                if problem is None and not (0 <= v["start"] <= v["end"]):
                    problem = Issue(f"Evidence!{_cell(r, cols['start'])}",
                                    f"the span {v['start']}-{v['end']} is not a span of the text")
                if problem is None:
                    st.evidence.append(EvidenceRow(Target(v["sheet"], v["row_id"] or "", v["field"] or ""),
                                                   v.get("document_sha256"), v["start"], v["end"],
                                                   v["quote"] or "", where))
                    continue
                self.issues.append(problem)
            st.evidence_bad = True

    def _target_problem(self, v: dict, cols, r) -> Optional[Issue]:
        name = "Evidence" if "quote" in v else "Review"
        if not v["sheet"]:
            return Issue(f"{name}!{_cell(r, cols['sheet'])}", "the sheet is empty")
        if not v["row_id"]:
            return Issue(f"{name}!{_cell(r, cols['row_id'])}", "the row_id is empty")
        why = check_target(Target(v["sheet"], v["row_id"], v["field"] or ""))
        if why:
            return Issue(f"{name}!{_cell(r, cols['field'])}", why)
        return None

    def _review(self, studies, cols, rows) -> None:
        spec = self._spec(L.REVIEW, cols, {})
        for r, row in rows.body():
            if _blank(row):
                continue
            st = self._owner("Review", studies, cols, r, row)
            if st is None:
                continue
            v = self._values(L.REVIEW, spec, r, row)
            where = f"Review!{_cell(r, 0)}"
            if v is not None:
                problem = self._target_problem(v, cols, r)
                if problem is None:
                    tgt = Target(v["sheet"], v["row_id"], v["field"] or "")
                    status = v["status"] or "UNCHECKED"
                    entry = st.review.get(tgt)
                    if entry is None:
                        entry = st.review[tgt] = ReviewRow(tgt, status, [], where)
                    elif entry.status != status:
                        problem = Issue(f"Review!{_cell(r, cols['status'])}",
                                        f"the status {status} differs from {entry.status} given for the same "
                                        f"field at {entry.where}")
                if problem is None:
                    if v["comment"] is not None:
                        entry.comments.append(schema.Comment(author=v["author"], at=v["at"], text=v["comment"]))
                    continue
                self.issues.append(problem)
            st.review_bad = True

    def _documents(self, studies, cols, rows) -> None:
        parts: dict[tuple, dict] = {}
        spec = self._spec(L.DOCUMENTS, cols, {})
        for r, row in rows.body():
            if _blank(row):
                continue
            sid = _text_id(row, cols["study_id"])
            if sid not in studies:
                continue  # a left-out study's documents
            v = self._values(L.DOCUMENTS, spec, r, row)
            if v is None or not v["sha256"]:
                if v is not None:
                    self.issues.append(Issue(f"Documents!{_cell(r, cols['sha256'])}", "the sha256 is empty"))
                continue
            raw = row[cols["text"]] if cols["text"] < len(row) else ""
            doc = parts.setdefault((sid, v["sha256"]), {"v": v, "parts": {}, "where": f"Documents!A{r + 1}"})
            doc["parts"][v["part"] or 1] = raw if isinstance(raw, str) else ""
        for (sid, sha), doc in parts.items():
            v, got = doc["v"], doc["parts"]
            if sorted(got) != list(range(1, len(got) + 1)):
                self.issues.append(Issue(doc["where"], f"the document {v['file_name']} has parts {sorted(got)}; "
                                                       "some are missing, so it was left out"))
                continue
            try:
                pages = json.loads(v["page_starts"]) if v["page_starts"] else []
            except ValueError:
                pages = []
            text = "".join(got[i] for i in sorted(got))
            studies[sid].documents.append(ImportedDocument(
                file_name=v["file_name"] or "", sha256=sha, kind=v["kind"] or "txt", text=text,
                size_bytes=v["size_bytes"] or 0, encoding=v["encoding"], page_starts=pages))


class _Rows:
    """A sheet's rows, one at a time as calamine gives them (no list of the whole sheet), from A1 like
    ``to_python(skip_empty_area=False)``: calamine's rows start at row 1 but at the first used column."""

    def __init__(self, sheet):
        self.sheet = sheet.sheet if isinstance(sheet, _Rows) else sheet

    def _all(self) -> Iterator[tuple[int, list]]:
        if isinstance(self.sheet, list):  # rows already listed (a subclass's rows())
            return enumerate(self.sheet)
        start = self.sheet.start if self.sheet is not None else None
        if start is None:
            return iter(())
        left = start[1]
        rows = self.sheet.iter_rows()
        return enumerate(rows if not left else ([""] * left + row for row in rows))

    def header(self) -> Optional[list]:
        return next((row for _, row in self._all()), None)

    def body(self) -> Iterator[tuple[int, list]]:
        """(row index from 0, values) for every row after the header."""
        rows = self._all()
        next(rows, None)
        return rows


def _blank(row: list) -> bool:
    return all(v == "" or v is None for v in row)


def _text_id(row: list, i: int) -> str:
    v = row[i] if i < len(row) else ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v).strip() if v is not None else ""


_NOTHING_TO_CHECK = ({"type": "nullable", "schema": {"type": "str"}}, {"type": "list", "items_schema": {"type": "str"}})


def _checks_nothing(col: L.Column, check) -> bool:
    """A validator that cannot refuse what ``decode`` gives for the column: text (str or None) for a
    plain optional string, a list of strings for a plain list of strings."""
    schema_ = check.core_schema
    if col.kind in ("text", "long", "id", "context"):
        return schema_ == _NOTHING_TO_CHECK[0]
    if col.kind == "list":
        return schema_ == _NOTHING_TO_CHECK[1]
    return False


def _validated(check, value):
    try:
        return check.validate_python(value)
    except ValidationError as exc:
        err = exc.errors()[0]
        if err.get("type") == "string_pattern_mismatch":
            raise CellError(f"{value!r} is not an age like '18 Years' or '6 Months'") from None
        raise CellError(f"{value!r} is not valid ({_first_error(exc)})") from None


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(x) for x in err.get("loc", ()))
    return f"{loc + ': ' if loc else ''}{err['msg']}"


def _study_validators() -> dict:
    out = {}
    for col in L.STUDIES.columns:
        attr = col.attr or col.name
        if attr.startswith("escalation."):
            out[col.name] = adapter("escalation", attr[11:])
        elif attr in ("study_id",) or attr.startswith("source."):
            continue
        else:
            out[col.name] = adapter("study", attr)
    return out


def _study_from(v: dict) -> schema.Abstraction:
    fields = {c.name: v[c.name] for c in L.STUDIES.columns
              if c.name in schema.StudyFields.model_fields}
    source = None
    if v["source_file"] is not None or v["source_sha256"] is not None:
        source = schema.Source(file=v["source_file"], sha256=v["source_sha256"])
    return schema.Abstraction(
        id=v["study_id"], source=source, study=schema.StudyFields(**fields),
        escalation=schema.Escalation(method=v["escalation_method"], dlt_window_days=v["escalation_dlt_window_days"],
                                     redosing=v["escalation_redosing"]),
        status=v["status"] or "IN_PROGRESS", abstractor=v["abstractor"], consensus=bool(v["consensus"]))


_FIELDS = {m: frozenset(m.model_fields) - {"id"} for m in (schema.Site, schema.Arm, schema.Intervention,
                                                           schema.DoseLevel, schema.Outcome, schema.Criterion)}


def _item_from(model, v: dict):
    """A record row's item.  Every value was validated on its own against the field's type (``_values``)
    and the items have no validators across fields: build it without validating again."""
    fields = _FIELDS[model]
    data = {k: val for k, val in v.items() if val is not None and k in fields}
    if model is schema.Criterion:
        th = {k[10:]: v[k] for k in ("threshold_parameter", "threshold_operator", "threshold_value",
                                     "threshold_unit")}
        data["threshold"] = schema.construct(schema.Threshold, **th) if any(x is not None for x in th.values()) \
            else None
        data["text"] = data.get("text") or ""
        data["kind"] = data.get("kind") or schema.CriterionKind.INCLUSION
    if model is schema.Outcome:
        data["kind"] = data.get("kind") or schema.OutcomeKind.OTHER
    return schema.construct(model, id=v["row_id"] or None, **data)


def _in_order(items: list[tuple[Optional[int], int, Any]]) -> list:
    """Sort by the order column; a row without one goes after the row above it."""
    keyed = []
    last = 0.0
    for order, r, item in items:  # items come in sheet order
        key = float(order) if order is not None else last + 1e-3
        if order is not None:
            last = float(order)
        else:
            last = key
        keyed.append((key, r, item))
    keyed.sort(key=lambda x: (x[0], x[1]))
    return [item for _, _, item in keyed]
