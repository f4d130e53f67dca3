"""The real pages in ../shared: import them all with their suggestions accepted, export, and the
export goes through a workbook into a new database with nothing refused and comes back cell for cell."""
import json

from abstractor.cli import main as cli_main
from abstractor.storage import Store
from abstractor.workbook import export_workbook, import_workbook
from models.schema import Abstraction
from tests.shared_corpus import need_shared
from tests.workbook.helpers import all_studies, comparable, sheet_values


def test_seed_pages_import_and_export_as_valid_json(tmp_path, capsys):
    seeds = sorted((need_shared() / "seeds").glob("*.txt"))
    db, out = tmp_path / "seeds.db", tmp_path / "seeds.json"
    assert cli_main(["import", "--db", str(db), *map(str, seeds)]) == 0
    assert cli_main(["export", "--db", str(db), "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(Abstraction.model_validate(d).source.file for d in data) == [p.name for p in seeds]


def test_accepted_suggestions_survive_a_workbook_into_a_new_database(tmp_path, capsys):
    """Issue 9: evidence on thresholds and arm interventions was written and then refused."""
    corpus = need_shared()
    pages = sorted((corpus / "seeds").glob("*.txt")) + sorted((corpus / "ctgov").glob("*.txt"))[:6]
    db = tmp_path / "a.db"
    assert cli_main(["import", "--db", str(db), "--accept-suggestions", *map(str, pages)]) == 0
    with Store.open_path(db, user="a") as a, Store.open_path(tmp_path / "b.db", user="b") as b:
        original = all_studies(a)
        fields = {e.field.split("]", 1)[-1] for ab in original.values() for e in ab.evidence}
        assert any(".thresholds[" in e.field for ab in original.values() for e in ab.evidence), fields
        assert any(".interventions[" in e.field for ab in original.values() for e in ab.evidence), fields
        export_workbook(a, tmp_path / "one.xlsx")
        plan, _ = import_workbook(b, tmp_path / "one.xlsx")
        assert not plan.issues, [str(i) for i in plan.issues]
        assert all_studies(b) == original
        export_workbook(b, tmp_path / "two.xlsx")
    assert comparable(sheet_values(tmp_path / "two.xlsx")) == comparable(sheet_values(tmp_path / "one.xlsx"))
