"""DOCX text: paragraphs and tables in document order, superscripts kept."""
from __future__ import annotations

import zipfile
from pathlib import Path

from abstractor.errors import ImportRejected

_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")


def read_docx(path: Path) -> str:
    import docx  # python-docx; imported here so start-up does not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise ImportRejected(f"is not a Word .docx document ({type(exc).__name__}: {exc})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            lines.extend(_table_lines(block))
        else:
            lines.append(_paragraph_text(block))
    return "\n".join(lines)


def _paragraph_text(paragraph) -> str:
    parts = []
    for item in paragraph.iter_inner_content():
        runs = item.runs if hasattr(item, "runs") and not hasattr(item, "font") else [item]
        for run in runs:
            text = run.text
            if run.font.superscript and text.strip().lstrip("+-").isdigit():
                text = text.translate(_SUPERSCRIPT)  # "1×10" + superscript "7" -> "1×10⁷"
            parts.append(text)
    return "".join(parts)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:
            if cell._tc is previous:  # a merged cell repeats itself: keep it once
                continue
            previous = cell._tc
            cells.append(" ".join(_paragraph_text(p) for p in cell.paragraphs).strip())
        lines.append(" | ".join(cells))
    return lines
