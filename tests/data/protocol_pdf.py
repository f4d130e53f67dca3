"""An invented 200-page protocol PDF (reportlab), with or without bookmarks, for the outline
tests and the screenshots.  Every word is made up for the project; nothing is copied."""
from __future__ import annotations

from pathlib import Path

# (number, title, pages) — the sections of an invented CAR-T protocol; 200 pages in all.
SECTIONS = [
    ("1", "Introduction", 12), ("1.1", "Background", 10), ("1.2", "Rationale for the Study", 8),
    ("2", "Objectives", 6), ("3", "Study Design", 10), ("3.1", "Dose Escalation", 14),
    ("3.2", "Dose-Limiting Toxicity", 10), ("4", "Selection of Participants", 4), ("4.1", "Inclusion Criteria", 6),
    ("4.2", "Exclusion Criteria", 6), ("5", "Study Treatment", 14), ("5.1", "Lymphodepletion", 8),
    ("6", "Schedule of Assessments", 20), ("7", "Adverse Events", 18), ("8", "Statistical Considerations", 16),
    ("9", "Data Handling", 12), ("10", "Ethics and Regulatory", 10), ("11", "References", 16),
]
TITLE = "DEMO-19 Protocol: Autologous CD19 CAR-T Cells in Relapsed B-Cell Lymphoma"
RUNNING_HEADER = "DEMO-19 Clinical Protocol, Version 2.0 (invented)"
FILLER = ("Participants are followed at each visit described in this section; the investigator records "
          "findings in the case report form within {n} days of the visit.")
FACTS = {  # a line placed on the first page of a section (evidence to find and capture)
    "3.1": "Dose levels: 1×10⁶, 3×10⁶ and 1×10⁷ CAR-positive T cells/kg, by a 3+3 design.",
    "3.2": "The DLT observation window is 28 days after the infusion.",
    "4.1": "Participants aged 18 to 75 years with ECOG performance status 0-1.",
    "4.2": "Active hepatitis B or hepatitis C infection.",
    "5.1": "Fludarabine 30 mg/m2 and cyclophosphamide 500 mg/m2 on days -5 to -3.",
}
PAGES = sum(n for _num, _title, n in SECTIONS)


def make_protocol_pdf(path: str | Path, bookmarks: bool = True) -> Path:
    """Write the 200-page protocol to ``path``; ``bookmarks``: with the PDF outline of its sections."""
    from reportlab.pdfgen import canvas

    path = Path(path)
    c = canvas.Canvas(str(path))
    page = 0
    for number, title, n_pages in SECTIONS:
        level = number.count(".")
        for i in range(n_pages):
            page += 1
            c.setFont("Helvetica", 8)
            c.drawString(72, 810, RUNNING_HEADER)
            c.drawString(72, 30, f"Page {page} of {PAGES}")
            y = 770
            if page == 1:
                c.setFont("Helvetica-Bold", 13)
                c.drawString(72, y, TITLE)
                y -= 30
            if i == 0:
                key = f"s{number}"
                c.bookmarkPage(key)
                if bookmarks:
                    c.addOutlineEntry(f"{number} {title}", key, level=level)
                c.setFont("Helvetica-Bold", 12 if level == 0 else 11)
                c.drawString(72, y, f"{number} {title}")
                y -= 24
                if number in FACTS:
                    c.setFont("Helvetica", 10)
                    c.drawString(72, y, FACTS[number])
                    y -= 18
            c.setFont("Helvetica", 10)
            for k in range(4):
                c.drawString(72, y, FILLER.format(n=(page + k) % 9 + 2)[:95])
                y -= 16
            c.showPage()
    c.save()
    return path
