from abstractor.extraction import values
from abstractor.extraction.ages import extract_ages, extract_sex
from abstractor.extraction.conditions import extract_conditions
from abstractor.extraction.design import extract_design
from abstractor.extraction.doc import Doc
from extraction_helpers import span_text

PAGE = """Conditions
Disease Alpha
Disease Beta, Type 2
Recruitment Status: Not yet recruiting
Study Type
Interventional
Phase: Phase 2 / Phase 3
Allocation
Non-Randomized
Model: CROSSOVER
Primary Purpose: Supportive Care
Masking
Double (Participant, Investigator)
Estimated Enrollment: 1,200 participants
Eligibility
Ages Eligible for Study: 12 Years to 40 Years
Sexes Eligible for Study: Female
"""


def test_labelled_design_fields():
    doc = Doc(PAGE)
    d = extract_design(doc)
    assert d["study_type"].value == "INTERVENTIONAL"
    assert d["phases"].value == ["PHASE2", "PHASE3"]
    assert d["allocation"].value == "NON_RANDOMIZED"
    assert d["intervention_model"].value == "CROSSOVER"
    assert d["primary_purpose"].value == "SUPPORTIVE_CARE"
    assert d["masking"].value == "DOUBLE"
    assert d["overall_status"].value == "NOT_YET_RECRUITING"
    assert d["enrollment"].value == 1200
    assert span_text(PAGE, d["enrollment"]) == "1,200"
    assert span_text(PAGE, d["study_type"]) == "Interventional"


def test_phase_styles():
    assert values.phases("PHASE1, PHASE2") == ["PHASE1", "PHASE2"]
    assert values.phases("Phase 1|Phase 2") == ["PHASE1", "PHASE2"]
    assert values.phases("Phase 1/2") == ["PHASE1", "PHASE2"]
    assert values.phases("Early Phase 1") == ["EARLY_PHASE1"]
    assert values.phases("Not Applicable") == ["NA"]
    assert values.phases("1 Part:") is None


def test_enrollment_styles():
    for page in ("Enrollment\n24\n", "Target Recruitment: 24\n", "Enrollment (Estimated)\n24\n",
                 "Actual Enrollment: 24 participants\n"):
        assert extract_design(Doc(page))["enrollment"].value == 24


def test_prose_fallbacks_only_without_labels():
    text = "This is a phase I, single-arm, open-label treatment study of product Z.\n"
    d = extract_design(Doc(text))
    assert d["phases"].value == ["PHASE1"]
    assert d["intervention_model"].value == "SINGLE_GROUP"
    assert d["masking"].value == "NONE"
    assert d["primary_purpose"].value == "TREATMENT"
    labelled = text + "Masking\nTRIPLE\n"
    assert extract_design(Doc(labelled))["masking"].value == "TRIPLE"


def test_site_status_glued_gives_overall_status():
    text = "Some Hospital\nTown, Region, China\nRECRUITINGFirst outcome measure\nTime frame: 1 year\n"
    d = extract_design(Doc(text))
    assert d["overall_status"].value == "RECRUITING"
    assert span_text(text, d["overall_status"]) == "RECRUITING"


def test_empty_labels_give_nothing():
    text = "Enrollment\nSex\nAges\nVolunteers\n"
    doc = Doc(text)
    assert "enrollment" not in extract_design(doc)
    assert extract_sex(doc) is None


def test_ages_labelled_and_from_criteria():
    a = extract_ages(Doc(PAGE))
    assert (a["min_age"].value, a["max_age"].value) == ("12 Years", "40 Years")
    assert extract_sex(Doc(PAGE)).value == "FEMALE"
    text = "Inclusion criteria\nMen or women aged 20-60 years (both included);\nGender is not limited.\n"
    a = extract_ages(Doc(text))
    assert (a["min_age"].value, a["max_age"].value) == ("20 Years", "60 Years")
    assert span_text(text, a["min_age"]).startswith("aged 20-60")
    assert extract_sex(Doc(text)).value == "ALL"
    only_min = Doc("Minimum Age\n6 Months\nMaximum Age\nN/A\n")
    a = extract_ages(only_min)
    assert a["min_age"].value == "6 Months" and "max_age" not in a


def test_conditions_block_inline_and_purpose():
    got = [f.value for f in extract_conditions(Doc(PAGE))]
    assert got == ["Disease Alpha", "Disease Beta, Type 2"]
    inline = "Condition: Disease Alpha; Disease Gamma\n"
    assert [f.value for f in extract_conditions(Doc(inline))] == ["Disease Alpha", "Disease Gamma"]
    prose = "We test product Q in patients with relapsed or refractory example lymphoma. More text.\n"
    f = extract_conditions(Doc(prose))
    assert [x.value for x in f] == ["relapsed or refractory example lymphoma"]
    assert span_text(prose, f[0]) == f[0].value


def test_registry_style_labels():
    text = "Study type: Interventional study\nStudy phase: 1/2\nTarget disease: Example lymphoma\n"
    doc = Doc(text)
    d = extract_design(doc)
    assert d["study_type"].value == "INTERVENTIONAL"
    assert d["phases"].value == ["PHASE1", "PHASE2"]
    assert [f.value for f in extract_conditions(doc)] == ["Example lymphoma"]


def test_phase_evidence_covers_the_whole_value_as_written():
    from abstractor.extraction.design import extract_phases
    cases = [("Phase\nPHASE1\nAllocation\nNA\n", "PHASE1", ["PHASE1"]),
             ("Phase\nPhase 1/Phase 2\n", "Phase 1/Phase 2", ["PHASE1", "PHASE2"]),
             ("Study Phase\nPhase I\n", "Phase I", ["PHASE1"]),
             ("Phases\nPHASE2, PHASE3\n", "PHASE2, PHASE3", ["PHASE2", "PHASE3"]),
             ("Trial phase: Phase II/III\n", "Phase II/III", ["PHASE2", "PHASE3"]),
             ("Phase: 2\n", "2", ["PHASE2"]),
             ("Phase\nEarly Phase 1\n", "Early Phase 1", ["EARLY_PHASE1"])]
    for text, quote, value in cases:
        f = extract_phases(Doc(text))
        assert f is not None and f.value == value and span_text(text, f) == quote, text
    # A title that starts with a phase is not a phase label.
    assert extract_phases(Doc("Phase 2 Study of Drug Q in Adults With Condition Z\n")) is None
