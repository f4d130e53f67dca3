"""What the forms call a field, for everything that names one to a person: the review tab, the
workbook's Review sheet and the compare report all say "Brief title" where the form does (the
registry's ``Info.label``, models.records), never the attribute name ("title")."""
from __future__ import annotations

import re

from models import records

_SUB = re.compile(r"^([a-z_]+)(?:\[(\d+)\])?(?:\.([a-z_]+))?$")


def _kind(where: str) -> records.RecordKind | None:
    """A record kind by entity ("criterion"), list path ("criteria", "study.sites", "conditions"),
    or sheet name ("Criteria")."""
    for k in records.KINDS.values():
        if where in (k.name, k.path, k.sheet) or (k.path and k.path.startswith("study.") and where == k.path[6:]):
            return k
    return None


def field_label(where: str, field: str) -> str:
    """The form's label of ``field`` on a record of ``where`` ("study", "escalation", "criteria",
    "Studies" ...); "" for a whole row; the name itself when it is not described (a label is
    never invented).  A list item or part reads "Thresholds 2: value"."""
    if not field:
        return ""
    if where == "Studies" and field.startswith("escalation_"):
        where, field = "escalation", field[11:]
    kind = _kind("study" if where == "Studies" else where)
    m = _SUB.match(field)
    if kind is None or m is None or not kind.has(m.group(1)):
        return field
    label = kind.field(m.group(1)).label
    if m.group(2) is not None:
        label += f" {int(m.group(2)) + 1}"
    if m.group(3):
        label += f": {m.group(3).replace('_', ' ')}"
    return label


def row_label(where: str) -> str:
    """What one record of ``where`` is called: "criterion", "dose level"."""
    kind = _kind(where)
    return kind.label if kind else where
