"""Cell-therapy facts on pages written for these tests (invented trials, not corpus text)."""
from __future__ import annotations

from extraction_helpers import assert_quotes

from abstractor.extraction import extract
from abstractor.extraction.celltherapy import extract_cell_facts

AUTO_CART = """A Phase 1 Study of Autologous Anti-CD19 CAR-T Cells in Relapsed B-cell Lymphoma
Brief Summary
Patients receive autologous anti-CD19 CAR-T cells after lymphodepleting chemotherapy with fludarabine
30 mg/m2/day and cyclophosphamide 500 mg/m2/day on days -5 to -3, followed by one infusion on day 0.
Exclusion Criteria:
- Prior allogeneic hematopoietic stem cell transplantation within 6 months
- Active hepatitis B infection
"""

ALLO_NK = """Off-the-shelf CD33-targeted CAR-NK cells for AML
The product is an allogenic CD33-Targeted CAR-NK cell injection derived from cord blood.
Lymphodepletion: Flu/Cy (fludarabine 25 mg/m2 and cyclophosphamide 250 mg/m2 on Days -4 to -2).
"""


def _facts(text):
    f = extract_cell_facts(text)
    return {k: ([x.value for x in v] if isinstance(v, list) else (v.value if v else None)) for k, v in f.items()}


def test_autologous_cart_with_regimen_ignores_prior_transplant():
    f = _facts(AUTO_CART)
    assert f["target_antigens"] == ["CD19"]
    assert f["cell_type"] == "CAR-T"
    assert f["cell_source"] == "AUTOLOGOUS"       # "prior allogeneic ... transplantation" is not the product
    assert f["lymphodepletion"].startswith("fludarabine")
    assert f["lymphodepletion"].endswith("on days -5 to -3")


def test_allogeneic_spellings_and_regimen_in_a_label():
    f = _facts(ALLO_NK)
    assert f["cell_type"] == "CAR-NK" and f["target_antigens"] == ["CD33"]
    assert f["cell_source"] == "ALLOGENEIC"
    assert f["lymphodepletion"].startswith("Flu/Cy (fludarabine 25 mg/m2")
    for word in ("universal", "donor-derived", "off-the-shelf", "allogenic", "umbilical cord blood-derived"):
        assert _facts("Phase 1 of %s CD7 CAR-T cells in T-ALL." % word)["cell_source"] == "ALLOGENEIC", word


def test_tcr_t_til_and_antigens_after_the_product():
    f = _facts("A trial of NY-ESO-1 TCR-T cells in synovial sarcoma. TCR-T cells are given once.")
    assert f["cell_type"] == "TCR-T" and f["target_antigens"] == ["NY-ESO-1"]
    f = _facts("Tumor-infiltrating lymphocytes (TIL) in melanoma; TIL are expanded ex vivo.")
    assert f["cell_type"] == "TIL"
    f = _facts("CAR T cells targeting BCMA and GPRC5D in myeloma.")
    assert f["target_antigens"] == ["BCMA", "GPRC5D"]
    f = _facts("Bispecific CD19/CD22 CAR-T cells; anti-human CD7 CAR-NK cells are not studied here.")
    assert f["target_antigens"] == ["CD19", "CD22", "CD7"]


def test_unsure_means_nothing():
    # both sources named as often: no source; both kinds as often: no type
    f = _facts("Arm A: autologous CAR-T cells. Arm B: allogeneic CAR-T cells.")
    assert f["cell_source"] is None and f["cell_type"] == "CAR-T"
    f = _facts("CAR-T cells or CAR-NK cells, at the investigator's choice.")
    assert f["cell_type"] is None
    # a page about no cell product: nothing at all, though CD markers and drugs are named
    f = _facts("Rituximab in CD20-positive lymphoma after fludarabine and cyclophosphamide conditioning regimen.")
    assert f == {"target_antigens": [], "cell_type": None}
    # the disease "NK cell leukemia" is not a cell type
    f = _facts("Anti-CD56 CAR T therapy in NK cell leukemia; CAR T cells are infused once.")
    assert f["cell_type"] == "CAR-T"


def test_facts_reach_the_abstraction_with_evidence():
    ex = extract(AUTO_CART)
    st = ex.abstraction.study
    assert st.target_antigens == ["CD19"] and st.cell_type == "CAR-T"
    assert st.cell_source.value == "AUTOLOGOUS" and st.lymphodepletion.startswith("fludarabine")
    fields = {e.field for e in ex.abstraction.evidence}
    assert {"study.target_antigens[0]", "study.cell_type", "study.cell_source", "study.lymphodepletion"} <= fields
    assert_quotes(AUTO_CART, ex)
