"""Developer commands (docs/MIGRATIONS.md):

    python -m abstractor.storage.migrations check          what the models have that the revisions lack
    python -m abstractor.storage.migrations new "message"  write versions/NNNN_message.py from that difference

Both compare the models with a scratch SQLite database upgraded to the head revision.
"""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from sqlalchemy import URL, create_engine

from abstractor.storage import migrations


def _scratch(folder: str):
    # (not engine.sqlite_url: the engine imports this package, and sibling modules stay acyclic)
    engine = create_engine(URL.create(drivername="sqlite", database=str(Path(folder) / "scratch.db")))
    with engine.begin() as conn:
        migrations.upgrade(conn, "head")
    return engine


def check() -> int:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    with tempfile.TemporaryDirectory() as folder:
        engine = _scratch(folder)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    SQLModel.metadata)
        engine.dispose()
    for d in diff:
        print(d)
    print("models and revisions agree" if not diff else f"{len(diff)} differences: add a revision")
    return 1 if diff else 0


def new(message: str) -> int:
    from alembic import command

    slug = re.sub(r"[^a-z0-9]+", "_", message.lower()).strip("_")[:40] or "change"
    number = len(list(migrations.scripts().walk_revisions())) + 1
    rev_id = f"{number:04d}_{slug}"
    with tempfile.TemporaryDirectory() as folder:
        engine = _scratch(folder)
        with engine.begin() as conn:
            cfg = migrations.config(conn)
            cfg.set_main_option("file_template", "%%(rev)s")
            script = command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
        engine.dispose()
    init = Path(migrations.__file__)
    init.write_text(re.sub(r'(?m)^HEAD = ".*"$', f'HEAD = "{rev_id}"', init.read_text(encoding="utf-8")),
                    encoding="utf-8")
    print(f"wrote {script.path} and set HEAD = {rev_id!r} in {init}; read the revision before you commit it")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"]:
        return check()
    if argv[:1] == ["new"] and len(argv) == 2:
        return new(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
