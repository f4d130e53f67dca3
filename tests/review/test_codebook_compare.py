"""Codebook fields in compare, agreement and adjudication (issue 15): counted and settled like the
rest, and two sides under different codebook versions are told apart plainly."""
from __future__ import annotations

from abstractor.review.adjudicate import Adjudication
from abstractor.review.agreement import compute
from abstractor.review.compare import compare_sets
from models import schema


def side(vector, planned, version=1):
    return schema.Abstraction(
        id="4f1c1a52b0f24b7c9b6fbd1b7e0e9a01",
        study={"title": "A CAR-T study", "registry_ids": ["NCT00000001"],
               "extra": {"vector": vector, "costimulatory_domain": "CD28"}},
        dose_levels=[{"text": "1x10^6 cells/kg", "extra": {"patients_planned": planned}}],
        codebook={"name": "CAR-T", "version": version})


def test_a_difference_in_a_codebook_field_is_a_discrepancy_and_counts_in_agreement():
    c = compare_sets([side("lentiviral", 3)], [side("retroviral", 3)])
    [d] = c.studies[0].discrepancies
    assert (d.section, d.field, d.path_a, d.value_a, d.value_b) == (
        "study", "extra.vector", "study.extra.vector", "lentiviral", "retroviral")
    fields = {(f.section, f.field): f.agree for f in c.studies[0].fields}
    assert fields[("study", "extra.costimulatory_domain")] is True
    assert fields[("dose_levels", "extra.patients_planned")] is True
    assert not c.notes  # the same codebook version: nothing to say
    by_field = {(f.section, f.field): (f.items, f.agree) for f in compute(c).fields}
    assert by_field[("study", "extra.vector")] == (1, 0)
    assert by_field[("study", "extra.costimulatory_domain")] == (1, 1)


def test_row_codebook_fields_are_compared_on_matched_rows():
    c = compare_sets([side("lentiviral", 3)], [side("lentiviral", 6)])
    [d] = c.studies[0].discrepancies
    assert (d.field, d.path_b, d.value_a, d.value_b) == (
        "extra.patients_planned", "dose_levels[0].extra.patients_planned", 3, 6)


def test_different_codebook_versions_are_said_plainly():
    c = compare_sets([side("lentiviral", 3, version=1)], [side("lentiviral", 3, version=2)], "Ann", "Bob")
    assert any("different codebooks: Ann was abstracted under CAR-T v1, Bob under CAR-T v2" in n for n in c.notes)


def test_adjudication_settles_codebook_fields_into_the_consensus():
    adj = Adjudication(side("lentiviral", 3), side("retroviral", 6))
    adj.choose("study.extra.vector", "B")
    adj.edit("dose_levels[A0|B0].extra.patients_planned", 4)
    ab = adj.consensus("carol")
    assert ab.study.extra == {"vector": "retroviral", "costimulatory_domain": "CD28"}
    assert ab.dose_levels[0].extra == {"patients_planned": 4}
    assert ab.codebook == schema.CodebookRef(name="CAR-T", version=1)


def test_codebook_choice_fields_get_kappa_when_a_side_knows_the_codebook(tmp_path):
    from abstractor.codebooks import load_shipped
    from abstractor.review.values import choice_fields

    c = compare_sets([side("lentiviral", 3)], [side("retroviral", 3)])
    plain = {(f.section, f.field): f for f in compute(c).fields}
    assert not plain[("study", "extra.vector")].enumerated  # no codebook: percent agreement only
    c.choice_fields = choice_fields([load_shipped()])
    fields = {(f.section, f.field): f for f in compute(c).fields}
    assert fields[("study", "extra.vector")].enumerated and fields[("study", "extra.vector")].kappa is not None
    assert not fields[("dose_levels", "extra.patients_planned")].enumerated  # a number: no kappa
