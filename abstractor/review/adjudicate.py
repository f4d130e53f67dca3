"""Adjudication: settle two abstractors' differences into one consensus study.

The side-by-side window lists ``Adjudication.items``: one Decision per compared
field (of the study, the escalation, and of each pair of rows matched by
content) and one per row found on one side only.  Each holds both values with
their evidence quotes; agreeing items come decided ("A"), differing ones wait
for choose(key, "A"/"B") or edit(key, value).  ``consensus()`` builds the new
study, ``save_consensus()`` stores it (consensus=True, abstractor = who
decided, audited) with its evidence carried over from the side chosen.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from pydantic import TypeAdapter, ValidationError

from models import records, schema
from models.enums import AbstractionStatus
from abstractor.errors import AbstractorError, InvalidValue
from abstractor.review.compare import ROW_THRESHOLD, StudyComparison, compare_studies, evidence_index
from abstractor.review.values import ROW_KIND, RowKind, display

A, B, EDIT = "A", "B", "EDIT"


class Undecided(AbstractorError):
    """The consensus cannot be built while some differences are not settled."""


@dataclass
class Decision:
    key: str  # stable id: "study.phases", "criteria[A2|B0].text", "criteria[A1]", "criteria[B3]"
    section: str  # "study", "escalation" or a row kind
    field: str  # "" = a whole row (present on one side only), or a plain-string row
    label: str  # what a person calls it: field name, or the row's text
    value_a: Any
    value_b: Any
    evidence_a: str
    evidence_b: str
    path_a: str
    path_b: str
    agree: bool
    choice: Optional[str] = None  # A, B or EDIT
    edited: Any = None

    @property
    def decided(self) -> bool:
        return self.choice is not None

    @property
    def whole_row(self) -> bool:
        return self.section not in ("study", "escalation") and not (self.path_a and self.path_b)

    @property
    def value(self) -> Any:
        """The chosen value (for a whole row: the row, or None = leave it out)."""
        return {A: self.value_a, B: self.value_b, EDIT: self.edited}.get(self.choice)

    def text(self, side: str) -> str:
        return display(self.value_a if side == A else self.value_b)


class Adjudication:
    """The decisions for one study pair, and the consensus they make."""

    def __init__(self, a: schema.Abstraction, b: schema.Abstraction,
                 comparison: Optional[StudyComparison] = None, row_threshold: float = ROW_THRESHOLD):
        self.a, self.b = a, b
        self.comparison = comparison or compare_studies(a, b, "", row_threshold)
        self.items: list[Decision] = _decisions(self.comparison)
        self._by_key = {d.key: d for d in self.items}

    # --- what the window calls --------------------------------------------
    def item(self, key: str) -> Decision:
        try:
            return self._by_key[key]
        except KeyError:
            raise InvalidValue(f"no decision {key!r} in this adjudication") from None

    @property
    def disagreements(self) -> list[Decision]:
        return [d for d in self.items if not d.agree]

    @property
    def undecided(self) -> list[Decision]:
        return [d for d in self.items if not d.decided]

    def choose(self, key: str, side: str) -> Decision:
        if side not in (A, B):
            raise InvalidValue(f"choose A or B, not {side!r}")
        d = self.item(key)
        d.choice, d.edited = side, None
        return d

    def edit(self, key: str, value: Any) -> Decision:
        """Settle an item with a value of one's own, validated as its field's type."""
        d = self.item(key)
        d.edited, d.choice = _validate(d, value), EDIT
        return d

    def choose_all(self, side: str, only_undecided: bool = True) -> None:
        for d in self.items:
            if not (only_undecided and d.decided):
                self.choose(d.key, side)

    def consensus(self, decided_by: Optional[str],
                  status: AbstractionStatus = AbstractionStatus.APPROVED) -> schema.Abstraction:
        """The consensus study (new ids, no review marks); raises Undecided if items are open."""
        if self.undecided:
            names = ", ".join(d.key for d in self.undecided[:5])
            more = f" and {len(self.undecided) - 5} more" if len(self.undecided) > 5 else ""
            raise Undecided(f"{len(self.undecided)} differences are not settled yet: {names}{more}")
        from abstractor.review.consensus import build_consensus

        return build_consensus(self, decided_by, status)

    def summary(self) -> dict[str, int]:
        return {c: sum(d.choice == c for d in self.disagreements) for c in (A, B, EDIT)}


def save_consensus(store, adj: Adjudication, decided_by: Optional[str] = None,
                   status: AbstractionStatus = AbstractionStatus.APPROVED) -> str:
    """Store the consensus as a new study (consensus=True, abstractor = who decided),
    with the source documents of A and B when they are in this database; returns its id.
    A and B the two abstractors' copies of a study on a team server: the consensus goes
    into that study (the original), as the server's dual abstraction has it."""
    from abstractor.storage import dual, review_ops

    decided_by = decided_by or store.user
    ab = adj.consensus(decided_by, status)
    sources = {"a": adj.a.id, "a_abstractor": adj.a.abstractor, "b": adj.b.id,
               "b_abstractor": adj.b.abstractor, "choices": adj.summary()}
    original = dual.dual_original(store, adj.a.id, adj.b.id)
    if original:
        return dual.write_consensus(store, original, ab, sources)
    stored = [x.id for x in (adj.a, adj.b) if x.id and store.study_exists(x.id)]
    return review_ops.add_consensus_study(store, ab, review_ops.source_documents(store, stored), sources)


def _decisions(sc: StudyComparison) -> list[Decision]:
    ev_a, ev_b = evidence_index(sc.a), evidence_index(sc.b)
    out = []
    for fr in sc.fields:
        if fr.section in ("study", "escalation"):
            key = f"{fr.section}.{fr.field}"
            label = fr.field
        else:
            i, j = _index(fr.path_a), _index(fr.path_b)
            key = f"{ROW_KIND[fr.section].json_list}[A{i}|B{j}]" + (f".{fr.field}" if fr.field else "")
            label = f"{fr.row_label} — {fr.field}" if fr.field else fr.row_label
        out.append(Decision(key, fr.section, fr.field, label, fr.value_a, fr.value_b, _q(ev_a, fr.path_a),
                            _q(ev_b, fr.path_b), fr.path_a, fr.path_b, fr.agree, A if fr.agree else None))
    for d in sc.discrepancies:
        if d.issue in ("only in A", "only in B") and d.section in ROW_KIND:
            side = "A" if d.issue == "only in A" else "B"
            key = f"{ROW_KIND[d.section].json_list}[{side}{_index(d.path_a or d.path_b)}]"
            out.append(Decision(key, d.section, "", d.row_label, d.value_a, d.value_b, d.evidence_a, d.evidence_b,
                                d.path_a, d.path_b, False))
    return out


def _q(index: dict[str, list[str]], path: str) -> str:
    return " | ".join(dict.fromkeys(index.get(path, [])))


def _index(path: str) -> int:
    return int(path[path.rindex("[") + 1: path.rindex("]")])


def _validate(d: Decision, value: Any) -> Any:
    kind: Optional[RowKind] = ROW_KIND.get(d.section)
    try:
        if d.field.startswith("extra."):  # a codebook field: its codebook checks it when the consensus is stored
            ann = schema.ExtraValue
        elif d.section == "study":
            ann = schema.StudyFields.model_fields[d.field].annotation
        elif d.section == "escalation":
            ann = schema.Escalation.model_fields[d.field].annotation
        elif kind.json_list == "study.conditions":
            ann = Optional[str]
        elif d.whole_row:
            model = _row_model(kind)
            return None if value is None else model.model_validate(value).model_dump(mode="json", exclude={"id"})
        else:
            ann = _row_model(kind).model_fields[d.field].annotation
        return TypeAdapter(ann).dump_python(TypeAdapter(ann).validate_python(value), mode="json")
    except ValidationError as exc:
        raise InvalidValue(f"{d.label}: {value!r} is not valid ({exc.errors()[0]['msg']})") from None


def blank_row(section: str) -> dict:
    """Every field of a row of this kind, empty: what an edit form shows for the fields a
    side left out (a sub-record such as a criterion's threshold as its own empty fields)."""
    kind = records.BY_PATH[ROW_KIND[section].json_list]
    return {f.name: [] if f.is_list else None for f in kind.fields}


def evidence_at(ab: schema.Abstraction, path: str) -> Optional[schema.Evidence]:
    """The evidence of the value at ``path``: its own, else that of the first field under it
    (a whole row's evidence is that of one of its fields)."""
    return next((e for e in ab.evidence if e.field == path), None) or \
        next((e for e in ab.evidence if e.field.startswith(path + ".")), None)


def _row_model(kind: RowKind):
    return records.BY_PATH[kind.json_list].model


__all__ = ["A", "B", "EDIT", "Adjudication", "Decision", "Undecided", "blank_row", "evidence_at",
           "save_consensus"]
