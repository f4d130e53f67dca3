"""ChiCTR's XML download ("下载XML文档"): the ICTRP data format with a <Triall> element and fields
written per group ("A group:40;B group:40;").  The fixture is an invented trial in that shape."""
from __future__ import annotations

from pathlib import Path

from abstractor.importing import chictr_xml, ictrp, read_document

DATA = Path(__file__).resolve().parent.parent / "data" / "ictrp"


def test_chictr_download_values_groups_and_evidence():
    doc = read_document(DATA / "chictr_download.xml")
    assert doc.kind == "ictrp-xml" and doc.more == []
    st = doc.abstraction.study
    assert st.registry_ids == ["ChiCTR2700000123"]
    assert st.title == "Drug Q maintenance after surgery for condition Z: a randomised trial"
    assert st.enrollment == 80                          # the groups' sizes summed
    assert st.intervention_model.value == "PARALLEL" and [p.value for p in st.phases] == ["PHASE3"]
    assert st.overall_status.value == "RECRUITING" and st.sex.value == "ALL"
    assert (st.min_age, st.max_age) == ("18 Years", "70 Years")
    ab = doc.abstraction
    assert [(a.label, a.description, a.interventions) for a in ab.arms] == [
        ("Drug Q group", "Oral drug Q 10 mg daily", ["Oral drug Q 10 mg daily"]),
        ("Observation group", None, [])]                # "N/A" is no intervention
    assert [i.name for i in ab.interventions] == ["Oral drug Q 10 mg daily"]
    assert [o.measure for o in ab.outcomes] == ["Disease-free survival", "Overall survival", "Adverse events"]
    for e in ab.evidence:
        assert doc.text[e.start:e.end] == e.quote, e
    paths = {e.field for e in ab.evidence}
    assert {"study.enrollment", "study.intervention_model", "arms[0].label", "arms[0].description",
            "interventions[0].name", "arms[1].label"} <= paths
    assert "wei@example.org" not in doc.text


def test_group_fields_read_only_when_the_whole_text_is_pairs():
    assert chictr_xml.groups("A group:30;B group:25;") == [("A group", "30"), ("B group", "25")]
    assert chictr_xml.total_size("A group:30;B group:25;") == 55
    assert chictr_xml.total_size("A group:30;B group:about 25;") is None      # one size not a number
    assert chictr_xml.total_size("120") is None
    assert chictr_xml.groups("Drug Q 10 mg daily for 12 weeks") == []
    assert chictr_xml.model("Single arm") == "SINGLE_GROUP"
    assert chictr_xml.model("Retrospective study") is None


def test_ictrp_design_written_part_by_part_gives_the_design_fields():
    doc = read_document(DATA / "portal_design_parts.xml")
    st = doc.abstraction.study
    assert (st.allocation.value, st.intervention_model.value, st.primary_purpose.value, st.masking.value) == (
        "RANDOMIZED", "PARALLEL", "TREATMENT", "QUADRUPLE")
    for e in doc.abstraction.evidence:
        assert doc.text[e.start:e.end] == e.quote, e
    assert {"study.allocation", "study.intervention_model", "study.primary_purpose", "study.masking"} <= {
        e.field for e in doc.abstraction.evidence}
    # a design that is not written part by part names no field
    assert ictrp._design_parts("Randomised, parallel") == []
    assert ictrp._design_parts("Allocation: see protocol. Masking: None (Open Label)") == [
        ("Allocation", "see protocol", "allocation", None), ("Masking", "None (Open Label)", "masking", "NONE")]
