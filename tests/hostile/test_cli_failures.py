"""Every command's failure paths: `file: reason` (or one line), the right exit code, nothing half-written."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from abstractor.atomic_file import atomic_output
from abstractor.cli import main
from abstractor.storage import Store
from abstractor.suggestions import ss

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "data" / "good" / "page_utf8.txt"
UNWRITABLE = Path("/proc")  # not writable even for root (CI runs as root, so chmod would not do)


@pytest.mark.parametrize("out", ["x.json", "x.xlsx"])
def test_export_into_a_folder_that_cannot_be_written(rich_store, out, capsys):
    target = UNWRITABLE / out
    assert main(["export", "--db", rich_store.label, "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert f"{target}: cannot be written" in err and "Traceback" not in err


def test_extract_into_a_folder_that_cannot_be_written(capsys):
    assert main(["extract", str(PAGE), "--out", str(UNWRITABLE / "x.json")]) == 1
    err = capsys.readouterr().err
    assert "/proc/x.json: cannot be written" in err and "Traceback" not in err


def test_failed_or_interrupted_output_leaves_nothing(tmp_path):
    target = tmp_path / "out.xlsx"
    for exc in (OSError(28, "No space left on device"), KeyboardInterrupt()):
        with pytest.raises((type(exc), Exception)):
            with atomic_output(target) as tmp:
                tmp.write_bytes(b"half")
                raise exc
        assert os.listdir(tmp_path) == []
    # A killed writer's leftover (its process is gone) is removed by the next write to the same file.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    leftover = tmp_path / f"out.xlsx.partial-{dead.stdout.strip()}-abc123"
    leftover.write_bytes(b"half")
    with atomic_output(target) as tmp:
        tmp.write_bytes(b"whole")
    assert sorted(os.listdir(tmp_path)) == ["out.xlsx"] and target.read_bytes() == b"whole"


def test_accept_suggestions_again_finishes_an_interrupted_batch(tmp_path, capsys):
    db, page = tmp_path / "a.db", tmp_path / "page.txt"
    page.write_text("Registration Number: NCT09990001\nStudy Type: Interventional\nEnrollment: 18\n")
    assert main(["import", "--db", str(db), str(page)]) == 0  # imported, suggestions left open (as after a kill)
    with Store.open_path(db) as store:
        sid = store.list_studies()[0].id
        open_before = len(ss.suggestions(store, sid, "OPEN"))
    assert open_before
    capsys.readouterr()
    assert main(["import", "--db", str(db), "--accept-suggestions", str(page)]) == 0
    out = capsys.readouterr().out
    assert "already imported" in out and "suggested values accepted" in out
    with Store.open_path(db) as store:
        assert len(ss.suggestions(store, sid, "OPEN")) < open_before


def _mount_tmpfs(path: Path, size: str) -> bool:
    path.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True)
    if r.returncode != 0:
        if os.environ.get("CI"):
            pytest.fail(f"CI runs as root and must be able to mount a tmpfs: {r.stderr.decode().strip()}")
        pytest.skip("mounting a small tmpfs is not permitted here (CI does it as root)")
    return True


def test_disk_full_during_accept_is_reported_and_exits_non_zero(tmp_path):
    disk = tmp_path / "disk"
    _mount_tmpfs(disk, "4m")
    try:
        db = disk / "a.db"
        run = lambda *a: subprocess.run([sys.executable, str(ROOT / "main.py"), *a], capture_output=True,  # noqa: E731
                                        text=True, timeout=120)
        assert run("import", "--db", str(db), str(PAGE)).returncode == 0
        fd = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)  # fill the disk to the last byte
        for size in (65536, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
        os.close(fd)
        proc = run("import", "--db", str(db), "--accept-suggestions", str(PAGE))
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr
        assert "full" in (proc.stdout + proc.stderr).lower()
        assert "suggested values accepted" not in proc.stdout or "failed" in proc.stdout + proc.stderr
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)
        shutil.rmtree(disk, ignore_errors=True)


def test_sigterm_during_an_export_leaves_no_partial_file(tmp_path):
    """The command line turns SIGTERM into an interrupt: the output's temporary file is removed."""
    script = (
        "import sys, time\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        "from abstractor.cli import _terminate_as_interrupt\n"
        "from abstractor.atomic_file import atomic_output\n"
        "_terminate_as_interrupt()\n"
        "try:\n"
        f"    with atomic_output(Path({str(tmp_path / 'out.xlsx')!r})) as tmp:\n"
        "        tmp.write_bytes(b'half')\n"
        "        print('writing', flush=True)\n"
        "        time.sleep(60)\n"
        "except KeyboardInterrupt:\n"
        "    sys.exit(130)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    assert any(p.name.startswith("out.xlsx.partial-") for p in tmp_path.iterdir())
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 130
    assert list(tmp_path.iterdir()) == []
