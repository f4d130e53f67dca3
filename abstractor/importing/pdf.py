"""PDF text with page boundaries, via pypdfium2 (fast, permissive licence).

Typeset exponents ("10" then a smaller, raised "7") come back from every PDF
library as "107"; doses depend on them, so they are recovered from the
characters' boxes and written as Unicode superscripts ("10⁷").
"""
from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from abstractor.errors import ImportRejected
from abstractor.importing.document import normalise

_SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
_POWER_RE = re.compile(r"10([-+]?\d{1,2})")
PAGE_SEPARATOR = "\n\n"


def read_pdf(path: Path) -> tuple[str, list[int]]:
    """(text, page start offsets); raises ImportRejected for unreadable files."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ImportRejected("is password-protected; open it, save a copy without a password, "
                                 "and import that") from None
        raise ImportRejected(f"is not a readable PDF (damaged or truncated: {exc})") from None
    try:
        pages, starts, offset = [], [], 0
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                text = normalise(_page_text(textpage))
            finally:
                textpage.close()
                page.close()
            starts.append(offset)
            pages.append(text)
            offset += len(text) + len(PAGE_SEPARATOR)
    except pdfium.PdfiumError as exc:
        raise ImportRejected(f"is a damaged PDF (page {len(pages) + 1} cannot be read: {exc})") from None
    finally:
        pdf.close()
    if not pages:
        raise ImportRejected("is a PDF with no pages")
    if not any(p.strip() for p in pages):
        raise ImportRejected(f"has no text layer ({len(pages)} page(s) of images, probably a scan); "
                             "run OCR on it and import the result")
    return PAGE_SEPARATOR.join(pages), starts


def _page_text(textpage) -> str:
    text = textpage.get_text_range()
    if textpage.count_chars() != len(text):
        return text  # index spaces differ (non-BMP characters): keep the text as it is
    return _raise_exponents(textpage, text)


def _raise_exponents(textpage, text: str) -> str:
    """Rewrite "107" as "10⁷" where the exponent digits sit higher than the "10"."""
    out, last = [], 0
    for m in _POWER_RE.finditer(text):
        base_box = textpage.get_charbox(m.start() + 1)  # the "0" of "10"
        exp_start = m.start(1)
        exp_box = textpage.get_charbox(exp_start)
        base_h = base_box[3] - base_box[1]
        exp_bottom_raised = exp_box[1] > base_box[1] + 0.25 * base_h
        smaller = _font_size(textpage, exp_start) < 0.9 * _font_size(textpage, m.start() + 1)
        if base_h > 0 and exp_bottom_raised and smaller:
            out.append(text[last:exp_start])
            out.append(m.group(1).translate(_SUPERSCRIPT))
            last = m.end()
    out.append(text[last:])
    return "".join(out)


def _font_size(textpage, index: int) -> float:
    return pdfium_c.FPDFText_GetFontSize(textpage.raw, index)


def read_bookmarks(path: Path) -> list[tuple[int, str, int]]:
    """The PDF's own outline (bookmarks) as (level, title, page index), in order; [] when it
    has none or the file cannot be read (the outline is a help, never a reason to refuse)."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return []
    try:
        out = []
        for bm in pdf.get_toc(max_depth=6):
            dest = bm.get_dest()
            page = dest.get_index() if dest is not None else None
            title = " ".join((bm.get_title() or "").split())
            if title and page is not None and page >= 0:
                out.append((bm.level, title, page))
        return out
    except pdfium.PdfiumError:
        return []
    finally:
        pdf.close()
