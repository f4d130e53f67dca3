"""Regenerate the test corpus in tests/data (good and bad files).

Run once after changing it: ``python tests/data/make_files.py``.  The files
are committed so that tests do not need reportlab at run time.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOOD, BAD = HERE / "good", HERE / "bad"

PAGE = """Registration Number: NCT09990001
Title: A Phase 1 Study of Anti-CD19 CAR-T Cells in Relapsed B-Cell Lymphoma
Study Type: Interventional
Enrollment: 18
Dose levels: 1×10⁶ CAR+ T cells/kg, 3×10⁶ CAR+ T cells/kg
Inclusion Criteria:
1. Aged 18-65 years;
2. ECOG performance status ≤ 2;
Exclusion Criteria:
1. Active hepatitis B infection;
"""

CHINESE = "研究题目：抗CD7 CAR-T细胞治疗复发难治性T细胞淋巴瘤的临床研究\n纳入标准：年龄18-70岁（包括18岁和70岁）；\n"


def make_pdfs() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    # Two pages; page 2 holds a dose typeset with a real superscript exponent.
    c = canvas.Canvas(str(GOOD / "protocol.pdf"), pagesize=A4)
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "Protocol synopsis: anti-CD19 CAR-T cells")
    c.drawString(72, 740, "Study Type: Interventional")
    c.showPage()
    c.setFont("Helvetica", 12)
    c.drawString(72, 760, "Dose level 1: 1 x 10")
    c.setFont("Helvetica", 7)
    c.drawString(72 + c.stringWidth("Dose level 1: 1 x 10", "Helvetica", 12), 766, "6")
    c.setFont("Helvetica", 12)
    c.drawString(150, 760, " cells/kg")
    c.showPage()
    c.save()

    c = canvas.Canvas(str(BAD / "scanned.pdf"), pagesize=A4)  # shapes only: no text layer
    c.rect(72, 600, 400, 150, fill=1)
    c.showPage()
    c.save()

    c = canvas.Canvas(str(BAD / "password.pdf"), pagesize=A4, encrypt="secret")
    c.drawString(72, 760, "Confidential protocol")
    c.showPage()
    c.save()

    data = (GOOD / "protocol.pdf").read_bytes()
    (BAD / "truncated.pdf").write_bytes(data[: len(data) // 3])


def make_docx() -> None:
    import docx

    d = docx.Document()
    d.add_heading("Protocol Synopsis", level=1)
    p = d.add_paragraph("Dose level 2: 3×10")
    p.add_run("7").font.superscript = True
    p.add_run(" cells/kg")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Phase", "Phase 1"
    table.cell(1, 0).text, table.cell(1, 1).text = "Enrollment", "24"
    d.add_paragraph("Inclusion Criteria: adults with measurable disease.")
    d.save(str(GOOD / "synopsis.docx"))

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("notes.txt", "this zip is not a Word document")
    (BAD / "not_really.docx").write_bytes(buf.getvalue())


def make_text() -> None:
    (GOOD / "page_utf8.txt").write_text(PAGE, encoding="utf-8")
    (GOOD / "page_utf16.txt").write_bytes(PAGE.encode("utf-16"))  # with BOM
    (GOOD / "page_crlf.txt").write_bytes(PAGE.replace("\n", "\r\n").encode("utf-8"))
    (GOOD / "chinese_gbk.txt").write_bytes((CHINESE * 3).encode("gbk"))
    (GOOD / "latin1.txt").write_bytes("Étude de phase 1 : cellules CAR-T, âge ≥ 18 ans\n".replace("≥", ">=").encode("cp1252"))
    (GOOD / "page.html").write_text(
        "<html><head><title>t</title><style>p{color:red}</style><script>var x=1;</script></head><body>"
        "<h1>Anti-CD19 CAR-T study</h1><p>Study Type: Interventional</p><p>Enrollment: 18</p>"
        "<ul><li>Aged 18-65 years</li><li>ECOG &le; 2</li></ul></body></html>", encoding="utf-8")
    (BAD / "empty.txt").write_bytes(b"")
    (BAD / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (BAD / "invalid_utf8.txt").write_bytes(PAGE.encode("utf-8").replace(b"Enrollment", b"Enroll\xffment"))
    (BAD / "not_registry.json").write_text(json.dumps({"name": "a shopping list", "items": ["milk"]}))
    (BAD / "broken.json").write_text('{"protocolSection": {"identificationModule": ')
    (BAD / "not_a_db.db").write_bytes(b"this is a text file pretending to be a database\n" * 20)
    (BAD / "whitespace.txt").write_text("   \n\n\t  \n")


def make_ctgov() -> None:
    record = {"protocolSection": {
        "identificationModule": {"nctId": "NCT09990002", "briefTitle": "CD7 CAR-NK Cells for T-ALL",
                                 "officialTitle": "A Phase 1, Open-label Study of CD7 CAR-NK Cells in T-ALL",
                                 "acronym": "SEVEN-NK"},
        "statusModule": {"overallStatus": "RECRUITING"},
        "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Example University Hospital"}},
        "conditionsModule": {"conditions": ["T-cell Acute Lymphoblastic Leukemia", "T-cell Lymphoma"]},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1"],
                         "designInfo": {"allocation": "NA", "interventionModel": "SINGLE_GROUP",
                                        "primaryPurpose": "TREATMENT", "maskingInfo": {"masking": "NONE"}},
                         "enrollmentInfo": {"count": 12, "type": "ESTIMATED"}},
        "armsInterventionsModule": {
            "armGroups": [{"label": "CD7 CAR-NK", "type": "EXPERIMENTAL",
                           "description": "Three dose levels, 3+3 escalation.",
                           "interventionNames": ["Biological: CD7 CAR-NK cells"]}],
            "interventions": [{"type": "BIOLOGICAL", "name": "CD7 CAR-NK cells",
                               "description": "Allogeneic NK cells expressing an anti-CD7 CAR.",
                               "otherNames": ["NK7"]}]},
        "outcomesModule": {
            "primaryOutcomes": [{"measure": "Dose-limiting toxicities", "timeFrame": "28 days after infusion"}],
            "secondaryOutcomes": [{"measure": "Overall response rate", "description": "CR + CRi at day 28",
                                   "timeFrame": "3 months"}]},
        "eligibilityModule": {"eligibilityCriteria": "Inclusion Criteria:\n\n* Age 18 to 70 years\n* ECOG 0-2\n\n"
                                                     "Exclusion Criteria:\n\n* Active CNS leukemia",
                              "sex": "ALL", "minimumAge": "18 Years", "maximumAge": "70 Years"},
        "contactsLocationsModule": {"locations": [{"facility": "Example University Hospital", "city": "Springfield",
                                                   "state": "Illinois", "country": "United States"}]}}}
    (GOOD / "ctgov_study.json").write_text(json.dumps(record, indent=2), encoding="utf-8")


if __name__ == "__main__":
    GOOD.mkdir(exist_ok=True)
    BAD.mkdir(exist_ok=True)
    make_text()
    make_ctgov()
    make_pdfs()
    make_docx()
    print("written:", sorted(p.name for p in GOOD.iterdir()), sorted(p.name for p in BAD.iterdir()))
