"""A workbook made under another codebook version than the database's studies: its codebook values
are moved to the study's version as a codebook import moves stored ones (renamed choices follow);
a value that cannot move is reported at its study and not taken (the database keeps its value).
A database without any codebook cannot take a workbook's codebook values: the import is refused
with what to do (import the codebook first: the workbook itself is a codebook file).
"""
from __future__ import annotations

from typing import Optional

from models import schema
from models.codebook import Codebook, migrate_extra
from abstractor.workbook import layout as L
from abstractor.workbook.codebook_cells import extra_of
from abstractor.workbook.content import Issue, WorkbookContent, WorkbookStudy
from abstractor.workbook.flatten import list_items
from abstractor.workbook.safety import WorkbookRejected


def stored_codebooks(store, content: WorkbookContent) -> dict[tuple[str, int], Codebook]:
    """The database's codebook versions by (name, version); refuses a workbook whose codebook
    values the database cannot take (it has no codebook at all)."""
    books = {(b.name, b.version): b.codebook for b in store.codebooks()}
    cb = content.codebook
    if cb is not None and not books and any(_has_values(st) for st in content.studies.values()):
        raise WorkbookRejected(f"{content.path.name}: holds values of the codebook {cb.name} v{cb.version}, and "
                               f"{store.label} has no codebook; import it first (main.py codebook import --db DB "
                               f"{content.path.name}, or File > Codebook > Import): nothing was changed")
    if cb is not None and books and (cb.name, cb.version) not in books:
        content.notes.append(f"{content.path.name}: made under the codebook {cb.name} v{cb.version}, which this "
                             "database does not have; its codebook values are read under each study's version")
    return books


def _has_values(st: WorkbookStudy) -> bool:
    if st.head.study.extra:
        return True
    return any(extra_of(st.forms[key].values(r)) for key, rows in st.rows.items() for r in rows)


def to_study_version(st: WorkbookStudy, wb_book: Optional[Codebook], db: schema.Abstraction,
                     books: dict[tuple[str, int], Codebook], issues: list[Issue]) -> None:
    """Move the workbook study's codebook values (``st.ab``, built once and kept for the merge) from the
    workbook's codebook to the database study's version."""
    new = books.get((db.codebook.name, db.codebook.version)) if db.codebook else None
    if wb_book is None or new is None or (wb_book.name, wb_book.version) == (new.name, new.version):
        return
    ab = st.ab
    ab.study.extra = _moved(wb_book, new, "study", ab.study.extra, st.where, issues)
    for sheet in L.ROW_SHEETS:
        kind = sheet.entity
        if kind not in L.CODEBOOK_SHEETS:
            continue
        for item in list_items(ab, sheet.list_key):
            if item.extra:
                where = st.row_where.get((sheet.name, item.id), st.where)
                item.extra = _moved(wb_book, new, kind, item.extra, where, issues)


def _moved(old: Codebook, new: Codebook, kind: str, extra: dict, where: str, issues: list[Issue]) -> dict:
    m = migrate_extra(old, new, kind, extra)
    out = dict(m.extra)
    for flag in m.flags:
        name, _, why = flag.partition(": ")
        if "kept" in why and "retired" not in why:  # cannot be moved: not taken, the database keeps its own
            out.pop(name, None)
            why = why.replace("; the value is kept for review", "")
            issues.append(Issue(where, f"{name}: under {new.name} v{new.version}: {why}; not imported"))
    return out
