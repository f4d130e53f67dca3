"""Crash safety of every write path: SIGKILL at random moments, then check all-or-nothing.

    python bench/kill_bench.py [--kills 100] [--paths import,accept,workbook,edit] [--dir /tmp/killbench]

For each write path a sequence of user actions is run once to completion, recording
the database's fingerprint after every action (ids made deterministic, timestamps
masked).  Then, ``--kills`` times, the same sequence runs in a forked child process
on a fresh copy of the starting database and is killed with SIGKILL after a random
delay within the sequence's measured duration.  The killed database must pass
``PRAGMA integrity_check`` and ``foreign_key_check`` and equal the state after some
whole number of actions: anything else is a half-done action.

Paths:
  import    import 12 ClinicalTrials.gov JSON files with suggestions (importer.import_files), one action per file
  accept    accept the open suggestions of 4 studies one by one (suggestions.accept), one action per suggestion
  workbook  apply a reviewed workbook changing 12 studies (plan_import + apply_import), one action
  edit      60 edits through the core (set_value, add_row, delete_row, move_row), one action each
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?")


def deterministic_ids(seed: int) -> None:
    """uuid4 from a seeded generator: the same actions make the same ids, so states can be compared."""
    rng = random.Random(seed)
    uuid.uuid4 = lambda: uuid.UUID(int=rng.getrandbits(128), version=4)


def fingerprint(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        tables = sorted(r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"))
        h = hashlib.sha256()
        for name in tables:
            rows = sorted(repr(tuple(_TIME.sub("T", v) if isinstance(v, str) else v for v in r))
                          for r in con.execute(f'SELECT * FROM "{name}"'))
            h.update(name.encode())
            for r in rows:
                h.update(r.encode())
        return h.hexdigest()
    finally:
        con.close()


def sound(db: Path) -> bool:
    con = sqlite3.connect(db)
    try:
        return (con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
                and con.execute("PRAGMA foreign_key_check").fetchall() == [])
    finally:
        con.close()


def record(i: int) -> dict:
    return {"protocolSection": {
        "identificationModule": {"nctId": f"NCT{91000000 + i}", "briefTitle": f"Invented CAR-T study number {i}"},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1"], "enrollmentInfo": {"count": 10 + i}},
        "conditionsModule": {"conditions": [f"Condition {i}a", f"Condition {i}b"]},
        "descriptionModule": {"briefSummary": "Anti-CD19 CAR-T cells at 1×10⁶ CAR-positive cells/kg, 3+3 design, "
                                              "DLT observed over 28 days."},
        "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n- Age 18-70 years\n- ECOG 0-2\n"
                                                     "Exclusion Criteria:\n- Creatinine > 2 x ULN\n- Active HBV",
                              "minimumAge": "18 Years", "sex": "ALL"},
        "armsInterventionsModule": {
            "armGroups": [{"label": f"Arm {k}", "type": "EXPERIMENTAL", "interventionNames": [f"Drug: D{k}"]}
                          for k in range(3)],
            "interventions": [{"type": "DRUG", "name": f"D{k}"} for k in range(3)]},
        "outcomesModule": {"primaryOutcomes": [{"measure": f"Outcome {k}", "timeFrame": f"{k + 1} months"}
                                               for k in range(4)]},
        "contactsLocationsModule": {"locations": [{"facility": f"Hospital {k}", "city": "Town", "country": "X"}
                                                  for k in range(3)]}}}


# --- the paths: setup(dir) -> start db; actions(store, dir) yields after each action ---------------

def setup_import(d: Path) -> Path:
    files = d / "files"
    files.mkdir()
    for i in range(12):
        (files / f"rec{i:02d}.json").write_text(json.dumps(record(i)))
    return _empty_db(d)


def actions_import(store, d: Path):
    from abstractor.importer import import_files

    yield "ready"
    for f in sorted((d / "files").iterdir()):
        import_files(store, [f], suggest=True)
        yield


def setup_accept(d: Path) -> Path:
    from abstractor.importer import import_files
    from abstractor.storage import Store

    db = _empty_db(d)
    files = d / "files"
    files.mkdir()
    with Store.open_path(db, user="bench") as store:
        for i in range(4):
            # Text pages: their values all come as suggestions (JSON states its values directly).
            page = files / f"page{i}.txt"
            rec = record(50 + i)["protocolSection"]
            page.write_text(f"Registration Number: {rec['identificationModule']['nctId']}\n"
                            f"Title: {rec['identificationModule']['briefTitle']}\nStudy Type: Interventional\n"
                            f"Phase: Phase 1\nEnrollment: {12 + i}\n"
                            f"{rec['descriptionModule']['briefSummary']}\n"
                            f"{rec['eligibilityModule']['eligibilityCriteria']}\n")
            import_files(store, [page], suggest=True)
    return db


def actions_accept(store, d: Path):
    from abstractor.errors import AbstractorError
    from abstractor.storage import suggestion_store as ss
    from abstractor.suggestions import accept

    todo = [s for row in sorted(store.list_studies(), key=lambda r: r.id) for s in ss.suggestions(store, row.id, "OPEN")]
    yield "ready"
    for s in todo:
        try:
            accept(store, s.id)
        except AbstractorError:
            pass  # a refusal (the field is filled already) is an action that changes nothing
        except AttributeError:
            pass  # a list-item proposal accept() cannot take yet ('study.target_antigens[0]'): skipped
        yield


def setup_workbook(d: Path) -> Path:
    from abstractor.importer import import_files
    from abstractor.storage import Store
    from abstractor.workbook import export_workbook

    db = setup_import(d)
    with Store.open_path(db, user="bench") as store:
        import_files(store, sorted((d / "files").iterdir()), suggest=False)
    shutil.copy(db, d / "reviewer.db")
    with Store.open_path(d / "reviewer.db", user="reviewer") as rev:
        for ab in list(rev.iter_studies()):
            rev.set_value(ab.id, "study", ab.id, "title", (ab.study.title or "") + " (reviewed)")
            rev.set_value(ab.id, "study", ab.id, "enrollment", (ab.study.enrollment or 0) + 1)
            rev.add_row(ab.id, "criterion", {"kind": "EXCLUSION", "text": "Pregnancy or breastfeeding"})
            rev.delete_row(ab.id, "outcome", ab.outcomes[0].id)
        export_workbook(rev, d / "reviewed.xlsx")
    return db


def actions_workbook(store, d: Path):
    from abstractor.workbook import apply_import, plan_import

    plan = plan_import(store, d / "reviewed.xlsx", delete_missing=True)  # reading and planning write nothing
    yield "ready"
    apply_import(store, plan)
    yield


def setup_edit(d: Path) -> Path:
    from abstractor.importer import import_files
    from abstractor.storage import Store

    db = setup_import(d)
    with Store.open_path(db, user="bench") as store:
        import_files(store, sorted((d / "files").iterdir())[:4], suggest=False)
    return db


def actions_edit(store, d: Path):
    studies = sorted((ab for ab in store.iter_studies()), key=lambda ab: ab.id)
    yield "ready"
    for n in range(15):
        ab = studies[n % len(studies)]
        store.set_value(ab.id, "study", ab.id, "sponsor", f"Sponsor {n}")
        yield
        row = store.add_row(ab.id, "criterion", {"kind": "INCLUSION", "text": f"Criterion added {n}",
                                                 "category": "other"}).row_id
        yield
        store.move_row(ab.id, "criterion", row, 0)
        yield
        store.delete_row(ab.id, "arm", store.get_study(ab.id).arms[0].id) if store.get_study(ab.id).arms else None
        yield


PATHS = {"import": (setup_import, actions_import), "accept": (setup_accept, actions_accept),
         "workbook": (setup_workbook, actions_workbook), "edit": (setup_edit, actions_edit)}


def _empty_db(d: Path) -> Path:
    from abstractor.storage import Store

    db = d / "start.db"
    Store.open_path(db, user="bench").close()
    return db


def run_actions(db: Path, d: Path, actions, record_states: bool, ready=None):
    """Run the sequence; returns (states after each action, seconds from ready to the end)."""
    from abstractor.storage import Store

    deterministic_ids(1234)
    states = [fingerprint(db)] if record_states else None
    t = None
    with Store.open_path(db, user="bench") as store:
        for step in actions(store, d):
            if step == "ready":
                t = time.perf_counter()
                if ready is not None:
                    ready()
            elif record_states:
                states.append(fingerprint(db))
    return states, time.perf_counter() - t


def bench_path(name: str, kills: int, root: Path, rng: random.Random) -> dict:
    setup, actions = PATHS[name]
    d = root / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    start = setup(d)
    ref = d / "ref.db"
    _copy_db(start, ref)
    states, _ = run_actions(ref, d, actions, record_states=True)
    _copy_db(start, d / "timed.db")
    _, duration = run_actions(d / "timed.db", d, actions, record_states=False)
    index = {fp: i for i, fp in enumerate(states)}
    out = {"path": name, "actions": len(states) - 1, "seconds": duration, "kills": 0, "sound": 0, "whole": 0,
           "finished": 0, "untouched": 0, "between": 0, "bad": []}
    for k in range(kills):
        db = d / "kill.db"
        _copy_db(start, db)
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run the sequence until killed
            os.close(r)
            try:
                run_actions(db, d, actions, record_states=False, ready=lambda: os.write(w, b"!"))
            finally:
                os._exit(0)
        os.close(w)
        os.read(r, 1)  # the child has prepared (opened the database, read and planned): now the writes
        os.close(r)
        time.sleep(rng.uniform(0, duration * 1.1))
        try:
            os.kill(pid, signal.SIGKILL)
            out["kills"] += 1
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        ok = sound(db)
        at = index.get(fingerprint(db)) if ok else None
        out["sound"] += ok
        if at is None:
            out["bad"].append(k)
            shutil.copy(db, d / f"bad-{k}.db")
            continue
        out["whole"] += 1
        key = "untouched" if at == 0 else "finished" if at == len(states) - 1 else "between"
        out[key] += 1
    return out


def _copy_db(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copy(src, dst)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--paths", default="import,accept,workbook,edit")
    ap.add_argument("--dir", default="/tmp/killbench")
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    root = Path(a.dir)
    print("| path | actions | sequence (s) | kills | integrity ok | all-or-nothing | killed before the first / "
          "between / after the last action | half-done |")
    print("|---|---|---|---|---|---|---|---|")
    for name in a.paths.split(","):
        r = bench_path(name, a.kills, root, rng)
        print(f"| {name} | {r['actions']} | {r['seconds']:.2f} | {r['kills']} | {r['sound']}/{a.kills} | "
              f"{r['whole']}/{a.kills} | {r['untouched']} / {r['between']} / {r['finished']} | "
              f"{len(r['bad'])}{' (kept: bad-N.db)' if r['bad'] else ''} |", flush=True)


if __name__ == "__main__":
    main()
