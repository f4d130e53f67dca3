"""One side of a comparison read from an abstraction workbook.

Uses the workbook package's reader.  Import must refuse a workbook that lacks
a sheet (it would delete rows); a comparison need not: a missing record sheet
(Criteria, Outcomes ...) only takes that kind of row out of the comparison,
and a missing Evidence or Review sheet only the quotes.  So when the reader
finds nothing wrong but missing sheets, we read again with those sheets empty
and say what is not compared.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from models import schema
from abstractor.workbook import WorkbookRejected, WorkbookUnusable, read_workbook
from abstractor.workbook import layout as L
from abstractor.workbook import reading as R
from abstractor.workbook.flatten import PathMap

MISSING = "the sheet is missing"
# Which comparison section each record sheet holds.
SECTION = {s.name: (s.list_key[6:] if s.list_key.startswith("study.") else s.list_key) for s in L.ROW_SHEETS}
TOLERATED = {*SECTION, L.EVIDENCE.name, L.REVIEW.name}


def read_side(side, path: Path) -> None:
    """Fill ``side`` (abstractor.review.sources.Side) from the workbook at ``path``."""
    try:
        content = read_workbook(path)
    except WorkbookUnusable as exc:
        missing = [i.where for i in exc.issues if i.reason.startswith(MISSING)]
        if not missing or len(missing) != len(exc.issues) or not set(missing) <= TOLERATED:
            side.fatal = f"{side.label}: cannot be compared: " + "; ".join(str(i) for i in exc.issues)
            return
        content = _read_without(path, set(missing))
        for name in missing:
            if name in SECTION:
                side.skip.add(SECTION[name])
                side.problems.append(f"{side.label}: has no {name} sheet: {SECTION[name]} are not compared; "
                                     "everything else is")
            else:
                side.problems.append(f"{side.label}: has no {name} sheet: "
                                     + ("evidence quotes are not shown" if name == L.EVIDENCE.name
                                        else "its review marks are not read"))
    except WorkbookRejected as exc:
        side.fatal = f"{side.label}: {_without_name(str(exc), path.name)}"
        return
    if content.codebook is not None:
        side.codebooks.append(content.codebook)
    for issue in content.issues:
        side.problems.append(f"{side.label}: {issue}")
    for st in content.studies.values():
        side.studies.append(_with_evidence(st))


def _with_evidence(st) -> schema.Abstraction:
    """The reader keeps evidence by row id; comparison wants it on the study by path."""
    ab = st.ab
    if not st.evidence:
        return ab
    paths = PathMap(ab)
    evidence = []
    for row in st.evidence:
        try:
            evidence.append(schema.Evidence(field=paths.path(row.target), start=row.start, end=row.end,
                                            quote=row.quote, document=row.document))
        except ValueError:
            continue  # evidence of a row that was left out
    return ab.model_copy(update={"evidence": evidence})


def _read_without(path: Path, missing: set[str]):
    """read_workbook, but the given sheets read as present and empty."""
    return R.read_workbook(path, reader=_Lenient, missing=missing)


class _Lenient(R.WorkbookReader):
    def __init__(self, *args, missing: set[str]):
        super().__init__(*args)
        self.missing = missing

    def present(self, name: str) -> bool:
        return name in self.missing or super().present(name)

    def rows(self, name: str) -> Optional[list[list]]:
        if name in self.missing:
            sheet = next(s for s in L.DATA_SHEETS if s.name == name)
            return [list(sheet.names)]
        return super().rows(name)


def _without_name(message: str, name: str) -> str:
    """The reader's messages start with the file name, which the side's label already says."""
    return message[len(name) + 2:] if message.startswith(name + ": ") else message
