"""Design facts from a title's words and a registry's one-phrase design field (issue 10)."""
from abstractor.extraction import extract
from abstractor.extraction.designwords import design_words


def test_title_words_state_allocation_model_and_phase():
    d = design_words("A Randomised, Parallel-Group, Double-Blind, Sham-Controlled, Multicentre Phase IIb "
                     "Trial of Zentrolin 20 mg in Adults With Chronic Gout")
    assert d["allocation"][0] == "RANDOMIZED"
    assert d["intervention_model"][0] == "PARALLEL"
    assert d["phases"][0] == ["PHASE2"]


def test_contradicting_or_vague_words_state_nothing():
    assert "allocation" not in design_words("Randomized and non-randomized cohorts of one programme")
    assert "intervention_model" not in design_words("Imaging run in parallel with standard care")
    assert "phases" not in design_words("The acute phase of stroke")
    assert design_words("Phase 1/2 study")["phases"][0] == ["PHASE1", "PHASE2"]
    assert design_words("A non-randomised, single-arm pilot")["allocation"][0] == "NON_RANDOMIZED"


PAGE = """Trial Summary Page
CTRI Number |
CTRI/2031/05/000123 [Registered on: 02/05/2031] |
Type of Trial |
Interventional |
Study Design |
Randomized, Crossover Trial of two teas |
Public Title of Study
|
Two herbal teas and sleep in shift workers |
Scientific Title of Study
|
Comparison of two herbal teas on sleep quality in night-shift nurses |
"""


def test_registry_design_phrase_gives_model_and_allocation_with_evidence():
    ab = extract(PAGE).abstraction
    assert ab.study.intervention_model == "CROSSOVER"
    assert ab.study.allocation == "RANDOMIZED"
    ev = {e.field: e.quote for e in ab.evidence}
    assert ev["study.allocation"] == "Randomized"


HEAD = """Registration number
ACTRN12631000999001
Public title
Tea and sleep in nurses
Scientific title
A Randomized, Parallel-group, Placebo-controlled Phase III Trial of Valerian Tea for Sleep in Nurses
Study type
Observational
"""


def test_titles_fill_design_but_an_observational_study_gets_no_model():
    ab = extract(HEAD.replace("Observational", "Interventional")).abstraction
    assert (ab.study.allocation, ab.study.intervention_model, ab.study.phases) == \
        ("RANDOMIZED", "PARALLEL", ["PHASE3"])
    obs = extract(HEAD.replace("Randomized, Parallel-group", "Single-arm, open-label")).abstraction
    assert obs.study.study_type == "OBSERVATIONAL"
    assert obs.study.intervention_model is None and obs.study.masking is None


def test_spanish_and_portuguese_design_words():
    d = design_words("Ensayo clínico fase II-III, controlado, aleatorizado, doble ciego en la fase II, multicéntrico")
    assert d["allocation"][0] == "RANDOMIZED"
    assert d["phases"][0] == ["PHASE2", "PHASE3"]       # the later "fase II" is a part of it
    assert design_words("Estudo não randomizado de fase 2")["allocation"][0] == "NON_RANDOMIZED"
    assert "phases" not in design_words("Phase 2 study with a phase 3 extension")


def test_rpcec_form_labels():
    text = ("Formulario de ensayos del RPCEC\nInformación general.\nSiglas para el título abreviado:\nVAC-X\n"
            "Título completo del estudio:\nEnsayo clínico fase III, aleatorizado, doble ciego, de la vacuna X en adultos\n"
            "Promotor principal:\nInstituto de Ejemplo\n")
    s = extract(text).abstraction.study
    assert (s.acronym, s.sponsor, s.phases, s.allocation, s.masking) == \
        ("VAC-X", "Instituto de Ejemplo", ["PHASE3"], "RANDOMIZED", "DOUBLE")
