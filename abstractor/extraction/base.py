"""Small value types shared by the extractors.

Every extractor returns spans into the original text, never copies, so that
evidence quotes are always ``text[start:end]``; values may be normalised.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Found:
    """One candidate value for a scalar (or list) field, with its span."""

    value: Any
    start: int
    end: int
    confidence: float
    extractor: str


@dataclass
class Row:
    """One list item (outcome, criterion, arm ...).

    ``values`` are the model fields; ``spans`` maps a field name (or a nested
    path such as ``"interventions[0]"``) to the (start, end) that shows it.
    """

    values: dict[str, Any]
    spans: dict[str, tuple[int, int]]
    confidence: float
    extractor: str
    extra: dict[str, Any] = field(default_factory=dict)


_ESC_RE = re.compile(r"\\([^\w\s])")


def unescape(s: str) -> str:
    """Markdown escapes from scrapes (``\\<``, ``\\^``, ``6\\.``) removed."""
    return _ESC_RE.sub(r"\1", s)


def ascending_marks(rx, text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of the item numbers 1, 2, 3 ... that ``rx`` (group 1 = the number) finds in text[a:b], in
    order; [] unless there are two or more ("1. A 2. B" on one line is a list, a lone "1." is not)."""
    marks, want = [], 1
    for m in rx.finditer(text, a, b):
        if int(m.group(1)) == want:
            marks.append((m.start(), m.end()))
            want += 1
    return marks if len(marks) >= 2 else []
