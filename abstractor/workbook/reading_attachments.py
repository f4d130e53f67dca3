"""Reading the sheets attached to a workbook's studies: Evidence, Review and Documents."""
from __future__ import annotations

import json
from typing import Iterator, Optional

from models import schema
from abstractor.importing.document import ImportedDocument
from abstractor.workbook import layout as L
from abstractor.workbook.content import EvidenceRow, Issue, ReviewRow, WorkbookStudy
from abstractor.workbook.flatten import Target, check_target
from abstractor.workbook.sheet_rows import cell_ref, is_blank, text_id


class AttachedSheets:
    """Mixed into WorkbookReader: uses its ``_spec``, ``_values``, ``_owner`` and ``issues``."""

    def _owned_rows(self, sheet: L.Sheet, studies, cols, rows) -> Iterator[tuple[int, WorkbookStudy, Optional[dict]]]:
        """(row index, its study, its values or None when a cell is bad) of each row of a study that was read."""
        spec = self._spec(sheet, cols, {})
        for r, row in rows.body():
            if is_blank(row):
                continue
            st = self._owner(sheet.name, studies, cols, r, row)
            if st is not None:
                yield r, st, self._values(sheet, spec, r, row)

    def _evidence(self, studies, cols, rows) -> None:
        for r, st, v in self._owned_rows(L.EVIDENCE, studies, cols, rows):
            where = f"Evidence!{cell_ref(r, 0)}"
            if v is not None:
                problem = self._target_problem(v, cols, r)
                if problem is None and v["start"] is None:
                    problem = Issue(f"Evidence!{cell_ref(r, cols['start'])}", "the start offset is empty")
                if problem is None and v["end"] is None:
                    problem = Issue(f"Evidence!{cell_ref(r, cols['end'])}", "the end offset is empty")
                if problem is None and not (0 <= v["start"] <= v["end"]):
                    problem = Issue(f"Evidence!{cell_ref(r, cols['start'])}",
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
            return Issue(f"{name}!{cell_ref(r, cols['sheet'])}", "the sheet is empty")
        if not v["row_id"]:
            return Issue(f"{name}!{cell_ref(r, cols['row_id'])}", "the row_id is empty")
        # The answer depends on the sheet and field only (and the workbook's codebook): worked out once each.
        known = self.__dict__.setdefault("_target_whys", {})
        key = (v["sheet"], v["field"] or "")
        why = known[key] if key in known else known.setdefault(
            key, check_target(Target(v["sheet"], v["row_id"], v["field"] or ""), getattr(self, "codebook", None)))
        if why:
            return Issue(f"{name}!{cell_ref(r, cols['field'])}", why)
        return None

    def _review(self, studies, cols, rows) -> None:
        for r, st, v in self._owned_rows(L.REVIEW, studies, cols, rows):
            where = f"Review!{cell_ref(r, 0)}"
            if v is not None:
                problem = self._target_problem(v, cols, r)
                if problem is None:
                    tgt = Target(v["sheet"], v["row_id"], v["field"] or "")
                    status = v["status"] or "UNCHECKED"
                    entry = st.review.get(tgt)
                    if entry is None:
                        entry = st.review[tgt] = ReviewRow(tgt, status, [], where, v.get("marked_by"),
                                                           v.get("marked_at"))
                    elif entry.status != status:
                        problem = Issue(f"Review!{cell_ref(r, cols['status'])}",
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
            if is_blank(row):
                continue
            sid = text_id(row, cols["study_id"])
            if sid not in studies:
                continue  # a left-out study's documents
            v = self._values(L.DOCUMENTS, spec, r, row)
            if v is None or not v["sha256"]:
                if v is not None:
                    self.issues.append(Issue(f"Documents!{cell_ref(r, cols['sha256'])}", "the sha256 is empty"))
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
            studies[sid].row_where[("Documents", sha)] = doc["where"]
            studies[sid].documents.append(ImportedDocument(
                file_name=v["file_name"] or "", sha256=sha, kind=v["kind"] or "txt", text=text,
                size_bytes=v["size_bytes"] or 0, encoding=v["encoding"], page_starts=pages))
