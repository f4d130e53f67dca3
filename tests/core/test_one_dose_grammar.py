"""One dose grammar: a dose selected in the window (capture) and the same dose found by the
suggestions give the same value, range, unit and per-weight flag."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from abstractor.extraction.doses import extract_doses
from abstractor.text_values import parse_dose

SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def sci(mant: str, exp: int, style: int) -> str:
    return [f"{mant}×10{str(exp).translate(SUP)}", f"{mant}x10^{exp}", f"{mant} × 10^{exp}", f"{mant}E{exp}",
            f"{mant}x10\\^{exp}"][style]


@st.composite
def doses(draw):
    mant = draw(st.sampled_from(["1", "2", "3", "1.5", "5"]))
    exp = draw(st.integers(5, 9))
    style = draw(st.integers(0, 4))
    text = sci(mant, exp, style)
    if draw(st.booleans()):
        text += draw(st.sampled_from([" to ", "-", " ~ "])) + sci(str(int(float(mant)) + 2), exp, style)
    cells = draw(st.sampled_from(["", " cells", " CAR-T cells", " CAR+ T cells", " CAR-positive cells"]))
    per = draw(st.sampled_from(["", "/kg", " per kg", "/m2"]))
    return text + cells + per


@settings(max_examples=300, deadline=None)
@given(doses())
def test_capture_and_suggestion_read_a_dose_the_same_way(text):
    page = f"Dose levels: {text} will be given."
    rows = extract_doses(page)  # "Dose levels:" is the context the suggestions want before a bare count
    captured = parse_dose(text)
    assert rows, text
    v = rows[0].values
    assert (captured.value, captured.value_max, captured.unit, captured.per_weight) == \
        (v["value"], v["value_max"], v["unit"], v["per_weight"]), (text, v)


def test_the_drift_the_issue_measured_is_gone():
    d = parse_dose("3×10⁶ CAR+ T cells per kg")
    assert (d.value, d.unit, d.per_weight) == (3e6, "cells/kg", True)
    assert parse_dose("375 mg/m2").unit == "mg/m2"
