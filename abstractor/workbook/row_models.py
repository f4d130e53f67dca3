"""Cell values checked against the fields' types, and rows built into the models' items.

Each value is validated on its own as it is read (a bad cell rejects just its row);
building the items then skips validating again.
"""
from __future__ import annotations

from typing import Any, Optional

from pydantic import ValidationError

from models import schema
from abstractor.storage.entities import adapter
from abstractor.workbook import layout as L
from abstractor.workbook.cells import CellError
from abstractor.workbook.codebook_cells import extra_of


_NOTHING_TO_CHECK = ({"type": "nullable", "schema": {"type": "str"}}, {"type": "list", "items_schema": {"type": "str"}})


def checks_nothing(col: L.Column, check) -> bool:
    """A validator that cannot refuse what ``decode`` gives for the column: text (str or None) for a
    plain optional string, a list of strings for a plain list of strings."""
    schema_ = check.core_schema
    if col.kind in ("text", "long", "id", "context"):
        return schema_ == _NOTHING_TO_CHECK[0]
    if col.kind == "list":
        return schema_ == _NOTHING_TO_CHECK[1]
    return False


def validated(check, value):
    try:
        return check.validate_python(value)
    except ValidationError as exc:
        err = exc.errors()[0]
        if err.get("type") == "string_pattern_mismatch":
            raise CellError(f"{value!r} is not an age like '18 Years' or '6 Months'") from None
        raise CellError(f"{value!r} is not valid ({first_error(exc)})") from None


def first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(x) for x in err.get("loc", ()))
    return f"{loc + ': ' if loc else ''}{err['msg']}"


def study_validators() -> dict:
    out = {}
    for col in L.STUDIES.columns:
        attr = col.attr or col.name
        if attr.startswith("escalation."):
            out[col.name] = adapter("escalation", attr[11:])
        elif attr in ("study_id",) or attr.startswith("source.") or col.kind == "context":
            continue
        else:
            out[col.name] = adapter("study", attr)
    return out


_STUDY_FIELDS: list[str] = []  # the Studies columns that are StudyFields' fields (worked out once)


def study_from(v: dict) -> schema.Abstraction:
    if not _STUDY_FIELDS:
        _STUDY_FIELDS.extend(c.name for c in L.STUDIES.columns if c.name in schema.StudyFields.model_fields)
    fields = {name: v[name] for name in _STUDY_FIELDS}
    source = None
    if v["source_file"] is not None or v["source_sha256"] is not None:
        source = schema.Source(file=v["source_file"], sha256=v["source_sha256"])
    return schema.Abstraction(
        id=v["study_id"], source=source, study=schema.StudyFields(**fields, extra=extra_of(v)),
        escalation=schema.Escalation(method=v["escalation_method"], dlt_window_days=v["escalation_dlt_window_days"],
                                     redosing=v["escalation_redosing"]),
        status=v["status"] or "IN_PROGRESS", abstractor=v["abstractor"], consensus=bool(v["consensus"]))


ROW_MODELS = {"study.sites": schema.Site, "arms": schema.Arm, "interventions": schema.Intervention,
              "dose_levels": schema.DoseLevel, "outcomes": schema.Outcome, "criteria": schema.Criterion}
_FIELDS = {m: frozenset(m.model_fields) - {"id"} for m in ROW_MODELS.values()}
_ITEM_DEFAULTS = {schema.Criterion: {"text": "", "kind": schema.CriterionKind.INCLUSION},
                  schema.Outcome: {"kind": schema.OutcomeKind.OTHER}}


def _defaults(model) -> list[tuple[str, Any, bool]]:
    """(field, default, made by a factory) for every field of a model."""
    out = []
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            out.append((name, info.default_factory, True))
        else:
            out.append((name, info.default, isinstance(info.default, (list, dict, set))))
    return out


_DEFAULTS = {m: _defaults(m) for m in ROW_MODELS.values()}


def item_from(model, v: dict):
    """A record row's item.  Every value was validated on its own against the field's type (the reader's
    ``_row``: enums are enums, thresholds models) and the items have no validators across fields: build it
    without validating again.  Every field is given to ``model_construct`` (pydantic looks for each missing
    field's default otherwise, several times slower)."""
    fields = _FIELDS[model]
    data = {k: val for k, val in v.items() if val is not None and k in fields}
    for k, val in _ITEM_DEFAULTS.get(model, {}).items():
        if not data.get(k):
            data[k] = val
    full = {}
    for name, default, made in _DEFAULTS[model]:
        if name in data:
            full[name] = data[name]
        elif name == "id":
            full[name] = v.get("row_id") or None
        else:
            full[name] = default() if made and callable(default) else (default.copy() if made else default)
    data["id"] = full["id"]
    return model.model_construct(_fields_set=set(data), **full)


def item_with_extra(model, v: dict):
    """``item_from`` for a sheet with codebook columns: the item with the row's codebook values
    (abstractor.workbook.codebook_cells); sheets without them skip this per-row step."""
    item = item_from(model, v)
    extra = extra_of(v)
    if extra:
        item.extra = extra  # checked cell by cell as read; the assignment checks its shape
    return item


_NO_FIXED = object()


def values_maker(model, names: tuple[str, ...]):
    """row tuple (values in the order of ``names``) -> {field: value}: exactly the field values
    ``item_with_extra(model, dict(zip(names, row)))`` gives the item, without building it (a new study is
    written straight from them; tests/workbook/test_fast_write.py compares the two on every row)."""
    from abstractor.storage.entities import ENTITIES

    slot = {n: i for i, n in enumerate(names)}
    fixed = _ITEM_DEFAULTS.get(model, {})
    steps = []
    for name, default, made in _DEFAULTS[model]:
        i = slot.get("row_id") if name == "id" else slot.get(name) if name in _FIELDS[model] else None
        steps.append((name, i, default, made and callable(default), made, fixed.get(name, _NO_FIXED)))
    extras = tuple((n[len(L.EXTRA):], i) for n, i in slot.items() if n.startswith(L.EXTRA))
    kind = next(e.name for e in ENTITIES.values() if e.model is model)
    check_extra = adapter(kind, "extra") if extras else None  # what assigning ``item.extra`` validates

    def values(row: tuple) -> dict[str, Any]:
        out = {}
        for name, i, default, factory, made, fix in steps:
            v = row[i] if i is not None else None
            if name == "id":
                v = v or None
            elif v is None:
                v = default() if factory else default.copy() if made else default
            if fix is not _NO_FIXED and not v:
                v = fix
            out[name] = v
        if extras:
            extra = {k: row[i] for k, i in extras if row[i] not in (None, "", [])}
            if extra:
                out["extra"] = check_extra.validate_python(extra)
        return out

    return values


def value_or_default(model, name: str, value: Any) -> Any:
    """What ``item_from`` gives a field for a cell's value: the value, or the field's default for an empty cell."""
    if value is not None:
        return value if value != "" or name not in _ITEM_DEFAULTS.get(model, {}) else _ITEM_DEFAULTS[model][name]
    if name in _ITEM_DEFAULTS.get(model, {}):
        return _ITEM_DEFAULTS[model][name]
    info = model.model_fields[name]
    return info.default_factory() if info.default_factory is not None else info.default


def in_order(items: list[tuple[Optional[int], int, Any]]) -> list:
    """Sort by the order column; a row without one goes after the row above it."""
    prev = None
    for order, _, _ in items:  # the usual case: already in order (as exported), nothing to sort
        if order is None or (prev is not None and order < prev):
            break
        prev = order
    else:
        return [item for _, _, item in items]
    keyed = []
    last = 0.0
    for order, r, item in items:  # items come in sheet order
        key = float(order) if order is not None else last + 1e-3
        if order is not None:
            last = float(order)
        else:
            last = key
        keyed.append((key, r, item))
    keyed.sort(key=lambda x: (x[0], x[1]))
    return [item for _, _, item in keyed]
