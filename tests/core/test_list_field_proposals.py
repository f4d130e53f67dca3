"""A proposal for a study field that is a list of plain values (target antigens, phases) is one
unit for the whole field, and accepting it fills the field (it was "study.target_antigens[0]",
which no field takes, and accepting it failed with an AttributeError)."""
from abstractor import suggestions as sg
from abstractor.importer import import_files
from abstractor.storage import suggestion_store as ss


def test_target_antigen_proposal_is_the_whole_field_and_accepting_fills_it(store, tmp_path):
    page = tmp_path / "walk.txt"
    page.write_text("Public title: Allogeneic CD5 CAR-NK cells in T-cell lymphoma (invented)\n"
                    "Intervention: Biological: CD5-targeted CAR-NK cells\nPhase: Phase 1\n", encoding="utf-8")
    [res] = import_files(store, [page], suggest=True)
    paths = [s.path for s in ss.suggestions(store, res.study_id, "OPEN")]
    assert "study.target_antigens" in paths and not any("[" in p and p.startswith("study.target") for p in paths)
    s = next(s for s in ss.suggestions(store, res.study_id, "OPEN") if s.path == "study.target_antigens")
    sg.accept(store, s.id)
    assert store.get_study(res.study_id).study.target_antigens == s.value == ["CD5"]
