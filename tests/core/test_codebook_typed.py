"""Typed and selected text as codebook values (the window's editors and Ctrl+E read through this)."""
import pytest

from abstractor.codebooks import load_shipped
from abstractor.codebooks.typed import value_from_text
from abstractor.errors import InvalidValue
from models.codebook import CodebookField

CB = load_shipped("car_t")


def f(name, kind="study"):
    return CB.field(kind, name)


def test_choice_by_value_synonym_and_case():
    assert value_from_text(f("costimulatory_domain"), "4-1bb") == "4-1BB"
    assert value_from_text(f("costimulatory_domain"), "CD137") == "4-1BB"
    assert value_from_text(f("vector"), "Lentivirus") == "lentiviral"


def test_selection_with_words_around_names_one_choice():
    sel = "a second-generation CAR with a 4-1BB costimulatory domain"
    assert value_from_text(f("costimulatory_domain"), sel, lenient=True) == "4-1BB"
    with pytest.raises(InvalidValue, match="4-1BB"):
        value_from_text(f("costimulatory_domain"), sel)  # typed: the words around are not a choice


def test_selection_naming_two_choices_is_refused():
    with pytest.raises(InvalidValue, match="choose one"):
        value_from_text(f("costimulatory_domain"), "constructs with CD28 or with 4-1BB", lenient=True)


def test_choice_outside_the_list_says_which_are_allowed():
    with pytest.raises(InvalidValue, match="not one of lentiviral"):
        value_from_text(f("vector"), "adenoviral")


def test_other_types():
    assert value_from_text(f("patients_planned", "dose_level"), "6") == 6
    assert value_from_text(f("patients_planned", "dose_level"), "6 patients", lenient=True) == 6
    with pytest.raises(InvalidValue, match="whole number"):
        value_from_text(f("patients_planned", "dose_level"), "six")
    assert value_from_text(f("bridging_therapy_allowed"), "yes") is True
    assert value_from_text(f("bridging_therapy_allowed"), "No") is False
    assert value_from_text(f("dlt_definition"), "  grade 3 CRS  ") == "grade 3 CRS"
    assert value_from_text(f("vector"), "   ") is None


def test_number_with_unit_and_several_choices():
    dose = CodebookField(kind="study", name="target_dose", label="Target dose", type="number_with_unit")
    assert value_from_text(dose, "1×10⁶ cells/kg") == {"value": 1e6, "unit": "cells/kg"}
    assert value_from_text(dose, "50 mg") == {"value": 50.0, "unit": "mg"}
    assert value_from_text(dose, "target dose 2x10^6 cells/kg", lenient=True) == {"value": 2e6, "unit": "cells/kg"}
    with pytest.raises(InvalidValue, match="number with its unit"):
        value_from_text(dose, "a lot")
    many = CodebookField(kind="study", name="scales", label="Scales", type="several_choices",
                         choices=[{"value": "ASTCT"}, {"value": "CTCAE", "synonyms": ["NCI CTCAE"]}])
    assert value_from_text(many, "ASTCT; ctcae") == ["ASTCT", "CTCAE"]
    assert value_from_text(many, "graded by ASTCT and NCI CTCAE v5", lenient=True) == ["ASTCT", "CTCAE"]
