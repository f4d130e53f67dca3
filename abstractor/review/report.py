"""The comparison report workbook: a Summary sheet and a Discrepancies sheet.

Reviewers filter and sort it in Excel, so the Discrepancies sheet has a frozen
header and an autofilter, and the differing cells are highlighted.  Every
value is written as text: an abstracted string that starts with = + - @ must
never become a formula (and so never runs anything when the file is opened).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from abstractor.review.bulk import no_cyclic_gc
from abstractor.review.agreement import Agreement, compute, fmt, summary
from abstractor.review.compare import Comparison
from abstractor.workbook.labels import field_label
from abstractor.review.values import display

MAX_CELL = 32_767
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=13)
DIFF_FILL = PatternFill("solid", fgColor="FFF2A8")  # value that differs
ONLY_FILL = PatternFill("solid", fgColor="F8CBAD")  # row or study on one side only
WRAP = Alignment(wrap_text=True, vertical="top")

DISCREPANCY_COLUMNS = [("Study", 16), ("Title", 30), ("Section", 13), ("Row", 30), ("Field", 18),
                       ("Issue", 11), ("Value A", 32), ("Value B", 32), ("Evidence A", 36),
                       ("Evidence B", 36), ("Path A", 20), ("Path B", 20)]


def safe_text(v: Any) -> Any:
    """Numbers stay numbers; text loses characters Excel refuses and is cut to a cell's size."""
    if v is None or isinstance(v, (int, float)) and not isinstance(v, bool):
        return v
    s = ILLEGAL_CHARACTERS_RE.sub("", v if isinstance(v, str) else display(v))
    return s if len(s) <= MAX_CELL else s[: MAX_CELL - 1] + "…"


def put(ws, row: int, col: int, value: Any, fill: Optional[PatternFill] = None, font: Optional[Font] = None):
    """Write one cell as a literal (never a formula)."""
    cell = ws.cell(row=row, column=col)
    value = safe_text(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=1+1" stays the text "=1+1"
        if value[:1] in ("=", "+", "-", "@"):
            cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    if fill:
        cell.fill = fill
    if font:
        cell.font = font
    return cell


def write_report(comparison: Comparison, path: str | Path, agreement: Optional[Agreement] = None) -> Path:
    """Write the report workbook atomically (a half-written report never replaces a good one)."""
    path = Path(path)
    agreement = agreement or compute(comparison)
    wb = Workbook()
    with no_cyclic_gc():
        _summary(wb.active, comparison, agreement)
        _discrepancies(wb.create_sheet("Discrepancies"), comparison)
    from abstractor.atomic_file import atomic_output

    with atomic_output(path) as tmp:
        wb.save(tmp)
    return path


def _summary(ws, c: Comparison, ag: Agreement) -> None:
    ws.title = "Summary"
    r = 1
    put(ws, r, 1, "Comparison of two abstractions", font=TITLE_FONT)
    rows: list[tuple[str, Any]] = [
        ("Result", summary(c, ag)), ("A", c.label_a), ("B", c.label_b),
        ("Studies matched", len(c.matched)), ("Studies only in A", len(c.only_a)),
        ("Studies only in B", len(c.only_b)),
        ("Discrepancies (values, rows and studies)", len(c.discrepancies)),
        ("Fields compared", ag.items), ("Percent agreement (all fields)", fmt(ag.percent, pct=True)),
    ]
    rows += [("Note", n) for n in c.notes]
    r += 2
    for k, v in rows:
        put(ws, r, 1, k, font=HEADER_FONT)
        put(ws, r, 2, v)
        r += 1

    r = _table(ws, r + 1, "Agreement per field",
               ["Field", "Compared", "Agree", "Percent agreement", "Cohen's kappa"],
               [[_field_name(c, f), f.items, f.agree, fmt(f.percent, pct=True), fmt(f.kappa) if f.enumerated else ""]
                for f in ag.fields])
    r = _table(ws, r + 1, "Repeated rows (A as reference)",
               ["Kind", "Paired", "Only in A", "Only in B", "Identical", "Precision", "Recall", "F1"],
               [[k, ra.paired, ra.only_a, ra.only_b, ra.exact, fmt(ra.precision), fmt(ra.recall), fmt(ra.f1)]
                for k, ra in ag.rows.items()])
    kinds = list(ag.rows)
    r = _table(ws, r + 1, "Per study",
               ["Study", "Matched by", "Fields compared", "Percent agreement", "Discrepancies",
                *[f"F1 {k}" for k in kinds]],
               [[s.label, s.matched_by, s.fields, fmt(s.percent, pct=True), s.discrepancies,
                 *[fmt(s.rows[k].f1) for k in kinds]] for s in ag.studies])
    put(ws, r + 1, 1, "Conventions: a field counts where at least one side filled it; blank against a value "
                      "disagrees; kappa is pooled over studies (n/a where undefined); rows are paired by content, "
                      "A is the reference for precision and recall.")
    ws.column_dimensions["A"].width = 34
    for col in "BCDEFGHIJKL":
        ws.column_dimensions[col].width = 16


def _field_name(c: Comparison, f) -> str:
    """The agreement table's name of a field: a codebook field by its codebook label."""
    label = c.field_labels.get((f.section, f.field))
    return f"{f.section.replace('_', ' ').capitalize()}: {label}" if label else f.label


def _table(ws, r: int, title: str, header: list[str], body: list[list[Any]]) -> int:
    put(ws, r, 1, title, font=TITLE_FONT)
    r += 1
    for col, h in enumerate(header, 1):
        put(ws, r, col, h, font=HEADER_FONT)
    for line in body:
        r += 1
        for col, v in enumerate(line, 1):
            put(ws, r, col, v)
    return r + 1


def _discrepancies(ws, c: Comparison) -> None:
    for col, (name, width) in enumerate(DISCREPANCY_COLUMNS, 1):
        put(ws, 1, col, name, font=HEADER_FONT)
        ws.column_dimensions[get_column_letter(col)].width = width
    r = 1
    for sc in c.studies:
        title = (sc.a or sc.b).study.title
        for d in sc.discrepancies:
            r += 1
            fill = DIFF_FILL if d.issue == "differs" else ONLY_FILL
            label = c.field_labels.get((d.section, d.field)) or field_label(d.section, d.field)
            values = [d.study, title, d.section, d.row_label, label, d.issue, d.value_a, d.value_b,
                      d.evidence_a, d.evidence_b, d.path_a, d.path_b]
            for col, v in enumerate(values, 1):
                highlighted = (col == 7 and d.issue != "only in B") or (col == 8 and d.issue != "only in A")
                put(ws, r, col, v, fill=fill if highlighted else None)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(DISCREPANCY_COLUMNS))}{max(r, 1)}"
