"""One comparison as the window runs it: read both sides, compare, compute agreement.

The same steps as ``main.py compare`` (abstractor.review.command) without the
printing and the report, so that the window can show the result and save the
report later.  GUI-free; runs in a worker thread.
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from pathlib import Path
from typing import Optional

from abstractor.review.agreement import Agreement, compute
from abstractor.review.compare import ROW_THRESHOLD, Comparison, compare_sets
from abstractor.review.sources import Side, load_side


@dataclass
class CompareOutcome:
    a: Side
    b: Side
    comparison: Optional[Comparison] = None
    agreement: Optional[Agreement] = None
    messages: list[str] = dc_field(default_factory=list)  # what a person should be told, plainly

    @property
    def ok(self) -> bool:
        return self.comparison is not None


def run(path_a: str | Path, path_b: Optional[str | Path] = None, database: Optional[str | Path] = None,
        user: Optional[str] = None, threshold: float = ROW_THRESHOLD) -> CompareOutcome:
    """A file against another file (``path_b``) or against a database (``database``)."""
    a = load_side(path_a, "A")
    b = load_side(database, "B", user=user, database=True) if database else load_side(path_b, "B")
    out = CompareOutcome(a, b)
    if database and a.ok:  # A's own records and consensus studies in the database are not B's work
        ids_a = {s.id for s in a.studies if s.id}
        b.studies = [s for s in b.studies if s.id not in ids_a and not s.consensus]
    fatal = [s.fatal for s in (a, b) if not s.ok]
    if fatal:
        out.messages.extend(fatal)
        return out
    out.comparison = compare_sets(a.studies, b.studies, a.label, b.label, row_threshold=threshold,
                                  list_only_b=not database, skip=frozenset(a.skip | b.skip))
    problems = [p for s in (a, b) for p in s.problems]
    out.messages.extend(n for n in out.comparison.notes if n.startswith("not paired:"))
    out.comparison.notes.extend(problems)
    out.messages.extend(problems)
    out.agreement = compute(out.comparison)
    if not out.comparison.matched:
        out.messages.append(f"No study is in both {a.label} and {b.label}: they hold different studies "
                            f"({len(a.studies)} and {len(b.studies)}).")
    return out


def run_dual(store, threshold: float = ROW_THRESHOLD) -> CompareOutcome:
    """The two abstractors' copies of every study in dual abstraction on the team server that
    ``store`` is connected to (those this login may see), as the window shows a comparison."""
    from abstractor.review.dual import compare_dual, dual_pairs

    pairs = dual_pairs(store)
    label_a, label_b = pairs.labels()
    out = CompareOutcome(Side(label_a, [p.a for p in pairs.pairs]), Side(label_b, [p.b for p in pairs.pairs]))
    out.messages.extend(pairs.problems)
    if not pairs.pairs:
        out.messages.append("No study in dual abstraction has both copies visible to you.")
        return out
    out.comparison = compare_dual(pairs, threshold)
    out.agreement = compute(out.comparison)
    return out
