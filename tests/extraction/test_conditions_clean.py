"""Condition fields of registry pages (issue 10, page heads): the registry's record codes after a
name, the label repeated on the value's line, and placeholders that name no condition.
Pages invented for the test."""
from __future__ import annotations

from extraction_helpers import assert_quotes

from abstractor.extraction import extract

CODED = """Trial registered on the registry

Registration number
ACTRN12700000000001
Titles & IDs
Public title
Walking more after knee surgery
Scientific title
A randomised trial of a walking programme after knee replacement
Universal Trial Number (UTN)
Health condition
Health condition(s) or problem(s) studied:
Knee replacement 400111 0
Post-operative pain 400112 0
Condition category
Condition code
"""

PLACEHOLDER = """Unique ID issued by UMIN
UMIN000099999
Official scientific title of the study
Effect of a test drink on sleep quality in adults
Condition

None

Classification by specialty
"""

LABEL_ON_LINE = """Unique ID issued by UMIN
UMIN000099998
Official scientific title of the study
Test food and skin moisture
Condition
Condition Dry skin
Classification by specialty
Adult
"""


def conditions(text):
    ex = extract(text)
    assert_quotes(text, ex)
    return ex.abstraction.study.conditions


def test_record_codes_after_a_name_are_not_part_of_it():
    assert conditions(CODED) == ["Knee replacement", "Post-operative pain"]


def test_a_placeholder_names_no_condition():
    assert conditions(PLACEHOLDER) == []


def test_the_label_repeated_on_the_line_is_not_part_of_the_name():
    assert conditions(LABEL_ON_LINE) == ["Dry skin"]


# A register printed as a two-column table whose cells end with " |" and whose empty cells are a lone "|".
BARRED = """CTRI Number |
CTRI/2027/01/000001 [Registered on: 02/01/2027] Trial Registered Prospectively |
Type of Trial |
Interventional |
Study Design |
Randomized, Parallel Group Trial |
Public Title of Study
|
Herbal tea for people who are overweight |
Scientific Title of Study
|
A RANDOMIZED TRIAL OF HERBAL TEA AGAINST WATER IN OVERWEIGHT ADULTS |
Trial Acronym |
|
"""


def test_table_bars_are_not_values():
    ex = extract(BARRED)
    assert_quotes(BARRED, ex)
    st = ex.abstraction.study
    assert st.title == "Herbal tea for people who are overweight"  # the public title, as a brief title
    assert st.official_title == "A RANDOMIZED TRIAL OF HERBAL TEA AGAINST WATER IN OVERWEIGHT ADULTS"
    assert st.allocation.value == "RANDOMIZED" and st.acronym is None


PARTNER_IDS = """某研究
注册号:
Registration number:
ITMCTR2700000001
在二级注册机构或其它机构的注册号:
The registration number of the Partner Registry or other register:
ChiCTR2700000002 ; ChiMCTR2700000001
注册题目:
Public title:
A study of a herbal formula for tiredness
"""


def test_partner_registry_numbers_are_the_trials_ids_too():
    ex = extract(PARTNER_IDS)
    assert_quotes(PARTNER_IDS, ex)
    assert ex.abstraction.study.registry_ids == ["ITMCTR2700000001", "ChiCTR2700000002", "ChiMCTR2700000001"]


TITLE_WORDS = """Trial registered on ANZCTR
Registration number
ACTRN12700000000002
Public title
Sleep and a new tablet
Scientific title
Tablet Q for Adults with Insomnia: A Randomised, Double-blind, Placebo-controlled, Multicentre Clinical Trial
"""


def test_design_words_in_a_title_state_allocation_and_masking():
    ex = extract(TITLE_WORDS)
    assert_quotes(TITLE_WORDS, ex)
    st = ex.abstraction.study
    assert (st.allocation.value, st.masking.value) == ("RANDOMIZED", "DOUBLE")
    single = extract("Title: A single-blind comparison of two creams\n").abstraction.study
    assert single.masking.value == "SINGLE"


def test_an_acronym_field_holding_a_short_title_is_no_acronym():
    page = ("Unique ID issued by UMIN UMIN000099997\nBasic information\nPublic title\n\nTest food and sleep in adults\n\n"
            "Acronym\n\nA long-term test of a food for sleep in healthy adults\n\nScientific Title\n\n"
            "A long-term test of a food for sleep in healthy adults\n")
    assert extract(page).abstraction.study.acronym is None
    assert extract("Title: A trial of drug Q\nAcronym: QUEST-2\n").abstraction.study.acronym == "QUEST-2"


# An EU CTR results page: labels over values in a bar-ruled table, lines of bars only between them.
RESULTS_PAGE = """Clinical Trial Results:
A randomised study of drug Q against placebo in adults with mild asthma
Summary
|
|
EudraCT number |
2027-000001-11 |
Global end of trial date |
01 Jan 2027
|
|||
Additional study identifiers
|
|||
ISRCTN number |
- | ||
US NCT number |
NCT09990003 | ||
Sponsors
|
|||
Sponsor organisation name |
Example Pharma A/S
|
||
"""


def test_an_eu_results_page_names_title_ids_and_sponsor():
    ex = extract(RESULTS_PAGE)
    assert_quotes(RESULTS_PAGE, ex)
    st = ex.abstraction.study
    assert st.official_title == "A randomised study of drug Q against placebo in adults with mild asthma"
    assert st.registry_ids == ["2027-000001-11", "NCT09990003"]
    assert st.sponsor == "Example Pharma A/S"


def test_a_title_on_its_label_line_in_a_flattened_table():
    page = ("Unique ID issued by UMIN UMIN000099996\nBasic information\n"
            "Public title Does a morning walk help people sleep better?\n"
            "Scientific Title Effect of a morning walking programme on sleep quality in adults\n")
    ex = extract(page)
    assert_quotes(page, ex)
    st = ex.abstraction.study
    assert st.title == "Does a morning walk help people sleep better?"
    assert st.official_title == "Effect of a morning walking programme on sleep quality in adults"


def test_empty_codes_after_a_name_and_a_table_row_is_no_title():
    page = CODED.replace("Post-operative pain 400112 0", "Post-operative pain 0 0")
    assert conditions(page) == ["Knee replacement", "Post-operative pain"]
    rows = "|     Summary | |\n|     EudraCT number | 2027-000001-11 | \n"
    assert extract(rows).abstraction.study.title is None


def test_an_enumeration_ending_with_and_is_split_into_its_conditions():
    from abstractor.extraction.conditions import _inline_parts
    assert _inline_parts("gastric ulcer, reflux esophagitis, ulcerative colitis , Crohn's disease, and cirrhosis") == \
        ["gastric ulcer", "reflux esophagitis", "ulcerative colitis", "Crohn's disease", "cirrhosis"]
    assert _inline_parts("HIV/AIDS , Tuberculosis ,") == ["HIV/AIDS", "Tuberculosis"]
    assert _inline_parts("Carcinoma, Non-Small-Cell Lung") == ["Carcinoma, Non-Small-Cell Lung"]


def test_a_condition_under_an_older_category_wording_loses_the_category():
    from abstractor.extraction.base import Found
    from abstractor.extraction.conditions import _clean
    assert _clean(Found("Respiratory tract diseases: Asthma", 0, 34, 0.9, "t")).value == "Asthma"
    assert _clean(Found("Pregnancy and Childbirth: Labour", 0, 32, 0.9, "t")).value == "Labour"
    assert _clean(Found("Type 2 diabetes: newly diagnosed", 0, 32, 0.9, "t")).value == "Type 2 diabetes: newly diagnosed"
