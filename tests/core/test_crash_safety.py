"""SIGKILL in the middle of a large import, many times: the file stays sound and
every study in it is whole (one transaction per study)."""
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
N_FILES = 150


def _record(i: int) -> dict:
    return {"protocolSection": {
        "identificationModule": {"nctId": f"NCT{90000000 + i}", "briefTitle": f"Invented CAR-T study number {i}"},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1"], "enrollmentInfo": {"count": i}},
        "conditionsModule": {"conditions": [f"Condition {i}a", f"Condition {i}b"]},
        "armsInterventionsModule": {
            "armGroups": [{"label": f"Arm {k}", "type": "EXPERIMENTAL", "interventionNames": [f"Drug: D{k}"]}
                          for k in range(3)],
            "interventions": [{"type": "DRUG", "name": f"D{k}"} for k in range(3)]},
        "outcomesModule": {"primaryOutcomes": [{"measure": f"Outcome {k}", "timeFrame": f"{k + 1} months"}
                                               for k in range(5)]},
        "contactsLocationsModule": {"locations": [{"facility": f"Hospital {k}", "city": "Town", "country": "X"}
                                                  for k in range(4)]}}}


@pytest.mark.slow
def test_kill_during_import_leaves_only_whole_studies(tmp_path):
    files = []
    for i in range(N_FILES):
        f = tmp_path / f"rec{i:04d}.json"
        f.write_text(json.dumps(_record(i)))
        files.append(str(f))
    db = tmp_path / "crash.db"
    rng = random.Random(7)
    kills = 0
    for _ in range(8):
        before = _check_whole(db)
        if before >= N_FILES - 5:
            break
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "import", "--db", str(db), *files],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Kill at a random point in the middle of the work, whatever the machine's speed.
        target = before + rng.randint(1, max(1, (N_FILES - before) // 3))
        deadline = time.monotonic() + 120
        while proc.poll() is None and _count(db) < target and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0, 0.02))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        _check_whole(db)
    assert kills >= 3, "the import finished before it could be killed"
    # and the program carries on with the same file afterwards
    subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--db", str(db), *files],
                   capture_output=True, timeout=300, check=False)
    assert _check_whole(db) == N_FILES


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return con.execute("SELECT count(*) FROM study").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _check_whole(db: Path) -> int:
    if not db.exists():
        return 0
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        studies = [r[0] for r in con.execute("SELECT id FROM study")]
        for sid in studies:
            count = lambda table: con.execute(f"SELECT count(*) FROM {table} WHERE study_id=?", (sid,)).fetchone()[0]  # noqa: E731
            assert (count("source_document"), count("arm"), count("intervention"), count("outcome"), count("site"),
                    count("condition"), count("registry_id")) == (1, 3, 3, 5, 4, 2, 1)
            assert count("evidence") > 20
        return len(studies)
    finally:
        con.close()
