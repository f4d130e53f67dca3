"""Team-server live updates: how soon a window learns that another client changed a study.

    python bench/live_bench.py [--studies 10000] [--edits 300]

Another client sets a study's title through the core (one transaction); the listening
side waits for the announcement (LISTEN/NOTIFY) and works out which of the studies it
shows changed.  Baseline in the same run: a bare psycopg LISTEN that only receives the
payload.  The announcement is a hash of the study id (a listener learns no id of studies
it may not see), so abstractor.storage.live.ChangeListener hashes the ids it shows (once,
then cached); the first call's cost is reported apart.  Figures: median and p95 from
the start of the other client's edit (its commit included) to "these studies changed",
and the ratio to the baseline.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _p95(xs):
    return sorted(xs)[int(0.95 * (len(xs) - 1))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--studies", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=300)
    a = ap.parse_args()
    import psycopg
    from sqlalchemy import insert

    from abstractor.cli import main as cli
    from abstractor.storage import Store
    from abstractor.storage.engine import database_url
    from abstractor.storage.live import ChangeListener
    from abstractor.storage.server import CHANNEL
    from models import tables as t
    from models.ids import new_id, utcnow
    from tests import pg

    srv = pg.server()
    url = srv.url(srv.new_database())
    assert cli(["server", "init", "--db", url]) == 0
    with Store(database_url(url)) as st:
        ids = [new_id() for _ in range(a.studies)]
        now = utcnow()
        with st.write() as conn:  # many studies at once (the list a reviewer's window shows)
            conn.execute(insert(t.Study), [{"id": i, "title": f"Study {n}", "phases": [], "target_antigens": [],
                                            "status": "IN_PROGRESS", "consensus": False, "created_at": now,
                                            "updated_at": now} for n, i in enumerate(ids)])
            conn.execute(insert(t.Escalation), [{"id": i} for i in ids])
        listener = ChangeListener(st.engine)
        u = st.engine.url
        bare = psycopg.connect(dbname=u.database, user=u.username, host=u.query["host"], port=u.query["port"],
                               autocommit=True)
        bare.execute(f"LISTEN {CHANNEL}")
        t0 = time.perf_counter()
        listener.changed(ids)  # nothing yet: no hashing
        first = None
        ours, base = [], []
        rnd = random.Random(13)
        for n in range(a.edits):
            sid = rnd.choice(ids)
            t0 = time.perf_counter()  # from the start of the other client's edit (its commit included)
            st.set_value(sid, "study", sid, "title", f"Edit {n}")
            got = listener.changed(ids, wait=2.0)
            dt = time.perf_counter() - t0
            assert got.studies == {sid}, "the change was not recognised"
            if first is None:
                first = dt  # hashes every shown id once
            else:
                ours.append(dt)
            list(bare.notifies(timeout=2.0, stop_after=1))  # the same announcement, queued here too
            t0 = time.perf_counter()
            st.set_value(sid, "study", sid, "title", f"Again {n}")
            payloads = list(bare.notifies(timeout=2.0, stop_after=1))
            base.append(time.perf_counter() - t0)
            assert payloads, "no announcement"
            assert listener.changed(ids, wait=2.0).studies == {sid}  # and there
    listener.close()
    bare.close()
    srv.stop()
    med, p95 = statistics.median(ours) * 1000, _p95(ours) * 1000
    bmed, bp95 = statistics.median(base) * 1000, _p95(base) * 1000
    print("| listening side | shown studies | median (edit + commit + announcement) | p95 |")
    print("|---|---|---|---|")
    print(f"| bare LISTEN (payload only) | - | {bmed:.2f} ms | {bp95:.2f} ms |")
    print(f"| ChangeListener.changed(shown ids) | {a.studies} | {med:.2f} ms ({med / bmed:.1f}x) | "
          f"{p95:.2f} ms ({p95 / bp95:.1f}x) |")
    print(f"first call (hashes {a.studies} ids once): {first * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
