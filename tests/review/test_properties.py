"""Properties: order never matters, and a study agrees fully with itself."""
from hypothesis import given, settings, strategies as st

from abstractor.review.agreement import compute
from abstractor.review.compare import compare_sets

from tests.review.fixture import study_a


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_any_reordering_of_rows_is_no_discrepancy(rng):
    a, b = study_a(), study_a()
    for key in ("criteria", "outcomes", "dose_levels", "arms", "interventions"):
        items = list(getattr(b, key))
        rng.shuffle(items)
        setattr(b, key, items)
    conditions = list(b.study.conditions)
    rng.shuffle(conditions)
    b.study.conditions = conditions
    c = compare_sets([a], [b])
    assert c.discrepancies == []
    ag = compute(c)
    assert ag.percent == 100.0
    assert all(r.f1 in (None, 1.0) for r in ag.rows.values())


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 4), st.randoms(use_true_random=False))
def test_dropping_one_criterion_is_exactly_one_discrepancy(drop, rng):
    a, b = study_a(), study_a()
    items = [c for i, c in enumerate(b.criteria) if i != drop]
    rng.shuffle(items)
    b.criteria = items
    (d,) = compare_sets([a], [b]).discrepancies
    assert (d.section, d.issue, d.path_a) == ("criteria", "only in A", f"criteria[{drop}]")
