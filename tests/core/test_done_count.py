"""The study list's Done column: key facts filled, or verified as not stated (issue 14: a study
stayed at 36 % with every proposal accepted because its page states only a few of the facts)."""
from abstractor.importer import import_files
from abstractor.storage import review_ops
from abstractor.storage.window_queries import FACTS, completeness, done_facts

CRITERIA_ONLY = """A study of anti-CD56 CAR-T cells in NK/T cell lymphoma (invented)
Inclusion criteria
1. Aged 18 to 70 years;
2. ECOG 0-1;
"""


def test_done_counts_filled_facts_and_empty_ones_verified_as_not_stated(store, tmp_path):
    page = tmp_path / "criteria_only.txt"
    page.write_text(CRITERIA_ONLY, encoding="utf-8")
    [res] = import_files(store, [page], suggest=False)
    sid = res.study_id
    store.set_value(sid, "study", sid, "title", "Anti-CD56 CAR-T in NK/T cell lymphoma")
    store.add_row(sid, "criterion", {"kind": "INCLUSION", "text": "Aged 18 to 70 years"})
    assert done_facts(store, [sid])[sid] == {"title", "criteria"}
    assert completeness(store, [sid])[sid] == round(100 * 2 / len(FACTS))

    # The page says nothing of the sponsor: left empty and verified, it is done (checked, not stated).
    review_ops.verify(store, sid, ("study", sid, "sponsor"))
    assert "sponsor" in done_facts(store, [sid])[sid]
    assert completeness(store, [sid])[sid] == round(100 * 3 / len(FACTS))
    # A verified row of a table does not stand in for a study field.
    crit = store.get_study(sid).criteria[0].id
    review_ops.verify(store, sid, ("criterion", crit, ""))
    assert done_facts(store, [sid])[sid] == {"title", "criteria", "sponsor"}


def test_the_codebooks_required_fields_count_in_done(store, tmp_path):
    from abstractor.codebooks.importing import apply_import, preview_import
    from abstractor.storage.window_queries import required_facts
    from models.codebook import Codebook

    page = tmp_path / "criteria_only.txt"
    page.write_text(CRITERIA_ONLY, encoding="utf-8")
    [res] = import_files(store, [page], suggest=False)
    sid = res.study_id
    store.set_value(sid, "study", sid, "title", "Anti-CD56 CAR-T in NK/T cell lymphoma")
    assert required_facts(store, [sid]) == {} and completeness(store, [sid])[sid] == round(100 / len(FACTS))
    cb = Codebook.model_validate({"schema": "protocol-codebook/1", "name": "Team", "version": 1, "fields": [
        {"kind": "study", "name": "vector", "label": "Vector", "type": "text", "required": True},
        {"kind": "study", "name": "dlt_definition", "label": "DLT definition", "type": "text", "required": True},
        {"kind": "study", "name": "notes", "label": "Notes", "type": "text"}]})
    apply_import(store, preview_import(store, cb))
    assert required_facts(store, [sid]) == {sid: (("Vector", "DLT definition"), set())}
    assert completeness(store, [sid])[sid] == round(100 * 1 / (len(FACTS) + 2))
    store.set_value(sid, "study", sid, "extra.vector", "lentiviral")
    review_ops.verify(store, sid, ("study", sid, "extra.dlt_definition"))  # not stated: checked empty
    assert required_facts(store, [sid])[sid][1] == {"Vector", "DLT definition"}
    assert completeness(store, [sid])[sid] == round(100 * 3 / (len(FACTS) + 2))
