"""What the database changed since a workbook was exported (from the audit trail), and the
verdict for one value: take the workbook's, keep the database's, or report a conflict."""
from __future__ import annotations

import json
from typing import Any

from abstractor.storage.entities import to_db

NOT_CHANGED = object()  # ChangesSinceExport.exported(): the value was not changed since the export


def plain_value(v: Any) -> Any:
    """A value as the database stores it (enums as their strings), lists item by item."""
    if isinstance(v, list):
        return [plain_value(x) for x in v]
    return to_db(v)


class ChangesSinceExport:
    """Audit events of one study since the export, indexed for lookups."""

    def __init__(self, events: list[dict]):
        self.fields: dict[tuple, dict] = {}
        self.rows: dict[tuple, set] = {}
        self.entities: set[str] = set()
        for e in events:
            self.entities.add(e["entity"])
            if e["field"] is not None and e["row_id"] is not None:
                self.fields.setdefault((e["entity"], e["row_id"], e["field"]), e)
            if e["row_id"] is not None:
                self.rows.setdefault((e["entity"], e["row_id"]), set()).add(e["action"])

    def exported(self, entity: str, row_id: str, fld: str) -> Any:
        """The value at export time: NOT_CHANGED if unchanged since, None-able value, or KeyError if unknown."""
        e = self.fields.get((entity, row_id, fld))
        if e is None and "." in fld:  # threshold.value: a whole-threshold change
            head, _, sub = fld.partition(".")
            whole = self.fields.get((entity, row_id, head))
            if whole is not None:
                old = json.loads(whole["old"]) if whole["old"] else None
                return old.get(sub) if isinstance(old, dict) else None
        if e is None:
            return NOT_CHANGED
        if e["action"] != "update":
            raise KeyError(fld)
        return json.loads(e["old"]) if e["old"] is not None else None

    def row_changed(self, entity: str, row_id: str) -> bool:
        return (entity, row_id) in self.rows

    def created(self, entity: str, row_id: str) -> bool:
        return "create" in self.rows.get((entity, row_id), ())

    def deleted(self, entity: str, row_id: str) -> bool:
        return "delete" in self.rows.get((entity, row_id), ())


def decide(changes: ChangesSinceExport, key: tuple[str, str, str], dbv: Any, wbv: Any,
           extra_changed: bool = False) -> str:
    """same, take (the workbook's value), keep (only the database changed it) or conflict."""
    if dbv == wbv:
        return "same"
    try:
        exported = changes.exported(*key)
    except KeyError:
        return "conflict"
    if exported is NOT_CHANGED:
        return "conflict" if extra_changed else "take"
    return "keep" if plain_value(exported) == wbv else "conflict"
