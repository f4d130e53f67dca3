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


ROUTES = {"schema": "protocol-codebook/1", "name": "Routes", "version": 1, "fields": [
    {"kind": "intervention", "name": "route", "label": "Route", "type": "one_choice",
     "choices": [{"value": "oral", "synonyms": ["orally", "by mouth"]},
                 {"value": "intravenous", "synonyms": ["intravenously", "IV infusion"]}]}]}
ROW_PAGE = """Title: A study of drug Q and drug R in adults with asthma

Arms and Interventions
Experimental: Drug Q
Drug: Drug Q
Drug Q 10 mg given orally once a day
Drug: Drug R
Drug R 5 mg/kg given intravenously or orally on day 1

Conditions
Asthma
"""


def test_a_proposed_row_takes_the_choices_its_own_text_names(store, tmp_path):
    from models.codebook import Codebook

    apply_import(store, preview_import(store, Codebook.model_validate(ROUTES)))
    f = tmp_path / "rows.txt"
    f.write_text(ROW_PAGE, encoding="utf-8")
    [res] = import_files(store, [f], suggest=True)
    rows = {s.value["name"]: s for s in ss.suggestions(store, res.study_id, "OPEN")
            if s.path.startswith("interventions[")}
    q, r = rows["Drug Q"], rows["Drug R"]
    assert q.value["extra"] == {"route": "oral"}
    [span] = [sp for sp in q.spans if sp["field"].endswith(".extra.route")]
    assert span["quote"] == "orally" and ROW_PAGE[span["start"]:span["end"]] == "orally"
    assert "extra" not in r.value or "route" not in r.value["extra"]  # its text names both routes: nothing
    AcceptSuggestions(res.study_id, [q.id]).do(store)
    ab = store.get_study(res.study_id)
    [drug_q] = [i for i in ab.interventions if i.name == "Drug Q"]
    assert drug_q.extra == {"route": "oral"}
    assert any(e.field.endswith(".extra.route") and e.quote == "orally" for e in ab.evidence)
