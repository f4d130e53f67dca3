"""Shared checks for the extraction tests: every evidence quote is the text it points at."""
from __future__ import annotations


def assert_quotes(text: str, ex) -> None:
    for e in ex.abstraction.evidence:
        assert text[e.start:e.end] == e.quote, e
        assert e.start < e.end
        assert e.field in ex.confidence and e.field in ex.extractor


def span_text(text: str, found) -> str:
    return text[found.start:found.end]
