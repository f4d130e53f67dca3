"""The one description of each record kind (models.records) covers every model field, and the
database and the workbook have a place for each described field: a field added to a model
without its column, its revision or its workbook column fails here."""
from __future__ import annotations

import pytest

from abstractor.storage.entities import ENTITIES
from abstractor.workbook import layout as L
from models import records, schema

# Model fields that are not described data, and why.
NOT_DATA = {
    "id": "a row's identity, not a value",
    "sites": "the study's sites are their own record kind (Sites sheet, site table)",
    "extra": "codebook field values: described by the study's codebook (models.codebook), not in code",
}


@pytest.mark.parametrize("kind", records.KINDS.values(), ids=lambda k: k.name)
def test_every_model_field_is_described_or_excluded(kind):
    if kind.model is None:
        return
    described = {f.name for f in kind.fields}
    for name in kind.model.model_fields:
        assert name in described or name in NOT_DATA, f"{kind.model.__name__}.{name} has no Info and no reason"


@pytest.mark.parametrize("kind", records.KINDS.values(), ids=lambda k: k.name)
def test_every_described_field_has_a_database_column(kind):
    table = ENTITIES[kind.name].table
    columns = set(table.__table__.columns.keys())
    links = {("arm", "interventions")}  # kept as arm_intervention rows, by name
    for f in kind.fields:
        name = kind.scalar if kind.scalar else f.name
        if (kind.name, f.name) in links or (kind.name == "study" and f.name in records.STUDY_LISTS):
            continue
        assert name in columns, f"{kind.name}.{f.name} has no column in table {table.__tablename__}"


@pytest.mark.parametrize("kind", records.KINDS.values(), ids=lambda k: k.name)
def test_every_described_field_has_a_workbook_column(kind):
    if kind.scalar:  # lists of strings: one cell of their study (registry_ids, conditions)
        sheet, names = L.STUDIES, [kind.path[6:]]
    elif kind.sheet is None:  # the escalation design sits on the Studies sheet
        sheet, names = L.STUDIES, [f"{kind.name}_{f.name}" for f in kind.fields]
    else:
        sheet, names = L.SHEETS[kind.sheet], [f.name for f in kind.fields]
    for name in names:
        assert name in sheet.names, f"{kind.name}: no column {name} on the {sheet.name} sheet"


def test_paths_name_fields_only_where_they_exist():
    c = records.CRITERION
    assert c.field_problem("thresholds[2].value") is None and c.field_problem("text") is None
    assert c.field_problem("threshold_value") and c.field_problem("text[0]") and c.field_problem("thresholds[0].x")
    assert records.ARM.field_problem("interventions[1]") is None
    assert records.STUDY.field_problem("status")  # workflow state takes no evidence


def test_json_of_an_earlier_version_reads_one_threshold_as_a_list():
    ab = schema.Abstraction.model_validate({
        "criteria": [{"text": "Creatinine < 220 umol/L", "threshold": {"parameter": "creatinine", "operator": "<",
                                                                        "value": 220, "unit": "umol/L"}}],
        "evidence": [{"field": "criteria[0].threshold.value", "start": 13, "end": 16, "quote": "220"}]})
    assert [t.value for t in ab.criteria[0].thresholds] == [220.0]
    assert ab.evidence[0].field == "criteria[0].thresholds[0].value"


def test_the_field_added_through_the_recipe_reads_dates_as_people_give_them():
    """docs/ADD_A_FIELD.md added study.start_date: typed text, a spreadsheet's date cell, the JSON form."""
    from datetime import datetime

    from abstractor.text_values import coerce
    from abstractor.workbook.cells import decode

    col = L.STUDIES.column("start_date")
    assert decode(col, datetime(2024, 3, 15)) == "2024-03-15" and decode(col, "March 2024") == "2024-03"
    assert coerce("date", "15 March 2024") == "2024-03-15"
    assert schema.StudyFields(start_date="2024-03").start_date == "2024-03"
    with pytest.raises(ValueError):
        schema.StudyFields(start_date="2024-13")
    assert decode(col, "soon") == "soon"  # kept as typed; the model refuses it with the cell named
