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
_WS_RE = re.compile(r"\s+")


def unescape(s: str) -> str:
    """Markdown escapes from scrapes (``\\<``, ``\\^``, ``6\\.``) removed."""
    return _ESC_RE.sub(r"\1", s)


def squash(s: str) -> str:
    """Whitespace runs to one space, trimmed."""
    return _WS_RE.sub(" ", s).strip()


def trim_span(text: str, start: int, end: int, chars: str = " \t\r\n") -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with any of ``chars``."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def best(cands: list[Found]) -> Found | None:
    """Highest confidence, earliest on ties (deterministic)."""
    if not cands:
        return None
    return max(cands, key=lambda f: (f.confidence, -f.start))
