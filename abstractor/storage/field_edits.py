"""Editing a stored study field by field and row by row: each edit one audited transaction."""
from __future__ import annotations

from typing import Any, Optional

from pydantic import ValidationError
from sqlalchemy import delete, func, insert, select, update

from models import tables as t
from abstractor.errors import InvalidValue, StoreError
from abstractor.storage import codebook_store as cs, convert
from abstractor.storage.entities import adapter, column_for, entity, to_db
from abstractor.storage.conflicts import check_not_stale
from abstractor.storage.records import Change, RowSnapshot


UNCHECKED = object()  # set_value without a stale-write check (imports, undo of one's own batch)


class FieldEdits:
    """Mixed into Store: uses its ``write``, ``audit``, ``_touch`` and ``label``."""

    def validate(self, entity_name: str, field: str, value: Any) -> Any:
        """The value as its field's type, or InvalidValue with a plain reason."""
        try:
            return adapter(entity_name, field).validate_python(value)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise InvalidValue(f"{field}: {value!r} is not valid ({err['msg']})") from None

    def set_value(self, study_id: str, entity_name: str, row_id: str, field: str, value: Any,
                  origin: str = "user", expected: Any = UNCHECKED) -> Change:
        """Set one field; returns the change (old and new value).  ``expected``: the value the
        user saw; when another person stored something else since, StaleWrite (nothing lost).
        A codebook field is ``field="extra.NAME"``, checked by the study's codebook."""
        ent = entity(entity_name)
        if field.startswith(cs.EXTRA):
            return self._set_extra(study_id, entity_name, row_id, field, value, origin, expected)
        value = to_db(self.validate(entity_name, field, value))
        if entity_name == "arm" and field == "interventions":
            return self._set_arm_interventions(study_id, row_id, value, origin)
        col = getattr(ent.table, column_for(field) if not ent.scalar else ent.scalar)
        with self.write() as conn:
            # FOR UPDATE: on a server a second writer waits here, then compares with what the first stored.
            old = conn.execute(select(col).where(ent.table.id == row_id).with_for_update()).first()
            if old is None:
                raise StoreError(f"{self.label}: the {entity_name} {row_id} no longer exists")
            if expected is not UNCHECKED and old[0] != value:
                check_not_stale(self, conn, study_id, entity_name, row_id, field, old[0], expected, value)
            if old[0] != value:
                conn.execute(update(ent.table).where(ent.table.id == row_id).values({col.key: value}))
                self.audit(conn, study_id, entity_name, row_id, field, "update", old[0], value, origin)
                self._touch(conn, study_id)
        return Change(study_id, entity_name, row_id, field, "update", old[0], value)

    def _set_extra(self, study_id, entity_name, row_id, field, value, origin, expected) -> Change:
        """One codebook field: the key ``NAME`` of the row's ``extra`` (None removes it)."""
        table = entity(entity_name).table
        with self.write() as conn:
            book = cs.for_study(conn, study_id)
            value = cs.json_value(cs.codebook_field(book and book.codebook, entity_name, field[len(cs.EXTRA):]),
                                  value)
            row = conn.execute(select(table.extra).where(table.id == row_id).with_for_update()).first()
            if row is None:
                raise StoreError(f"{self.label}: the {entity_name} {row_id} no longer exists")
            extra = dict(row[0] or {})
            old = extra.get(field[len(cs.EXTRA):])
            if expected is not UNCHECKED and old != value:
                check_not_stale(self, conn, study_id, entity_name, row_id, field, old, expected, value)
            if old != value:
                if value is None:
                    extra.pop(field[len(cs.EXTRA):], None)
                else:
                    extra[field[len(cs.EXTRA):]] = value
                conn.execute(update(table).where(table.id == row_id).values(extra=extra))
                # The study now holds values of this codebook version: record it (the first value).
                conn.execute(update(t.Study).where(t.Study.id == study_id, t.Study.codebook_id.is_(None))
                             .values(codebook_id=book.id))
                self.audit(conn, study_id, entity_name, row_id, field, "update", old, value, origin)
                self._touch(conn, study_id)
        return Change(study_id, entity_name, row_id, field, "update", old, value)

    def _set_arm_interventions(self, study_id, arm_id, names: list[str], origin) -> Change:
        with self.write() as conn:
            old = convert.arm_intervention_names(conn, arm_id)
            convert.set_arm_interventions(conn, study_id, arm_id, names)
            self.audit(conn, study_id, "arm", arm_id, "interventions", "update", old, names, origin)
            self._touch(conn, study_id)
        return Change(study_id, "arm", arm_id, "interventions", "update", old, names)

    def add_row(self, study_id: str, entity_name: str, values: Optional[dict] = None,
                position: Optional[int] = None, row_id: Optional[str] = None, origin: str = "user") -> Change:
        """Insert a repeated row (criterion, outcome ...) at ``position`` (default: the end)."""
        ent = entity(entity_name)
        if not ent.repeated:
            raise StoreError(f"{entity_name} is not a repeated record")
        values = dict(values or {})
        names = values.pop("interventions", None)
        extra = values.pop("extra", None)
        row = {column_for(k): to_db(self.validate(entity_name, k, v)) for k, v in values.items()}
        row_id = row_id or t.new_id()
        with self.write() as conn:
            if extra:
                book = cs.for_study(conn, study_id)
                row["extra"] = cs.check_extra(book and book.codebook, entity_name, extra, entity_name)
                values["extra"] = row["extra"]
            count = conn.execute(select(func.count()).where(ent.table.study_id == study_id)).scalar_one()
            pos = count if position is None else max(0, min(position, count))
            conn.execute(update(ent.table).where(ent.table.study_id == study_id, ent.table.position >= pos)
                         .values(position=ent.table.position + 1))
            conn.execute(insert(ent.table), [{**row, "id": row_id, "study_id": study_id, "position": pos}])
            if names:
                convert.set_arm_interventions(conn, study_id, row_id, names)
            self.audit(conn, study_id, entity_name, row_id, None, "create", None, values, origin)
            self._touch(conn, study_id)
        return Change(study_id, entity_name, row_id, None, "create", None, values)

    def delete_row(self, study_id: str, entity_name: str, row_id: str, origin: str = "user") -> RowSnapshot:
        """Delete a repeated row; the snapshot puts it back (restore_row)."""
        ent = entity(entity_name)
        with self.write() as conn:
            snap = convert.snapshot_row(conn, study_id, ent, row_id)
            conn.execute(delete(ent.table).where(ent.table.id == row_id))
            conn.execute(delete(t.Evidence).where(t.Evidence.row_id == row_id))
            conn.execute(update(ent.table).where(ent.table.study_id == study_id,
                                                 ent.table.position > snap.values["position"])
                         .values(position=ent.table.position - 1))
            self.audit(conn, study_id, entity_name, row_id, None, "delete", snap.values, None, origin)
            self._touch(conn, study_id)
        return snap

    def restore_row(self, snap: RowSnapshot, origin: str = "user") -> Change:
        ent = entity(snap.entity)
        with self.write() as conn:
            pos = snap.values["position"]
            conn.execute(update(ent.table).where(ent.table.study_id == snap.study_id, ent.table.position >= pos)
                         .values(position=ent.table.position + 1))
            conn.execute(insert(ent.table), [snap.values])
            if snap.links:
                conn.execute(insert(t.ArmIntervention), snap.links)
            if snap.evidence:
                conn.execute(insert(t.Evidence), snap.evidence)
            self.audit(conn, snap.study_id, snap.entity, snap.values["id"], None, "create", None, snap.values, origin)
            self._touch(conn, snap.study_id)
        return Change(snap.study_id, snap.entity, snap.values["id"], None, "create", None, snap.values)

    def move_row(self, study_id: str, entity_name: str, row_id: str, new_position: int,
                 origin: str = "user") -> Change:
        ent = entity(entity_name)
        with self.write() as conn:
            ids = list(conn.execute(select(ent.table.id).where(ent.table.study_id == study_id)
                                    .order_by(ent.table.position)).scalars())
            old = ids.index(row_id)
            new = max(0, min(new_position, len(ids) - 1))
            ids.insert(new, ids.pop(old))
            for pos, rid in enumerate(ids):
                conn.execute(update(ent.table).where(ent.table.id == rid).values(position=pos))
            self.audit(conn, study_id, entity_name, row_id, "position", "move", old, new, origin)
            self._touch(conn, study_id)
        return Change(study_id, entity_name, row_id, "position", "move", old, new)
