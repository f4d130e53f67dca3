"""Registry shapes added for issue 10: PACTR, ReBEC language lines, ANZCTR coded lines, IRCT summary,
ISRCTN EU numbers.  Every page here is invented."""
from abstractor.extraction import extract

PACTR = """Trial no.:
|
PACTR203101000123456 |
TRIAL DESCRIPTION |
Public title
|
Zinc and diarrhoea in toddlers |
Official scientific title |
A randomised controlled trial of zinc syrup for acute diarrhoea in toddlers in two districts |
Type of trial |
RCT |
Disease(s) or condition(s) being studied |
Digestive System,Infections and Infestations |
Sub-Disease(s) or condition(s) being studied |
Acute diarrhoea |
Purpose of the trial |
Early detection /Screening |
Anticipated target sample size (number of participants) |
400 |
Actual target sample size (number of participants) |
388 |
Recruitment status |
Completed |
"""


def test_pactr_page_is_read_through_its_table():
    s = extract(PACTR).abstraction.study
    assert s.registry_ids == ["PACTR203101000123456"]
    assert s.allocation == "RANDOMIZED"
    assert s.conditions == ["Digestive System", "Infections and Infestations", "Acute diarrhoea"]
    assert s.primary_purpose == "SCREENING"
    assert s.enrollment == 388                 # the actual size, printed beside the anticipated one
    assert s.overall_status == "COMPLETED"
    assert s.official_title.startswith("A randomised controlled trial of zinc")


def test_pactr_without_an_actual_size_takes_the_anticipated_one():
    s = extract(PACTR.replace("388 |\n", "|\n")).abstraction.study
    assert s.enrollment == 400


REBEC = """Public trial
RBR-9zz9zz9 Walking groups for older adults
Study type:
Interventional
Scientific title:
en
Walking groups for older adults with knee pain: randomized clinical trial
pt-br
Grupos de caminhada para idosos com dor no joelho: ensaio clínico randomizado
Trial identification
- UTN code: U1111-0000-0000
Public title:
en
Walking groups for older adults
pt-br
Grupos de caminhada para idosos
Scientific acronym:
-
Secondaries identifiers:
-
"""


def test_rebec_values_are_read_under_their_language_line():
    ab = extract(REBEC).abstraction
    assert ab.study.title == "Walking groups for older adults"
    assert ab.study.official_title.startswith("Walking groups for older adults with knee pain")
    assert ab.study.allocation == "RANDOMIZED"
    assert ab.study.study_type == "INTERVENTIONAL"
    assert ab.study.acronym is None            # "-" marks an empty field


ANZ = """Trial details imported from ClinicalTrials.gov
Registration number
NCT09999999
Titles & IDs
Public title
A Study of Drug Q in Gout
Scientific title
A Randomized, Double-blind, Placebo-controlled Phase 2 Study of Drug Q in Adults With Gout
Secondary ID [1] 0 0
2031-500123-45-00
Secondary ID [2] 0 0
QX-201
Universal Trial Number (UTN)
Description of intervention(s) / exposure
Treatment: Drugs - Drug Q (QX-1, Quorvia)
Other interventions - Placebo
Experimental: Drug Q - Participants take Drug Q 20 mg once daily.
Placebo comparator: Placebo - Participants take a matching placebo once daily.
"""


def test_anzctr_copy_of_a_ctgov_record_gives_ids_arms_and_interventions():
    ab = extract(ANZ).abstraction
    assert ab.study.registry_ids == ["NCT09999999", "2031-500123-45-00"]
    assert [(i.name, i.type, i.other_names) for i in ab.interventions] == \
        [("Drug Q", "DRUG", ["QX-1", "Quorvia"]), ("Placebo", "OTHER", [])]
    assert [(a.label, a.type) for a in ab.arms] == [("Drug Q", "EXPERIMENTAL"), ("Placebo", "PLACEBO_COMPARATOR")]
    assert ab.arms[0].interventions == ["Drug Q"]
    assert ab.study.phases == ["PHASE2"]


IRCT = """Protocol summary

Study aim
Effect of a school programme on risk factors
Design
Field trial; the second phase adds parents.
Main outcome variables
Blood pressure; waist circumference; daily steps; sugary drinks per week

General information
Acronym
SCHOOLFIT
IRCT registration information
IRCT registration number: IRCT20310101000001N1
The study runs in stages. Phase IV: the results are shared. In this phase only one group takes part.
"""


def test_irct_summary_outcomes_and_no_phase_from_a_stage_of_the_work():
    ab = extract(IRCT).abstraction
    assert ab.study.registry_ids == ["IRCT20310101000001N1"]
    assert [o.measure for o in ab.outcomes] == ["Blood pressure", "waist circumference", "daily steps",
                                                "sugary drinks per week"]
    assert ab.study.phases == []
    assert ab.study.intervention_model is None


ISRCTN = """Fish oil in dry eye - the FODE randomised trial

ISRCTN ISRCTN99999999
DOI https://doi.org/10.1186/ISRCTN99999999
EudraCT/CTIS number 2031-000111-22
Secondary identifying numbers 12345
Recruitment status
No longer recruiting
Overall study status
Completed
"""


def test_isrctn_eu_number_is_a_registry_id():
    s = extract(ISRCTN).abstraction.study
    assert s.registry_ids == ["ISRCTN99999999", "2031-000111-22"]
    assert s.overall_status == "COMPLETED"


def test_a_banner_about_interventional_trials_states_no_study_type():
    text = ("Clinical trials register\nThis register holds interventional clinical trials that were approved "
            "in the region.\n\nSummary\nEudraCT number 2031-000999-11\n")
    assert extract(text).abstraction.study.study_type is None


EUCTR_RESULTS = """Clinical Trial Results:
            A phase III, randomised study of Drug Z in chronic itch
|     Summary | |
|     EudraCT number | 2031-001234-56 |
|     Trial protocol | DE FR |
|     Trial identification | |||
|     US NCT number | NCT09999998 | ||
|     Sponsor organisation name |
                                    Zeta Pharma GmbH
                             | ||
"""


def test_two_cell_table_rows_of_a_results_page_are_label_and_value():
    s = extract(EUCTR_RESULTS).abstraction.study
    assert s.registry_ids == ["2031-001234-56", "NCT09999998"]
    assert s.sponsor == "Zeta Pharma GmbH"


def test_label_value_rows_closed_by_bars_and_a_breadcrumb_id():
    text = ("JRCT ID: jRCT2039999999\nRegistered date:01/01/2031\nA Study of Drug K in Adults With Eczema\n"
            "Basic Information\nRecruitment status | Recruiting |\n---|---|\n"
            "Health condition(s) or Problem(s) studied | Atopic Dermatitis |\nTarget sample size | 120 |\n")
    s = extract(text).abstraction.study
    assert (s.overall_status, s.conditions, s.enrollment) == ("RECRUITING", ["Atopic Dermatitis"], 120)


def test_slctr_empty_fields_do_not_lend_their_neighbours_as_titles():
    text = ("Home » Trials » SLCTR/2031/001\n\nA non randomized trial of a walking club for older adults.\n\n\n"
            "SLCTR Registration Number\n\n\nDate of Registration\n\n01 Jan 2031\n\n"
            "Scientific Title of Trial\n\nA non randomized trial of a walking club for older adults.\n\n"
            "Public Title of Trial\n\nWalking club for older adults\n\nScientific Acronym\n\n\n"
            "Brief title\n\n\nUniversal Trial Number\n\n\n")
    s = extract(text).abstraction.study
    assert s.title == "Walking club for older adults"
    assert s.allocation == "NON_RANDOMIZED"


def test_rebec_fields_as_list_items_and_conditions_under_their_language_line():
    text = REBEC + ("Sponsors\n- Primary sponsor: Universidade Federal de Exemplo\n-\nHealth conditions\n-\n"
                    "Health conditions:\nen\nKnee pain; osteoarthritis\npt-br\nDor no joelho; osteoartrite\n-\n")
    s = extract(text).abstraction.study
    assert s.sponsor == "Universidade Federal de Exemplo"
    assert s.conditions == ["Knee pain", "osteoarthritis"]


def test_status_fields_printed_as_list_items_and_phase_i_comma_ii():
    text = ("Fish oil in dry eye\nISRCTN | ISRCTN99999997 |\n---|---|\nDOI | https://doi.org/10.1186/ISRCTN99999997 |\n"
            "- Recruitment status\n- No longer recruiting\n- Overall study status\n- Completed\n")
    assert extract(text).abstraction.study.overall_status == "COMPLETED"
    from abstractor.extraction import values
    assert values.phases("Phase I,II") == ["PHASE1", "PHASE2"]


def test_slctr_design_field_printed_as_unlabelled_lines():
    text = ("SLCTR Registration Number\n\nSLCTR/2031/002\n\nType of study\n\n\nStudy design\n\n"
            "Randomized controlled trial\n\n\nMasking not used\n\n\nActive\n\n\nHealth services research\n\n\n"
            "Study Phase\n\nNot Applicable\n")
    s = extract(text).abstraction.study
    assert (s.allocation, s.masking, s.primary_purpose) == ("RANDOMIZED", "NONE", "HEALTH_SERVICES_RESEARCH")


def test_title_after_a_one_line_field_and_randomised_to_in_an_intervention_field():
    text = ("JRCT ID: jRCT2039999998\nRegistered date:01/01/2031\n"
            "A Study of Drug K and Whether it Helps Adults With Eczema\nBasic Information\n"
            "Recruitment status | Recruiting |\n---|---|\n"
            "Intervention(s) | Participants will be randomized to receive Drug K or placebo. |\n")
    s = extract(text).abstraction.study
    assert s.title == "A Study of Drug K and Whether it Helps Adults With Eczema"
    assert s.allocation == "RANDOMIZED"


def test_a_time_frame_line_under_an_outcome_label_is_not_an_outcome():
    text = ("UMIN000099999\nUMIN-CTR\nPrimary outcomes\n\nItch score counted every 4 weeks from the start of dosing\n\n"
            "Key secondary outcomes\n\nevery 4 weeks from the start of administration\n\n1.Sleep score\n2.Skin score\n")
    measures = [o.measure for o in extract(text).abstraction.outcomes]
    assert "every 4 weeks from the start of administration" not in measures


def _results_page(reached: str, early: str) -> str:
    return ("Clinical Trial Results:\n A phase 2 trial of Drug Y\n|     EudraCT number | 2031-004444-44 |\n"
            "Global end of trial reached? |\n%s\n|\n||\nWas the trial ended prematurely? |\n%s\n|\n" % (reached, early))


def test_results_page_end_of_trial_answers_give_the_status():
    assert extract(_results_page("Yes", "No")).abstraction.study.overall_status == "COMPLETED"
    assert extract(_results_page("Yes", "Yes")).abstraction.study.overall_status == "TERMINATED"
    assert extract(_results_page("No", "No")).abstraction.study.overall_status is None


ICTRP_VIEW = """World Health Organization site
Note: This record shows only 22 elements of the WHO Trial Registration Data Set.
Register: REBEC
Last refreshed on: 1 May 2031
Main ID:  RBR-9yy9yy9
Primary sponsor: Universidade de Exemplo
Public title: Posture classes for pupils
Scientific title: Effects of posture classes on scoliosis posture of pupils: a randomized trial
URL:  http://ensaiosclinicos.gov.br/rg/RBR-9yy9yy9
Study type:  Intervention
Study design:  Randomized controlled trial, parallel, prospective, blind, with two arms
Phase:  N/A
"""


def test_ictrp_view_of_another_registry_is_read_with_the_who_labels():
    s = extract(ICTRP_VIEW).abstraction.study
    assert (s.study_type, s.allocation, s.intervention_model, s.phases) == \
        ("INTERVENTIONAL", "RANDOMIZED", "PARALLEL", ["NA"])
    assert s.sponsor == "Universidade de Exemplo"


def test_isrctn_status_pair_flattened_sponsor_and_a_provisional_actrn():
    base = ("A trial of talking\n\nISRCTN ISRCTN99999996\nDOI https://doi.org/10.1186/ISRCTN99999996\n"
            "Sponsor University of Example (UK)\nRecruitment status\n%s\nOverall study status\n%s\n")
    s = extract(base % ("Recruiting", "Ongoing")).abstraction.study
    assert (s.overall_status, s.sponsor) == ("RECRUITING", "University of Example (UK)")
    assert extract(base % ("No longer recruiting", "Completed")).abstraction.study.overall_status == "COMPLETED"
    assert extract(base % ("No longer recruiting", "Ongoing")).abstraction.study.overall_status is None
    anz = "Registration number\nACTRN12631000111222p\nPublic title\nTea for sleep\n"
    assert extract(anz).abstraction.study.registry_ids == ["ACTRN12631000111222p"]


def test_a_registry_page_takes_conditions_from_its_field_not_from_its_summary():
    text = PACTR.split("Disease(s)")[0] + ("Brief summary describing the background\nand objectives of the trial\n|\n"
                                           "This trial treats children with uncomplicated falciparum malaria. |\n")
    assert extract(text).abstraction.study.conditions == []


def test_irct_design_text_numbered_dash_criteria_and_placeholder_outcomes():
    text = IRCT.replace("Field trial; the second phase adds parents.",
                        "The present study is a clinical trial with a control group, with parallel, randomized group, "
                        "phase 3 over 60 pupils") + \
        ("Participants/Inclusion and exclusion criteria\nInclusion criteria: 1- Pupils aged 8 to 12 2- Written consent "
         "Exclusion criteria: 1- Heart disease 2- Asthma\n")
    ab = extract(text).abstraction
    assert (ab.study.allocation, ab.study.intervention_model, ab.study.phases) == ("RANDOMIZED", "PARALLEL", ["PHASE3"])
    assert [(c.kind, c.text) for c in ab.criteria] == [("INCLUSION", "Pupils aged 8 to 12"), ("INCLUSION", "Written consent"),
                                                       ("EXCLUSION", "Heart disease"), ("EXCLUSION", "Asthma")]


def test_old_pactr_layout_and_assessor_blinding():
    text = ("Pan African Clinical Trials Registry\nTrial no.: PACTR203102000111222 Date registered: 2031/01/01\n"
            "TRIAL DESCRIPTION\nPublic title Zinc for toddlers\nType of trial CCT\n"
            "Disease(s) or condition(s) being studied HIV/AIDS , Tuberculosis ,\n"
            "Recruitment status Open to recruitment: actively recruiting participants\n"
            "A controlled trial with evaluator blinding.\n")
    s = extract(text).abstraction.study
    assert (s.allocation, s.conditions, s.overall_status, s.masking) == \
        ("NON_RANDOMIZED", ["HIV/AIDS", "Tuberculosis"], "RECRUITING", "SINGLE")


def test_isrctn_old_layout_placeholder_is_not_an_outcome():
    text = ("Condition category\nMental and Behavioural Disorders\nDate applied\n01/01/2031\nOverall trial status\n"
            "Completed\nPlain English Summary\n\nNot provided at time of registration\n\nPrimary outcome measure\n\n"
            "Not provided at time of registration\n\nAcronym\n\nStudy hypothesis\nTalking helps.\n")
    ab = extract(text).abstraction
    assert ab.outcomes == [] and ab.study.acronym is None
    assert ab.study.overall_status == "COMPLETED"


def test_a_registry_banner_address_is_not_a_site():
    text = ("Home\n\nPan African Clinical Trials Registry\nExample Medical Research Council, Example Centre\n"
            "PO Box 1, Exampletown, 7505, South Africa\nTrial no.: PACTR203103000111333 Date registered: 2031/01/01\n"
            "TRIAL DESCRIPTION\nPublic title Zinc for toddlers\nType of trial RCT\n")
    assert extract(text).abstraction.study.sites == []


def test_anzctr_record_codes_after_an_index_and_a_lead_in_sentence():
    text = ("Registration number\nACTRN12631000111444\nUniversal Trial Number (UTN)\nPublic title\nTamoxifen for prevention\n"
            "Primary outcome [1] 2291 0\nDisease-free survival\nTimepoint [1] 2291 0\nEvery 6 months.\n"
            "Key inclusion criteria\nWomen must satisfy at least one of the entry criteria listed below.\n"
            "A) Age 45-70 with a family history\n")
    ab = extract(text).abstraction
    assert [o.measure for o in ab.outcomes] == ["Disease-free survival"]
    assert [c.text for c in ab.criteria] == ["Age 45-70 with a family history"]


def test_registry_page_ages_not_from_a_title_but_from_criteria():
    head = ("Pan African Clinical Trials Registry\nTrial no.: PACTR203104000111555\nTRIAL DESCRIPTION\n"
            "Public title Local food for children aged 6 to 59 months with malnutrition\nType of trial RCT\n")
    s = extract(head).abstraction.study
    assert (s.min_age, s.max_age) == (None, None)
    s = extract(head + "Inclusion criteria Children aged 6 to 59 months admitted with malnutrition\n").abstraction.study
    assert (s.min_age, s.max_age) == ("6 Months", "59 Months")


ISRCTN_GLUED = """A randomised trial of walking in labour
ISRCTN ISRCTN99999995
DOI https://doi.org/10.1186/ISRCTN99999995
Study information
Study designRandomised controlled trial
Primary study designInterventional
Study typeTreatment
Health condition(s) or problem(s) studiedPregnancy and Childbirth: Labour
Primary outcome measure | Effectiveness and comfort: 1. Effectiveness as the share delivered within 24 hours 2. Comfort rated after 12 hours |
Key inclusion criteria200 women in late pregnancy
Key exclusion cri"""


def test_isrctn_glued_labels_category_prefix_and_numbered_outcomes():
    ab = extract(ISRCTN_GLUED).abstraction
    assert ab.study.conditions == ["Labour"]
    assert ab.study.primary_purpose == "TREATMENT"
    assert [o.measure for o in ab.outcomes] == ["Effectiveness as the share delivered within 24 hours",
                                                "Comfort rated after 12 hours"]
    assert [c.text for c in ab.criteria] == ["200 women in late pregnancy"]     # not the cut heading


def test_eu_ctr_banner_mentioning_ctis_is_still_eu_ctr_and_cluster_randomized_titles():
    text = ("Flag of the European Union EU Clinical Trials Register Help\n\nThe register lists trials; newer ones are "
            "in the Clinical Trials Information System (CTIS).\n\n    Clinical Trial Results:\n"
            "    A randomised double-blind, parallel group study of Drug V in asthma\n\n    Summary\n    EudraCT number\n"
            "    2031-005555-55\n")
    s = extract(text).abstraction.study
    assert s.official_title.startswith("A randomised double-blind, parallel group")
    assert (s.allocation, s.intervention_model) == ("RANDOMIZED", "PARALLEL")
    assert design_words_alloc("An Open-Label, Parallel-Group, Cluster-Randomized Trial") == "RANDOMIZED"
    assert design_words_alloc("开放、平行、随机对照研究") == "RANDOMIZED"
    assert design_words_alloc("非随机对照研究") == "NON_RANDOMIZED"


def design_words_alloc(title: str):
    from abstractor.extraction.designwords import design_words
    return design_words(title)["allocation"][0]


def test_old_pactr_layout_reads_both_condition_fields_and_open_labelled():
    text = ("Pan African Clinical Trials Registry\nTrial no.: PACTR203105000111666\nTRIAL DESCRIPTION\n"
            "Official scientific title An open labelled trial of drug D for malaria in pregnancy\n"
            "Disease(s) or condition(s) being studied Infections and Infestations\n"
            "Sub-Disease(s) or condition(s) being studied Malaria\nPurpose of the trial Prevention\n")
    s = extract(text).abstraction.study
    assert s.conditions == ["Infections and Infestations", "Malaria"]
    assert s.masking == "NONE"


def test_masking_from_the_roles_blinded_and_a_glued_outcome_label():
    from abstractor.extraction import values
    assert values.masking("Participant, Investigator, Outcome Assessor and Date-entry Operator Blinded") == "TRIPLE"
    assert values.masking("Investigator Blinded") == "SINGLE"
    text = ICTRP_VIEW.replace("Study design:  Randomized controlled trial, parallel, prospective, blind, with two arms",
                              "Study design:  Randomized, Parallel Group, Placebo Controlled Trial\n"
                              "Method of allocation concealment:Sealed envelopes Blinding and masking:Participant, "
                              "Investigator and Outcome Assessor Blinded")
    assert extract(text).abstraction.study.masking == "TRIPLE"
    glued = ISRCTN_GLUED.replace("Primary outcome measure | Effectiveness and comfort: 1. Effectiveness as the share "
                                 "delivered within 24 hours 2. Comfort rated after 12 hours |",
                                 "Primary outcome measureDuration of labour in each group")
    assert [o.measure for o in extract(glued).abstraction.outcomes] == ["Duration of labour in each group"]


GSK_NEW = """Last updated: 01/05/2031 09:30:07

A cohort study of fever in two towns

GSK study ID
999999
Clinicaltrials.gov ID
EU CT Number
Not applicable
Trial status
Study complete
Trial overview

Official title: A cohort study of fever in two towns
Primary purpose:
Other
Trial design:
Single Group Assignment
Masking:
None (Open Label)
Primary outcomes:

Occurrence of fever with a positive test.

Timeframe: At Month 24

Secondary outcomes:

Occurrence of fever without a positive test.

Timeframe: At Month 12

  • Enrollment:
    1500
    Medical condition
    Dengue
    Product
    GSK0000000A
"""


def test_gsk_register_layout_with_timeframe_lines_and_bulleted_fields():
    ab = extract(GSK_NEW).abstraction
    s = ab.study
    assert (s.overall_status, s.primary_purpose, s.intervention_model, s.masking) == \
        ("COMPLETED", "OTHER", "SINGLE_GROUP", "NONE")
    assert sorted((o.kind.value, o.measure, o.time_frame) for o in ab.outcomes) == [
        ("PRIMARY", "Occurrence of fever with a positive test.", "At Month 24"),
        ("SECONDARY", "Occurrence of fever without a positive test.", "At Month 12")]
    assert s.conditions == ["Dengue"]
    assert s.enrollment == 1500


def test_irct_design_sentence_without_blinding_and_with_parallel_design():
    text = IRCT.replace("Field trial; the second phase adds parents.",
                        "A phase 2 clinical trial study without blinding and with parallel design will be performed on "
                        "60 pupils aged 8 to 12 in four schools of two cities, chosen by the school boards in each "
                        "city. Participants will be randomly assigned to study groups using the table of random numbers.")
    s = extract(text).abstraction.study
    assert (s.masking, s.intervention_model, s.phases) == ("NONE", "PARALLEL", ["PHASE2"])


def test_irct_summary_size_dash_outcomes_and_lead_in_outcome_sentence():
    text = ("Protocol summary\n\nStudy aim\nEffect of an extract on foot ulcers\nDesign\n"
            "A clinical trial with a control group, randomized, on 40 patients (20 patients in each group).\n"
            "Main outcome variables\nFaster healing - shorter stay - lower costs - patient satisfaction\n")
    ab = extract(text).abstraction
    assert ab.study.enrollment == 40 and ab.study.allocation == "RANDOMIZED"
    assert [o.measure for o in ab.outcomes] == ["Faster healing", "shorter stay", "lower costs", "patient satisfaction"]
    isrctn = ISRCTN.replace("Recruitment status\n", "Secondary outcome measures\n\nThere are several secondary outcomes\n\n"
                            "Target number of participants\n\n160 (80 in each group)\n\nRecruitment status\n")
    ab = extract(isrctn).abstraction
    assert ab.outcomes == [] and ab.study.enrollment == 160


def test_pactr_empty_sub_disease_does_not_take_the_next_field():
    text = ("Pan African Clinical Trials Registry\nTrial no.: PACTR203106000111777\nTRIAL DESCRIPTION\n"
            "Disease(s) or condition(s) being studied Haematological Disorders,Sickle Cell Disease\n"
            "Sub-Disease(s) or condition(s) being studied\nPurpose of the trial Education /Training\n")
    assert extract(text).abstraction.study.conditions == ["Haematological Disorders", "Sickle Cell Disease"]


def test_criteria_with_dash_bullets_glued_to_their_text():
    text = ("Key inclusion criteria\n-15 years or older\n-Treated for these conditions\n"
            "Key exclusion criteria\n-Pregnant women\n")
    crit = extract(text).abstraction.criteria
    assert [c.text for c in crit] == ["15 years or older", "Treated for these conditions", "Pregnant women"]
