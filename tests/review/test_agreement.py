"""Percent agreement, Cohen's kappa and row F1 against hand-computed values."""
import pytest

from abstractor.review.agreement import cohen_kappa, compute, percent_agreement
from abstractor.review.compare import compare_sets

from tests.review.fixture import study_a, study_b


def test_kappa_textbook_table():
    # 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    # p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = 0.2/0.5 = 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohen_kappa(pairs) == pytest.approx(0.4)
    assert percent_agreement(pairs) == pytest.approx(70.0)


def test_kappa_undefined_and_edge_cases():
    assert cohen_kappa([]) is None
    assert cohen_kappa([("x", "x")] * 3) is None  # one category only: p_e = 1
    assert cohen_kappa([("x", "y"), ("y", "x")]) == pytest.approx(-1.0)


def _pair(n, **changes):
    a, b = study_a(), study_a()
    a.study.registry_ids = b.study.registry_ids = [f"NCT0999010{n}"]
    for field, (va, vb) in changes.items():
        setattr(a.study, field, va)
        setattr(b.study, field, vb)
    return a, b


def test_study_type_and_sex_across_four_studies():
    # study_type A: INT INT OBS INT / B: INT OBS OBS INT
    #   p_o = 3/4; p_e = (3/4)(2/4) + (1/4)(2/4) = 1/2; kappa = (0.75-0.5)/0.5 = 0.5
    # sex: A: ALL ALL None FEMALE / B: ALL MALE None None -> item 3 blank on both (not counted);
    #   3 items, agree 1 -> 33.3%; categories ALL, FEMALE, (blank) / ALL, MALE, (blank):
    #   p_o = 1/3; p_e = (2/3)(1/3) = 2/9; kappa = (1/3 - 2/9)/(7/9) = 1/7
    pairs = [_pair(1, study_type=("INTERVENTIONAL", "INTERVENTIONAL"), sex=("ALL", "ALL")),
             _pair(2, study_type=("INTERVENTIONAL", "OBSERVATIONAL"), sex=("ALL", "MALE")),
             _pair(3, study_type=("OBSERVATIONAL", "OBSERVATIONAL"), sex=(None, None)),
             _pair(4, study_type=("INTERVENTIONAL", "INTERVENTIONAL"), sex=("FEMALE", None))]
    ag = compute(compare_sets([a for a, _ in pairs], [b for _, b in pairs]))
    fields = {f.name: f for f in ag.fields}
    st, sex = fields["study.study_type"], fields["study.sex"]
    assert (st.items, st.agree, st.percent) == (4, 3, 75.0)
    assert st.kappa == pytest.approx(0.5)
    assert (sex.items, sex.agree) == (3, 1) and sex.percent == pytest.approx(100 / 3)
    assert sex.kappa == pytest.approx(1 / 7)
    assert fields["study.sponsor"].kappa is None and not fields["study.sponsor"].enumerated
    assert fields["study.enrollment"].percent == 100.0


def test_known_pair_per_study_and_rows():
    ag = compute(compare_sets([study_a()], [study_b()]))
    crit = ag.rows["criteria"]
    # A has 5 criteria, B 4, all of B's paired: precision 4/4, recall 4/5, F1 = 8/9
    assert (crit.paired, crit.only_a, crit.only_b) == (4, 1, 0)
    assert (crit.precision, crit.recall, crit.f1) == (1.0, 0.8, pytest.approx(8 / 9))
    doses = ag.rows["dose_levels"]
    assert (doses.paired, doses.exact, doses.f1) == (3, 2, 1.0)
    assert ag.rows["outcomes"].exact == 3
    (study,) = ag.studies
    assert study.discrepancies == 3
    assert study.fields - study.agree == 2  # phase and unit (the missing row is not a field)
    assert study.percent == pytest.approx(100 * (study.fields - 2) / study.fields)
    assert ag.fields and ag.percent == pytest.approx(study.percent)


def test_f1_with_extra_and_missing_rows():
    a, b = study_a(), study_a()
    b.criteria = b.criteria[:3] + [b.criteria[0].model_copy(update={"text": "Signed informed consent"})]
    ra = compute(compare_sets([a], [b])).rows["criteria"]
    # paired 3, only in A 2, only in B 1: P = 3/4, R = 3/5, F1 = 6/9
    assert (ra.paired, ra.only_a, ra.only_b) == (3, 2, 1)
    assert ra.precision == 0.75 and ra.recall == 0.6 and ra.f1 == pytest.approx(6 / 9)
