"""Codebooks (issue 15, the core part): the format, value validation by type, the shipped CAR-T
codebook, moving values to a new version, and choice proposals that never guess between two."""
from __future__ import annotations

import json

import pytest

from abstractor.codebooks import load_shipped, migrate_extra, propose_choices
from models.codebook import Codebook, read_codebook


def book(fields, version=1):
    return Codebook.model_validate({"schema": "protocol-codebook/1", "name": "t", "version": version,
                                    "fields": fields})


CHOICE = {"kind": "study", "name": "vector", "label": "Vector", "type": "one_choice",
          "choices": [{"value": "lentiviral", "synonyms": ["lentivirus"]}, {"value": "retroviral"}]}


def test_the_shipped_car_t_codebook_reads_and_has_the_fields_the_issue_names():
    cb = load_shipped("car_t")
    names = {(f.kind, f.name) for f in cb.fields}
    assert {("study", "costimulatory_domain"), ("study", "vector"), ("study", "product_state"),
            ("study", "bridging_therapy_allowed"), ("study", "crs_grading"), ("study", "response_criteria"),
            ("study", "dlt_definition"), ("dose_level", "patients_planned")} <= names
    assert cb.field("study", "costimulatory_domain").values == ["CD28", "4-1BB", "other"]


def test_values_are_checked_by_type_and_choices_by_their_synonyms():
    cb = book([CHOICE, {"kind": "dose_level", "name": "patients_planned", "label": "Patients", "type": "integer"},
               {"kind": "study", "name": "fresh", "label": "Fresh", "type": "yes_no"},
               {"kind": "study", "name": "started", "label": "Started", "type": "date"},
               {"kind": "study", "name": "cells", "label": "Cells", "type": "number_with_unit"}])
    assert cb.field("study", "vector").validate_value("Lentivirus") == "lentiviral"
    assert cb.field("dose_level", "patients_planned").validate_value("6") == 6
    assert cb.field("study", "fresh").validate_value("no") is False
    assert cb.field("study", "started").validate_value("2024-03") == "2024-03"
    assert cb.field("study", "cells").validate_value({"value": 1e7, "unit": "cells/kg"}).value == 1e7
    typed = cb.field("study", "cells").validate_value("1e7 cells/kg")  # as a workbook cell writes it
    assert (typed.value, typed.unit) == (1e7, "cells/kg")
    for name, bad in (("vector", "adenoviral"), ("fresh", "maybe"), ("started", "March"), ("cells", "many")):
        with pytest.raises(ValueError):
            cb.field("study", name).validate_value(bad)
    with pytest.raises(ValueError, match="whole number"):
        cb.field("dose_level", "patients_planned").validate_value("six")
    with pytest.raises(KeyError):
        cb.validate_extra("study", {"unknown": 1})


@pytest.mark.parametrize("bad, why", [
    ({**CHOICE, "name": "title"}, "built-in field"),
    ({**CHOICE, "choices": []}, "needs its choices"),
    ({**CHOICE, "choices": [{"value": "a", "synonyms": ["x"]}, {"value": "b", "synonyms": ["X"]}]}, "names both"),
    ({**CHOICE, "name": "Vector"}, "not a field name"),
])
def test_a_codebook_that_cannot_work_is_refused_with_the_reason(bad, why, tmp_path):
    p = tmp_path / "cb.json"
    p.write_text(json.dumps({"schema": "protocol-codebook/1", "name": "t", "version": 1, "fields": [bad]}))
    with pytest.raises(ValueError, match=why):
        read_codebook(p)


def test_a_new_version_renames_a_choice_and_flags_what_it_cannot_move():
    old = book([CHOICE, {"kind": "study", "name": "note", "label": "Note", "type": "text"}])
    new = book([{**CHOICE, "choices": [{"value": "lentivirus vector", "renamed_from": ["lentiviral"]},
                                       {"value": "gamma-retroviral", "renamed_from": []}]}], version=2)
    moved = migrate_extra(old, new, "study", {"vector": "lentiviral", "note": "kept"})
    assert moved.extra == {"vector": "lentivirus vector", "note": "kept"}
    assert len(moved.flags) == 1 and "note" in moved.flags[0]
    stuck = migrate_extra(old, new, "study", {"vector": "retroviral"})
    assert stuck.extra == {"vector": "retroviral"} and "not one of" in stuck.flags[0]


def test_choices_are_proposed_with_evidence_and_never_when_two_are_stated():
    cb = load_shipped("car_t")
    text = "Second-generation CAR with a 4-1BB costimulatory domain, made with a lentiviral vector."
    got = {p.name: p for p in propose_choices(cb, text)}
    assert got["costimulatory_domain"].value == "4-1BB"
    p = got["vector"]
    assert p.value == "lentiviral" and text[p.start:p.end] == "lentiviral vector"
    both = "Two constructs are compared: one with CD28 and one with 4-1BB."
    assert "costimulatory_domain" not in {p.name for p in propose_choices(cb, both)}
    assert not propose_choices(cb, "A study of an antibody in asthma.")
