"""Build and store the consensus study from settled decisions.

Rows keep A's order; a row found only in B goes after the row that precedes
it in B, so criteria stay in document order.  Evidence follows each value
from the side it was taken from (an edited value has none: nobody quoted it).
"""
from __future__ import annotations

from typing import Any, Optional, Protocol

from models import schema
from models.enums import AbstractionStatus
from abstractor.review.compare import RowMatch
from abstractor.review.values import ROW_KINDS, RowKind


class Decided(Protocol):
    """What build_consensus reads of an abstractor.review.adjudicate.Adjudication (which imports
    this module: naming it here would make the two a cycle)."""

    a: schema.Abstraction
    b: schema.Abstraction
    items: list
    comparison: Any


def build_consensus(adj: Decided, decided_by: Optional[str],
                    status: AbstractionStatus = AbstractionStatus.APPROVED) -> schema.Abstraction:
    a, b = adj.a, adj.b
    chosen = {d.key: d for d in adj.items}
    evidence = _Evidence(a, b)
    study = a.study.model_dump(mode="json", exclude={"conditions", "sites"})
    escalation = a.escalation.model_dump(mode="json")
    for d in adj.items:
        if d.section == "study":
            _set(study, d.field, d.value)
            evidence.take(d.choice, d.path_a, d.path_b, d.path_a)
        elif d.section == "escalation":
            escalation[d.field] = d.value
            evidence.take(d.choice, d.path_a, d.path_b, d.path_a)
    rows: dict[str, list[Any]] = {}
    for kind in ROW_KINDS:
        m = adj.comparison.rows.get(kind.name)
        if m is None:  # not compared (B's workbook lacked the sheet): A's rows as they are
            rows[kind.name] = [_dump(x) for x in kind.items(a)]
            for i in range(len(rows[kind.name])):
                evidence.row(kind.path(i), kind.path(i), "A", with_fields=True)
            continue
        rows[kind.name] = _rows(kind, m, kind.items(a), kind.items(b), chosen, evidence)
    study["conditions"] = rows["conditions"]
    study["sites"] = rows["sites"]
    data = {
        "schema": schema.SCHEMA_ID, "source": a.source.model_dump() if a.source else None,
        "study": study, "escalation": escalation,
        **{k.json_list: rows[k.name] for k in ROW_KINDS if not k.json_list.startswith("study.")},
        "evidence": evidence.out, "status": AbstractionStatus(status).value, "abstractor": decided_by,
        "consensus": True, "review": [],
        "codebook": (a.codebook or b.codebook).model_dump() if (a.codebook or b.codebook) else None,
    }
    return schema.Abstraction.model_validate(data)


def _order(m: RowMatch, n_b: int) -> list[tuple[Optional[int], Optional[int]]]:
    """(i, j) entries in A's order with B-only rows placed after their B predecessor."""
    partner = {i: j for i, j, _ in m.pairs}
    entries: list[tuple[Optional[int], Optional[int]]] = []
    for i in sorted([*partner, *m.only_a]):
        entries.append((i, partner.get(i)))
    for j in sorted(m.only_b):
        at = 0
        for prev in range(j - 1, -1, -1):
            hit = next((k for k, (_i, jj) in enumerate(entries) if jj == prev), None)
            if hit is not None:
                at = hit + 1
                break
        entries.insert(at, (None, j))
    return entries


def _rows(kind: RowKind, m: RowMatch, items_a: list, items_b: list, chosen: dict, evidence: "_Evidence") -> list:
    out: list[Any] = []
    for i, j in _order(m, len(items_b)):
        new = kind.path(len(out))
        if i is not None and j is not None:
            row = _dump(items_a[i])
            prefix = f"{kind.json_list}[A{i}|B{j}]"
            for key, d in chosen.items():
                if key == prefix:  # a plain-string row (a condition)
                    row = d.value
                    evidence.take(d.choice, d.path_a, d.path_b, new)
                elif key.startswith(prefix + "."):
                    _set(row, d.field, d.value)
                    evidence.take(d.choice, d.path_a, d.path_b, f"{new}.{d.field}")
            if not isinstance(row, str):
                evidence.row(kind.path(i), new, "A")
        else:
            side = "A" if i is not None else "B"
            d = chosen[f"{kind.json_list}[{side}{i if i is not None else j}]"]
            if d.value is None:
                continue
            row = d.value
            if d.choice != "EDIT":
                evidence.row(kind.path(i if i is not None else j), new, side, with_fields=True)
        out.append(row)
    return out


def _dump(item: Any) -> Any:
    return item if isinstance(item, str) else item.model_dump(mode="json", exclude={"id"})


def _set(row: dict, field: str, value: Any) -> None:
    if field.startswith("extra."):  # a codebook field (abstractor.review.values.EXTRA)
        extra = row["extra"] = dict(row.get("extra") or {})
        if value is None:
            extra.pop(field[6:], None)
        else:
            extra[field[6:]] = value
        return
    row[field] = value


class _Evidence:
    """Copies evidence entries from A or B under their new paths."""

    def __init__(self, a: schema.Abstraction, b: schema.Abstraction):
        self.by_side = {"A": _by_path(a), "B": _by_path(b)}
        # B's evidence without a document points into B's own source.
        self.doc = {"A": None, "B": b.source.sha256 if b.source and b.source.sha256 and
                    not (a.source and a.source.sha256 == b.source.sha256) else None}
        self.out: list[dict] = []

    def take(self, choice: Optional[str], path_a: str, path_b: str, new: str) -> None:
        if choice in ("A", "B"):
            self._copy(choice, path_a if choice == "A" else path_b, new)

    def row(self, old_row: str, new_row: str, side: str, with_fields: bool = False) -> None:
        self._copy(side, old_row, new_row)
        if with_fields:
            for path in self.by_side[side]:
                if path.startswith(old_row + "."):
                    self._copy(side, path, new_row + path[len(old_row):])

    def _copy(self, side: str, old: str, new: str) -> None:
        for ev in self.by_side[side].get(old, []):
            self.out.append({**ev.model_dump(mode="json"), "field": new,
                             "document": ev.document or self.doc[side]})


def _by_path(ab: schema.Abstraction) -> dict[str, list[schema.Evidence]]:
    out: dict[str, list[schema.Evidence]] = {}
    for ev in ab.evidence:
        out.setdefault(ev.field, []).append(ev)
    return out
