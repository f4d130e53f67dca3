"""Batch import with every suggestion accepted (issue 9: >= 100 pages/s on one core).

Writes N invented pages (the held-out generators: own words, no corpus text), then times in the
same run: (a) extraction alone on the same texts (the baseline: what the suggestions cost),
(b) ``import_files(..., accept=True)``, what ``import --accept-suggestions`` does, into a new SQLite
file (WAL, synchronous=FULL, one transaction per page).  Prints pages/s and the ratio b/a.

    python bench/batch_import_bench.py [--pages 512]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from abstractor.extraction import extract  # noqa: E402
from abstractor.importer import import_files  # noqa: E402
from abstractor.storage import Store  # noqa: E402
from tests.extraction.held_out.ctgov_pages import ctgov_page  # noqa: E402
from tests.extraction.held_out.scrape_pages import scrape_page  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=512)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        paths = []
        for i in range(args.pages):
            text = (ctgov_page if i % 2 else scrape_page)(1000 + i)[0]
            p = d / f"page{i:04d}.txt"
            p.write_text(text, encoding="utf-8")
            paths.append(p)
        texts = [p.read_text(encoding="utf-8") for p in paths]
        extract(texts[0])  # warm-up (imports, regex compilation)
        t0 = time.process_time()
        for t in texts:
            extract(t)
        extraction = time.process_time() - t0

        with Store.open_path(d / "batch.db", user="bench") as store:
            w0, c0 = time.perf_counter(), time.process_time()
            results = import_files(store, paths, suggest=True, accept=True)
            wall, cpu = time.perf_counter() - w0, time.process_time() - c0
            accepted = sum(r.accepted for r in results)
            assert all(r.outcome == "imported" for r in results), [r.line for r in results if r.outcome != "imported"]
        n = len(paths)
        print(f"{n} pages, {accepted} suggested values accepted ({accepted / n:.1f} per page)")
        print(f"extraction alone: {n / extraction:,.0f} pages/s (CPU)")
        print(f"import --accept-suggestions: {n / wall:,.0f} pages/s wall, {n / cpu:,.0f} pages/s CPU "
              f"({cpu / extraction:.1f}x the extraction alone)")


if __name__ == "__main__":
    main()
