import pytest

from abstractor.extraction.doses import extract_doses, sci_value
from abstractor.extraction.escalation import extract_escalation


@pytest.mark.parametrize("s, v", [("1×10⁷", 1e7), ("1x10^7", 1e7), ("1 × 10^7", 1e7), ("1E7", 1e7),
                                  ("10^7", 1e7), ("1x10\\^9", 1e9), ("2.5×10⁶", 2.5e6), ("3e+8", 3e8)])
def test_sci_value(s, v):
    assert sci_value(s) == pytest.approx(v)


def _doses(text):
    rows = extract_doses(text)
    for r in rows:
        a, b = r.spans["text"]
        assert text[a:b] == r.values["text"]
    return [(r.values["value"], r.values["value_max"], r.values["unit"], r.values["text"]) for r in rows]


def test_dose_notations_and_units():
    text = ("Three groups: 2×10⁶ CAR-positive cells/kg, 6×10⁶ CAR-positive cells/kg; "
            "patients get cells (1x10\\^8, 2-4x10\\^6/kg) or 1E7 cells. Repeat 2×10⁶ CAR-positive cells/kg.")
    assert _doses(text) == [
        (2e6, None, "cells/kg", "2×10⁶ CAR-positive cells/kg"),
        (6e6, None, "cells/kg", "6×10⁶ CAR-positive cells/kg"),
        (1e8, None, "cells", "1x10\\^8"),
        (2e6, 4e6, "cells/kg", "2-4x10\\^6/kg"),
        (1e7, None, "cells", "1E7 cells"),
    ]


def test_full_range_and_lab_values_are_not_doses():
    assert _doses("a dose of 1×10^6 to 3×10^6 CAR-T cells/kg") == [
        (1e6, 3e6, "cells/kg", "1×10^6 to 3×10^6 CAR-T cells/kg")]
    assert _doses("Platelets ≥ 75×10^9/L and ANC > 1.0 x 10^9/L") == []


def test_escalation_method_and_dlt_window():
    text = ("Dose escalation uses accelerated titration for the first group and the 3+3 rule after it. "
            "Each subject has a 21-day DLT observation period.")
    e = extract_escalation(text)
    assert e["method"].value == "accelerated titration + 3+3"
    assert e["dlt_window_days"].value == 21
    assert text[e["dlt_window_days"].start:e["dlt_window_days"].end].startswith("21-day")
    assert extract_escalation("The BOIN design guides dose escalation.")["method"].value == "BOIN"
    assert extract_escalation("A 3+3 bed room.") == {}


def test_dlt_window_phrasings():
    from abstractor.extraction.escalation import extract_escalation
    for text in ("DLTs will be counted during the 21 days after the first dose of drug Q.",
                 "A cohort is expanded when one DLT occurs within the 21-day DLT window."):
        f = extract_escalation(text)["dlt_window_days"]
        assert f.value == 21 and "21" in text[f.start:f.end]
    assert "dlt_window_days" not in extract_escalation("DLTs are graded by CTCAE. Follow-up lasts 90 days after dosing.")
