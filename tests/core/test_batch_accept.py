"""Batch import with every proposal accepted decides them before storing (one insert per page);
the result must be exactly what accepting them one by one gives: the same values, rows, evidence
and decisions."""
from __future__ import annotations

import pytest

from abstractor import suggestions as sg
from abstractor.importer import import_files
from abstractor.storage import Store
from abstractor.storage import suggestion_store as ss
from tests.extraction.held_out.ctgov_pages import ctgov_page
from tests.extraction.held_out.scrape_pages import scrape_page

DUPLICATE = """Title: A study of XY-1 cells in lymphoma
Enrollment: 30
Inclusion Criteria:
1. Age 18-70 years;
2. Age 18-70 years;
Exclusion Criteria:
1. Creatinine > 1.5 x ULN and ALT > 3 x ULN;
"""


def _normal(store, sid):
    ab = store.get_study(sid).to_json_dict()
    for key in ("id", "abstractor"):
        ab.pop(key)
    for lst in (ab["arms"], ab["interventions"], ab["dose_levels"], ab["outcomes"], ab["criteria"],
                ab["study"]["sites"]):
        for item in lst:
            item.pop("id", None)
    ab["evidence"] = sorted((e["field"], e["start"], e["end"], e["quote"]) for e in ab["evidence"])
    states = sorted((s.path, s.state, s.target_entity) for s in ss.suggestions(store, sid))
    return ab, states


@pytest.mark.parametrize("seed", range(12))
def test_decided_before_storing_equals_accepting_one_by_one(seed, tmp_path):
    text = DUPLICATE if seed == 0 else (ctgov_page if seed % 2 else scrape_page)(5000 + seed)[0]
    page = tmp_path / "page.txt"
    page.write_text(text, encoding="utf-8")
    with Store.open_path(tmp_path / "fast.db", user="u") as fast, Store.open_path(tmp_path / "slow.db", user="u") as slow:
        [a] = import_files(fast, [page], suggest=True, accept=True)
        [b] = import_files(slow, [page], suggest=True)
        n, refused = sg.accept_all(slow, b.study_id)
        assert (a.accepted, len(a.left_open)) == (n, len(refused))
        assert _normal(fast, a.study_id) == _normal(slow, b.study_id)
        if seed == 0:
            assert len(refused) == 1 and "already listed" in refused[0]
