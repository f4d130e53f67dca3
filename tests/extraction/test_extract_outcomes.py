from abstractor.extraction.doc import Doc
from abstractor.extraction.outcomes import extract_outcomes, time_frame_days


def _rows(text):
    rows = extract_outcomes(Doc(text))
    for r in rows:
        for k, (a, b) in r.spans.items():
            if k in ("measure", "time_frame"):
                assert text[a:b] == r.values[k]
    return [(r.values["kind"], r.values["measure"], r.values["time_frame"]) for r in rows]


def test_time_frame_blocks_with_kinds():
    text = ("Primary Outcome Measures\nRate of side effects\nCounted by a nurse.\nTime frame: 6 weeks\n\n"
            "Secondary Outcome Measures\nWeight change\nTime frame: Up to 1 year\n")
    assert _rows(text) == [("PRIMARY", "Rate of side effects", "6 weeks"),
                           ("SECONDARY", "Weight change", "Up to 1 year")]


def test_bracket_layout_with_description():
    text = ("Primary Outcome Measures\n1. Pain score [Time Frame: Day 7]\n   Scale of 0 to 10.\n\n"
            "2. Sleep quality [Time Frame: 2 weeks]\n")
    rows = extract_outcomes(Doc(text))
    assert [(r.values["measure"], r.values["time_frame"]) for r in rows] == [
        ("Pain score", "Day 7"), ("Sleep quality", "2 weeks")]
    assert rows[0].values["description"] == "Scale of 0 to 10."


def test_timeframe_variant_and_inline():
    text = "Outcome Measures\nMood rating\nTimeframe: 3 months\n\nAppetite Timeframe: 10 days\n"
    assert _rows(text) == [("OTHER", "Mood rating", "3 months"), ("OTHER", "Appetite", "10 days")]


def test_glued_status_and_glued_table_rows():
    text = ("Town, Region, China\nRECRUITINGFrequency of fever\nMeasured daily.\nTime frame: 28 dyas\n"
            "Primary Outcome Measures\nNameTimeMethod\nToxicity events (TE)1 Months\nBlood counts12 weeks\n")
    assert _rows(text) == [("OTHER", "Frequency of fever", "28 dyas"),
                           ("PRIMARY", "Toxicity events (TE)", "1 Months"), ("PRIMARY", "Blood counts", "12 weeks")]


def test_chrome_lines_are_skipped():
    text = ("A measure\nTime frame: 1 day\nThis page is for informational purposes only.\nNext measure\n"
            "Its description\nTime frame: 2 days\n")
    assert [m for _k, m, _t in _rows(text)] == ["A measure", "Next measure"]


def test_time_frame_days():
    assert time_frame_days("28 days") == 28
    assert time_frame_days("Up to 2 years") == 730.5
    assert time_frame_days("Week 56") == 392
    assert time_frame_days("1month, 2 months, 3 months") == 91.3125
    assert time_frame_days("Cycle 1 (21 Days)") == 21
    assert time_frame_days("two weeks after infusion") == 14
    assert time_frame_days("At the end of the study") is None


def test_column_header_rows_are_never_outcomes():
    from abstractor.extraction.doc import is_column_header
    headers = ["Outcome MeasureMeasure DescriptionTime Frame", "Outcome Measure | Measure Description | Time Frame",
               "Measure\tDescription\tTimeframe", "| Measure Title | Time Point |", "NameTimeMethod",
               "Measure  Time frame", "Outcome Name / Assessment Method / Time Frame"]
    for h in headers:
        assert is_column_header(h), h
        text = ("Primary Outcome Measures\n%s\nGrip strength at rest\nMeasured with a hand dynamometer.\n"
                "Time frame: 6 weeks\n\nSecondary Outcome Measures\n%s\nNap length\nTime frame: 2 weeks\n" % (h, h))
        rows = extract_outcomes(Doc(text))
        assert [(r.values["kind"], r.values["measure"], r.values["description"], r.values["time_frame"])
                for r in rows] == [("PRIMARY", "Grip strength at rest", "Measured with a hand dynamometer.", "6 weeks"),
                                   ("SECONDARY", "Nap length", None, "2 weeks")], h
    for not_header in ["Time to first relapse", "Name of the food diary app", "Overall survival", "Description",
                       "Method of delivery"]:
        assert not is_column_header(not_header), not_header


def test_column_header_row_in_bracket_and_glued_layouts():
    text = ("Secondary Outcomes\nOutcome Measure Measure Description Time Frame\n"
            "1. Sleep hours [Time Frame: 2 weeks]\n   Logged by a wrist device.\n")
    assert _rows(text) == [("SECONDARY", "Sleep hours", "2 weeks")]
    text = "Primary Outcome Measures\nOutcome MeasureTime Frame\nNausea episodes12 weeks\n"
    assert _rows(text) == [("PRIMARY", "Nausea episodes", "12 weeks")]
    text = "Primary Outcome Measures\nOutcome Measure | Time Frame\nTime frame: 3 days\n"   # a header alone
    assert _rows(text) == []


def test_letter_and_number_item_markers_are_not_part_of_the_measure():
    text = ("Primary endpoints\n(a) Rash rate [time frame: 10 days]\nb) Itch score [time frame: 1 month]\n"
            "(3) Skin dryness [time frame: 8 weeks]\n")
    assert _rows(text) == [("PRIMARY", "Rash rate", "10 days"), ("PRIMARY", "Itch score", "1 month"),
                           ("PRIMARY", "Skin dryness", "8 weeks")]
