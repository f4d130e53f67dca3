"""Compare two abstractors' independent work on the same studies.

Studies are paired by abstractor.review.pairing (source document, study id,
registry id, title); repeated rows are paired by
content (rapidfuzz similarity, one to one, best pairs first), never by
position, so the same criteria in another order are not discrepancies.  The
result (abstractor.review.comparison) keeps every compared value (agreement
statistics need the agreeing ones too) and lists the discrepancies with the
evidence quote of each side.  Row pairing: abstractor.review.row_matching.
"""
from __future__ import annotations

from typing import Any, Optional, Sequence

from models import schema
from abstractor.review.bulk import no_cyclic_gc
from abstractor.review.pairing import TITLE_THRESHOLD, pair_studies
from abstractor.review.comparison import Comparison, Discrepancy, FieldResult, RowMatch, StudyComparison
from abstractor.review.row_matching import ROW_THRESHOLD, match_rows, normed_row, similarity
from abstractor.review.values import (
    ESCALATION_FIELDS,
    EXTRA,
    ROW_KINDS,
    SET_FIELDS,
    STUDY_FIELDS,
    RowKind,
    flatten,
    norm,
)

_UNSET = object()

__all__ = ["ROW_THRESHOLD", "TITLE_THRESHOLD", "Comparison", "Discrepancy", "FieldResult", "RowMatch",
           "StudyComparison", "compare_sets", "compare_studies", "evidence_index", "match_rows", "match_studies",
           "similarity", "study_label"]


# --- studies ----------------------------------------------------------------

def study_label(ab: schema.Abstraction) -> str:
    if ab.study.registry_ids:
        return ab.study.registry_ids[0]
    return ab.study.title or (ab.source.file if ab.source and ab.source.file else None) or ab.id \
        or "(untitled study)"


def match_studies(side_a: Sequence[schema.Abstraction], side_b: Sequence[schema.Abstraction],
                  title_threshold: float = TITLE_THRESHOLD) -> list[tuple[Optional[int], Optional[int], str]]:
    """Pairs (index A, index B, how) by the one rule of abstractor.review.pairing (source
    document, study id, registry id, title); None on the other side when unpaired."""
    return [(p.a, p.b, p.how) for p in pair_studies(side_a, side_b, title_threshold)]


def compare_sets(side_a: Sequence[schema.Abstraction], side_b: Sequence[schema.Abstraction],
                 label_a: str = "A", label_b: str = "B", row_threshold: float = ROW_THRESHOLD,
                 list_only_b: bool = True, skip: frozenset[str] = frozenset()) -> Comparison:
    """Compare two sets of studies.  ``list_only_b=False`` counts, but does not list,
    studies found only in B (B is a whole database, A a few studies); ``skip``
    names row kinds not to compare (a side's workbook lacks their sheet)."""
    studies, hidden = [], 0
    with no_cyclic_gc():
        for p in pair_studies(side_a, side_b):
            a = side_a[p.a] if p.a is not None else None
            b = side_b[p.b] if p.b is not None else None
            if a is None and not list_only_b:
                hidden += 1
                continue
            sc = compare_studies(a, b, p.how, row_threshold, skip)
            sc.unpaired_reason = p.reason
            studies.append(sc)
    notes = [f"{hidden} studies only in {label_b} are not listed"] if hidden else []
    notes += codebook_notes(side_a, side_b, label_a, label_b)
    notes += [f"not paired: {sc.label} (only in {label_a if sc.b is None else label_b}): {sc.unpaired_reason}"
              for sc in studies if not sc.matched]
    return Comparison(label_a, label_b, studies, notes)


def codebook_notes(side_a: Sequence[schema.Abstraction], side_b: Sequence[schema.Abstraction],
                   label_a: str = "A", label_b: str = "B") -> list[str]:
    """Say so plainly when the two sides were abstracted under different codebooks (or versions):
    their codebook fields may differ for that reason alone."""
    def books(side) -> set[str]:
        return {f"{ab.codebook.name} v{ab.codebook.version}" if ab.codebook else "no codebook" for ab in side}

    ba, bb = books(side_a), books(side_b)
    if not (ba | bb) - {"no codebook"} or ba == bb:
        return []
    return [f"different codebooks: {label_a} was abstracted under {', '.join(sorted(ba))}, {label_b} under "
            f"{', '.join(sorted(bb))}; codebook fields may differ because of that, not the abstraction"]


def compare_studies(a: Optional[schema.Abstraction], b: Optional[schema.Abstraction], matched_by: str = "",
                    row_threshold: float = ROW_THRESHOLD, skip: frozenset[str] = frozenset()) -> StudyComparison:
    """Every field and row of two versions of one study; a or b may be None."""
    label = study_label(a if a is not None else b)
    sc = StudyComparison(label, a, b, matched_by if (a is not None and b is not None) else "")
    if a is None or b is None:
        issue = "only in A" if b is None else "only in B"
        title = (a or b).study.title
        sc.discrepancies.append(Discrepancy(label, "(study)", "", issue, "", "", title if a else None,
                                            title if b else None, row_label=title or ""))
        return sc
    ev_a, ev_b = evidence_index(a), evidence_index(b)
    da, db = a.model_dump(mode="json"), b.model_dump(mode="json")
    for f in STUDY_FIELDS:
        _field(sc, "study", f, f"study.{f}", f"study.{f}", da["study"][f], db["study"][f], f in SET_FIELDS)
    xa, xb = da["study"].get("extra", {}), db["study"].get("extra", {})
    for name in dict.fromkeys([*xa, *xb]):  # codebook fields, as the rest
        f = EXTRA + name
        _field(sc, "study", f, f"study.{f}", f"study.{f}", xa.get(name), xb.get(name), isinstance(xa.get(name), list)
               or isinstance(xb.get(name), list))
    for f in ESCALATION_FIELDS:
        _field(sc, "escalation", f, f"escalation.{f}", f"escalation.{f}", da["escalation"][f],
               db["escalation"][f], False)
    for kind in ROW_KINDS:
        if kind.name not in skip:
            _rows(sc, kind, kind.dumped(da), kind.dumped(db), row_threshold)
    for d in sc.discrepancies:
        d.evidence_a = _quote(ev_a, d.path_a)
        d.evidence_b = _quote(ev_b, d.path_b)
    return sc


def _field(sc: StudyComparison, section: str, field: str, path_a: str, path_b: str, va: Any, vb: Any,
           as_set: bool, row_label: str = "", na: Any = _UNSET, nb: Any = _UNSET) -> None:
    if na is _UNSET:
        na, nb = norm(va, as_set), norm(vb, as_set)
    if na is None and nb is None:
        return  # neither abstracted it: nothing to agree or disagree on
    fr = FieldResult(section, field, path_a, path_b, va, vb, na == nb, row_label, na, nb)
    sc.fields.append(fr)
    if not fr.agree:
        sc.discrepancies.append(Discrepancy(sc.label, section, field, "differs", path_a, path_b,
                                            fr.value_a, fr.value_b, row_label=row_label))


# --- repeated rows -------------------------------------------------------------

def _rows(sc: StudyComparison, kind: RowKind, items_a: list, items_b: list, threshold: float) -> None:
    rows_a, rows_b = [flatten(x) for x in items_a], [flatten(x) for x in items_b]
    norm_a, norm_b = [normed_row(r) for r in rows_a], [normed_row(r) for r in rows_b]
    m = match_rows(kind, rows_a, rows_b, threshold, norm_a, norm_b)
    sc.rows[kind.name] = m
    name, fields, discrepancies = kind.name, sc.fields, sc.discrepancies
    for i, j, _score in m.pairs:
        ra, rb, na, nb = rows_a[i], rows_b[j], norm_a[i], norm_b[j]
        label = kind.label(ra)
        pa, pb = kind.path(i), kind.path(j)
        for f in (ra if ra.keys() == rb.keys() else dict.fromkeys([*ra, *rb])):
            ka, kb = na.get(f), nb.get(f)
            if ka is None and kb is None:
                continue
            fa, fb = (f"{pa}.{f}", f"{pb}.{f}") if f else (pa, pb)
            fr = FieldResult(name, f, fa, fb, ra.get(f), rb.get(f), ka == kb, label, ka, kb)
            fields.append(fr)
            if not fr.agree:
                discrepancies.append(Discrepancy(sc.label, name, f, "differs", fa, fb, fr.value_a, fr.value_b,
                                                 row_label=label))
    for i in m.only_a:
        sc.discrepancies.append(Discrepancy(sc.label, kind.name, "", "only in A", kind.path(i), "",
                                            _row_value(items_a[i]), None, row_label=kind.label(rows_a[i])))
    for j in m.only_b:
        sc.discrepancies.append(Discrepancy(sc.label, kind.name, "", "only in B", "", kind.path(j),
                                            None, _row_value(items_b[j]), row_label=kind.label(rows_b[j])))


def _row_value(item: Any) -> Any:
    if isinstance(item, dict):
        return {k: v for k, v in item.items() if k != "id" and v is not None}
    return item if isinstance(item, str) else item.model_dump(mode="json", exclude={"id"}, exclude_none=True)


# --- evidence --------------------------------------------------------------------

def evidence_index(ab: schema.Abstraction) -> dict[str, list[str]]:
    """Path -> quotes; a row's quotes are also filed under the row itself."""
    out: dict[str, list[str]] = {}
    for ev in ab.evidence:
        out.setdefault(ev.field, []).append(ev.quote)
        if "]." in ev.field:
            row = ev.field[: ev.field.index("].") + 1]
            out.setdefault(row + "#row", []).append(ev.quote)
    return out


def _quote(index: dict[str, list[str]], path: str) -> str:
    if not path:
        return ""
    row = path[: path.index("].") + 1] if "]." in path else path
    # The field's own evidence, else the row's, else that of any field of the row.
    quotes = index.get(path) or index.get(row) or index.get(row + "#row")
    return " | ".join(dict.fromkeys(quotes)) if quotes else ""
