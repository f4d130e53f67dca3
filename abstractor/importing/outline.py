"""A document's outline for the reader: the PDF's bookmarks where it has them, else the
headings found in its stored text ("5.2 Dose escalation", "INCLUSION CRITERIA").  Read on
demand from the stored text and page starts (and the PDF file when it is still there), so
nothing about it is stored."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

MAX_ENTRIES = 2000
_NUMBERED = re.compile(r"^(?:(?:section|chapter)\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]+(\S.{1,90})$", re.I)
_CAPS = re.compile(r"^[A-Z][A-Z ,&/()'’-]{3,70}$")
_TOC_LINE = re.compile(r"(\.{3,}|…|\s)\s*\d{1,4}$")  # "Introduction ........ 5": a contents page line
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "per", "the", "to", "with", "vs"}


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    level: int  # 0 for a top-level heading
    offset: int  # where it starts in the stored text
    page: Optional[int] = None  # 1-based, for a PDF
    numbered: bool = True  # a numbered heading or a bookmark (an all-capitals line is less sure)


def _title_case(words: list[str]) -> bool:
    """Most words start upper-case ("Study Design", "Dose Escalation and DLT"), unlike a
    numbered sentence of a list ("2. ECOG performance status 0-2")."""
    big = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    return bool(big) and sum(w[0].isupper() for w in big) >= 0.75 * len(big)


def _heading(line: str) -> Optional[tuple[int, str]]:
    line = line.strip()
    if not (3 <= len(line) <= 100) or line.endswith((".", ";", ",", ":")) or _TOC_LINE.search(line):
        return None
    m = _NUMBERED.match(line)
    if m:
        number, title = m.group(1), m.group(2).strip()
        words = title.split()
        if len(words) > 12 or not title[0].isupper():
            return None
        if "." not in number and not (_title_case(words) or title.isupper()):
            return None  # "3 Patients must have ..." is an item of a list, not a heading
        return number.count("."), f"{number} {title}"
    if _CAPS.match(line) and sum(c.isalpha() for c in line) >= 4 and len(line.split()) <= 8:
        return 0, line
    return None


def text_headings(text: str, page_starts: Optional[list[int]] = None) -> list[OutlineEntry]:
    """Heading-like lines of a document's text, in order (repeats of a running header dropped)."""
    out: list[OutlineEntry] = []
    counts: dict[str, int] = {}
    pos = 0
    for line in text.split("\n"):
        found = _heading(line)
        if found is not None:
            level, title = found
            counts[title] = counts.get(title, 0) + 1
            numbered = title[0].isdigit()
            out.append(OutlineEntry(title, level, pos + (len(line) - len(line.lstrip())), _page(page_starts, pos),
                                    numbered))
        pos += len(line) + 1
    n_pages = len(page_starts or [])
    running = {t for t, n in counts.items() if n > 3 and n_pages and n >= n_pages // 2}  # page headers
    entries = [e for e in out if e.title not in running]
    return entries[:MAX_ENTRIES]


def _page(page_starts: Optional[list[int]], offset: int) -> Optional[int]:
    return bisect.bisect_right(page_starts, offset) if page_starts else None


def _normal(s: str) -> str:
    return " ".join(s.split()).casefold()


def bookmark_entries(bookmarks: list[tuple[int, str, int]], text: str, page_starts: list[int]) -> list[OutlineEntry]:
    """Bookmarks (level, title, page index) placed in the stored text: at the title on its page
    when it is found there, else at the page's start."""
    out = []
    for level, title, index in bookmarks[:MAX_ENTRIES]:
        if not page_starts:
            break
        index = min(index, len(page_starts) - 1)
        start = page_starts[index]
        end = page_starts[index + 1] if index + 1 < len(page_starts) else len(text)
        at = _find_title(text, start, end, title)
        out.append(OutlineEntry(title, level, start if at is None else at, index + 1))
    return out


def _find_title(text: str, start: int, end: int, title: str) -> Optional[int]:
    words = title.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern, re.I).search(text, start, end)
    return m.start() if m else None


def document_outline(text: str, page_starts: Optional[list[int]] = None,
                     pdf_path: Optional[str | Path] = None) -> tuple[list[OutlineEntry], str]:
    """The PDF's bookmarks when the file is at hand and has them, else headings from the text;
    with where they came from ("bookmarks" or "headings")."""
    if pdf_path is not None and page_starts:
        from abstractor.importing.pdf import read_bookmarks

        marks = read_bookmarks(Path(pdf_path))
        if marks:
            return bookmark_entries(marks, text, page_starts), "bookmarks"
    return text_headings(text, page_starts), "headings"
