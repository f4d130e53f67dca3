"""Team-server load: simulated abstractors (separate processes) editing through the core at once.

    python bench/server_bench.py [--seconds 60] [--writers 8] [--sqlite-writers 2]

Each writer reads a study's title, then sets it (abstractor.operations.SetField, one
transaction) based on what it read, as fast as it can, on a few studies so that writers
collide.  A write based on a stale read must be refused (StaleWrite), never stored: after
the run every stored write's audit event must show it replaced exactly the value its
writer had read (a lost update would show another value there).  Figures: stored edits
per second, refusals, p95 commit time; on a local PostgreSQL (tests/pg.py starts a
throwaway one) and, as the baseline in the same run, on a SQLite file with fewer writers.
"""
from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STUDIES = 8


def _store(url, name):
    from abstractor.storage import Store
    from abstractor.storage.engine import database_url

    u = database_url(url)
    if u.get_backend_name() == "sqlite" or name is None:  # None: the server's administrator
        return Store(u, user=name or "admin")
    return Store(u.set(username=name))


def writer(url, name, ids, seconds, barrier, out):
    from abstractor import operations as ops
    from abstractor.errors import StaleWrite

    rnd = random.Random(name)
    times, saved, refused = [], [], 0
    with _store(url, name) as store:
        barrier.wait()
        end = time.perf_counter() + seconds
        n = 0
        while time.perf_counter() < end:
            sid = rnd.choice(ids)
            seen = store.get_study(sid).study.title
            new = f"{name}-{n}"
            n += 1
            t0 = time.perf_counter()
            try:
                ops.SetField(sid, "study", sid, "title", new, seen).do(store)
                saved.append((sid, seen, new))
            except StaleWrite:
                refused += 1
            times.append(time.perf_counter() - t0)
    out.put((name, times, saved, refused))


def run(url, writers, seconds):
    from abstractor.storage.records import Change  # noqa: F401  (warm the imports before timing)
    from models import schema

    with _store(url, None) as store:
        ids = [store.add_study(schema.Abstraction(study=schema.StudyFields(title=f"Study {i}")))
               for i in range(STUDIES)]
    ctx = multiprocessing.get_context("spawn")
    barrier, out = ctx.Barrier(writers), ctx.Queue()
    names = [f"w{i}" for i in range(writers)]
    procs = [ctx.Process(target=writer, args=(url, n, ids, seconds, barrier, out)) for n in names]
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(60)
    times = sorted(t for r in results for t in r[1])
    saved = [s for r in results for s in r[2]]
    refused = sum(r[3] for r in results)
    # Every stored write replaced what its writer had read: find its audit event.
    with _store(url, None) as store:
        events = {(e["study_id"], e["new"]): e["old"] for e in store.audit_events(limit=10 ** 7)
                  if e["field"] == "title"}
    import json

    lost = sum(1 for sid, seen, new in saved if events.get((sid, json.dumps(new))) != json.dumps(seen))
    p95 = times[int(0.95 * (len(times) - 1))] * 1000
    return {"writers": writers, "stored": len(saved), "per_s": len(saved) / seconds, "refused": refused,
            "lost": lost, "p95_ms": p95, "median_ms": statistics.median(times) * 1000}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--sqlite-writers", type=int, default=2)
    a = ap.parse_args()
    from tests import pg

    srv = pg.server()
    with srv.admin() as conn:  # the test server skips fsync; a benchmark flushes like a real one
        conn.execute("ALTER SYSTEM SET fsync = on")
        conn.execute("SELECT pg_reload_conf()")
    url = srv.url(srv.new_database())
    from abstractor.cli import main as cli

    assert cli(["server", "init", "--db", url]) == 0
    for i in range(a.writers):
        assert cli(["server", "add-user", f"w{i}", "--role", "reviewer", "--db", url]) == 0
    rows = [("PostgreSQL (local)", run(url, a.writers, a.seconds))]
    with tempfile.TemporaryDirectory() as d:
        rows.append(("SQLite file (WAL)", run(str(Path(d) / "bench.db"), a.sqlite_writers, a.seconds)))
    srv.stop()
    print(f"| backend | writers | stored edits/s | refused (stale) | lost updates | median commit | p95 commit |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(f"| {name} | {r['writers']} | {r['per_s']:.0f} ({r['stored']} in {a.seconds:.0f} s) | {r['refused']} "
              f"| {r['lost']} | {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms |")
    return 1 if any(r["lost"] for _, r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
