"""The real pages in ../shared (present beside the checkout in development and
CI, not on a user's machine): import them all, export valid JSON."""
import json
from pathlib import Path

import pytest

from abstractor.cli import main as cli_main
from models.schema import Abstraction

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if SHARED.exists() else []


@pytest.mark.skipif(not SEEDS, reason="../shared/corpus is not here")
def test_seed_pages_import_and_export_as_valid_json(tmp_path, capsys):
    db, out = tmp_path / "seeds.db", tmp_path / "seeds.json"
    assert cli_main(["import", "--db", str(db), *map(str, SEEDS)]) == 0
    assert cli_main(["export", "--db", str(db), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(Abstraction.model_validate(d).source.file for d in data) == [p.name for p in SEEDS]
