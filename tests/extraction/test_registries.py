"""The registry layer: detection, label tables as data, and the registries' own block shapes.

Every page here is invented for the test (no corpus text)."""
from __future__ import annotations

import json
from pathlib import Path

from extraction_helpers import assert_quotes

from abstractor.extraction import extract, registries
from abstractor.extraction.doc import Doc

TABLES = Path(registries.__file__).parent


def _ab(text):
    ex = extract(text)
    assert_quotes(text, ex)
    return ex.abstraction


def test_every_table_maps_labels_to_known_trds_items():
    keys = set()
    for p in sorted(TABLES.glob("*.json")):
        t = json.loads(p.read_text(encoding="utf-8"))
        assert t["markers"], p.name
        for item in list(t.get("labels", {}).values()) + [v[1] for v in t.get("codes", {}).values()]:
            assert item in registries.ITEMS or item.startswith("flag:"), (p.name, item)
        keys.add(p.stem)
    assert {"euctr", "ctis", "chictr", "anzctr", "isrctn", "ctri", "jrct", "umin", "drks", "cris", "ictrp",
            "gsk", "takeda"} <= keys


def test_detection_needs_a_page_marker_not_just_an_id():
    assert Doc("Summary\nEudraCT Number:2030-000001-11\nTrial Status:Ongoing\n").registry.key == "euctr"
    assert Doc("Takeda Trial ID\nXYZ-1\n").registry.key == "takeda"
    # an id quoted on a ClinicalTrials.gov-like page does not make it that registry's page
    assert Doc("Brief Summary\nParticipants of ACTRN12600000000001 and 2030-000001-11 may join.\n").registry is None


EUCTR = """Summary
EudraCT Number:2030-000123-45
Trial Status:Prematurely Ended
A. Protocol Information
A.3Full title of the trial
A randomised open study of drug Q against drug R in condition Z
B.1.1Name of SponsorExample Pharma Ltd
D.3.1Product nameQuixil
D.3.1Product nameRexor
E.1.1Medical condition(s) being investigated
Condition Z
MedDRA Classification
E.3Principal inclusion criteria
1) Adults with condition Z. 2) Able to give consent.3) Stable dose of drug S.
E.4Principal exclusion criteria
1) Pregnancy.
E.5.1Primary end point(s)
The endpoints are: • Change in score S. • Time to relapse.
E.5.1.1Timepoint(s) of evaluation of this end point
Week 12
E.6.3Therapy Yes
E.7.2Therapeutic exploratory (Phase II) Yes
E.7.3Therapeutic confirmatory (Phase III) Yes
E.8.1.1Randomised Yes
E.8.1.2Open Yes
E.8.1.4Double blind  No
E.8.1.5Parallel group Yes
F.2.1Female  Yes
F.2.2Male Yes
F.4.1In the member state40
F.4.2.2In the whole clinical trial 120
"""


def test_eu_ctr_codes_flags_and_numbers():
    ab = _ab(EUCTR)
    st = ab.study
    assert st.registry_ids == ["2030-000123-45"]
    assert st.title == "A randomised open study of drug Q against drug R in condition Z"
    assert st.sponsor == "Example Pharma Ltd" and st.overall_status.value == "TERMINATED"
    assert [p.value for p in st.phases] == ["PHASE2", "PHASE3"]
    assert (st.allocation.value, st.masking.value, st.intervention_model.value, st.primary_purpose.value) == (
        "RANDOMIZED", "NONE", "PARALLEL", "TREATMENT")
    assert st.sex.value == "ALL" and st.enrollment == 120          # the whole trial, not the member state
    assert st.conditions == ["Condition Z"]                       # "MedDRA Classification" ends the list
    assert [i.name for i in ab.interventions] == ["Quixil", "Rexor"]
    assert [c.text for c in ab.criteria] == ["Adults with condition Z.", "Able to give consent.",
                                             "Stable dose of drug S.", "Pregnancy."]
    assert [(o.kind.value, o.measure) for o in ab.outcomes] == [("PRIMARY", "Change in score S."),
                                                                ("PRIMARY", "Time to relapse.")]


BILINGUAL = """UMIN試験ID
UMIN000099999
試験進捗状況
一般募集中/Open public recruiting
一般向け試験名/Public title
日本語の題名
Study of drug Q in adults with condition Z
試験のフェーズ/Developmental phase
第Ⅲ相/Phase III
基本デザイン/Basic design
単群/Single arm
ブラインド化/Blinding
オープン/Open -no one is blinded
年齢（上限）/Age-upper limit
65
歳/years-old
性別/Gender
男女両方/Male and Female
主要アウトカム評価項目/Primary outcomes
日本語の評価項目
Overall response rate,
at week 12
目標参加者数/Target sample size
80
"""


def test_bilingual_labels_and_values_read_through_the_english_half():
    st = _ab(BILINGUAL).study
    assert st.registry_ids == ["UMIN000099999"]
    assert st.title == "Study of drug Q in adults with condition Z"
    assert st.overall_status.value == "RECRUITING" and [p.value for p in st.phases] == ["PHASE3"]
    assert (st.intervention_model.value, st.masking.value, st.sex.value) == ("SINGLE_GROUP", "NONE", "ALL")
    assert st.max_age == "65 Years" and st.enrollment == 80
    ab = _ab(BILINGUAL)
    assert [o.measure for o in ab.outcomes] == ["Overall response rate, at week 12"]   # wrapped line runs on


SPONSOR_REGISTER = """Trial Summary
Official Title
A Study of Drug Q in Condition Z
Takeda Trial ID
Q-301
Trial Phase
Phase 3
Condition
Condition Z
Trial arms/groups or cohorts
Experimental: Group B: Drug Q
Drug Q 10 mg tablet once daily
Intervention: drug: Drug Q
Placebo: Group A: Placebo
Placebo tablet once daily
Intervention: drug: Placebo
Trial sponsor
Takeda
Eligibility criteria
Inclusion Criteria:     1. Adults aged 18 to 65 years.     2. Condition Z for 6 months.    Exclusion Criteria:     - Pregnancy.     - Prior drug Q.
"""


def test_sponsor_register_arms_and_one_line_criteria():
    ab = _ab(SPONSOR_REGISTER)
    assert [(a.label, a.type.value, a.interventions) for a in ab.arms] == [
        ("Group B: Drug Q", "EXPERIMENTAL", ["Drug Q"]), ("Group A: Placebo", "PLACEBO_COMPARATOR", ["Placebo"])]
    assert [(i.name, i.type.value) for i in ab.interventions] == [("Drug Q", "DRUG"), ("Placebo", "DRUG")]
    assert [(c.kind.value, c.text) for c in ab.criteria] == [
        ("INCLUSION", "Adults aged 18 to 65 years."), ("INCLUSION", "Condition Z for 6 months."),
        ("EXCLUSION", "Pregnancy."), ("EXCLUSION", "Prior drug Q.")]
    assert ab.study.sponsor == "Takeda" and ab.study.conditions == ["Condition Z"]


GSK_LIKE = """Study ID
900001
Clinical Study ID
XY900001
Study Title
See Detailed Description
Sponsor
GlaxoSmithKline
Study Indication
Condition Z
☰
Detailed Description
A Randomized Study of Drug Q Versus Placebo in Adults With Condition Z
Arms
Drug Q
Drug Q tablets once daily
Interventions
Drug Q
Type: drug
Arms: Drug Q
Example Investigational Site
United States, Ohio, Columbus, 43210
COMPLETED
Example Investigational Site
Germany, Bayern, Munich, 80331
"""


def test_gsk_like_title_pointer_arms_and_country_first_sites():
    ab = _ab(GSK_LIKE)
    assert ab.study.title == "A Randomized Study of Drug Q Versus Placebo in Adults With Condition Z"
    assert ab.study.conditions == ["Condition Z"]
    assert [(a.label, a.description, a.interventions) for a in ab.arms] == [
        ("Drug Q", "Drug Q tablets once daily", ["Drug Q"])]
    assert [(s.facility, s.city, s.region, s.country) for s in ab.study.sites] == [
        ("Example Investigational Site", "Columbus", "Ohio", "United States"),
        ("Example Investigational Site", "Munich", "Bayern", "Germany")]


def test_unsure_registry_values_give_nothing():
    # a status word the table does not know, and contradicting masking flags: no value
    st = _ab("Summary\nEudraCT Number:2030-000123-45\nTrial Status:Somewhere in between\n"
             "E.8.1.2Open Yes\nE.8.1.4Double blind Yes\n").study
    assert st.overall_status is None and st.masking is None


def test_numbered_repeated_fields_anzctr():
    text = ("Trial Review\nRegistration number\nACTRN12699999999999\nPublic title\nExercise for knee pain\n"
            "Primary outcome [1]\nKnee pain score\nTimepoint [1]\n12 weeks\nPrimary outcome [2]\nKnee function score\n"
            "Timepoint [2]\n12 weeks\nSecondary outcome [1]\nWalking speed\nTimepoint [1]\n12 weeks\n"
            "Key inclusion criteria\nAdults with knee pain\nMinimum age\n18 Years\n")
    ab = _ab(text)
    assert [(o.kind.value, o.measure) for o in ab.outcomes] == [
        ("PRIMARY", "Knee pain score"), ("PRIMARY", "Knee function score"), ("SECONDARY", "Walking speed")]
    assert ab.study.registry_ids == ["ACTRN12699999999999"] and ab.study.min_age == "18 Years"
    assert [c.text for c in ab.criteria] == ["Adults with knee pain"]


def test_registry_doses_from_titles_and_arm_labels():
    ab = _ab(SPONSOR_REGISTER.replace("Experimental: Group B: Drug Q", "Experimental: Drug Q 2.5 mg to 5 mg QD")
             .replace("A Study of Drug Q in Condition Z", "Drug Q/Drug R 100/25 mcg Versus 150-300mg/day of Drug S"))
    assert [(d.value, d.value_max, d.unit, d.text) for d in ab.dose_levels] == [
        (100.0, None, "mcg", "100/25 mcg"), (25.0, None, "mcg", "25 mcg"), (150.0, 300.0, "mg", "150-300mg/day"),
        (2.5, 5.0, "mg", "2.5 mg to 5 mg"), (10.0, None, "mg", "10 mg")]   # the last from the arm's description


def test_eu_ctr_inn_when_no_product_name():
    ab = _ab("Summary\nEudraCT Number:2030-000123-45\nD.3.8INN - Proposed INNquixilumab\nD.3.8INN - Proposed INNquixilumab\n")
    assert [i.name for i in ab.interventions] == ["quixilumab"]
