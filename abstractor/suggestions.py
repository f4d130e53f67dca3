"""Suggestions in a study: proposals from the extractors, accepted or rejected.

A proposal is one *unit* a person decides on with one keystroke: a study
field ("study.enrollment"), one list item ("study.conditions[1]") or one row
("criteria[3]", "study.sites[0]") with all its fields.  Accepting writes the
value and its evidence through the Store (audited as coming from a
suggestion); it never overwrites a value the user entered or accepted.
"""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Optional

from models import records, schema
from abstractor.errors import AbstractorError, StoreError
from abstractor.storage import suggestion_store as ss
from abstractor.storage.entities import BY_LIST

_ROW_RE = re.compile(r"^((?:study\.)?[a-z_]+)\[(\d+)\](?:\.(.+))?$")


def units_from(extraction) -> list[dict]:
    """Group an Extraction's evidence into decision units, each with its value and spans."""
    ab: schema.Abstraction = extraction.abstraction
    data = ab.to_json_dict()
    units: dict[str, dict] = {}
    for ev in ab.evidence:
        unit, value = _unit_of(ev.field, data)
        if unit is None:
            continue
        u = units.setdefault(unit, {"path": unit, "value": value, "spans": [],
                                    "extractor": extraction.extractor.get(ev.field, ""),
                                    "confidence": extraction.confidence.get(ev.field, 0.0)})
        u["spans"].append({"field": ev.field, "start": ev.start, "end": ev.end, "quote": ev.quote})
    return list(units.values())


# Study fields that are lists kept whole (phases, target antigens): one proposal for the whole list.
_WHOLE_LISTS = tuple(f"study.{f.name}" for f in records.STUDY.fields
                     if f.is_list and f.name not in records.STUDY_LISTS)


def _unit_of(path: str, data: dict) -> tuple[Optional[str], Any]:
    name = path.split("[", 1)[0]
    if name in _WHOLE_LISTS:  # a list of plain values: one unit
        return name, data["study"][name[6:]]
    m = _ROW_RE.match(path)
    if m and m.group(1) in BY_LIST:
        key, index = m.group(1), int(m.group(2))
        items = data["study"][key[6:]] if key.startswith("study.") else data[key]
        if index >= len(items):
            return None, None
        item = items[index]
        if isinstance(item, dict):
            item = {k: v for k, v in item.items() if k != "id"}
        return f"{key}[{index}]", item
    head, _, field = path.partition(".")
    if head in ("study", "escalation") and field:
        return path, data[head].get(field)
    return None, None


def target_of(path: str) -> tuple[str, Optional[str]]:
    """Where a proposal goes: (entity, field) for a field, (entity, None) for a row or list item."""
    m = _ROW_RE.match(path)
    if m and m.group(1) in BY_LIST:
        return BY_LIST[m.group(1)].name, None
    head, _, field = path.partition(".")
    return head, field or None


def units_for_document(doc, stated: Optional[schema.Abstraction] = None, codebook=None) -> list[dict]:
    """Proposals for a document, leaving out what ``stated`` (the file's own values) already has;
    with ``codebook`` (models.codebook.Codebook) also the choices its choice fields' words name."""
    from abstractor.extraction import extract

    units = units_from(extract(doc.text, file_name=doc.file_name, sha256=doc.sha256))
    units = [u for u in units if not _already_stated(u["path"], stated)] if stated else units
    if codebook is not None:
        for u in units:
            _row_choices(codebook, u)
    return units + codebook_units(codebook, doc.text, stated)


def _row_choices(codebook, unit: dict) -> None:
    """A proposed row (an intervention, an outcome ...) with the codebook choices its own quoted text
    names ("Drug: X, given orally" -> route oral), each with its span; nothing for a field whose words
    name two choices in the row (abstractor.codebooks.propose_choices)."""
    from abstractor.codebooks import propose_choices

    m = _ROW_RE.match(unit["path"])
    ent = BY_LIST.get(m.group(1)) if m and m.group(3) is None else None
    if ent is None or not isinstance(unit["value"], dict) or not codebook.of_kind(ent.name):
        return
    found: dict[str, list] = {}
    for start, quote in sorted({(sp["start"], sp["quote"]) for sp in unit["spans"]}):
        for p in propose_choices(codebook, quote, ent.name):
            found.setdefault(p.name, []).append((p, start + p.start, quote[p.start:p.end]))
    for name, hits in found.items():
        if len({repr(p.value) for p, _a, _q in hits}) > 1:
            continue  # two spans of the row name different choices: precision first
        p, a, quote = hits[0]
        unit["value"].setdefault("extra", {})[name] = p.value
        unit["spans"].append({"field": f"{unit['path']}.{EXTRA}{name}", "start": a, "end": a + len(quote),
                              "quote": quote})


CODEBOOK_EXTRACTOR = "codebook"


def codebook_units(codebook, text: str, stated: Optional[schema.Abstraction] = None) -> list[dict]:
    """One proposal per study choice field whose words the text states ("study.extra.vector"), with the
    first mention as evidence; none for a field where two choices are stated (abstractor.codebooks)."""
    from abstractor.codebooks import propose_choices

    if codebook is None:
        return []
    out = []
    for p in propose_choices(codebook, text, "study"):
        if stated is not None and stated.study.extra.get(p.name) not in (None, []):
            continue
        path = f"study.{EXTRA}{p.name}"
        out.append({"path": path, "value": p.value, "extractor": CODEBOOK_EXTRACTOR, "confidence": 0.8,
                    "spans": [{"field": path, "start": p.start, "end": p.end, "quote": text[p.start:p.end]}]})
    return out


EXTRA = "extra."  # a codebook field's path under its record: "extra.vector"


def field_value(holder: Any, field: str) -> Any:
    """A study's (or escalation's) field, a codebook field ("extra.vector") included."""
    if field.startswith(EXTRA):
        return holder.extra.get(field[len(EXTRA):])
    return getattr(holder, field)


def _set_field(holder: Any, field: str, value: Any) -> None:
    if field.startswith(EXTRA):
        holder.extra = {**holder.extra, field[len(EXTRA):]: value}  # validated on assignment
    else:
        setattr(holder, field, value)


def _already_stated(unit: str, ab: schema.Abstraction) -> bool:
    m = _ROW_RE.match(unit)
    key = m.group(1) if m else unit
    if key.startswith("study."):
        return getattr(ab.study, key[6:]) not in (None, [])
    if key.startswith("escalation."):
        return getattr(ab.escalation, key[11:]) is not None
    return bool(getattr(ab, key, None))


def compute_and_store(store, study_id: str, document_id: str, doc) -> int:
    """Run the extractors on a stored document and store their proposals; returns how many.

    A proposal already decided for this document (rejected, say) is not proposed again."""
    decided = {_same(s.path, s.value) for s in ss.suggestions(store, study_id)
               if s.document_id == document_id and s.state != "OPEN"}
    units = [u for u in units_for_document(doc, store.get_study(study_id), store.codebook_for(study_id))
             if _same(u["path"], u["value"]) not in decided]
    return ss.add_suggestions(store, study_id, document_id, units)


def _same(path: str, value: Any) -> tuple[str, str]:
    """What makes two proposals the same: the field or list (not a row's position) and the value."""
    import json

    m = _ROW_RE.match(path)
    return (m.group(1) if m and m.group(1) in BY_LIST else path), json.dumps(value, sort_keys=True, default=str)


def suggest_for_study(store, study_id: str, cancelled=lambda: False) -> int:
    """Proposals for every document of a study imported without them; returns how many are open now.

    Replaces each document's open proposals; accepted and rejected ones stay as they were."""
    from types import SimpleNamespace

    for info in store.documents(study_id):
        if cancelled():
            break
        doc = SimpleNamespace(text=store.document_text(info.id), file_name=info.file_name, sha256=info.sha256)
        compute_and_store(store, study_id, info.id, doc)
    return len(ss.suggestions(store, study_id, "OPEN"))


@dataclass
class Accepted:
    """What accepting did, so that undo can take it back exactly."""

    suggestion_id: str
    previous_state: str
    entity: str
    row_id: str
    field: Optional[str]  # None when a row was added (or filled, ``merged``)
    old: Any = None
    merged: bool = False  # an intervention listed by an arm's link was filled in: ``old`` = its fields before


def accept(store, suggestion_id: str, value: Any = None, row_id: Optional[str] = None) -> Accepted:
    """Apply a proposal (or ``value``, an edited version of it) to the study.

    ``row_id``: the id to give a row it adds (redo after undo re-creates the same row,
    so that later edits which name it still find it)."""
    with store.transaction():  # the value, its evidence and the decision: all of it or none
        return _accept(store, suggestion_id, value, row_id)


def _accept(store, suggestion_id: str, value: Any, row_id: Optional[str]) -> Accepted:
    s = ss.get_suggestion(store, suggestion_id)
    if s.state != "OPEN":
        raise AbstractorError(f"this suggestion was already {s.state.lower()}")
    edited = value is not None and value != s.value
    value = s.value if value is None else value
    m = _ROW_RE.match(s.path)
    if m and m.group(1) in BY_LIST:
        ent = BY_LIST[m.group(1)]
        if ent.name == "criterion" and isinstance(value, dict):
            _refuse_duplicate_criterion(store, s.study_id, value.get("text"))
        values = _flat(value) if isinstance(value, dict) else {ent.scalar: value}
        stub = _listed_intervention(store.get_study(s.study_id).interventions, values) \
            if ent.name == "intervention" else None
        if stub is not None:  # accepting an arm listed it by name: fill that one in, don't list it twice
            olds = {f: schema_value(getattr(stub, f)) for f, v in values.items() if getattr(stub, f) in (None, [])}
            for f in olds:
                store.set_value(s.study_id, ent.name, stub.id, f, values[f], origin="suggestion")
            row_id = stub.id
        else:
            row_id = store.add_row(s.study_id, ent.name, values, row_id=row_id, origin="suggestion").row_id
        for span in s.spans:
            field = _span_field(span["field"], ent)
            store.set_evidence(s.study_id, ent.name, row_id, field, s.document_id, span["start"], span["end"],
                               origin="suggestion")
        done = Accepted(suggestion_id, s.state, ent.name, row_id, None,
                        *((olds, True) if stub is not None else ()))
    else:
        entity, _, field = s.path.partition(".")
        current = store.get_study(s.study_id)
        holder = current.study if entity == "study" else current.escalation
        old = field_value(holder, field)
        if old not in (None, []) and schema_value(old) != value:
            raise AbstractorError(f"{s.path} already has a value ({schema_value(old)!r}); "
                                  "a suggestion never overwrites it")
        store.set_value(s.study_id, entity, s.study_id, field, value, origin="suggestion")
        main = s.spans[0]
        store.set_evidence(s.study_id, entity, s.study_id, field, s.document_id, main["start"], main["end"],
                           origin="suggestion")
        done = Accepted(suggestion_id, s.state, entity, s.study_id, field, schema_value(old))
    ss.set_state(store, suggestion_id, "EDITED" if edited else "ACCEPTED", done.entity, done.row_id)
    return done


def accept_in_memory(study: schema.Abstraction, units: list[dict]) -> tuple[schema.Abstraction, int, list[str]]:
    """What accepting every proposal one by one (``accept``) gives a NEW study, worked out before
    it is stored, so a batch import stores it in one insert: the study with the values, rows and
    evidence, and each unit marked with its decision (``state``, ``target``, ``field``).  Returns
    the study, how many were accepted and the refusals of those left open.  ``study`` is a new
    study made for this import: it is filled in place (no copy of a whole study per page)."""
    ab = study
    ab.id = ab.id or uuid.uuid4().hex
    done, refused = 0, []
    evidence = list(ab.evidence)
    for u in units:
        path, value = u["path"], u["value"]
        try:
            m = _ROW_RE.match(path)
            if m and m.group(1) in BY_LIST:
                ent = BY_LIST[m.group(1)]
                items = getattr(ab.study, ent.json_list[6:]) if ent.json_list.startswith("study.") \
                    else getattr(ab, ent.json_list)
                if ent.name == "criterion" and isinstance(value, dict):
                    _refuse_duplicate_text([c.text for c in items], value.get("text"))
                values = _flat(value) if isinstance(value, dict) else {ent.scalar: value}
                stub = _listed_intervention(items, values) if ent.name == "intervention" else None
                if stub is not None:  # as accept: an intervention already listed is filled in
                    item = _validated_row(ent, {**values, **{f: getattr(stub, f) for f in values
                                                             if getattr(stub, f) not in (None, [])}}, stub.id)
                    index = items.index(stub)
                    items[index] = item
                else:
                    item = _validated_row(ent, values, uuid.uuid4().hex)
                    items.append(item)
                    index = len(items) - 1
                row_id = None if isinstance(item, str) else item.id  # a listed string gets its id when stored
                base = f"{ent.json_list}[{index}]"
                spans = {}  # one span per field, the last one (as set_evidence replaces)
                for span in u["spans"]:
                    fld = _span_field(span["field"], ent)
                    spans[base if fld == (ent.scalar or "") else f"{base}.{fld}"] = span
                evidence += [schema.Evidence(field=f, start=sp["start"], end=sp["end"], quote=sp["quote"])
                             for f, sp in spans.items()]
                u.update(state="ACCEPTED", target=(ent.name, row_id), field=None)
            else:
                entity, _, fld = path.partition(".")
                holder = ab.study if entity == "study" else ab.escalation
                old = field_value(holder, fld)
                if old not in (None, []) and schema_value(old) != value:
                    raise AbstractorError(f"{path} already has a value ({schema_value(old)!r}); "
                                          "a suggestion never overwrites it")
                _set_field(holder, fld, value)  # validate_assignment: a value that does not fit is refused
                main = u["spans"][0]
                evidence.append(schema.Evidence(field=path, start=main["start"], end=main["end"], quote=main["quote"]))
                u.update(state="ACCEPTED", target=(entity, ab.id), field=fld)
            done += 1
        except (AbstractorError, ValueError) as exc:  # pydantic's ValidationError is a ValueError
            refused.append(f"{path}: {exc}")
    ab.evidence = evidence
    return ab, done, refused


def _listed_intervention(items: list, values: dict):
    """The intervention already listed under this name (an accepted arm's link names it), if any."""
    name = _normal_text(values.get("name"))
    return next((i for i in items if name and _normal_text(i.name) == name), None)


def _validated_row(ent, values: dict, row_id: str):
    if ent.model is None:
        return str(values[ent.scalar])
    return ent.model.model_validate({**values, "id": row_id})


def _refuse_duplicate_text(texts: list, text: Any) -> None:
    norm = _normal_text(text)
    if norm and any(_normal_text(x) == norm for x in texts):
        shown = norm if len(norm) <= 60 else norm[:59] + "…"
        raise DuplicateCriterion(f"the criterion “{shown}” is already listed; reject this proposal")


class DuplicateCriterion(AbstractorError):
    """Accepting would list a criterion twice (the same text, spacing aside)."""


def _normal_text(text: Any) -> str:
    return " ".join(str(text or "").split())


def _refuse_duplicate_criterion(store, study_id: str, text: Any) -> None:
    norm = _normal_text(text)
    if not norm:
        return
    for c in store.get_study(study_id).criteria:
        if _normal_text(c.text) == norm:
            kind = getattr(c.kind, "value", c.kind) or ""
            shown = norm if len(norm) <= 60 else norm[:59] + "…"
            raise DuplicateCriterion(f"the criterion “{shown}” is already listed"
                                     + (f" ({kind.lower()})" if kind else "") + "; reject this proposal")


def settle_by_user_value(store, study_id: str, entity: str, field: str, value: Any,
                         ids: Optional[list[str]] = None) -> dict[str, str]:
    """The user typed (or chose) ``value`` for a study or escalation field that has open
    proposals: each becomes ACCEPTED when it proposed that same value, EDITED when not
    (audited, as a decision of the user).  ``ids``: settle these proposals again instead
    (the same edit, typed on); an empty value puts them back to OPEN.  Returns
    {suggestion id: state before}, for undo (``restore_states``)."""
    if ids is None:
        if value in (None, "", []):
            return {}
        found = [s for s in ss.suggestions(store, study_id, "OPEN")
                 if target_of(s.path) == (entity, field) and not _ROW_RE.match(s.path)]
    else:
        found = [ss.get_suggestion(store, i) for i in ids]
    before = {}
    for s in found:
        if value in (None, "", []):
            state, target = "OPEN", (None, None)
        else:
            state, target = ("ACCEPTED" if same_value(s.value, value) else "EDITED"), (entity, study_id)
        if s.state != state:
            before[s.id] = ss.set_state(store, s.id, state, *target)
    return before


def restore_states(store, states: dict[str, str]) -> None:
    """Put proposals back to the states ``settle_by_user_value`` returned (undo)."""
    for suggestion_id, state in states.items():
        ss.set_state(store, suggestion_id, state)


def same_value(proposed: Any, value: Any) -> bool:
    """The proposal and the typed value say the same (lists in any order, 18 == 18.0,
    text with the same words)."""
    proposed, value = schema_value(proposed), schema_value(value)
    if isinstance(proposed, list) and isinstance(value, list):
        return sorted(map(str, proposed)) == sorted(map(str, value))
    if isinstance(proposed, str) and isinstance(value, str):
        return _normal_text(proposed) == _normal_text(value)
    return proposed == value


def undo_accept(store, done: Accepted) -> None:
    with store.transaction():
        _undo_accept(store, done)


def _undo_accept(store, done: Accepted) -> None:
    s = ss.get_suggestion(store, done.suggestion_id)
    if done.merged:
        for f, old in done.old.items():
            store.set_value(s.study_id, done.entity, done.row_id, f, old, origin="suggestion")
        ent = BY_LIST_BY_ENTITY[done.entity]
        for span in s.spans:
            store.clear_evidence(s.study_id, done.entity, done.row_id, _span_field(span["field"], ent),
                                 origin="suggestion")
    elif done.field is None:
        store.delete_row(s.study_id, done.entity, done.row_id, origin="suggestion")
    else:
        store.set_value(s.study_id, done.entity, done.row_id, done.field, done.old, origin="suggestion")
        store.clear_evidence(s.study_id, done.entity, done.row_id, done.field, origin="suggestion")
    ss.set_state(store, done.suggestion_id, done.previous_state)


def reject(store, suggestion_id: str) -> str:
    """Mark a proposal rejected; returns the previous state (for undo)."""
    return ss.set_state(store, suggestion_id, "REJECTED")


def reopen(store, suggestion_id: str) -> None:
    ss.set_state(store, suggestion_id, "OPEN")


def _flat(row: dict) -> dict:
    """A row's dict as Store fields, the empty ones left out."""
    return {k: v for k, v in row.items() if v is not None and v != []}


def _span_field(path: str, ent) -> str:
    m = _ROW_RE.match(path)
    rest = m.group(3) if m else None
    return rest or ent.scalar or ""


def schema_value(v: Any) -> Any:
    if isinstance(v, list):
        return [schema_value(x) for x in v]
    return getattr(v, "value", v)


def accept_all(store, study_id: str) -> tuple[int, list[str]]:
    """Accept every open proposal of a study (an explicit batch choice, never a default), in one
    transaction.  Returns how many were accepted and the messages of those the core refused (a
    field the user already filled); those stay open.  A storage failure fails the whole call."""
    done, refused = 0, []
    with store.transaction():
        for s in ss.suggestions(store, study_id, "OPEN"):
            try:
                with store.transaction():  # a savepoint: a refused proposal leaves nothing behind
                    accept(store, s.id)
                done += 1
            except StoreError:
                raise
            except AbstractorError as exc:
                refused.append(f"{s.path}: {exc}")
    return done, refused


# The field that names a row: a row the user adds with the same name as a proposed
# row is that proposal, taken by hand.
ROW_NAME = {k.name: k.name_field for k in records.KINDS.values() if k.name_field}  # (models.records)


def settle_rows_by_user(store, study_id: str, entity: str, values: dict, row_id: str) -> dict[str, str]:
    """The user added a row (by hand or from a selection) that an open proposal also
    proposes (same name, spacing ignored): the proposal becomes ACCEPTED when every field
    it proposed agrees, EDITED when not, so the proposals list stops offering a duplicate.
    Returns {suggestion id: state before}, for undo (``restore_states``)."""
    key = ROW_NAME.get(entity)
    name = values.get(key) if key else None
    ent = BY_LIST_BY_ENTITY.get(entity)
    if not name or ent is None:
        return {}
    before = {}
    for s in ss.suggestions(store, study_id, "OPEN"):
        m = _ROW_RE.match(s.path)
        if not m or m.group(1) != ent.json_list:
            continue
        proposed = s.value if isinstance(s.value, dict) else {key: s.value}
        if not same_value(proposed.get(key), name):
            continue
        agree = all(same_value(v, values.get(f)) for f, v in _flat(proposed).items() if f in values)
        before[s.id] = ss.set_state(store, s.id, "ACCEPTED" if agree else "EDITED", entity, row_id)
    return before


BY_LIST_BY_ENTITY = {e.name: e for e in BY_LIST.values()}
