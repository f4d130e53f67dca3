"""Read a workbook back into studies, reporting every unreadable cell.

Values are read with python-calamine (an order of magnitude faster than
openpyxl).  A problem with the file or its structure (a missing sheet or
column, another tool's workbook) makes the workbook unusable: nothing is
applied.  A bad cell rejects just its row, reported as ``Sheet!B12: reason``.
The result's types are in abstractor.workbook.content.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from models import schema
from abstractor.storage.bulk import collector_paused
from abstractor.storage.entities import adapter
from abstractor.workbook import layout as L
from abstractor.workbook.cell_converters import Spec, converter
from abstractor.workbook.cells import CellError
from abstractor.workbook.codebook_cells import checks as codebook_checks, value_key
from abstractor.workbook.content import (EvidenceRow, HeadForm, Issue, Places, ReviewRow, RowForm, RowPlaces, WorkbookContent,
                                         WorkbookStudy, WorkbookUnusable)
from abstractor.workbook.reading_attachments import AttachedSheets
from abstractor.workbook.row_models import ROW_MODELS, checks_nothing, first_error, in_order, item_from, \
    item_with_extra, study_from, study_validators
from abstractor.workbook.safety import WorkbookRejected, open_checked
from abstractor.workbook.sheet_feed import SheetFeed
from abstractor.workbook.sheet_rows import ID_FORM, SheetRows, cell_ref, is_blank, is_our_id, text_id

MAX_INT = schema.MAX_INT  # the largest whole number every format holds exactly (models.schema)

__all__ = ["EvidenceRow", "Issue", "ReviewRow", "WorkbookContent", "WorkbookReader", "WorkbookStudy",
           "WorkbookUnusable", "read_workbook"]


@collector_paused()
def read_workbook(path: str | Path, reader: Optional[type["WorkbookReader"]] = None, **options) -> WorkbookContent:
    """Check and read a workbook; WorkbookRejected/WorkbookUnusable when it cannot be used at all.
    ``reader``: a WorkbookReader subclass to read with (made with ``options``)."""
    path = Path(path)
    with open_checked(path) as guard:
        try:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(str(path))
            names = list(book.sheet_names)
        except Exception as exc:  # calamine raises its own error types for broken parts
            raise WorkbookRejected(f"{path.name}: the workbook cannot be read ({exc})") from None
        ours = {L.ABOUT, *(s.name for s in L.DATA_SHEETS)}
        if not ours & set(names):
            guard.check_rest()  # a damaged or hostile file is named as such first
            raise WorkbookRejected(f"{path.name}: is not an abstraction workbook of this program (it has none of "
                                   f"the sheets {', '.join(sorted(ours))}; its sheets are {', '.join(names) or 'none'})")
        order = [n for n in (L.ABOUT, L.DICTIONARY, *(s.name for s in _ORDER)) if n in names]
        with SheetFeed(book, guard, order) as feed:
            content = (reader or WorkbookReader)(path, feed, names, guard.formulas, **options).run()
        guard.check_rest()  # sheets no one read are checked too: a hostile part refuses the file all the same
        return content


# The order the sheets are read in (after About and Dictionary): overflow first (it continues long
# cells of the others), studies before their rows, the attached sheets last.
_ORDER = (L.OVERFLOW, L.STUDIES, *L.ROW_SHEETS, L.EVIDENCE, L.REVIEW, L.DOCUMENTS)


class WorkbookReader(AttachedSheets):
    """Reads every sheet into WorkbookContent, collecting problems instead of stopping at the first."""

    def __init__(self, path: Path, feed: SheetFeed, names: list[str], formulas: Optional[dict] = None):
        self.path, self.feed, self.names = path, feed, names
        # sheet -> {(row, column): formula}: cells never taken as values (filled as each sheet is checked)
        self.formulas = {} if formulas is None else formulas
        self.fatal: list[Issue] = []
        self.issues: list[Issue] = []
        self.notes: list[str] = []
        self.overflow: dict[tuple[str, str, str], list[str]] = {}
        self.overflow_used: set[tuple[str, str, str]] = set()
        self._bad_study_ids: set[str] = set()
        self._row_ids = Places()  # where each row id was first seen, over every row sheet
        self.forms: dict[str, RowForm] = {}  # list key -> how a record sheet's row tuples read (shared by studies)
        self.codebook = None  # the codebook the workbook carries (About + Dictionary): its columns are read too
        self.sheets = L.with_codebook(None)

    def present(self, name: str) -> bool:
        return name in self.names

    def rows(self, name: str) -> Optional[SheetRows]:
        if name not in self.names:
            return None
        try:
            return SheetRows(self.feed.take(name))
        except WorkbookRejected:
            raise
        except Exception as exc:
            self.fatal.append(Issue(name, f"the sheet cannot be read ({exc})"))
            return SheetRows(None)

    # --- structure -------------------------------------------------------------
    def run(self) -> WorkbookContent:
        about = self._about()
        self._codebook(about)
        order = tuple(self.sheets.get(s.name, s) for s in _ORDER)  # the record sheets with the codebook's columns
        for sheet in order:
            if not self.present(sheet.name):
                if sheet in (L.DOCUMENTS, L.OVERFLOW):
                    self.notes.append(f"{self.path.name}: has no {sheet.name} sheet")
                else:
                    self.fatal.append(Issue(sheet.name, "the sheet is missing (renamed or deleted?)"))
        # Each sheet is parsed once (the next one while this one is read: sheet_feed), its header
        # checked and its rows read, then let go (when _sheet returns): one sheet's rows in memory at a
        # time.  A structural problem anywhere makes the workbook unusable (every such problem is
        # listed); rows read before it was found are simply dropped.
        studies: dict[str, WorkbookStudy] = {}
        for sheet in order:
            if self.present(sheet.name):
                studies = self._sheet(sheet, studies)
        if self.fatal:
            raise WorkbookUnusable(self.path.name, self.fatal)
        for key in set(self.overflow) - self.overflow_used:
            self.notes.append(f"Overflow: the continuation of a long {key[0]}.{key[1]} cell matches no cell "
                              "(the cell was edited?); it was not used")
        return WorkbookContent(self.path, about, about["exported_at"], studies, self.issues, self.notes,
                               self.codebook)

    def _sheet(self, sheet: L.Sheet, studies: dict[str, WorkbookStudy]) -> dict[str, WorkbookStudy]:
        """Read one sheet into ``studies`` (the Studies sheet makes them)."""
        rows = SheetRows(self.rows(sheet.name))
        if rows.sheet is None:
            return studies  # it cannot be read: said once (rows), not again as an empty sheet
        cols = self._header(sheet, rows)
        if cols is None or self.fatal:
            return studies
        if sheet is L.OVERFLOW:
            self._read_overflow(cols, rows)
        elif sheet.name == L.STUDIES.name:
            return self._studies(cols, rows)
        elif sheet is L.EVIDENCE:
            self._evidence(studies, cols, rows)
        elif sheet is L.REVIEW:
            self._review(studies, cols, rows)
        elif sheet is L.DOCUMENTS:
            self._documents(studies, cols, rows)
        else:
            self._records(sheet, studies, cols, rows)
        return studies

    def _codebook(self, about: dict) -> None:
        """The codebook the workbook names (abstractor.workbook.codebook_cells), and its columns."""
        from abstractor.workbook.codebook_cells import workbook_codebook

        rows = self.rows(L.DICTIONARY) if about.get("codebook") else None
        listed = [] if rows is None else [(0, rows.header() or []), *rows.body()]
        try:
            self.codebook = workbook_codebook(about, listed, self.path.name)
            self.sheets = L.with_codebook(self.codebook)
        except ValueError as exc:
            raise WorkbookUnusable(self.path.name, [Issue(L.DICTIONARY, str(exc))]) from None

    def _about(self) -> dict[str, Any]:
        rows = self.rows(L.ABOUT)
        rows = None if rows is None else SheetRows(rows)
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

    def _header(self, sheet: L.Sheet, rows: SheetRows) -> Optional[dict[str, int]]:
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
                self.fatal.append(Issue(f"{sheet.name}!{cell_ref(0, i)}", f"the column {name} appears twice"))
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
    def _spec(self, sheet: L.Sheet, cols: dict[str, int], validate: dict) -> Spec:
        """How to read each column of a sheet's rows: (column, key, index, converter, joinable)."""
        spec = []
        for col in sheet.columns:
            if col.kind == "context":
                continue  # for reading only: never decoded (a quarter of a record sheet's cells)
            check = validate.get(col.name)
            if check is not None and checks_nothing(col, check):
                check = None
            joinable = col.kind in ("text", "long") and sheet not in (L.DOCUMENTS, L.OVERFLOW)
            spec.append((col, value_key(col), cols.get(col.name), converter(col, check), joinable))
        return Spec(spec)

    def _values(self, sheet: L.Sheet, spec: list[tuple], r: int, row: list) -> Optional[dict]:
        """The row's values by column name; None (and issues) when a cell is bad."""
        values = self._row(sheet, spec, r, row)
        return None if values is None else {s[1]: v for s, v in zip(spec, values)}

    def _row(self, sheet: L.Sheet, spec: Spec, r: int, row: list) -> Optional[list]:
        """The row's values in the order of ``spec``; None (and issues) when a cell is bad."""
        if not self.overflow and not self.formulas.get(sheet.name):
            n = len(row)
            try:
                return [conv(row[i] if i < n else "") for i, conv in spec.fast]
            except CellError:
                pass  # read again below, to name every bad cell
        out: list = []
        bad = False
        n = len(row)
        formulas = self.formulas.get(sheet.name)
        overflow = self.overflow
        for col, name, i, conv, joinable in spec:
            raw = row[i] if i is not None and i < n else ""
            if formulas and (r, i) in formulas:
                self.issues.append(Issue(f"{sheet.name}!{cell_ref(r, i)}", f"holds the formula ={formulas[(r, i)]}; "
                                         "type the value itself (formulas are not imported)"))
                bad = True
                continue
            if joinable and overflow and isinstance(raw, str) and len(raw) > 4000:
                raw = self._join_overflow(sheet.name, name, raw)
            try:
                v = conv(raw)
            except CellError as exc:
                self.issues.append(Issue(f"{sheet.name}!{cell_ref(r, i)}", str(exc)))
                bad = True
                continue
            out.append(v)
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
            if is_blank(row):
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
        studies_sheet = self.sheets[L.STUDIES.name]
        validate = study_validators() | codebook_checks(studies_sheet, self.codebook)
        studies: dict[str, WorkbookStudy] = {}
        spec = self._spec(studies_sheet, cols, validate)
        head = HeadForm(tuple(x[1] for x in spec), self._study_head)
        for r, row in rows.body():
            if is_blank(row):
                continue
            where = f"Studies!{cell_ref(r, cols['study_id'])}"
            v = self._values(studies_sheet, spec, r, row)
            sid = text_id(row, cols["study_id"])
            if not sid:
                self.issues.append(Issue(where, "the study_id is empty; a study needs its id (copy it from the "
                                                "database's export)"))
                continue
            if not is_our_id(sid):
                self.issues.append(Issue(where, f"the study_id {sid!r} is not an id of this program ({ID_FORM}); "
                                                "this row was left out"))
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
                ab = head.make(v)  # checked now (its problems are the reading's); built again when asked for
            except ValidationError as exc:
                self.issues.append(Issue(where, f"study {sid}: {first_error(exc)}"))
                self._bad_study_ids.add(sid)
                continue
            studies[sid] = WorkbookStudy(ab.id, tuple(v.values()), head, where=where, forms=self.forms,
                                         row_where=RowPlaces(self._row_ids))
        return studies

    def _study_head(self, v: dict) -> schema.Abstraction:
        """A Studies row's values as the study's model (no rows)."""
        ab = study_from(v)
        if self.codebook is not None:  # the version its codebook values were abstracted with
            ab.codebook = schema.CodebookRef(name=self.codebook.name, version=self.codebook.version)
        return ab

    def _bad_studies(self) -> set:
        return self._bad_study_ids

    def _owner(self, sheet_name: str, studies, cols, r, row) -> Optional[WorkbookStudy]:
        sid = text_id(row, cols["study_id"])
        st = studies.get(sid)
        if st is not None:
            return st
        where = f"{sheet_name}!{cell_ref(r, cols['study_id'])}"
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
        """Each good row as a tuple of its values (``RowForm``), in its study, in the study's order."""
        validate = {c.name: adapter(sheet.entity, c.attr or c.name) for c in sheet.data_columns
                    if not L.is_codebook(c)} | codebook_checks(sheet, self.codebook)
        model = ROW_MODELS[sheet.list_key]
        per_study: dict[str, list] = defaultdict(list)
        spec = self._spec(sheet, cols, validate)
        names = tuple(x[1] for x in spec)
        at_order, at_sid = names.index("order"), names.index("study_id")
        codebook = any(n.startswith(L.EXTRA) for n in names)  # codebook columns: their values too
        form = RowForm(names, model, item_with_extra if codebook else item_from, names.index("row_id"))
        i_rid = cols["row_id"]
        seen = self._row_ids  # row ids are unique across every sheet: one row cannot be another sheet's
        sheet_no = seen.sheet(sheet.name, i_rid)
        i_sid = cols["study_id"]
        # The usual row (ids as text, every cell there, no formula or overflow) is read inline: this loop
        # runs for every record row (250,000 at 10,000 studies).  Anything else takes the general calls.
        plain = not self.overflow and not self.formulas.get(sheet.name)
        fast, width = spec.fast, max((i for i, _ in spec.fast), default=-1) + 1
        ours, taken = is_our_id, seen.codes
        for r, row in rows.body():
            n = len(row)
            sid = row[i_sid] if i_sid < n else ""
            if not sid and is_blank(row):  # a row with a study id is not blank
                continue
            st = studies.get(sid.strip()) if sid.__class__ is str else None
            if st is None:
                st = self._owner(sheet.name, studies, cols, r, row)
                if st is None:
                    continue
            rid = row[i_rid] if i_rid < n else ""
            rid = rid.strip() if rid.__class__ is str else text_id(row, i_rid)
            if rid and not ours(rid):
                self.issues.append(Issue(f"{sheet.name}!{cell_ref(r, i_rid)}", f"the row_id {rid!r} is not an id "
                                         f"of this program ({ID_FORM}); this row was left out"))
                st.rejected[sheet.name].add(rid)
                continue
            if rid and rid in taken:
                self.issues.append(Issue(f"{sheet.name}!{cell_ref(r, i_rid)}", f"the row id {rid} appears twice "
                                         f"(also at {seen.describe(rid)}); this row was left out"))
                continue
            v = None
            if plain and n >= width:
                try:
                    v = [conv(row[i]) for i, conv in fast]
                except CellError:
                    pass  # read again by _row, which names every bad cell
            if v is None:
                v = self._row(sheet, spec, r, row)
            if v is None:
                if rid:
                    st.rejected[sheet.name].add(rid)
                else:
                    st.rejected_new += 1
                continue
            if rid:
                seen.add(rid, sheet_no, r)
            v[at_sid] = st.id  # the study's own id object, not one more copy per row
            per_study[st.id].append((v[at_order], r, tuple(v)))
        self.forms[sheet.list_key] = form
        for sid, items in per_study.items():
            studies[sid].rows[sheet.list_key] = in_order(items)
