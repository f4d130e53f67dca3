"""What the sheet-extent guard costs: checking a big workbook's cell coordinates before calamine reads it.

    python bench/guard_bench.py [--studies 2000] [--dir /tmp/guardbench]

Builds N synthetic studies (bench/workbook_bench.py's builder), exports them, then times in one
process (best of 3 each):
  check      safety.check_file() as shipped: inflate every part, DTD check, extent scan of every sheet
  baseline   the same check without the extent scan (the check as it was before the guard)
  read       read_workbook(): the check plus calamine reading every sheet into studies
The guard's cost is (check - baseline), reported against read.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best(fn, n: int = 3) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--studies", type=int, default=2000)
    ap.add_argument("--dir", default="/tmp/guardbench")
    a = ap.parse_args()
    from bench.workbook_bench import build
    from abstractor.storage import Store
    from abstractor.workbook import export_workbook, read_workbook, safety

    d = Path(a.dir)
    d.mkdir(parents=True, exist_ok=True)
    db, wb = d / f"g{a.studies}.db", d / f"g{a.studies}.xlsx"
    if not db.exists():
        build(db, a.studies)
    with Store.open_path(db, user="bench") as store:
        export_workbook(store, wb)  # every run: a workbook kept from an older version may not read
    check = best(lambda: safety.check_file(wb))
    real = safety._worksheet_parts
    safety._worksheet_parts = lambda *args: {}
    try:
        baseline = best(lambda: safety.check_file(wb))
    finally:
        safety._worksheet_parts = real
    read = best(lambda: read_workbook(wb), 2)
    guard = check - baseline
    print(f"{a.studies} studies, {wb.stat().st_size / 2**20:.1f} MB workbook")
    print(f"check_file with the extent scan {check:.3f} s, without {baseline:.3f} s: the guard costs "
          f"{guard:.3f} s = {100 * guard / read:.1f}% of read_workbook ({read:.3f} s)")


if __name__ == "__main__":
    main()
