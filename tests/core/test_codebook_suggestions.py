"""Suggestions for codebook fields (issue 15): the choice a document states is proposed with its
evidence, accepted like any proposal (one transaction, undoable), and nothing is proposed when a
document states two choices."""
from __future__ import annotations

from abstractor.codebooks import load_shipped
from abstractor.codebooks.importing import apply_import, preview_import
from abstractor.importer import import_files
from abstractor.operations import AcceptSuggestions
from abstractor.storage import suggestion_store as ss

PAGE = """A phase 1 study of CD19 CAR-T cells in relapsed lymphoma.
The CAR construct carries a 4-1BB costimulatory domain and is made with a lentiviral vector.
Cytokine release syndrome is graded by the ASTCT consensus. Response is assessed by the Lugano classification.
"""
TWO = "Two constructs are compared: one with a CD28 domain and one with a 4-1BB domain (lentivirus)."


def _import(store, tmp_path, text, **kw):
    apply_import(store, preview_import(store, load_shipped()))
    f = tmp_path / "page.txt"
    f.write_text(text, encoding="utf-8")
    [res] = import_files(store, [f], **kw)
    return res.study_id


def test_a_stated_choice_is_proposed_with_evidence_and_accepted_in_one_undoable_step(store, tmp_path):
    sid = _import(store, tmp_path, PAGE, suggest=True)
    open_ = {s.path: s for s in ss.suggestions(store, sid, "OPEN")}
    p = open_["study.extra.costimulatory_domain"]
    assert p.value == "4-1BB" and p.spans[0]["quote"] == "4-1BB"
    assert open_["study.extra.vector"].value == "lentiviral"
    assert open_["study.extra.crs_grading"].value == "ASTCT 2019"
    op = AcceptSuggestions(sid, [p.id])
    op.do(store)
    ab = store.get_study(sid)
    assert ab.study.extra["costimulatory_domain"] == "4-1BB"
    assert "study.extra.costimulatory_domain" in {e.field for e in ab.evidence}
    op.undo(store)
    ab = store.get_study(sid)
    assert "costimulatory_domain" not in ab.study.extra
    assert ss.get_suggestion(store, p.id).state == "OPEN"


def test_nothing_is_proposed_for_a_field_where_two_choices_are_stated(store, tmp_path):
    sid = _import(store, tmp_path, TWO, suggest=True)
    paths = {s.path for s in ss.suggestions(store, sid, "OPEN")}
    assert "study.extra.costimulatory_domain" not in paths
    assert "study.extra.vector" in paths


def test_batch_import_accepts_codebook_proposals_like_the_rest(store, tmp_path):
    sid = _import(store, tmp_path, PAGE, accept=True)
    extra = store.get_study(sid).study.extra
    assert extra["vector"] == "lentiviral" and extra["response_criteria"] == "Lugano"


def test_without_a_codebook_nothing_is_proposed_for_codebook_fields(store, tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    [res] = import_files(store, [f], suggest=True)
    assert not [s for s in ss.suggestions(store, res.study_id) if ".extra." in s.path]
