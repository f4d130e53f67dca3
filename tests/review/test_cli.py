"""`main.py compare`: exit 0 ok, 1 some input refused (with which and what is left), 2 usage."""
import json

import pytest
from openpyxl import load_workbook

from abstractor.cli import main

from tests.review.fixture import study_a, study_b


def _write(path, items):
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path):
    return {"a": _write(tmp_path / "a.json", [study_a().to_json_dict()]),
            "b": _write(tmp_path / "b.json", [study_b().to_json_dict()]),
            "out": str(tmp_path / "report.xlsx"), "dir": tmp_path}


def _run(capsys, *argv):
    code = main(["compare", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_two_json_exports(files, capsys):
    code, out, err = _run(capsys, files["a"], files["b"], "--out", files["out"])
    assert code == 0 and err == ""
    assert "1 study paired and compared: 2 of 59 values differ (96.6% agreement), 1 row on one side only" in out
    assert load_workbook(files["out"])["Discrepancies"].max_row == 4


def test_other_schema_version_is_refused_by_name(files, capsys):
    d = study_b().to_json_dict()
    d["schema"] = "protocol-abstraction/2"
    other = _write(files["dir"] / "v2.json", [d])
    code, _, err = _run(capsys, files["a"], other, "--out", files["out"])
    assert code == 1
    assert "B (v2.json): written for schema protocol-abstraction/2" in err
    assert "nothing compared: A (a.json) has 1 readable study" in err


def test_different_studies(files, capsys):
    d = study_b()
    d.study.registry_ids, d.study.title = ["NCT09990123"], "Another invented study"
    other = _write(files["dir"] / "other.json", [d.to_json_dict()])
    code, _, err = _run(capsys, files["a"], other, "--out", files["out"])
    assert code == 1 and "no study is in both A (a.json) and B (other.json)" in err


def test_partly_different_studies_compare_the_common_ones(files, capsys):
    extra = study_a()
    extra.study.registry_ids, extra.study.title = ["NCT09990124"], "A further invented study"
    a = _write(files["dir"] / "a2.json", [study_a().to_json_dict(), extra.to_json_dict()])
    code, out, err = _run(capsys, a, files["b"], "--out", files["out"])
    assert code == 0 and "1 studies are in both and were compared; 1 only in A (a2.json)" in err
    assert "1 study paired and compared" in out


def test_a_broken_study_is_left_out_and_the_rest_compared(files, capsys):
    bad = study_b().to_json_dict()
    bad["study"]["enrollment"] = "eighteen"
    b = _write(files["dir"] / "b2.json", [bad, {"hello": 1}, study_b().to_json_dict()])
    code, out, err = _run(capsys, files["a"], b, "--out", files["out"])
    assert code == 1
    assert "B (b2.json): study 1 (NCT09990042): study.enrollment:" in err
    assert "B (b2.json): study 2: not an abstraction" in err
    assert "1 study paired and compared" in out


@pytest.mark.parametrize("name, content, says", [
    ("notours.json", '{"rows": [1, 2]}', "not an abstraction export"),
    ("broken.json", "[{", "not a JSON export"),
    ("table.csv", "a,b\n1,2\n", "not an abstraction workbook or JSON export"),
    ("fake.xlsx", "not a zip", "B (fake.xlsx): "),
])
def test_files_that_are_not_ours(files, capsys, name, content, says):
    path = files["dir"] / name
    path.write_text(content)
    code, _, err = _run(capsys, files["a"], str(path), "--out", files["out"])
    assert code == 1 and says in err


def test_database_as_one_side(files, capsys, tmp_path):
    from abstractor.storage import Store

    db = tmp_path / "mine.db"
    with Store.open_path(db, user="ben") as store:
        store.add_study(study_b())
        a = study_a()
        a.id = "0123456789abcdef0123456789abcdef"  # A's own record, imported here: not B's work
        store.add_study(a)
        unrelated = study_a()
        unrelated.study.registry_ids = ["NCT09990200"]
        unrelated.source = None  # another document: pairing looks at the source document first
        store.add_study(unrelated)
    a_file = _write(tmp_path / "a_with_id.json", [a.to_json_dict()])
    code, out, err = _run(capsys, a_file, "--db", str(db), "--out", files["out"])
    assert code == 0 and "1 study paired and compared: 2 of 59 values differ (96.6% agreement), 1 row on one side only" in out
    assert "1 other study in B (mine.db) not in A (a_with_id.json): not compared, not listed" in err
    assert _run(capsys, files["a"], "--db", str(tmp_path / "none.db"), "--out", files["out"])[0] == 1
    assert not (tmp_path / "none.db").exists()


def test_usage_mistakes(files, capsys):
    assert _run(capsys, files["a"], "--out", files["out"])[0] == 2
    assert _run(capsys, files["a"], files["b"], files["b"], "--out", files["out"])[0] == 2
    assert _run(capsys, files["a"], files["b"], "--out", str(files["dir"] / "r.csv"))[0] == 2
    with pytest.raises(SystemExit) as exc:
        main(["compare", files["a"], files["b"]])
    assert exc.value.code == 2
