"""Core benchmarks (issue 2): field edit, text import, opening a big database.

Each figure is compared with a raw sqlite3 baseline measured in the same run,
because the machine is noisy.  Usage: python bench/core_bench.py [--studies N]
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from abstractor.importer import import_files  # noqa: E402
from abstractor.storage import Store  # noqa: E402
from abstractor.storage import convert  # noqa: E402
from models.schema import Abstraction  # noqa: E402

WORDS = ("cells infusion dose escalation toxicity response lymphoma leukemia patients cohort safety "
         "efficacy relapsed refractory antigen receptor chimeric autologous allogeneic").split()


def invented_page(i: int, rng: random.Random) -> str:
    """A registry-like page written for this benchmark (no real record's text)."""
    para = lambda n: " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."  # noqa: E731
    lines = [f"Registration Number: NCT{80000000 + i}", f"Title: Study {i} of anti-CD{i % 99} CAR-T cells",
             "Study Type", "INTERVENTIONAL", "Enrollment", str(10 + i % 50), para(120)]
    lines += [f"{k}. {para(12)}" for k in range(1, 25)]
    lines += [f"Outcome {k}: {para(10)} Time frame: {k} months" for k in range(8)]
    return "\n".join(lines) + "\n"


def bench_edit(folder: Path, n: int = 300) -> dict:
    store = Store.open_path(folder / "edit.db", user="bench")
    sid = store.add_study(Abstraction())
    times = []
    for k in range(n):
        t0 = time.perf_counter()
        store.set_value(sid, "study", sid, "enrollment", k)
        times.append(time.perf_counter() - t0)
    store.close()
    raw = sqlite3.connect(folder / "edit.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    base = []
    for k in range(n):
        t0 = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("UPDATE study SET enrollment=? WHERE id=?", (k, sid))
        raw.execute("COMMIT")
        base.append(time.perf_counter() - t0)
    raw.close()
    med, bmed = statistics.median(times), statistics.median(base)
    return {"edit_median_ms": med * 1000, "raw_update_median_ms": bmed * 1000, "ratio": med / bmed}


def bench_import(folder: Path, n: int = 1000) -> dict:
    rng = random.Random(1)
    docs = folder / "docs"
    docs.mkdir()
    paths = []
    for i in range(n):
        p = docs / f"page{i:05d}.txt"
        p.write_text(invented_page(i, rng), encoding="utf-8")
        paths.append(p)
    store = Store.open_path(folder / "import.db", user="bench")
    t0 = time.perf_counter()
    results = import_files(store, paths)
    elapsed = time.perf_counter() - t0
    store.close()
    assert sum(r.outcome == "imported" for r in results) == n
    return {"files": n, "seconds": elapsed, "docs_per_second": n / elapsed}


def bench_open_list(folder: Path, n: int) -> dict:
    path = folder / "big.db"
    store = Store.open_path(path, user="bench")
    rng = random.Random(2)
    with store.write() as conn:  # bulk-build the fixture in one transaction
        for i in range(n):
            ab = Abstraction.model_validate({"study": {
                "registry_ids": [f"NCT{70000000 + i}"], "title": f"Study {i}: " + " ".join(rng.sample(WORDS, 8)),
                "conditions": ["Lymphoma"], "enrollment": i % 90},
                "criteria": [{"text": f"criterion {k}"} for k in range(10)],
                "outcomes": [{"measure": f"outcome {k}"} for k in range(5)]})
            convert.write_study(conn, ab, user="bench")
    store.close()
    sql = ("SELECT s.id, r.value, s.title, s.status, s.overall_status FROM study s "
           "LEFT JOIN registry_id r ON r.study_id = s.id AND r.position = 0 ORDER BY s.created_at DESC, s.id")
    runs, raw_runs = [], []
    for _ in range(5):
        t0 = time.perf_counter()
        s = Store.open_path(path, user="bench")
        rows = s.list_studies()
        runs.append(time.perf_counter() - t0)
        s.close()
        assert len(rows) == n
        t0 = time.perf_counter()
        con = sqlite3.connect(path)
        raw_rows = con.execute(sql).fetchall()
        raw_runs.append(time.perf_counter() - t0)
        con.close()
        assert len(raw_rows) == n
    t, b = min(runs), min(raw_runs)
    return {"studies": n, "open_and_list_s": t, "raw_sqlite3_s": b, "ratio": t / b,
            "db_mb": os.path.getsize(path) / 2**20}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--studies", type=int, default=10_000)
    ap.add_argument("--files", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        e = bench_edit(folder)
        print(f"field edit, committed (synchronous=FULL): median {e['edit_median_ms']:.2f} ms "
              f"(raw sqlite3 UPDATE+COMMIT {e['raw_update_median_ms']:.2f} ms, {e['ratio']:.1f}x)  target <= 10 ms")
        i = bench_import(folder, args.files)
        print(f"import {i['files']} text files: {i['seconds']:.2f} s = {i['docs_per_second']:.0f} docs/s "
              f"(one core, no extraction)  target >= 100/s")
        o = bench_open_list(folder, args.studies)
        print(f"open + list {o['studies']} studies ({o['db_mb']:.1f} MB): {o['open_and_list_s'] * 1000:.0f} ms "
              f"(raw sqlite3 same columns {o['raw_sqlite3_s'] * 1000:.0f} ms, {o['ratio']:.2f}x)  "
              f"target <= 300 ms and <= 2x")


if __name__ == "__main__":
    main()
