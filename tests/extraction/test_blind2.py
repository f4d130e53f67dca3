"""Blind set 2: tests/extraction/blind2/*.txt, 20 invented pages written before reading the extractors.

Always checked: every evidence quote is the text it points at, the sparse page yields no
guess, and the patterns fixed after the first run. When ../shared/tools/score.py is present,
the set is scored against its gold with an overall F1 floor (BEFORE/AFTER in bench/README.md).
"""
from __future__ import annotations

import pytest

from extraction_helpers import BlindSet

BLIND = BlindSet("blind2", f1_floor=0.92)  # 0.887 on the first run, 0.94 after the fixes recorded in bench/README.md
_ex = BLIND.extract


@pytest.mark.parametrize("path", BLIND.pages, ids=BLIND.ids)
def test_evidence_quotes(path):
    BLIND.check_quotes(path)


def test_sparse_page_yields_no_guesses():
    ab = _ex("s08_sparse_chrome")        # its phase 2, 60 patients and 24 months belong to another trial
    s = ab.study
    assert s.phases == [] and s.enrollment is None and s.title is None and s.overall_status is None
    assert ab.outcomes == [] and ab.criteria == [] and ab.dose_levels == [] and ab.arms == []


def test_semicolon_clause_lists_are_split():
    crit = _ex("s06_cldn18_semicolons").criteria
    assert [c.kind for c in crit] == ["INCLUSION"] * 6 + ["EXCLUSION"] * 5
    assert crit[1].text.rstrip(";") == "at least one measurable lesion"
    crit = _ex("s09_cd22_peds_three_cities").criteria
    assert [c.text.rstrip(";.") for c in crit if c.kind == "EXCLUSION"] == [
        "Active CNS-3 disease", "Grade 2-4 acute GVHD", "uncontrolled infection",
        "receiving another investigational drug within 30 days"]


def test_record_fields_end_the_criteria():
    crit = _ex("s11_msln_criteria_before_fields").criteria
    assert crit[-1].text == "Active autoimmune disease requiring systemic treatment."


def test_pdq_group_headings_are_not_prefixes():
    texts = [c.text for c in _ex("c07_pdq_suspended").criteria]
    assert "Hepatic: Bilirubin no greater than 1.5 times upper limit of normal" in texts
    assert not any("CHARACTERISTICS" in t for t in texts)


def test_purpose_sentence_product_and_condition():
    ab = _ex("s11_msln_criteria_before_fields")
    assert [i.name for i in ab.interventions] == ["mesothelin-targeted CAR-T cells"]
    assert ab.study.conditions == ["platinum-resistant recurrent ovarian cancer"]
    assert [i.name for i in _ex("s12_nkg2d_nk_cohorts").interventions] == ["NKG2D CAR-NK cells"]


def test_blind2_score(tmp_path):
    BLIND.check_score(tmp_path)
