"""A column's cells to checked values, the converter built once per column.

A sheet of 70,000 rows holds few distinct values in its choice, number and date columns: each
converter remembers what a text or a number it has seen read as (when the result cannot be
changed afterwards), so the decoding and the field's validator run once per distinct cell.
"""
from __future__ import annotations

from typing import Any, Callable

from models import schema
from abstractor.workbook import layout as L
from abstractor.workbook.cells import CellError, cell_text, reader
from abstractor.workbook.row_models import validated

MAX_INT = schema.MAX_INT
MEMO = 512  # distinct cells remembered per column
_MISS = object()
_KEPT = (str, int, float, bool, type(None))  # results that can be shared by rows (enums are str)
_PLAIN_TEXT = ("text", "long", "id", "context")


def converter(col: L.Column, check) -> Callable[[Any], Any]:
    """raw cell -> value (CellError with the reason): ``cells.decode``, the whole-number limit, then ``check``."""
    read = reader(col)
    if check is None and col.kind in _PLAIN_TEXT:
        if col.kind in ("long", "id"):
            return read  # long text and ids: nearly all different, nothing to share
        return _shared(read)
    by_text: dict = {}
    by_number: dict = {}  # apart from text, and only floats: True == 1 == 1.0 would share a key

    def convert(raw):
        c = raw.__class__
        memo = by_text if c is str else by_number if c is float else None
        if memo is not None:
            v = memo.get(raw, _MISS)
            if v is not _MISS:
                return v
        v = read(raw)
        if v.__class__ is int and not -MAX_INT - 1 <= v <= MAX_INT:
            raise CellError(f"{cell_text(raw)[:30]} is beyond the largest whole number this program "
                            f"stores ({MAX_INT:,})")
        if check is not None:
            v = validated(check, v)
        if memo is not None and len(memo) < MEMO and isinstance(v, _KEPT):
            memo[raw] = v
        return v

    return convert


SHORT = 40  # characters: a unit, a city, a route, a time frame as written


def _shared(read: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``read`` for short text, giving the same string object for the same text (a unit or a country
    repeated on thousands of rows is kept once); at most MEMO distinct texts per column."""
    seen: dict[str, str] = {}

    def convert(raw):
        v = read(raw)
        if v.__class__ is str and len(v) <= SHORT:
            kept = seen.get(v)
            if kept is not None:
                return kept
            if len(seen) < MEMO:
                seen[v] = v
        return v

    return convert


class Spec(list):
    """How a sheet's rows read: (column, key, index, converter, joinable) per column, and ``fast``:
    (index, converter) pairs for rows with no formula and no overflow (the usual case)."""

    def __init__(self, items):
        super().__init__(items)
        empty = ""
        self.fast = [(i, conv) if i is not None else (0, lambda _raw, conv=conv: conv(empty))
                     for _, _, i, conv, _ in self]
