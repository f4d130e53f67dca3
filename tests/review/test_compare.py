"""Comparison finds exactly the known differences, and pairs rows by content."""
from abstractor.review.compare import compare_sets, compare_studies, match_rows, match_studies
from abstractor.review.values import ROW_KIND, flatten

from tests.review.fixture import study_a, study_b


def _found(comparison):
    return sorted((d.section, d.field, d.issue) for d in comparison.discrepancies)


def test_finds_exactly_the_known_differences():
    c = compare_sets([study_a()], [study_b()])
    assert len(c.matched) == 1 and c.matched[0].matched_by == "registry id"
    assert _found(c) == [("criteria", "", "only in A"), ("dose_levels", "unit", "differs"),
                         ("study", "phases", "differs")]


def test_discrepancies_carry_values_paths_and_evidence():
    by = {(d.section, d.field): d for d in compare_sets([study_a()], [study_b()]).discrepancies}
    phase = by["study", "phases"]
    assert (phase.value_a, phase.value_b) == (["PHASE1", "PHASE2"], ["PHASE1"])
    assert (phase.evidence_a, phase.evidence_b) == ("Phase 1/2", "Phase 1")
    unit = by["dose_levels", "unit"]
    assert (unit.path_a, unit.value_a, unit.value_b) == ("dose_levels[1].unit", "cells/kg", "cells")
    assert unit.evidence_a == "6×10⁶ cells/kg"  # the row's quote stands in for the unit's
    missing = by["criteria", ""]
    assert missing.path_a == "criteria[1]" and missing.value_a["text"] == "Karnofsky score of at least 70"
    assert missing.evidence_a == "Karnofsky score of at least 70" and missing.value_b is None


def test_same_rows_in_another_order_are_no_discrepancy():
    a, b = study_a(), study_a()
    b.criteria = list(reversed(b.criteria))
    b.outcomes = list(reversed(b.outcomes))
    b.dose_levels = list(reversed(b.dose_levels))
    b.study.conditions = list(reversed(b.study.conditions))
    b.study.phases = ["PHASE2", "PHASE1"]  # a set: order means nothing
    assert compare_sets([a], [b]).discrepancies == []


def test_spacing_and_case_are_not_differences():
    a, b = study_a(), study_a()
    b.study.sponsor = "  invented   university hospital "
    b.criteria[0].text = "Histologically confirmed  clear cell renal carcinoma "
    assert compare_sets([a], [b]).discrepancies == []


def test_a_reworded_row_pairs_and_differs_in_its_text():
    a, b = study_a(), study_a()
    b.criteria[4].text = "Active hepatitis B virus infection"
    assert _found(compare_sets([a], [b])) == [("criteria", "text", "differs")]


def test_row_pairing_is_one_to_one_and_prefers_the_identical_row():
    kind = ROW_KIND["criteria"]
    a = [flatten(c) for c in study_a().criteria]
    b = [a[3], a[0]]  # only AST and the diagnosis: ALT must not pair with AST
    m = match_rows(kind, a, b)
    assert sorted((i, j) for i, j, _ in m.pairs) == [(0, 1), (3, 0)]
    assert m.only_a == [1, 2, 4] and m.only_b == []


def test_dose_levels_pair_by_number_when_wording_differs():
    a, b = study_a(), study_a()
    b.dose_levels[2].text = "18 million cells per kg"
    found = _found(compare_sets([a], [b]))
    assert found == [("dose_levels", "text", "differs")]


def test_studies_match_by_registry_id_else_title_and_never_across_ids():
    a1, a2, a3 = study_a(), study_a(), study_a()
    a2.study.registry_ids, a2.study.title = [], "A second invented study of CD19 CAR-T"
    a3.study.registry_ids, a3.study.title = ["NCT09990077"], "A third invented study"
    b1, b2, b3 = study_a(), study_a(), study_a()
    b2.study.registry_ids, b2.study.title = [], "A second invented study of CD19 CAR-T cells"
    b3.study.registry_ids, b3.study.title = ["NCT09990078"], "A third invented study"
    for s in (a1, a2, a3, b1, b2, b3):
        s.source = None  # the same document would pair them first (tests/review/test_pairing.py)
    pairs = match_studies([a1, a2, a3], [b3, b1, b2])
    assert (0, 1, "registry id") in pairs and (1, 2, "title") in pairs
    assert (2, None, "") in pairs and (None, 0, "") in pairs


def test_studies_on_one_side_are_listed_not_compared():
    other = study_a()
    other.study.registry_ids, other.study.title = ["NCT09990099"], "Unrelated invented study"
    c = compare_sets([study_a(), other], [study_b()])
    assert [s.label for s in c.only_a] == ["NCT09990099"]
    assert ("(study)", "", "only in A") in _found(c)


def test_compare_studies_keeps_the_agreeing_fields_too():
    sc = compare_studies(study_a(), study_b(), "registry id")
    agreeing = {(f.section, f.field) for f in sc.fields if f.agree}
    assert ("study", "enrollment") in agreeing and ("outcomes", "time_frame") in agreeing
    assert not any(f.section == "study" and f.field == "acronym" for f in sc.fields)  # blank on both
