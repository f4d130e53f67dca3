"""Registry pages read through their repeated blocks and field shapes (issue 10, second round).

Every page here is invented for the test (own words and values, no corpus text)."""
from __future__ import annotations

from extraction_helpers import assert_quotes

from abstractor.extraction import extract, values

# A ChiCTR-like bilingual detail page: Chinese and English labels each over their own value,
# the sponsor's address block and the sites using the same Country / Province labels.
CHICTR = """某药维持治疗的随机对照研究
注册号：
Registration number：
ChiCTR2700000001
注册题目：
某药维持治疗的随机对照研究
Public title：
A randomised study of drug Q maintenance after surgery for gastric cancer
研究实施负责（组长）单位：
某某医院
Primary sponsor：
Example City First Hospital
试验主办单位(项目批准或申办者)：
Secondary sponsor：
国家：
中国
省(直辖市)：
浙江省
Country：
China
Province：
Zhejiang
City：
单位(医院)：
某某大学
Institution
hospital：
Example Medical University
研究疾病：
胃癌
Target disease：
gastric cancer
研究设计：
随机平行对照
Study design：
Parallel
纳入标准：
1.病理确诊；
Inclusion criteria
1.Gastric cancer confirmed by pathology;
2.ECOG performance status 0 to 2;
3.AST below 2 times ULN;
排除标准：
1.妊娠；
Exclusion criteria：
1.Pregnancy;
干预措施：
Interventions：
组别：
药物Q组
样本量：
60
Group：
Drug Q group
Sample size：
干预措施：
口服药物Q
干预措施代码：
Intervention：
Oral drug Q once daily
Intervention code：
组别：
观察组
样本量：
40
Group：
Observation group
Sample size：
干预措施：
随访
干预措施代码：
Intervention：
Observation only
Intervention code：
研究实施地点：
Countries of recruitment and research settings：
国家：
中国
省(直辖市)：
浙江省
市(区县)：
Country：
China
Province：
Zhejiang
City：
Hangzhou
单位(医院)：
某某医院
单位级别：
三级甲等
Institution
hospital：
Example City First Hospital
Level of the institution：
Tertiary A
国家：
中国
省(直辖市)：
浙江省
市(区县)：
Country：
China
Province：
Zhejiang
City：
单位(医院)：
另一医院
单位级别：
三级甲等
Institution
hospital：
Example County Hospital
Level of the institution：
Tertiary A
测量指标：
Outcomes：
征募研究对象情况：
尚未开始
Recruiting status：
Not yet
recruiting
年龄范围：
Participant age：
最小
Min age
20
岁
years
最大
Max age
75
岁
years
性别：
男女均可
Gender：
Both
盲法：
开放标签，对评估者设盲
Blinding：
Open-label with blinded outcome assessors
"""


def _ab(text):
    ex = extract(text)
    assert_quotes(text, ex)
    return ex.abstraction


def test_chictr_groups_give_arms_interventions_and_the_summed_size():
    ab = _ab(CHICTR)
    assert [(a.label, a.description) for a in ab.arms] == [
        ("Drug Q group", "Oral drug Q once daily"), ("Observation group", "Observation only")]
    assert [i.name for i in ab.interventions] == ["Oral drug Q once daily", "Observation only"]
    assert ab.study.enrollment == 100            # 60 + 40: sizes per group, no total on the page


def test_chictr_sites_come_from_the_sites_block_only():
    sites = _ab(CHICTR).study.sites
    assert [(s.facility, s.city, s.region, s.country) for s in sites] == [
        ("Example City First Hospital", "Hangzhou", "Zhejiang", "China"),
        ("Example County Hospital", None, "Zhejiang", "China")]     # not the sponsor's "Example Medical University"


def test_chictr_english_values_scalars_and_criteria():
    ab = _ab(CHICTR)
    s = ab.study
    assert s.title == "A randomised study of drug Q maintenance after surgery for gastric cancer"
    assert s.sponsor == "Example City First Hospital"
    assert s.intervention_model == "PARALLEL"
    assert s.masking == "SINGLE"
    assert (s.min_age, s.max_age, s.sex) == ("20 Years", "75 Years", "ALL")
    assert s.overall_status == "NOT_YET_RECRUITING"
    assert s.conditions == ["gastric cancer"]
    english = [c.text for c in ab.criteria if c.text.isascii()]
    assert english == ["Gastric cancer confirmed by pathology;", "ECOG performance status 0 to 2;",
                       "AST below 2 times ULN;", "Pregnancy;"]


def test_chictr_no_sum_when_a_group_has_no_size():
    text = CHICTR.replace("样本量：\n40\n", "样本量：\n")
    assert _ab(text).study.enrollment is None


def test_masking_free_text():
    assert values.masking("Open-label study with blinded-evaluators") == "SINGLE"
    assert values.masking("Double-blind") == "DOUBLE"
    assert values.masking("双盲") == "DOUBLE"
    assert values.masking("Open label") == "NONE"
    assert values.masking("Single blind (participant)") == "SINGLE"
    assert values.masking("Open-label, then double-blind extension") is None     # two things: nothing
    assert values.masking("Blinding will be described later in the protocol") is None


def test_registry_masking_field_not_understood_leaves_prose_silent():
    text = CHICTR.replace("Open-label with blinded outcome assessors", "See protocol section 7").replace(
        "开放标签，对评估者设盲", "见方案") + "Summary\nAn open-label study of drug Q.\n"
    assert _ab(text).study.masking is None


EUCTR = """Summary
EudraCT Number:2031-000456-78
A. Protocol Information
A.3Full title of the trial
An open study of drug Q in young children with mild condition Z
E.1.1Medical condition(s) being investigated
The study gives drug Q as a liquid to children under 2 years of age with mild condition Z infection.
E.1.1.1Medical condition in easily understood language
Condition Z
E.5.2Secondary end point(s)
• Proportion of patients with fever at 48 hours after the first dose (read by the central
laboratory)
• Time to symptom clearance, defined as time from first dose until the last symptom
disappears for at least 2 days
• Incidence of adverse events
E.5.2.1Timepoint(s) of evaluation of this end point
2, 7 and 28 days
"""


def test_eu_ctr_wrapped_bullets_and_the_condition_sentence():
    ab = _ab(EUCTR)
    assert [o.measure for o in ab.outcomes] == [      # wrapped bullets read as one line each
        "Proportion of patients with fever at 48 hours after the first dose (read by the central laboratory)",
        "Time to symptom clearance, defined as time from first dose until the last symptom disappears for at "
        "least 2 days", "Incidence of adverse events"]
    # the condition from the field's sentence, never "patients with fever ..." from an end point
    assert ab.study.conditions == ["mild condition Z infection"]


TAKEDA = """Trial Summary
Official Title
A Phase 1 Study of Single Oral ABC-123 Doses in Healthy Subjects
Takeda Trial ID
ABC-123_101
Compound
ABC-123
Trial arms/groups or cohorts
Placebo: Cohort 1-2: Placebo
Placebo solution, orally, once.
Intervention: drug: ABC-123 Placebo
Experimental: Cohort 1: ABC-123 1 mg
ABC-123 1 mg, solution, orally, once.
Experimental: Cohort 2: ABC-123 3 mg
ABC-123 3 mg, solution, orally, once.
"""


def test_sponsor_register_compound_is_the_intervention_of_arms_naming_it():
    ab = _ab(TAKEDA)
    assert sorted(i.name for i in ab.interventions) == ["ABC-123", "ABC-123 Placebo"]
    by = {a.label: a.interventions for a in ab.arms}
    assert by["Cohort 1: ABC-123 1 mg"] == ["ABC-123"]
    assert by["Cohort 1-2: Placebo"] == ["ABC-123 Placebo"]


GLUED = """Registration number：ChiCTR2700000002
Public title：Drug Q for condition Z in adults
Inclusion criteria1. Adults aged 18 to 60 years;
2. Condition Z confirmed.
Exclusion criteria1. Pregnancy;
2. Prior drug Q.
Interventions：Group：Drug Q groupSample size：24Intervention：Drug Q tabletsIntervention code：
Countries of recruitment and research settings：Country：ChinaProvince：HunanCity：ChangshaInstitution/hospital：Example Provincial HospitalLevel of the institution：Tertiary A
Recruiting status：Recruiting
"""


def test_chictr_fields_run_together_on_one_line():
    ab = _ab(GLUED)
    assert [(a.label, a.description) for a in ab.arms] == [("Drug Q group", "Drug Q tablets")]
    assert ab.study.enrollment == 24
    assert [(s.facility, s.city, s.region, s.country) for s in ab.study.sites] == [
        ("Example Provincial Hospital", "Changsha", "Hunan", "China")]
    # "Exclusion criteria1." glued to its first item starts the exclusion list
    assert [(c.kind, c.text) for c in ab.criteria] == [
        ("INCLUSION", "Adults aged 18 to 60 years;"), ("INCLUSION", "Condition Z confirmed."),
        ("EXCLUSION", "Pregnancy;"), ("EXCLUSION", "Prior drug Q.")]


DRKS = """DRKS-ID: DRKS00099999
Title
Breathing exercise for condition Z
Health condition or problem studied
ICD10: J45.9 - Asthma, unspecified
Inclusion Criteria
Gender: All
Minimum Age: 18 Years
Additional Inclusion Criteria
Condition Z for 1 year; non-smoker; able to attend weekly sessions
Exclusion Criteria
Pregnancy
Addresses
Primary Sponsor
Example University Hospital
Example Street 1
"""


def test_drks_coded_condition_additional_criteria_and_sponsor():
    ab = _ab(DRKS)
    assert ab.study.conditions == ["Asthma, unspecified"]
    assert [c.text for c in ab.criteria if c.kind == "INCLUSION"] == [
        "Condition Z for 1 year", "non-smoker", "able to attend weekly sessions"]
    assert ab.study.sponsor == "Example University Hospital"


def test_typed_interventions_run_together_and_sections_that_end_criteria():
    text = """Crossover study of drug Q
Arms:
Placebo then drug Q (Placebo Comparator)
Drug: Placebo; Drug: Drug Q

Inclusion criteria
a) Adults aged 18 to 60 years
b) Non-smoker

Endpoints
Primary: Peak concentration of drug Q (Time frame: 72 hours)

Key Exclusion Criteria |
i. Pregnancy
Study Duration | About 2 years
"""
    ab = _ab(text)
    assert [(o.kind, o.measure) for o in ab.outcomes] == [("PRIMARY", "Peak concentration of drug Q")]
    assert sorted(i.name for i in ab.interventions) == ["Drug Q", "Placebo"]
    assert [c.text for c in ab.criteria] == ["Adults aged 18 to 60 years", "Non-smoker", "Pregnancy"]


def test_ictrp_view_one_line_design_read_part_by_part():
    text = """International Clinical Trials Registry Platform
Main ID: NCT07000009
Public title: A study of drug Q in condition Z
Study type: Interventional
Study design: Allocation: Randomized. Intervention model: Parallel Assignment. Primary purpose: Treatment. Masking: Double (Participant, Investigator).
Phase: Phase 2
"""
    s = _ab(text).study
    assert (s.allocation, s.intervention_model, s.primary_purpose, s.masking) == (
        "RANDOMIZED", "PARALLEL", "TREATMENT", "DOUBLE")
    # a part the labels do not know, or a value not understood, gives nothing
    s = _ab(text.replace("Masking: Double (Participant, Investigator)", "Masking: see protocol")).study
    assert s.masking is None


ANZCTR = """Trial Review
Registration number ACTRN12699000000001
Public title Walking programme after hip surgery
Masking / blinding Blinded (masking used)
Who is / are masked / blinded? The people receiving the treatment/s
The people assessing the outcomes
Intervention assignment Parallel
Recruitment in Australia
Recruitment state(s) VIC
Recruitment hospital [1] Example General Hospital - Example Heights
Recruitment hospital [2] Second Example Hospital - Riverside
Funding & Sponsors
Funding source category [1] Government body
Name [1] Example Health Fund
Primary sponsor type University
Name Example University
Address Example Road 1
Country Australia
Contacts
Principal investigator
Name Dr A Example
"""


def test_anzctr_sponsor_block_hospitals_and_masked_roles():
    s = _ab(ANZCTR).study
    assert s.sponsor == "Example University"                  # not the funder, not the contact
    assert [(x.facility, x.city, x.country) for x in s.sites] == [
        ("Example General Hospital", "Example Heights", "Australia"), ("Second Example Hospital", "Riverside",
                                                                        "Australia")]
    assert s.masking == "DOUBLE"                              # two roles masked
    # a role line the table does not know: no count, no value
    text = ANZCTR.replace("The people assessing the outcomes", "Others as needed")
    assert _ab(text).study.masking is None


def test_page_of_a_registry_without_a_table_read_with_the_who_labels():
    text = """Thai-like Registry record
Public title: Breathing exercise for condition Z
Scientific title: A randomised trial of breathing exercise in adults with condition Z
Primary sponsor: Example Hospital
Recruitment status: Recruiting
Target sample size: 60
Study type: Interventional
"""
    from abstractor.extraction.doc import Doc

    assert Doc(text).registry.key == "ictrp"
    s = _ab(text).study
    assert (s.title, s.sponsor, s.enrollment, s.overall_status) == (
        "Breathing exercise for condition Z", "Example Hospital", 60, "RECRUITING")
    # two such labels are not enough: a ClinicalTrials.gov-like page stays generic
    assert Doc("Brief Summary\\nRecruitment status: Recruiting\\nPrimary sponsor: X\\n").registry is None


def test_isrctn_centre_name_over_its_address_lines():
    text = """ISRCTN registry
ISRCTN number: ISRCTN99999999
Locations
Countries of recruitment
United Kingdom
Trial participating centre
Example Community Hospital
1 Example Lane
Exampletown
EX1 2AB
United Kingdom
Trial participating centre
Second Example Clinic
Riverside
Sponsor information
Organisation
Example University
"""
    s = _ab(text).study
    assert [(x.facility, x.country) for x in s.sites] == [
        ("Example Community Hospital", "United Kingdom"), ("Second Example Clinic", None)]
    assert s.sponsor == "Example University"


EUCTR_DOWNLOAD = """Summary
EudraCT Number: 2031-000999-11
Trial Status: Ongoing
A. Protocol Information
A.3 Full title of the trial: An open-label study of drug Q in adults with condition Z
A.3 Full title of the trial (es): Estudio abierto del fármaco Q en adultos con la enfermedad Z
B.1.1 Name of Sponsor: Example Pharma Ltd
E.1.1 Medical condition(s) being investigated: Condition Z
E.1.1 Medical condition(s) being investigated (es): Enfermedad Z
E.3 Principal inclusion criteria: 1. Adults aged 18 to 65 years;
2. Condition Z confirmed by a specialist, including cases
with a second diagnosis;
E.3 Principal inclusion criteria (es): 1. Adultos de 18 a 65 años;
E.4 Principal exclusion criteria: 1. Pregnancy;
E.5.1 Primary end point(s): Over a 26-week period:
• Number of adverse events;
• Change from baseline in score S
E.5.1 Primary end point(s) (es): Durante 26 semanas:
• Número de acontecimientos adversos;
E.5.1.1 Timepoint(s) of evaluation of this end point: 26 weeks
E.8.1.2 Open: Yes
"""


def test_eu_ctr_download_fields_on_their_label_line_and_translations_left_out():
    ab = _ab(EUCTR_DOWNLOAD)
    s = ab.study
    assert s.official_title == "An open-label study of drug Q in adults with condition Z"
    assert s.conditions == ["Condition Z"]
    assert s.overall_status is None                 # "Ongoing": recruiting or not, the page does not say
    assert [(c.kind, c.text) for c in ab.criteria] == [
        ("INCLUSION", "Adults aged 18 to 65 years;"),
        ("INCLUSION", "Condition Z confirmed by a specialist, including cases with a second diagnosis;"),
        ("EXCLUSION", "Pregnancy;")]
    assert [(o.kind, o.measure, o.time_frame) for o in ab.outcomes] == [
        ("PRIMARY", "Number of adverse events;", "26 weeks"),
        ("PRIMARY", "Change from baseline in score S", "26 weeks")]


def test_chictr_group_regimen_split_into_its_agents_and_allocation_from_the_design_word():
    text = CHICTR.replace("Oral drug Q once daily", "Drug Q in combination with drug R and drug S").replace(
        "口服药物Q", "药物Q联合药物R")
    ab = _ab(text)
    assert ab.arms[0].interventions == ["Drug Q", "drug R", "drug S"]
    assert [i.name for i in ab.interventions] == ["Drug Q", "drug R", "drug S", "Observation only"]
    assert ab.study.allocation == "RANDOMIZED"            # "随机平行对照": randomised parallel
    from abstractor.extraction.blocks import components
    assert components("Oral drug Q 10 mg once daily", 0) == [("Oral drug Q 10 mg once daily", 0)]


def test_numbered_item_run_on_over_a_wrapped_line_is_split():
    text = """Exclusion criteria
1. Pregnancy.
2. Another cancer within 2 years. Note: skin cancer treated
locally is allowed. 3. Prior treatment with drug Q.
"""
    assert [c.text for c in _ab(text).criteria] == [
        "Pregnancy.", "Another cancer within 2 years. Note: skin cancer treated locally is allowed.",
        "Prior treatment with drug Q."]


def test_chictr_objectives_doses_sentences_starting_with_to_and_a_qualified_disease():
    text = CHICTR.replace("Target disease：\ngastric cancer", "Target disease：\nHER2-Positive, Locally Advanced "
                          "Gastric Cancer") + """研究目的：
确定药物Q（20 mg或40 mg）的剂量；
Objectives of Study：
To determine the dose of drug Q (20 or 40 mg once daily).
To compare drug Q with observation.
Study execute time：
From
2027-01-01
To
2029-12-31
"""
    ab = _ab(text)
    assert sorted((d.value, d.unit) for d in ab.dose_levels) == [(20.0, "mg"), (40.0, "mg")]
    # one disease with its qualifiers, not "HER2-Positive" and "Locally Advanced Gastric Cancer"
    assert ab.study.conditions == ["HER2-Positive, Locally Advanced Gastric Cancer"]
    from abstractor.extraction.doc import Doc
    d = Doc(text)
    to_lines = [i for i, ln in enumerate(d.lines) if ln.s.startswith("To ")]
    assert to_lines and not any(i in d.reg_lines for i in to_lines)   # sentences, not the "To" date field
    assert any(d.lines[i].s == "To" for i in d.reg_lines)


def test_eu_ctr_download_of_two_member_states_gives_each_item_once():
    state = """A.3.2 Name or abbreviated title of the trial where available: Study of drug Q in adults with condition Z
E.3 Principal inclusion criteria: 1. Adults aged 18 to 65 years;
E.4 Principal exclusion criteria: 1. Pregnancy;
E.5.1 Primary end point(s): Change in score S at week 12
Number of relapses
E.5.1.1 Timepoint(s) of evaluation of this end point: 12 weeks
"""
    text = ("Summary\nEudraCT Number: 2031-000999-11\nA. Protocol Information\nA.1 Member State Concerned: "
            "Spain\n" + state + "A.1 Member State Concerned: Italy\n" + state)
    ab = _ab(text)
    assert [c.text for c in ab.criteria] == ["Adults aged 18 to 65 years;", "Pregnancy;"]
    assert [(o.measure, o.time_frame) for o in ab.outcomes] == [
        ("Change in score S at week 12", "12 weeks"), ("Number of relapses", "12 weeks")]
    assert ab.study.acronym is None              # an abbreviated title of many words is no acronym


def test_eu_ctr_plain_condition_when_e11_is_empty_paragraphs_under_a_lead_in_and_a_lone_and():
    text = """Summary
EudraCT Number: 2031-000777-22
A. Protocol Information
A.3 Full title of the trial: A randomised study of drug Q in adults with mild condition Z, treated with standard care
E.1.1 Medical condition(s) being investigated:
E.1.1.1 Medical condition in easily understood language: Condition Z
E.3 Principal inclusion criteria: 1.\tAdults aged 50 years or more;
2.\tContraception, at screening and baseline visit:
Female patients of childbearing potential who agree to use an effective method of contraception
Male patients with a partner of childbearing potential who agree to use a condom
3.\tAble to give written consent.
E.5.1 Primary end point(s): The study has two primary end points:
•\tChange from baseline in score S at week 24
and
•\tChange from baseline in score T at week 24
E.5.1.1 Timepoint(s) of evaluation of this end point: week 24
"""
    ab = _ab(text)
    assert ab.study.conditions == ["Condition Z"]
    assert [c.text for c in ab.criteria] == [
        "Adults aged 50 years or more;", "Contraception, at screening and baseline visit:",
        "Female patients of childbearing potential who agree to use an effective method of contraception",
        "Male patients with a partner of childbearing potential who agree to use a condom",
        "Able to give written consent."]
    assert [o.measure for o in ab.outcomes] == ["Change from baseline in score S at week 24",
                                                "Change from baseline in score T at week 24"]
