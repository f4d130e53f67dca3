"""Reading typed and selected text as field values (no window needed)."""
import pytest

from abstractor.errors import InvalidValue
from abstractor import text_values as tv


@pytest.mark.parametrize("text, value", [
    ("1×10⁶ CAR+ T cells/kg", 1e6), ("3x10^7", 3e7), ("1.5E8", 1.5e8), ("25", 25.0), ("2,000", 2000.0)])
def test_numbers(text, value):
    assert tv.parse_number(text) == value


def test_dose_range_and_units():
    d = tv.parse_dose("1-2x10^7/kg")
    assert (d.value, d.value_max, d.unit, d.per_weight) == (1e7, 2e7, "cells/kg", True)
    assert tv.parse_dose("30 mg/m2/day").unit == "mg/m2"


def test_enums_phases_ages():
    assert tv.enum_from_text(["RANDOMIZED", "NON_RANDOMIZED", "NA"], "Non-Randomized") == "NON_RANDOMIZED"
    assert tv.enum_from_text(["NONE", "SINGLE"], "NONE (Open Label)") == "NONE"
    assert tv.phases_from_text("Phase 1/2") == ["PHASE1", "PHASE2"]
    assert tv.phases_from_text("Early Phase 1") == ["EARLY_PHASE1"]
    assert tv.age_from_text("18 years") == "18 Years"
    with pytest.raises(InvalidValue):
        tv.coerce("int", "abc")


def test_criteria_lines_leave_numbering_out():
    text = "1. Age 18 to 70 years.\n2) ECOG ≤ 2.\n\n* Signed consent"
    rows = tv.criteria_from_selection(text, 100)
    assert [r["text"][0] for r in rows] == ["Age 18 to 70 years.", "ECOG ≤ 2.", "Signed consent"]
    s, e = rows[1]["text"][1]
    assert text[s - 100:e - 100] == "ECOG ≤ 2."


def test_outcome_and_doses_from_selection():
    o = tv.outcome_from_selection("Incidence of DLTs\nGraded by CTCAE.\nTime frame: 28 days", 0)
    assert o["measure"][0] == "Incidence of DLTs" and o["time_frame"][0] == "28 days"
    assert o["description"][0] == "Graded by CTCAE."
    assert o["time_frame_days"] == (28, o["time_frame"][1])  # parsed as the suggestions parse it
    assert "time_frame_days" not in tv.outcome_from_selection("ORR\nTime frame: at progression", 0)
    doses = tv.doses_from_selection("Dose level 1: 1×10⁶ CAR+ T cells/kg\nDose level 2: 3×10⁶ CAR+ T cells/kg", 0)
    assert [d["value"][0] for d in doses] == [1e6, 3e6]
    assert doses[0]["text"][0] == "1×10⁶ CAR+ T cells/kg"


def test_field_value_interprets_validates_and_holds_enums_as_strings():
    import enum

    class Phase(enum.Enum):
        ONE = "PHASE1"

    seen = []

    def validate(entity, field, value):
        seen.append((entity, field, value))
        return [Phase(v) for v in value] if isinstance(value, list) else value

    assert tv.field_value(validate, "study", "phases", "phases", "phase I") == ["PHASE1"]
    assert seen == [("study", "phases", ["PHASE1"])]
    assert tv.field_value(validate, "study", "enrollment", "int", "Enrollment: 18 people", lenient=True) == 18
    with pytest.raises(InvalidValue):
        tv.field_value(validate, "study", "enrollment", "int", "Enrollment: 18 people")


def test_capture_reads_criteria_as_the_suggestions_do():
    """Issue 14: bullets and numbering stripped, category and thresholds set."""
    from abstractor.text_values import criteria_from_selection

    text = "⁃ 10\\. Active hepatitis B or C infection;\n(a) Creatinine < 1.5 x ULN and ALT < 3 x ULN;\n1、 Prior CAR-T\n1) ECOG <= 2\n"
    rows = criteria_from_selection(text, 100)
    assert [r["text"][0] for r in rows] == ["Active hepatitis B or C infection;",
                                             "Creatinine < 1.5 x ULN and ALT < 3 x ULN;", "Prior CAR-T", "ECOG <= 2"]
    s, e = rows[0]["text"][1]
    assert text[s - 100:e - 100] == "Active hepatitis B or C infection;"
    assert rows[0]["category"][0] == "infection" and "thresholds" not in rows[0]
    assert [t["parameter"] for t in rows[1]["thresholds"][0]] == ["Creatinine", "ALT"]


def test_enum_capture_understands_spellings_and_synonyms():
    from abstractor.text_values import enum_from_text

    sources = ["AUTOLOGOUS", "ALLOGENEIC"]
    assert enum_from_text(sources, "Allogenic") == "ALLOGENEIC"
    assert enum_from_text(sources, "universal CAR-T") == "ALLOGENEIC"
    assert enum_from_text(sources, "off-the-shelf") == "ALLOGENEIC"
    assert enum_from_text(["NONE", "SINGLE", "DOUBLE"], "Open") == "NONE"
    assert enum_from_text(sources, "autologous or allogeneic") is None  # two stated: nothing
