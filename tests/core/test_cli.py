"""The command line, run as a user runs it: a separate process, exit codes, messages."""
import json
import subprocess
import sys
from pathlib import Path

from models.schema import Abstraction

ROOT = Path(__file__).resolve().parents[2]


def run(*args, timeout=60):
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True,
                       timeout=timeout, cwd=ROOT)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def test_help_for_each_subcommand():
    for sub in ("import", "export", "extract"):
        p = run(sub, "--help")
        assert p.returncode == 0 and "usage:" in p.stdout


def test_usage_errors_exit_2():
    assert run("import").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("export", "--db", "x.db").returncode == 2  # --out missing


def test_import_then_export_json(tmp_path, data_dir):
    db, out = tmp_path / "a.db", tmp_path / "out.json"
    good = data_dir / "good"
    p = run("import", "--db", db, good / "page_utf8.txt", good / "ctgov_study.json")
    assert p.returncode == 0, p.stderr
    assert "page_utf8.txt: imported as study" in p.stdout and "2 imported" in p.stdout
    p = run("export", "--db", db, "--out", out)
    assert p.returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data) == 2
    studies = [Abstraction.model_validate(d) for d in data]
    assert {s.source.file for s in studies} == {"page_utf8.txt", "ctgov_study.json"}


def test_rejections_print_file_and_reason_and_exit_1(tmp_path, data_dir):
    db = tmp_path / "a.db"
    p = run("import", "--db", db, data_dir / "bad" / "empty.txt", data_dir / "good" / "page.html",
            tmp_path / "missing.txt")
    assert p.returncode == 1
    assert f"{data_dir / 'bad' / 'empty.txt'}: is empty" in p.stderr
    assert f"{tmp_path / 'missing.txt'}: does not exist" in p.stderr
    assert "1 imported" in p.stdout


def test_bad_database_is_reported_not_a_traceback(tmp_path, data_dir):
    db = tmp_path / "x.db"
    db.write_bytes((data_dir / "bad" / "not_a_db.db").read_bytes())
    p = run("import", "--db", db, data_dir / "good" / "page.html")
    assert p.returncode == 1 and "not a database" in p.stderr
    assert db.read_bytes() == (data_dir / "bad" / "not_a_db.db").read_bytes()


def test_extract_prints_valid_json_without_a_database(tmp_path, data_dir):
    p = run("extract", data_dir / "good" / "ctgov_study.json", data_dir / "good" / "page_utf8.txt",
            data_dir / "bad" / "scanned.pdf")
    assert p.returncode == 1 and "scanned.pdf: has no text layer" in p.stderr
    items = [Abstraction.model_validate(d) for d in json.loads(p.stdout)]
    assert items[0].study.registry_ids == ["NCT09990002"]
    assert items[1].source.file == "page_utf8.txt"
    assert not list(tmp_path.iterdir())


def test_export_to_missing_folder_is_a_message(tmp_path):
    from abstractor.storage import Store

    Store.open_path(tmp_path / "a.db").close()  # export refuses a missing database first
    p = run("export", "--db", tmp_path / "a.db", "--out", tmp_path / "no" / "such" / "out.json")
    assert p.returncode == 1 and "does not exist" in p.stderr


def test_output_piped_into_a_reader_that_stops_early(data_dir):
    """`main.py extract ... | head`: the closed pipe is not an error (bug: a traceback)."""
    cmd = f'"{sys.executable}" "{ROOT / "main.py"}" extract "{data_dir / "good" / "ctgov_study.json"}" | head -c 20'
    p = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=60)
    assert p.stdout.startswith("[") and "Traceback" not in p.stderr and "BrokenPipe" not in p.stderr


def test_installed_entry_point_calls_the_same_main():
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["gui-scripts"]
    assert scripts == {"protocol-abstractor": "main:main"}


def test_window_options_are_read_without_argparse():
    sys.path.insert(0, str(ROOT))
    from main import window_options

    opts = window_options(["--db", "x.db", "--user", "ann", "--demo"])
    assert (opts.command, opts.db, opts.user, opts.demo) == (None, "x.db", "ann", True)
    assert window_options(["--db=y.db"]).db == "y.db" and window_options([]).db is None
    for other in (["import", "a.txt"], ["--help"], ["--db"], ["--db", "--demo"], ["--frobnicate"]):
        assert window_options(other) is None  # the full parser handles (and documents) these
    assert run("--frobnicate").returncode == 2
