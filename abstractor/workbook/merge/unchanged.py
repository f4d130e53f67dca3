"""Whether a workbook study says exactly what the database holds, decided on the workbook's compact
rows (no model of the study is built): re-importing 10,000 unchanged studies then costs a comparison
each, not a merge.  Only "identical in everything the merge compares" is claimed; anything else goes
through the merge (abstractor.workbook.merge.plan), which decides as before.
"""
from __future__ import annotations

from models import schema
from abstractor.workbook import layout as L
from abstractor.workbook.content import WorkbookStudy
from abstractor.workbook.flatten import PathMap, item_value, list_items, study_value
from abstractor.workbook.merge.since_export import plain_value
from abstractor.workbook.codebook_cells import extra_of
from abstractor.workbook.row_models import value_or_default

_STUDY_COLS = L.STUDIES.data_columns


def unchanged(st: WorkbookStudy, db: schema.Abstraction, stored_shas: set[str]) -> bool:
    """True when importing ``st`` would change nothing in ``db`` (and add no document)."""
    if st.evidence_bad or st.review_bad or st.rejected or st.rejected_new:
        return False
    if any(d.sha256 not in stored_shas for d in st.documents):
        return False
    head = st.head
    if head.study.extra != db.study.extra:  # codebook values (their columns are not in _STUDY_COLS)
        return False
    for col in _STUDY_COLS:
        if plain_value(study_value(db, col)) != plain_value(study_value(head, col)):
            return False
    for sheet in L.ROW_SHEETS:
        if not _same_rows(st, sheet, list_items(db, sheet.list_key)):
            return False
    paths = PathMap(db)
    return _same_evidence(st, db, paths) and _same_review(st, db, paths)


def _same_rows(st: WorkbookStudy, sheet: L.Sheet, items: list) -> bool:
    rows = st.rows.get(sheet.list_key, [])
    if len(rows) != len(items):
        return False
    if not rows:
        return True
    form = st.forms[sheet.list_key]
    slots = [(form.names.index(c.name), c) for c in sheet.data_columns]
    id_slot, model = form.id_slot, form.model
    for row, item in zip(rows, items):
        if row[id_slot] != item.id or extra_of(form.values(row)) != (getattr(item, "extra", None) or {}):
            return False
        for i, col in slots:
            wb = value_or_default(model, col.attr or col.name, row[i])
            if plain_value(wb) != plain_value(item_value(item, col)):
                return False
    return True


def _same_evidence(st: WorkbookStudy, db: schema.Abstraction, paths: PathMap) -> bool:
    db_map: dict = {}
    for ev in db.evidence:
        db_map.setdefault(paths.target(ev.field), []).append((ev.document, ev.start, ev.end, ev.quote))
    wb_map: dict = {}
    for r in st.evidence:
        wb_map.setdefault(r.target, []).append((r.document, r.start, r.end, r.quote))
    return db_map == wb_map


def _same_review(st: WorkbookStudy, db: schema.Abstraction, paths: PathMap) -> bool:
    db_map = {paths.target(e.field): (str(plain_value(e.status)), [(c.author, c.at, c.text) for c in e.comments])
              for e in db.review}
    wb_map = {t: (r.status, [(c.author, c.at, c.text) for c in r.comments]) for t, r in st.review.items()}
    return db_map == wb_map
