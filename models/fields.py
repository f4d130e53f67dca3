"""What a field is, beside its type: the one place its label, value kind and workbook column are said.

A model field carries an ``Info`` in its ``Annotated`` type; ``models.records`` reads them, and the
database mapping, the workbook's columns, the review labels, the evidence paths and the forms'
columns are all derived from that, so a field is described once.
"""
from __future__ import annotations

from dataclasses import dataclass

# Value kinds, for parsing typed or captured text and for the workbook's cell forms:
# text, long (wrapped), list (one item per line), enum, phases, int, float, dose (a float written
# 1E+07 / 1×10⁷), bool, age ("18 Years"), thresholds (one "parameter op value unit" per line),
# date (as precise as the source: 2024-03-15, 2024-03 or 2024).
KINDS = ("text", "long", "list", "enum", "phases", "int", "float", "dose", "bool", "age", "thresholds", "date")


@dataclass(frozen=True)
class Info:
    label: str  # what forms, review and reports call it: "Brief title"
    kind: str = "text"
    help: str = ""  # a sentence for the workbook's Dictionary sheet (default: the label)
    width: float = 14  # workbook column width, in characters
    strict: bool = True  # for enums: only the listed values (False: the list only suggests)
    evidence: bool = True  # can carry evidence and review marks
    choices: tuple[str, ...] = ()  # for a non-strict enum kept as text: the values to suggest

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown value kind {self.kind!r}")
