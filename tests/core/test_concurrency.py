"""Two processes, one file: the second waits briefly, then says the file is busy."""
import subprocess
import sys
import time
from pathlib import Path

import pytest

from abstractor.errors import StoreBusy
from abstractor.storage import Store
from tests.core.sample import sample_study

ROOT = Path(__file__).resolve().parents[2]
HOLD_LOCK = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE study SET title = 'held'")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("ROLLBACK")
"""


@pytest.fixture
def locked_db(tmp_path):
    db = tmp_path / "busy.db"
    with Store.open_path(db) as s:
        sid = s.add_study(sample_study())
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), "20"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    yield db, sid
    holder.kill()
    holder.wait()


def test_second_writer_waits_then_reports_busy(locked_db):
    db, sid = locked_db
    with Store.open_path(db) as s:
        t0 = time.monotonic()
        with pytest.raises(StoreBusy, match="busy"):
            s.set_value(sid, "study", sid, "enrollment", 99)
        waited = time.monotonic() - t0
        assert 1.0 < waited < 15  # it waited, and it did not hang
        assert s.get_study(sid).study.enrollment == 24  # readers still read (WAL)


def test_cli_import_reports_busy(locked_db, data_dir):
    db, _ = locked_db
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--db", str(db),
                        str(data_dir / "good" / "page.html")], capture_output=True, text=True, timeout=60)
    assert p.returncode == 1 and "busy" in p.stderr and "Traceback" not in p.stderr
