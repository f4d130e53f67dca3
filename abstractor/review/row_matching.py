"""Pairing two abstractors' repeated rows by content (rapidfuzz similarity, one to one, best
pairs first), never by position: the same criteria in another order are not discrepancies."""
from __future__ import annotations

from typing import Optional

from rapidfuzz import fuzz

from abstractor.review.comparison import RowMatch
from abstractor.review.values import SET_FIELDS, RowKind, norm

ROW_THRESHOLD = 80.0  # rapidfuzz score (0-100) above which two rows are the same row


def normed_row(row: dict) -> dict:
    """A row's values in their compared (normalised) forms."""
    return {k: norm(v, k in SET_FIELDS) for k, v in row.items()}


def similarity(kind: RowKind, ra: dict, rb: dict) -> float:
    """0-100: how surely two rows are the same row (by content, not position)."""
    ka, kb = norm(kind.identity(ra)) or "", norm(kind.identity(rb)) or ""
    text = max(fuzz.ratio(ka, kb), fuzz.token_sort_ratio(ka, kb)) if (ka or kb) else 100.0
    if kind.name == "dose_levels" and ra.get("value") is not None:
        # The number identifies a dose level better than its wording; a unit or
        # route typed differently must still pair the rows (then differ).
        if norm(ra.get("value")) == norm(rb.get("value")) and norm(ra.get("value_max")) == norm(rb.get("value_max")):
            return max(text, 80.0 + 0.2 * text)
    return text


def match_rows(kind: RowKind, rows_a: list[dict], rows_b: list[dict], threshold: float = ROW_THRESHOLD,
               norm_a: Optional[list[dict]] = None, norm_b: Optional[list[dict]] = None) -> RowMatch:
    """One-to-one pairing, best first: identical rows, then the most similar above threshold."""
    m = RowMatch(kind.name)
    free_b: dict[tuple, list[int]] = {}
    keys_a = [_row_key(r) for r in (norm_a or [normed_row(r) for r in rows_a])]
    for j, r in enumerate(norm_b or [normed_row(r) for r in rows_b]):
        free_b.setdefault(_row_key(r), []).append(j)
    left_a, used_b = [], set()
    for i, key in enumerate(keys_a):
        js = free_b.get(key)
        if js:
            j = js.pop(0)
            m.pairs.append((i, j, 100.0))
            used_b.add(j)
        else:
            left_a.append(i)
    left_b = [j for j in range(len(rows_b)) if j not in used_b]
    candidates = []
    for i in left_a:
        for j in left_b:
            s = similarity(kind, rows_a[i], rows_b[j])
            if s >= threshold:
                candidates.append((-s, abs(i - j), i, j))
    taken_a: set[int] = set()
    for neg, _dist, i, j in sorted(candidates):
        if i not in taken_a and j not in used_b:
            m.pairs.append((i, j, -neg))
            taken_a.add(i)
            used_b.add(j)
    m.pairs.sort()
    m.only_a = [i for i in left_a if i not in taken_a]
    m.only_b = [j for j in range(len(rows_b)) if j not in used_b]
    return m


def _row_key(normed: dict) -> tuple:
    return tuple(sorted(normed.items(), key=lambda kv: kv[0]))
