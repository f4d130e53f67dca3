"""`main.py compare`: two abstractors' files (or one file and the database) -> report.

Every problem is a line on stderr saying which side and what can still be
compared; exit 0 when all input was used, 1 when some was refused (the rest is
still compared and reported), 2 for usage mistakes.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional, TextIO

from abstractor.review.agreement import compute, summary
from abstractor.review.compare import ROW_THRESHOLD, compare_sets
from abstractor.review.report import write_report
from abstractor.review.sources import Side, load_side
from abstractor.review.values import choice_fields, codebook_labels

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def run_compare(sides: list[str], out: str, db: Optional[str] = None, user: Optional[str] = None,
                threshold: float = ROW_THRESHOLD, stdout: TextIO = None, stderr: TextIO = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr

    def say(msg: str) -> None:
        print(msg, file=stderr)

    if db and _dual_mode(db, sides):
        return run_dual_compare(sides, out, db, user, threshold, stdout, stderr)
    wanted = 1 if db else 2
    if len(sides) != wanted:
        say(f"usage: compare needs two files (A B), or one file and --db DATABASE; got {len(sides)} "
            f"file{'s' if len(sides) != 1 else ''}" + (" and --db" if db else ""))
        return EXIT_USAGE
    if Path(out).suffix.lower() != ".xlsx":
        say(f"usage: {out}: the report is a workbook; name it .xlsx")
        return EXIT_USAGE
    if not 0 <= threshold <= 100:
        say("usage: --threshold is a similarity from 0 to 100")
        return EXIT_USAGE

    a = load_side(sides[0], "A")
    b = load_side(db, "B", user=user, database=True) if db else load_side(sides[1], "B")
    if db and a.ok:
        _drop_same_records(a, b)
    for side in (a, b):
        for p in side.problems if side.ok else ():
            say(p)
    fatal = [s for s in (a, b) if not s.ok]
    for s in fatal:
        say(s.fatal)
    if fatal:
        other = [s for s in (a, b) if s.ok]
        if other:
            say(f"nothing compared: {other[0].label} has {_n(len(other[0].studies), 'readable study')} "
                f"but nothing to compare with")
        return EXIT_REJECTED

    comparison = compare_sets(a.studies, b.studies, a.label, b.label, row_threshold=threshold,
                              list_only_b=not db, skip=frozenset(a.skip | b.skip))
    comparison.notes.extend(p for s in (a, b) for p in s.problems)
    comparison.choice_fields = choice_fields([*a.codebooks, *b.codebooks])
    comparison.field_labels = codebook_labels([*a.codebooks, *b.codebooks])
    agreement = compute(comparison)
    try:
        write_report(comparison, out, agreement)
    except Exception as exc:  # a locked or unwritable report file: a message, not a traceback
        say(f"error: {exc}")
        return EXIT_REJECTED

    matched, only_a, only_b = len(comparison.matched), len(comparison.only_a), len(comparison.only_b)
    hidden = len(b.studies) - matched - only_b if db else 0
    if not matched:
        say(f"no study is in both {a.label} and {b.label}: they hold different studies "
            f"({len(a.studies)} and {len(b.studies)}); the report lists them, nothing was compared")
    elif only_a or only_b:
        say(f"{matched} studies are in both and were compared; {only_a} only in {a.label}, "
            f"{only_b} only in {b.label} (listed as such, not compared)")
    if hidden and matched:
        say(f"{_n(hidden, 'other study')} in {b.label} not in {a.label}: not compared, not listed")
    for sc in comparison.only_a + comparison.only_b:
        side = a.label if sc.b is None else b.label
        say(f"not paired: {sc.label} ({side}): {sc.unpaired_reason}")
    print(f"{summary(comparison, agreement)}; report written to {out}", file=stdout)
    rejected = bool(a.problems or b.problems) or not matched
    return EXIT_REJECTED if rejected else EXIT_OK


def _dual_mode(db: str, sides: list[str]) -> bool:
    """On a team server, STUDY arguments (not files) compare the two abstractors' copies."""
    if "://" not in db or db.startswith("sqlite"):
        return False
    return not any(Path(s).suffix.lower() in (".json", ".xlsx", ".xlsm") or Path(s).exists() for s in sides)


def run_dual_compare(keys: list[str], out: str, db: str, user: Optional[str], threshold: float,
                     stdout: TextIO, stderr: TextIO) -> int:
    """``compare --db postgresql://... [STUDY...]``: each dual study's two copies (all those
    this login may see when no STUDY is named), one report."""
    from abstractor.review.dual import compare_dual, dual_pairs
    from abstractor.storage import Store
    from abstractor.storage.engine import database_url

    if Path(out).suffix.lower() != ".xlsx":
        print(f"usage: {out}: the report is a workbook; name it .xlsx", file=stderr)
        return EXIT_USAGE
    with Store(database_url(db), user=user) as store:
        pairs = dual_pairs(store, keys or None)
    for p in pairs.problems:
        print(p, file=stderr)
    if not pairs.pairs:
        print("nothing compared: no study in dual abstraction has both copies visible to you", file=stderr)
        return EXIT_REJECTED
    comparison = compare_dual(pairs, threshold)
    agreement = compute(comparison)
    try:
        write_report(comparison, out, agreement)
    except Exception as exc:  # a locked or unwritable report file: a message, not a traceback
        print(f"error: {exc}", file=stderr)
        return EXIT_REJECTED
    print(f"{summary(comparison, agreement)}; report written to {out}", file=stdout)
    return EXIT_REJECTED if pairs.problems else EXIT_OK


def _n(n: int, what: str) -> str:
    plural = what[:-1] + "ies" if what.endswith("y") else what + "s"
    return f"{n} {what if n == 1 else plural}"


def _drop_same_records(a: Side, b: Side) -> None:
    """The database may hold A's own records (imported workbooks keep their ids) and
    consensus studies: those are not independent work, so they are not B."""
    ids_a = {s.id for s in a.studies if s.id}
    b.studies = [s for s in b.studies if s.id not in ids_a and not s.consensus]
