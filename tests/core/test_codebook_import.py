"""Importing and exporting codebooks (issue 15): the preview says what changes, applying it is one
transaction that moves renamed choices and queries what cannot move; JSON and workbook files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from abstractor.cli import main
from abstractor.codebooks import load_shipped
from abstractor.codebooks.command import read_file
from abstractor.codebooks.importing import CodebookRefused, apply_import, preview_import
from abstractor.operations import SetField
from abstractor.storage import review_ops
from models import schema
from models.codebook import Codebook

CAR_T = str(Path(__file__).resolve().parents[2] / "resources" / "codebooks" / "car_t.json")


def version_2(**changes) -> Codebook:
    """The shipped CAR-T codebook as v2: 'lentiviral' renamed, 'fresh' no longer a product state."""
    data = json.loads(load_shipped().to_json())
    data["version"] = 2
    for f in data["fields"]:
        if f["name"] == "vector":
            f["choices"][0].update(value="lentivirus vector", renamed_from=["lentiviral"])
        if f["name"] == "product_state":
            f["choices"] = [{"value": "cryopreserved"}, {"value": "thawed on site"}]
    data["fields"].append({"kind": "arm", "name": "cohort_size", "label": "Cohort size", "type": "integer"})
    data.update(changes)
    return Codebook.model_validate(data)


@pytest.fixture
def filled(store):
    apply_import(store, preview_import(store, load_shipped()))
    sid = store.add_study(schema.Abstraction(study={"title": "T"}))
    SetField(sid, "study", sid, "extra.vector", "lentiviral", None).do(store)
    SetField(sid, "study", sid, "extra.product_state", "fresh", None).do(store)
    return store, sid


def test_a_new_version_moves_renamed_choices_and_queries_what_it_cannot_move(filled):
    store, sid = filled
    preview = preview_import(store, version_2())
    text = "\n".join(preview.lines())
    assert "choice renamed: study.vector: lentiviral -> lentivirus vector" in text
    assert "field added: arm.cohort_size (Cohort size)" in text
    assert "1 value moved, 1 flagged for review" in text
    assert store.get_study(sid).study.extra["vector"] == "lentiviral"  # a preview changes nothing
    apply_import(store, preview)
    ab = store.get_study(sid)
    assert ab.study.extra == {"vector": "lentivirus vector", "product_state": "fresh"}  # kept, never dropped
    assert ab.codebook.version == 2
    [q] = review_ops.open_queries(store, sid)
    assert q.path == "study.extra.product_state" and "'fresh' is not one of" in q.comments[0].text
    moved = [e for e in store.audit_events(sid) if e["field"] == "extra.vector"][0]
    assert (moved["old"], moved["new"], moved["origin"]) == ('"lentiviral"', '"lentivirus vector"', "codebook")
    # The kept value does not block saving the study again (a workbook import replaces it whole).
    store.replace_study(ab.model_copy(update={"study": ab.study.model_copy(update={"acronym": "X"})}))
    assert store.get_study(sid).study.extra["product_state"] == "fresh"


def test_a_changed_codebook_under_the_same_version_or_an_older_version_is_refused(filled):
    store, _sid = filled
    data = json.loads(load_shipped().to_json())
    data["fields"] = data["fields"][:3]
    with pytest.raises(CodebookRefused, match="new version number"):
        preview_import(store, Codebook.model_validate(data))
    apply_import(store, preview_import(store, version_2()))
    with pytest.raises(CodebookRefused, match="newer than v1"):
        preview_import(store, load_shipped())


def test_a_field_named_like_a_workbook_column_is_refused(store):
    data = json.loads(load_shipped().to_json())
    data["fields"].append({"kind": "outcome", "name": "evidence", "label": "Evidence level", "type": "text"})
    with pytest.raises(CodebookRefused, match="outcome.evidence has the name of a column of the Outcomes sheet"):
        preview_import(store, Codebook.model_validate(data))


def test_importing_the_current_version_again_changes_nothing(filled):
    store, _sid = filled
    preview = preview_import(store, load_shipped())
    assert preview.nothing_to_do and "nothing to change" in preview.lines()[-1]


def test_the_commands_import_and_export_json_and_workbooks_exactly(tmp_path, capsys):
    db, out_json, out_xlsx = tmp_path / "a.db", tmp_path / "cb.json", tmp_path / "cb.xlsx"
    assert main(["codebook", "import", "--db", str(db), "--dry-run", CAR_T]) == 0
    assert "dry run" in capsys.readouterr().out
    assert main(["codebook", "export", "--db", str(db), "--out", str(out_json)]) == 1  # nothing imported yet
    assert main(["codebook", "import", "--db", str(db), CAR_T]) == 0
    assert "field added: study.costimulatory_domain" in capsys.readouterr().out
    assert main(["codebook", "export", "--db", str(db), "--out", str(out_json)]) == 0
    assert main(["codebook", "export", "--db", str(db), "--out", str(out_xlsx)]) == 0
    assert read_file(out_json) == load_shipped() == read_file(out_xlsx)


def test_a_workbook_codebook_with_a_bad_cell_is_refused_at_that_cell(tmp_path, capsys):
    from openpyxl import load_workbook

    from abstractor.workbook.codebook_sheet import write_codebook_workbook

    path = tmp_path / "cb.xlsx"
    write_codebook_workbook(load_shipped(), path)
    wb = load_workbook(path)
    wb["Dictionary"]["D3"] = "choice"  # the second field's type
    wb.save(path)
    assert main(["codebook", "import", "--db", str(tmp_path / "a.db"), str(path)]) == 1
    assert "Dictionary!D3: 'choice' is not a codebook type" in capsys.readouterr().err
