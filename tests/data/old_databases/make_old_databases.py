"""Build schema1.db and schema2.db: small databases as releases before Alembic wrote them.

Run with the code of a commit before Alembic (schema 2), never with today's:
    git archive 7658eee | tar -x -C /tmp/old && cd /tmp/old && \
        python tests/data/old_databases/make_old_databases.py /work/main/tests/data/old_databases
Schema 1 is schema 2 without the columns version 2 added (outcome.time_frame_days,
criterion.threshold_*), with meta.schema_version 1, as the first release left it.
"""
import shutil
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from abstractor.importer import import_files  # noqa: E402
from abstractor.storage import SCHEMA_VERSION, Store  # noqa: E402
from abstractor.storage import review_ops  # noqa: E402
from tests.core.sample import sample_study  # noqa: E402

GOOD = ROOT / "tests" / "data" / "good"


def single_file(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("PRAGMA page_size=1024")  # small files: most pages are near-empty indexes
    con.execute("VACUUM")
    con.close()


def main(out: Path) -> None:
    assert SCHEMA_VERSION == 2, "run this with the code of a commit before Alembic"
    v2 = out / "schema2.db"
    v2.unlink(missing_ok=True)
    with Store.open_path(v2, user="ana") as store:
        sid = store.add_study(sample_study())
        review_ops.query(store, sid, "study.title", "Is this the official title?")
        done = import_files(store, [GOOD / "page_utf8.txt", GOOD / "ctgov_study.json"], suggest=True)
        other = done[1].study_id
        review_ops.verify(store, other, "study.enrollment")
        review_ops.add_comment(store, other, "study.title", "checked against the registry")
    single_file(v2)
    v1 = out / "schema1.db"
    shutil.copyfile(v2, v1)
    con = sqlite3.connect(v1)
    con.execute("ALTER TABLE outcome DROP COLUMN time_frame_days")
    for col in ("parameter", "operator", "value", "unit"):
        con.execute(f"ALTER TABLE criterion DROP COLUMN threshold_{col}")
    con.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    con.commit()
    con.close()
    single_file(v1)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
