import json

import pytest
from pydantic import ValidationError

from models.enums import Phase
from models.schema import Abstraction, parse_path
from tests.core.sample import sample_study


def test_json_round_trip_is_lossless():
    ab = sample_study()
    again = Abstraction.model_validate_json(json.dumps(ab.to_json_dict()))
    assert again == ab
    assert again.to_json_dict()["schema"] == "protocol-abstraction/1"


def test_enumerations_are_the_registry_spellings():
    assert Phase.EARLY_PHASE1.value == "EARLY_PHASE1"
    with pytest.raises(ValidationError):
        Abstraction.model_validate({"study": {"phases": ["Phase 1"]}})


@pytest.mark.parametrize("bad", [
    {"study": {"enrollment": "about 20"}},
    {"study": {"enrollment": -1}},
    {"study": {"min_age": "eighteen"}},
    {"schema": "something-else/9"},
    {"study": {"unknown_field": 1}},
    {"evidence": [{"field": "study.title", "start": 5, "end": 2, "quote": ""}]},
])
def test_invalid_values_are_refused(bad):
    with pytest.raises(ValidationError):
        Abstraction.model_validate(bad)


def test_empty_study_uses_null_and_empty_lists():
    d = Abstraction().to_json_dict()
    assert d["study"]["title"] is None and d["study"]["phases"] == [] and d["criteria"] == []


def test_parse_path():
    assert parse_path("outcomes[2].time_frame") == ("outcomes", 2, "time_frame")
    assert parse_path("study.enrollment") == ("study", None, "enrollment")
    with pytest.raises(ValueError):
        parse_path("not a path!")
