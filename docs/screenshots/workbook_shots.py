"""Screenshots of an exported workbook as a reviewer sees it, drawn by LibreOffice (headless).

    .venv/bin/python docs/screenshots/workbook_shots.py

Exports an invented study (tests/review/fixture.py: not from any registry), has LibreOffice print
every sheet as one PDF page (SinglePageSheets), and cuts the top left of the pages a reviewer
opens first to a screen's size with pdftoppm: docs/screenshots/workbook_<sheet>.png.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from abstractor.importing.document import ImportedDocument  # noqa: E402
from abstractor.storage import Store  # noqa: E402
from abstractor.workbook import export_workbook  # noqa: E402
from abstractor.workbook.layout import SHEET_ORDER  # noqa: E402
from tests.review.fixture import study_a  # noqa: E402

SHOTS = {"Studies": 1600, "Criteria": 2300, "DoseLevels": 1900, "Review": 1600, "About": 1400}
DPI = 110


def main() -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None or shutil.which("pdftoppm") is None:
        sys.exit("needs LibreOffice (soffice) and pdftoppm (poppler-utils)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ab = study_a()
        text = "\n".join(ev.quote for ev in ab.evidence) + "\n" + "\n".join(c.text for c in ab.criteria)
        doc = ImportedDocument(file_name="invented_cd70.txt", sha256=hashlib.sha256(text.encode()).hexdigest(),
                               kind="txt", text=text, size_bytes=len(text.encode()), encoding="utf-8")
        ab.source.sha256 = doc.sha256
        evidence = []
        for key in ("criteria", "dose_levels"):
            for i, item in enumerate(getattr(ab, key)):
                quote = item.text
                if quote and quote in text:
                    start = text.index(quote)
                    evidence.append({"field": f"{key}[{i}].text", "start": start, "end": start + len(quote),
                                        "quote": quote})
        data = ab.model_dump(by_alias=True)
        data["evidence"] = evidence
        data["review"] = [{"field": "criteria[1].text", "status": "QUERIED", "comments": [
            {"author": "rita", "at": "2026-12-04T10:00:00Z", "text": "Karnofsky 70 or 60? The synopsis says 60."}]}]
        ab = type(ab).model_validate(data)
        ab.id = uuid.uuid4().hex
        with Store.open_path(tmp / "shots.db", user="ana") as store:
            store.add_study(ab, [doc])
            book = tmp / "review.xlsx"
            export_workbook(store, book)
        opts = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}'
        done = subprocess.run([office, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
                               "--convert-to", opts, "--outdir", str(tmp), str(book)],
                              capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            sys.exit(done.stderr)
        out = ROOT / "docs" / "screenshots"
        for name, width in SHOTS.items():
            page = SHEET_ORDER.index(name) + 1
            target = out / f"workbook_{name.lower()}"
            subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page), "-x", "0",
                            "-y", "0", "-W", str(width), "-H", "600", "-singlefile", str(tmp / "review.pdf"),
                            str(target)], check=True)
            print(f"{target}.png")


if __name__ == "__main__":
    main()
