"""Malformed registry JSON and damaged text: a clear refusal per file, the batch goes on, lines printed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from abstractor.errors import ImportRejected
from abstractor.importing import read_document
from abstractor.importing.text import decode

ROOT = Path(__file__).resolve().parents[2]


def record(**ident) -> dict:
    return {"protocolSection": {"identificationModule": {"nctId": "NCT01234567", "briefTitle": "A CAR-T study",
                                                         **ident},
                                "designModule": {"enrollmentInfo": {"count": 12}}}}


HOSTILE = {
    "nct_number.json": (json.dumps(record(nctId=12345678)), "identificationModule.nctId is a number"),
    "title_object.json": (json.dumps(record(briefTitle={"x": 1})), "identificationModule.briefTitle is an object"),
    "enrollment.json": (json.dumps({"protocolSection": {"designModule": {"enrollmentInfo": {"count": 10**20}}}}),
                        "beyond any number this program stores"),
    "nested.json": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "conditions.json": (json.dumps({"protocolSection": {"conditionsModule": {"conditions": "CLL"}}}),
                        "conditionsModule.conditions is text"),
    "arms.json": (json.dumps({"protocolSection": {"armsInterventionsModule": {"armGroups": [{"label": 7}]}}}),
                  "armGroups[0].label is a number"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_malformed_registry_json_is_refused_naming_the_field(tmp_path, name):
    text, expected = HOSTILE[name]
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ImportRejected) as info:
        read_document(path)
    assert expected in str(info.value)


def test_the_batch_goes_on_and_every_line_is_printed(tmp_path):
    good1, good2 = tmp_path / "a_good.json", tmp_path / "z_good.json"
    good1.write_text(json.dumps(record()))
    good2.write_text(json.dumps(record(nctId="NCT07654321")))
    bad = []
    for name, (text, _) in sorted(HOSTILE.items()):
        (tmp_path / name).write_text(text)
        bad.append(str(tmp_path / name))
    files = [str(good1), *bad, str(good2)]
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", "--db", str(tmp_path / "x.db"), *files],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stdout.count("imported as study") == 2
    for name, (_, expected) in HOSTILE.items():
        assert f"{name}: " in proc.stderr and expected in proc.stderr
    assert f"2 imported, 0 already there, {len(HOSTILE)} rejected" in proc.stdout


def test_damaged_utf8_is_refused_not_read_as_a_code_page():
    data = bytearray("Title: Humira® trial\nEnrollment: 20\nSponsor: X\n".encode())
    for pos in (25, 30, 35):
        data[pos] = 0xFE
    with pytest.raises(ImportRejected, match=r"not valid UTF-8: byte 0xfe at offset 25 \(line 2\)"):
        decode(bytes(data))


@pytest.mark.parametrize("text,codec", [
    ("Étude de phase 1 : cellules CAR-T, âge >= 18 ans, Müller\n", "cp1252"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy. Studie fáze 1\n" * 3, "cp1250"),
    ("研究题目：抗CD7 CAR-T细胞治疗复发难治性T细胞淋巴瘤的临床研究\n" * 3, "gb18030"),
])
def test_legacy_encodings_are_still_read(text, codec):
    assert decode(text.encode(codec))[0] == text
