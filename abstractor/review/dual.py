"""Dual abstraction on a team server: the two abstractors' copies of each study, compared
with the same core as two workbooks (compare_studies, agreement, report) and adjudicated
with abstractor.review.adjudicate (save_consensus writes the original study).

The server says which copies belong together, so no pairing rule is needed; what a login
may see is the server's decision (an abstractor: her copy, the other's once both are
submitted).
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from typing import Optional

from models import schema
from abstractor.errors import AbstractorError
from abstractor.review.compare import ROW_THRESHOLD, Comparison, compare_studies, study_label

MATCHED_BY = "dual copies"


@dataclass
class DualPair:
    original_id: str
    label: str
    a: schema.Abstraction  # the copy of the abstractor first by name
    b: schema.Abstraction


@dataclass
class DualSet:
    pairs: list[DualPair] = dc_field(default_factory=list)
    problems: list[str] = dc_field(default_factory=list)  # studies left out, one line each

    def labels(self) -> tuple[str, str]:
        """"A (alice)" and "B (carol)" when the same two abstractors did every study."""
        a = {p.a.abstractor for p in self.pairs}
        b = {p.b.abstractor for p in self.pairs}
        return (f"A ({a.pop()})" if len(a) == 1 else "A (first abstractor)",
                f"B ({b.pop()})" if len(b) == 1 else "B (second abstractor)")


def dual_pairs(store, keys: Optional[list[str]] = None) -> DualSet:
    """Both copies of each dual study named by ``keys`` (None: every one this login may see)."""
    from abstractor.storage.dual import dual_studies, sees_every_copy

    out = DualSet()
    found = []
    staff = sees_every_copy(store)
    for key in keys if keys is not None else [None]:
        try:
            found += dual_studies(store, None if key is None else [key])
        except AbstractorError as exc:
            out.problems.append(str(exc))
    seen = set()
    for ds in found:
        if ds.original_id in seen:
            continue
        seen.add(ds.original_id)
        copies = [(user, store.get_study(cid)) for user, cid in ds.copies]
        name = study_label(copies[0][1]) if copies else ds.original_id
        if len(copies) < 2:
            mine = [u for u, _ in copies]
            if staff:
                why = (f"only {mine[0]} has a copy so far (give a second abstractor one: server assign "
                       f"--dual)" if mine else "has no abstractor's copy")
            else:
                why = (f"only {mine[0]}'s copy is visible to you; the other abstractor's shows once both "
                       "copies are submitted" if mine else "no copy is visible to you")
            out.problems.append(f"{name}: {why}")
            continue
        (ua, a), (ub, b) = copies[:2]
        out.pairs.append(DualPair(ds.original_id, name, _named(a, ua), _named(b, ub)))
    return out


def _named(ab: schema.Abstraction, user: str) -> schema.Abstraction:
    return ab if ab.abstractor == user else ab.model_copy(update={"abstractor": user})


def compare_dual(pairs: DualSet, row_threshold: float = ROW_THRESHOLD) -> Comparison:
    label_a, label_b = pairs.labels()
    studies = [compare_studies(p.a, p.b, MATCHED_BY, row_threshold) for p in pairs.pairs]
    return Comparison(label_a, label_b, studies, list(pairs.problems))
