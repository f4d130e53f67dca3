"""The import plan in plain words, for the command line and the preview dialog."""
from __future__ import annotations

import json
from typing import Any


def _v(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", "\\n")
    return text if len(text) <= 60 else text[:57] + "..."


def plan_report(plan, *, limit: int = 200) -> str:
    """Every study's fate, every change (up to ``limit`` lines per study), conflict and bad cell."""
    lines: list[str] = []
    counts = {"new": 0, "update": 0, "unchanged": 0}
    for p in plan.studies:
        counts[p.action] += 1
        if p.action == "unchanged" and not p.conflicts:
            continue
        head = f"study {p.study_id} ({p.label}): "
        if p.action == "unchanged":  # its only change conflicts: say which, below
            lines.append(head + "unchanged")
        elif p.action == "new":
            rows, spans = p.counts or _counts(p.study)
            lines.append(head + f"new study, {_n(rows, 'row')}, {_n(spans, 'evidence span')}, "
                                f"{_n(len(p.documents), 'document')}")
        else:
            lines.append(head + "updated")
            shown = 0
            for d in p.changes:
                if shown >= limit:
                    lines.append(f"  ... and {len(p.changes) - shown} more changes")
                    break
                shown += 1
                if d.action == "update":
                    lines.append(f"  {d.entity} {d.row_id} {d.field}: {_v(d.old)} -> {_v(d.new)}")
                elif d.action == "create":
                    lines.append(f"  new {d.entity} row {d.row_id}")
                elif d.action == "delete":
                    lines.append(f"  deleted {d.entity} row {d.row_id}")
                else:
                    lines.append(f"  {d.entity} rows reordered")
            for a in p.attachments:
                lines.append(f"  {a.kind} of {a.entity} {a.row_id} {a.field}: {_v(a.old)} -> {_v(a.new)}")
        for m in p.missing:
            lines.append(f"  missing from the workbook (kept; --delete-missing removes it): {m}")
        for c in p.conflicts:
            lines.append(f"  CONFLICT {c}")
        for n in p.notes:
            lines.append(f"  note: {n}")
    for n in plan.notes:
        lines.append(f"note: {n}")
    if plan.issues:
        lines.append(f"{len(plan.issues)} problems (those rows were left out; the rest applies):")
        lines += [f"  {i}" for i in plan.issues]
    conflicts = sum(len(p.conflicts) for p in plan.studies)
    lines.append(f"{plan.content.name}: {counts['new']} new, {counts['update']} updated, {counts['unchanged']} "
                 f"unchanged studies; {conflicts} conflicts; {len(plan.issues)} problems")
    return "\n".join(lines)


def _n(count: int, word: str) -> str:
    """"1 document", "2 documents"."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _counts(ab) -> tuple[int, int]:
    rows = sum(len(getattr(ab, k)) for k in ("arms", "interventions", "dose_levels", "outcomes", "criteria"))
    return rows + len(ab.study.sites), len(ab.evidence)
