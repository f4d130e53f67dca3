from abstractor.extraction.arms import extract_arms
from abstractor.extraction.doc import Doc
from abstractor.extraction.sites import extract_sites, parse_place


def _check(text, row):
    for a, b in row.spans.values():
        assert 0 <= a < b <= len(text)
    a, b = row.spans["facility" if "facility" in row.values else "label" if "label" in row.values else "name"]
    return text[a:b]


def test_parse_place():
    assert parse_place("Springfield, Ohio, United States") == ("Springfield", "Ohio", "United States")
    assert parse_place("Seoul, Korea, Republic of") == ("Seoul", None, "Korea, Republic of")
    assert parse_place("Not a place at all") is None


def test_sites_three_layouts():
    text = ("Locations\nNorth Example Medical Center\nSpringfield, Ohio, United States\nRecruiting\n"
            "Example Cancer Hospital, Lyon, France\nLyon, France\n"
            "Harbor Clinic - Portsmouth, United Kingdom\n\nPrimary Outcome Measures\n")
    rows = extract_sites(Doc(text))
    assert [r.values["facility"] for r in rows] == [
        "North Example Medical Center", "Example Cancer Hospital, Lyon, France", "Harbor Clinic"]
    assert rows[0].values["region"] == "Ohio" and rows[2].values["city"] == "Portsmouth"
    for r in rows:
        assert _check(text, r) == r.values["facility"]
        a, b = r.spans["city"]
        assert text[a:b] == r.values["city"]


def test_site_without_heading_needs_an_institution():
    text = "Intro line.\nRiver Valley Hospital\nTownsville, Queensland, Australia\nRECRUITING\n"
    rows = extract_sites(Doc(text))
    assert [r.values["country"] for r in rows] == ["Australia"]
    assert extract_sites(Doc("We met friends\nParis, France\n")) == []


def test_arms_list_layout_with_intervention_details():
    text = ("Arms and Interventions\nHigh Dose (EXPERIMENTAL)\nTwo tablets daily.\nDrug: Examplumab\n"
            "Control (PLACEBO_COMPARATOR)\nDrug: Placebo\n\nDrug: Examplumab\nDrug: Examplumab is given orally\n"
            "Other names: EX-101\nDrug: Placebo\nMatching tablets\n\nPrimary Outcomes\n")
    arms, intvs = extract_arms(Doc(text))
    assert [(a.values["label"], a.values["type"]) for a in arms] == [
        ("High Dose", "EXPERIMENTAL"), ("Control", "PLACEBO_COMPARATOR")]
    assert arms[0].values["interventions"] == ["Examplumab"]
    assert arms[0].values["description"] == "Two tablets daily."
    assert [(i.values["name"], i.values["type"]) for i in intvs] == [("Examplumab", "DRUG"), ("Placebo", "DRUG")]
    assert intvs[0].values["other_names"] == ["EX-101"]
    assert intvs[0].values["description"] == "Drug: Examplumab is given orally"
    for r in arms + intvs:
        assert _check(text, r) in (r.values.get("label"), r.values.get("name"))


def test_arms_table_layout():
    text = ("Participant Group/Arm | Intervention/Treatment\nActive Comparator: Standard care\n"
            "Usual treatment for four weeks.\n  - Usual care: Clinic visits every week.\n"
            "NO_INTERVENTION: Observation\nNo study treatment.\n\nLocations\n")
    arms, intvs = extract_arms(Doc(text))
    assert [(a.values["label"], a.values["type"]) for a in arms] == [
        ("Standard care", "ACTIVE_COMPARATOR"), ("Observation", "NO_INTERVENTION")]
    assert arms[0].values["interventions"] == ["Usual care"]
    assert arms[1].values["description"] == "No study treatment."
    assert intvs[0].values["description"] == "Clinic visits every week."


def test_glued_arm_row_split_by_known_intervention():
    text = ("Interventions\nBiological: XY-CAR cells\nArm && Interventions\nGroupInterventionDescription\n"
            "Experimental: Cohort A.XY-CAR cellsPatients receive one infusion.\n")
    arms, intvs = extract_arms(Doc(text))
    assert arms[0].values["label"] == "Cohort A."
    assert arms[0].values["interventions"] == ["XY-CAR cells"]
    assert arms[0].values["description"] == "Patients receive one infusion."
    assert intvs[0].values["type"] == "BIOLOGICAL"


def test_product_from_purpose_sentence():
    text = "To evaluate the safety and efficacy of anti-XYZ CAR-T cells in the treatment of lymphoma.\n"
    _arms, intvs = extract_arms(Doc(text))
    assert [i.values["name"] for i in intvs] == ["anti-XYZ CAR-T cells"]
    assert intvs[0].values["type"] is None
