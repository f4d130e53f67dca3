"""Hostile files for the tests of this folder: a good workbook of one rich study, and ways to alter it."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from abstractor.workbook import export_workbook
from tests.workbook.helpers import document, rich_study, store_with


@pytest.fixture
def rich_store(tmp_path):
    doc = document()
    store = store_with(tmp_path / "a.db", [rich_study(doc)], [[doc]])
    yield store
    store.close()


@pytest.fixture
def good(rich_store, tmp_path) -> Path:
    path = tmp_path / "good.xlsx"
    export_workbook(rich_store, path)
    return path


def sheet_part(path: Path, sheet: str) -> str:
    """The zip part of a sheet (as the workbook's relationships name it)."""
    from abstractor.workbook.safety import _worksheet_parts

    with zipfile.ZipFile(path) as z:
        parts = _worksheet_parts(path.name, z, set(z.namelist()))
    return next(p for p, n in parts.items() if n == sheet)


def rezip(src: Path, dst: Path, edit=None, add=None) -> Path:
    """A copy of the workbook with ``edit(part, bytes) -> bytes`` applied to every part."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, edit(item.filename, data) if edit else data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def edit_sheet(src: Path, dst: Path, sheet: str, change) -> Path:
    part = sheet_part(src, sheet)
    return rezip(src, dst, lambda name, data: change(data) if name == part else data)
