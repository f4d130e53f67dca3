"""Held-out check: invented pages in many registry layouts, with per-field accuracy floors.

The pages come from tests/extraction/held_out (own words and values, no corpus
text), so these floors measure how the extractors generalise, not how well
they fit the visible corpus. Run ``python -m tests.extraction.held_out.run``
for the full per-field table and sample failures.
"""
from __future__ import annotations

import pytest

from abstractor.extraction import extract
from extraction_helpers import assert_quotes
from tests.extraction.held_out.run import evaluate, generators
from tests.extraction.held_out.scoring import LISTS, SCALARS

N_PAGES = 60

# Floors per kind: (every scalar's page accuracy, every list's F1, overall F1).
FLOORS = {"ctgov": (0.97, 0.97, 0.99), "scrape": (0.95, 0.95, 0.98)}


@pytest.fixture(scope="module", params=sorted(generators()))
def tally(request):
    return request.param, evaluate(request.param, N_PAGES, seed0=1)


def test_scalar_fields(tally):
    kind, t = tally
    floor = FLOORS[kind][0]
    low = {f: round(t.scalar_acc(f), 3) for f in SCALARS if t.scalar_acc(f) < floor}
    assert not low, "%s: fields below %.2f: %s\n%s" % (kind, floor, low, t.report())


def test_list_fields(tally):
    kind, t = tally
    floor = FLOORS[kind][1]
    low = {f: round(t.list_f1(f), 3) for f in LISTS if t.list_f1(f) < floor}
    assert not low, "%s: lists below %.2f: %s\n%s" % (kind, floor, low, t.report())


def test_overall_and_no_guesses(tally):
    kind, t = tally
    assert t.overall_f1() >= FLOORS[kind][2], t.report()
    spurious = {f: r["spurious"] for f, r in t.s.items() if f in SCALARS and r["spurious"]}
    assert sum(spurious.values()) <= N_PAGES // 20, "values on pages that lack them: %s" % spurious


@pytest.mark.parametrize("kind", sorted(generators()))
def test_evidence_quotes_on_generated_pages(kind):
    gen = generators()[kind]
    for seed in range(5):
        text, _gold = gen(seed)
        assert_quotes(text, extract(text))
