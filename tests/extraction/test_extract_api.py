from models.schema import Abstraction

from abstractor.extraction import extract
from extraction_helpers import assert_quotes, first_threshold

PAGE = """Example Cells in Example Leukemia
Registration Number: NCT09876543
Sponsor: Example Institute

Conditions
Example Leukemia
Overall Status
RECRUITING
Study Type
INTERVENTIONAL
Phase: Phase 1
Allocation
NA
Intervention Model
SINGLE_GROUP
Primary Purpose: TREATMENT
Masking
NONE
Enrollment
9

Participant Group/Arm | Intervention/Treatment
EXPERIMENTAL: Example cells
Patients receive 1×10⁶ CAR-positive cells/kg after a 3+3 dose escalation.
  - Example cells: One infusion.

Locations
Example Medical Center
Springfield, Ohio, United States
Recruiting

Primary Outcome Measures
Dose limiting toxicity
Time frame: 28 days

Eligibility
Ages Eligible for Study: 18 Years to 75 Years
Sexes Eligible for Study: All

Inclusion Criteria:

  - ECOG performance status ≤ 2

Exclusion Criteria:

  - Active infection
"""


def test_extract_end_to_end_validates_and_quotes_match():
    ex = extract(PAGE, file_name="example.txt", sha256="ab" * 32)
    ab = ex.abstraction
    again = Abstraction.model_validate(ab.model_dump(mode="json", by_alias=True))
    assert again == ab
    assert ab.source.file == "example.txt" and ab.source.sha256 == "ab" * 32
    st = ab.study
    assert st.registry_ids == ["NCT09876543"]
    assert st.title == "Example Cells in Example Leukemia"
    assert st.sponsor == "Example Institute"
    assert [p.value for p in st.phases] == ["PHASE1"]
    assert st.enrollment == 9 and st.min_age == "18 Years" and st.max_age == "75 Years"
    assert st.sites[0].city == "Springfield"
    assert ab.arms[0].interventions == ["Example cells"]
    assert ab.dose_levels[0].value == 1e6 and ab.dose_levels[0].unit == "cells/kg"
    assert ab.escalation.method == "3+3"
    assert ab.outcomes[0].kind.value == "PRIMARY" and ab.outcomes[0].time_frame_days == 28
    assert [(c.kind.value, c.text) for c in ab.criteria] == [
        ("INCLUSION", "ECOG performance status ≤ 2"), ("EXCLUSION", "Active infection")]
    assert first_threshold(ab.criteria[0]).parameter == "ECOG"
    assert ab.criteria[1].category.value == "infection"
    assert_quotes(PAGE, ex)
    paths = {e.field for e in ab.evidence}
    for p in ("study.enrollment", "study.phases", "study.registry_ids[0]", "study.sites[0].facility",
              "outcomes[0].time_frame", "criteria[1].text", "dose_levels[0].text", "arms[0].label",
              "interventions[0].name", "escalation.method", "study.conditions[0]"):
        assert p in paths
        assert 0 < ex.confidence[p] <= 1 and ex.extractor[p]
    assert all(e.document is None for e in ab.evidence)


def test_extract_empty_and_odd_text():
    for text in ("", "\n\n", "just one line", "Study Type\n", "\\<\\^ ×10⁷"):
        ex = extract(text)
        assert_quotes(text, ex)
        Abstraction.model_validate(ex.abstraction.model_dump(mode="json", by_alias=True))


def test_deterministic():
    a = extract(PAGE).abstraction.model_dump(mode="json")
    b = extract(PAGE).abstraction.model_dump(mode="json")
    assert a == b
