from abstractor.extraction.criteria import extract_criteria
from abstractor.extraction.doc import Doc
from abstractor.extraction.thresholds import category, threshold, thresholds


def _items(text):
    rows = extract_criteria(Doc(text))
    for r in rows:
        a, b = r.spans["text"]
        assert 0 <= a < b <= len(text)
    return [(r.values["kind"], r.values["text"]) for r in rows]


def test_bullets_nested_and_notes():
    text = ("Inclusion Criteria:\n\n  - Adults with condition Q\n\n  - Able to use one of:\n\n"
            "      - method one\n\n      - method two\n\nGroup B only:\n\n  - Weight over 50 kg\n\n"
            "Exclusion Criteria:\n\n  - Known allergy to study drug\n\nOther protocol-defined criteria apply\n")
    assert _items(text) == [
        ("INCLUSION", "Adults with condition Q"),
        ("INCLUSION", "Able to use one of: method one; method two"),
        ("INCLUSION", "Weight over 50 kg"),
        ("EXCLUSION", "Known allergy to study drug"),
    ]


def test_numbered_with_continuations_and_run_together_numbers():
    text = ("Inclusion Criteria\n1. First rule of entry;\n2. Second rule; 3 Third rule stated inline;\n"
            "4. Long rule that wraps\n\n   onto an indented paragraph.\n")
    assert _items(text) == [
        ("INCLUSION", "First rule of entry;"), ("INCLUSION", "Second rule;"),
        ("INCLUSION", "Third rule stated inline;"), ("INCLUSION", "Long rule that wraps onto an indented paragraph."),
    ]


def test_plain_lines_each_an_item_and_stop_at_labels():
    text = "Inclusion criteria\nAge 20-50 years;\nSigned consent.\nExclusion criteria\nPrimary purpose\nAllocation\n"
    assert _items(text) == [("INCLUSION", "Age 20-50 years;"), ("INCLUSION", "Signed consent.")]


def test_escaped_numbers_and_mixed_bullets_without_heading():
    text = ("• Patients sign the informed consent;\n• Aged 20-60 years;\n⁃ 3\\. Measurable disease;\n"
            "• Kidney function: creatinine \\< 150 μmol/L;\n")
    items = _items(text)
    assert [t for _k, t in items] == ["Patients sign the informed consent;", "Aged 20-60 years;",
                                      "Measurable disease;", "Kidney function: creatinine \\< 150 μmol/L;"]


def test_categories():
    assert category("Signed informed consent") == "consent"
    assert category("Aged 18 to 65 years") == "age"
    assert category("ECOG 0-1") == "performance_status"
    assert category("Life expectancy of at least 12 weeks") == "life_expectancy"
    assert category("Pregnant or breastfeeding women") == "pregnancy"
    assert category("Active hepatitis B infection") == "infection"
    assert category("Creatinine clearance over 60 mL/min") == "organ_function"
    assert category("Able to swallow tablets") == "other"


def _th(s):
    r = threshold(s, 0, len(s))
    return (r[0]["parameter"], r[0]["operator"], r[0]["value"], r[0]["unit"]) if r else None


def test_thresholds():
    assert _th("ALT/AST \\< 2.5 times the upper limit of normal (ULN)") == ("ALT/AST", "<", 2.5, "x ULN")
    assert _th("serum creatinine < 150 μmol/L") == ("serum creatinine", "<", 150.0, "umol/L")
    assert _th("left ventricular ejection fraction (LVEF) ≥ 45%") == ("LVEF", ">=", 45.0, "%")
    assert _th("ECOG performance status less than or equal to 1") == ("ECOG", "<=", 1.0, None)
    assert _th("ECOG score 0 to 1") == ("ECOG", "<=", 1.0, None)
    assert _th("Total bilirubin <= 1.5 x ULN") == ("Total bilirubin", "<=", 1.5, "x ULN")
    assert _th("Willing to take part") is None


def test_inline_heading_one_line_numbered_list():
    text = ("Inclusion criteria: 1. Aged 20-70 years; 2. Signed consent.\n"
            "Exclusion criteria: 1. Pregnant women; 2. Active infection.\nDose: one infusion.\n")
    assert _items(text) == [("INCLUSION", "Aged 20-70 years;"), ("INCLUSION", "Signed consent."),
                            ("EXCLUSION", "Pregnant women;"), ("EXCLUSION", "Active infection.")]


def test_criteria_under_bare_eligibility_heading():
    text = ("Eligibility Criteria\nMinimum Age\n18 Years\nSex\nAll\n\n"
            "Participants must meet all of these:\n\n* Adults with Q\n* Able to attend visits\n\n"
            "Exclusion Criteria\n\n* Prior Q treatment\n")
    assert _items(text) == [("INCLUSION", "Adults with Q"), ("INCLUSION", "Able to attend visits"),
                            ("EXCLUSION", "Prior Q treatment")]


def test_numbered_protocol_section_headings():
    text = ("4 SELECTION OF PARTICIPANTS\n4.1 Inclusion criteria\n1) Adults with condition Q.\n"
            "2) Able to walk 100 m.\n3) Signed consent.\n4.2 Exclusion criteria\n1) Known allergy to drug Q.\n"
            "2) Pregnant.\n5 TREATMENT\n")
    assert _items(text) == [("INCLUSION", "Adults with condition Q."), ("INCLUSION", "Able to walk 100 m."),
                            ("INCLUSION", "Signed consent."), ("EXCLUSION", "Known allergy to drug Q."),
                            ("EXCLUSION", "Pregnant.")]


def test_prior_therapy_with_hyphenated_agents_and_superscript_units():
    assert category("Prior gene-edited T-cell therapy.") == "prior_therapy"
    assert category("Previous anti-XYZ7 treatment of any kind") == "prior_therapy"
    assert category("Refractory after two prior lines of therapy") == "disease_status"
    assert category("Active brain lesions needing steroids prior to study treatment") == "disease_status"
    t = "Neutrophils ≥ 1.5 × 10⁹/L"
    th, (a, b) = threshold(t, 0, len(t))
    assert th == {"parameter": "Neutrophils", "operator": ">=", "value": 1.5, "unit": "x10^9/L"}
    assert t[a:b] == t


def test_every_threshold_of_a_criterion():
    t = "ALT/AST < 3 × ULN and total bilirubin ≤ 34.2 μmol/L"
    found = thresholds(t, 0, len(t))
    assert [(th["parameter"], th["operator"], th["value"], th["unit"]) for th, _s in found] == [
        ("ALT", "<", 3.0, "x ULN"), ("AST", "<", 3.0, "x ULN"), ("total bilirubin", "<=", 34.2, "umol/L")]
    assert [t[a:b] for _th, (a, b) in found] == ["ALT/AST < 3 × ULN", "ALT/AST < 3 × ULN",
                                                   "total bilirubin ≤ 34.2 μmol/L"]
    t = "ECOG 0-1; creatinine clearance ≥ 60 mL/min, platelets ≥ 75 x 10^9/L, and hemoglobin ≥ 9 g/dL"
    assert [th["parameter"] for th, _s in thresholds(t, 0, len(t))] == [
        "ECOG", "creatinine clearance", "platelets", "hemoglobin"]
    assert thresholds("Signed consent", 0, 14) == []
    # the single (first) threshold keeps the parameter as written
    assert threshold(t, 0, len(t))[0]["parameter"] == "ECOG"


def test_criterion_in_the_abstraction_carries_all_its_thresholds():
    from abstractor.extraction import extract
    from models.schema import Criterion

    text = "Inclusion Criteria:\n- ALT/AST < 3 × ULN and total bilirubin ≤ 34.2 μmol/L\n- Signed consent\n"
    ab = extract(text).abstraction
    c = ab.criteria[0]
    paths = {e.field: e.quote for e in ab.evidence}
    if "thresholds" in Criterion.model_fields:
        assert [th.parameter for th in c.thresholds] == ["ALT", "AST", "total bilirubin"]
        assert paths["criteria[0].thresholds[2]"] == "total bilirubin ≤ 34.2 μmol/L"
        assert ab.criteria[1].thresholds == []
    else:                       # until the model holds a list: the first one
        assert c.threshold.parameter == "ALT/AST"
        assert paths["criteria[0].threshold"] == "ALT/AST < 3 × ULN"
