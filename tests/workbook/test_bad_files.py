"""Hostile or broken files: a clear message, nothing changed, no traceback."""
from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from openpyxl import Workbook

from abstractor.cli import main
from abstractor.workbook import WorkbookRejected, export_workbook, import_workbook


@pytest.fixture
def good(rich_store, tmp_path):
    path = tmp_path / "good.xlsx"
    export_workbook(rich_store, path)
    return path


def _rezip(src, dst, replace=None, add=None):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if replace and item.filename in replace:
                data = replace[item.filename](data)
            zout.writestr(item, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)


def not_a_zip(good, path):
    path.write_text("study_id,title\n1,x\n")
    return "not a zip file"


def truncated(good, path):
    data = good.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return "damaged or truncated"


def zip_bomb(good, path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            zeros = b"\0" * (1 << 20)
            for _ in range(64):
                fh.write(zeros)
    return "zip bomb"


def entity_bomb(good, path):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b"<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&lol2;</t></si></sst>")
    _rezip(good, path, replace={"xl/workbook.xml": lambda d: d.replace(b"?>", b"?><!DOCTYPE x [<!ENTITY a 'b'>]>", 1)},
           add={"xl/sharedStrings2.xml": bomb})
    return "entity"


def macros(good, path):
    _rezip(good, path, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})
    return "contains macros"


def xlsm(good, path):
    shutil.copy(good, path.with_suffix(".xlsm"))
    return "macro-enabled"


def other_tool(good, path):
    wb = Workbook()
    wb.active.title = "Data"
    wb.active.append(["name", "value"])
    wb.save(path)
    return "not an abstraction workbook of this program"


def empty(good, path):
    path.write_bytes(b"")
    return "empty"


CASES = [not_a_zip, truncated, zip_bomb, entity_bomb, macros, xlsm, other_tool, empty]


@pytest.mark.parametrize("make", CASES, ids=[c.__name__ for c in CASES])
def test_bad_file_is_refused_and_nothing_changes(rich_store, good, tmp_path, make, capsys):
    path = tmp_path / "bad.xlsx"
    expected = make(good, path)
    if make is xlsm:
        path = path.with_suffix(".xlsm")
    before = {ab.id: ab for ab in rich_store.iter_studies()}
    events = len(rich_store.audit_events())
    with pytest.raises(WorkbookRejected) as info:
        import_workbook(rich_store, path)
    assert expected in str(info.value) and path.name in str(info.value)
    assert {ab.id: ab for ab in rich_store.iter_studies()} == before
    assert len(rich_store.audit_events()) == events
    # The command line says the same in one line, exit code 1, no traceback.
    code = main(["import-workbook", "--db", rich_store.label, str(path)])
    err = capsys.readouterr().err
    assert code == 1 and expected in err and "Traceback" not in err


def test_cli_round_trip_and_usage(rich_store, tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    assert main(["export", "--db", rich_store.label, "--out", str(out)]) == 0
    assert main(["import-workbook", "--db", rich_store.label, str(out), "--dry-run"]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    assert main(["import-workbook", "--db", rich_store.label, str(tmp_path / "x.csv")]) == 2
