"""Every command's --db takes a team server's address as it takes a file (compare too)."""
import json

from openpyxl import load_workbook

from abstractor.cli import main


def _page(tmp_path, name, nct, title):
    f = tmp_path / f"{name}.txt"
    f.write_text(f"Registration Number: {nct}\nTitle: {title}\nEnrollment: 12 participants\n", encoding="utf-8")
    return str(f)


def test_compare_a_file_against_the_server(pg_url, tmp_path, capsys):
    assert main(["server", "init", "--db", pg_url]) == 0
    assert main(["import", _page(tmp_path, "a", "NCT09990001", "Invented trial A"), "--accept-suggestions",
                 "--db", pg_url]) == 0
    mine = tmp_path / "mine.json"
    assert main(["extract", _page(tmp_path, "b", "NCT09990001", "Invented trial A, renamed"),
                 "--out", str(mine)]) == 0
    capsys.readouterr()
    report = tmp_path / "report.xlsx"
    assert main(["compare", str(mine), "--db", pg_url, "--out", str(report)]) == 0
    out, err = capsys.readouterr()
    assert "1 stud" in out and "error" not in err
    cells = [c for row in load_workbook(report)["Discrepancies"].iter_rows(values_only=True) for c in row]
    assert "Invented trial A, renamed" in cells and "Invented trial A" in cells


def test_export_and_import_workbook_with_a_server_address(pg_url, tmp_path):
    assert main(["server", "init", "--db", pg_url]) == 0
    assert main(["import", _page(tmp_path, "a", "NCT09990001", "Invented trial A"), "--accept-suggestions",
                 "--db", pg_url]) == 0
    book = tmp_path / "book.xlsx"
    assert main(["export", "--db", pg_url, "--out", str(book)]) == 0
    assert main(["import-workbook", str(book), "--dry-run", "--db", pg_url]) == 0
    out = tmp_path / "x.json"
    assert main(["export", "--db", pg_url, "--out", str(out)]) == 0
    assert [s["study"]["registry_ids"] for s in json.loads(out.read_text())] == [["NCT09990001"]]


def test_compare_says_what_is_wrong_with_a_server_address(tmp_path, capsys):
    mine = tmp_path / "mine.json"
    mine.write_text("[]", encoding="utf-8")
    assert main(["compare", str(mine), "--db", "postgresql://alice:pw@localhost/team",
                 "--out", str(tmp_path / "r.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "PGPASSWORD" in err and "pw@" not in err
