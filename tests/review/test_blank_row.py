"""The empty row an adjudicator's edit form starts from for fields a side left out."""
from abstractor.review.adjudicate import A, Adjudication, blank_row
from tests.review.fixture import study_a, study_b


def test_blank_rows_name_every_field_with_sub_records_spelled_out():
    assert blank_row("criteria") == {"kind": None, "text": None, "category": None, "thresholds": []}
    assert blank_row("arms")["interventions"] == []
    assert "id" not in blank_row("dose_levels") and "per_weight" in blank_row("dose_levels")


def test_a_blank_row_filled_from_a_form_is_accepted_as_an_edit():
    adj = Adjudication(study_a(), study_b())
    key = next(d.key for d in adj.disagreements if d.whole_row)
    row = {**blank_row("criteria"), **adj.item(key).value_a, "text": "Karnofsky at least 80",
           "thresholds": [{"parameter": "Karnofsky", "operator": ">=", "value": "80", "unit": None}]}
    d = adj.edit(key, row)
    assert d.edited["thresholds"][0]["value"] == 80.0 and d.choice != A
