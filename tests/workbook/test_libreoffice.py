"""An exported workbook opens in LibreOffice: every sheet converts to CSV (skipped without LibreOffice)."""
from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from models import schema
from abstractor.importing.document import ImportedDocument
from abstractor.storage import Store
from abstractor.workbook import export_workbook, import_workbook
from abstractor.workbook.layout import SHEET_ORDER
from tests.shared_corpus import CORPUS, need_shared

OFFICE = shutil.which("libreoffice") or shutil.which("soffice")
SEEDS = CORPUS / "seeds"


@pytest.fixture(autouse=True)
def _office():
    if OFFICE is None:  # CI installs it (.ci/run): there, a missing LibreOffice is a broken run
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("LibreOffice (soffice) is not installed; .ci/run installs it")
        pytest.skip("LibreOffice is not installed")


def convert_all_sheets(xlsx: Path, out: Path) -> dict[str, list[list[str]]]:
    """One CSV per sheet (LibreOffice 7.2+: the sheet parameter -1)."""
    out.mkdir()
    profile = out / "profile"
    cmd = [OFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
           "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", str(out),
           str(xlsx)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    sheets = {}
    for name in SHEET_ORDER:
        f = out / f"{xlsx.stem}-{name}.csv"
        assert f.exists(), f"{name}: not converted ({done.stdout} {done.stderr})"
        with f.open(encoding="utf-8", newline="") as fh:
            sheets[name] = list(csv.reader(fh))
    return sheets


def test_rich_workbook_converts(rich_store, tmp_path):
    wb = tmp_path / "rich.xlsx"
    export_workbook(rich_store, wb)
    sheets = convert_all_sheets(wb, tmp_path / "csv")
    studies = sheets["Studies"]
    row = dict(zip(studies[0], studies[1]))
    assert row["sponsor"].startswith("=HYPERLINK")  # text, not a formula result
    assert row["title"] == "Anti-CD7 CAR-T 中文 study" and row["enrollment"] == "20"
    outcomes = [dict(zip(sheets["Outcomes"][0], r)) for r in sheets["Outcomes"][1:]]
    assert [o["measure"] for o in outcomes] == ["DLT", "-ORR", "@PK"]


def _seed_studies():
    for gold in sorted(SEEDS.glob("*.gold.json")):
        text_file = gold.with_name(gold.name.replace(".gold.json", ".txt"))
        raw = text_file.read_bytes()
        text = raw.decode("utf-8").replace("\r\n", "\n")
        doc = ImportedDocument(file_name=text_file.name, sha256=hashlib.sha256(raw).hexdigest(), kind="txt",
                               text=text, size_bytes=len(raw), encoding="utf-8")
        data = json.loads(gold.read_text(encoding="utf-8"))
        ab = schema.Abstraction.model_validate(data)
        ab.source = schema.Source(file=doc.file_name, sha256=doc.sha256)
        # Evidence where the gold's dose texts and criteria are found in the page.
        for key, attr in (("dose_levels", "text"), ("criteria", "text")):
            for i, item in enumerate(getattr(ab, key)):
                quote = getattr(item, attr)
                if quote and quote in text:
                    start = text.index(quote)
                    ab.evidence.append(schema.Evidence(field=f"{key}[{i}].{attr}", start=start,
                                                       end=start + len(quote), quote=quote))
        yield ab, doc


def test_seed_abstractions_export_open_and_round_trip(tmp_path):
    need_shared(SEEDS)
    with Store.open_path(tmp_path / "seeds.db") as store:
        for ab, doc in _seed_studies():
            store.add_study(ab, [doc])
        assert store.count_studies() == 5
        wb = tmp_path / "seeds.xlsx"
        export_workbook(store, wb)
        sheets = convert_all_sheets(wb, tmp_path / "csv")
        assert len(sheets["Studies"]) == 6 and len(sheets["Criteria"]) > 20
        with Store.open_path(tmp_path / "empty.db") as other:
            plan, _ = import_workbook(other, wb)
            assert not plan.issues
            assert {a.id: a for a in other.iter_studies()} == {a.id: a for a in store.iter_studies()}
            for ab in other.iter_studies():
                docs = other.documents(ab.id)
                text = other.document_text(docs[0].id)
                for ev in ab.evidence:  # every value beside its evidence, in the other database
                    assert text[ev.start:ev.end] == ev.quote
