from abstractor.extraction.doc import Doc
from abstractor.extraction.ids import extract_registry_ids
from abstractor.extraction.titles import extract_header
from extraction_helpers import span_text

PAGE = """Gene-Modified Cells for Example Disease Type B
Official Title: An Open Study of Gene-Modified Cells in Adults With Example Disease Type B
(EXAMPLE-1)
Registration Number: NCT01234567
Example University Hospital

Brief Summary
Participants of the earlier feeder trial NCT07654321 may join.
"""


def test_labelled_id_wins_over_cited_ids():
    doc = Doc(PAGE)
    ids = extract_registry_ids(doc)
    assert [f.value for f in ids] == ["NCT01234567"]
    assert span_text(PAGE, ids[0]) == "NCT01234567"


def test_unlabelled_dominant_id_and_ambiguous_ids():
    text = "Study NCT01111111 tests X.\nIn NCT01111111, people get X.\nSee NCT02222222.\n"
    assert [f.value for f in extract_registry_ids(Doc(text))] == ["NCT01111111"]
    tied = "Compare NCT01111111 with NCT02222222.\n"
    assert extract_registry_ids(Doc(tied)) == []


def test_other_registries():
    text = "Registration number: ChiCTR2100012345\n"
    assert [f.value for f in extract_registry_ids(Doc(text))] == ["ChiCTR2100012345"]


def test_header_title_official_acronym_sponsor():
    doc = Doc(PAGE)
    h = extract_header(doc)
    assert h["title"].value == "Gene-Modified Cells for Example Disease Type B"
    assert h["official_title"].value.startswith("An Open Study")
    assert h["acronym"].value == "EXAMPLE-1"
    assert h["sponsor"].value == "Example University Hospital"
    for f in h.values():
        assert span_text(PAGE, f) == f.value


def test_sentence_is_not_a_title():
    text = "This is a study to evaluate the safety of product X in adults with disease Y.\nStudy Type\nINTERVENTIONAL\n"
    assert "title" not in extract_header(Doc(text))


def test_labelled_sponsor_after_unlabelled_official_title():
    text = ("Drug X in Disease Y\nA Randomized Phase 2 Study of Drug X Versus Placebo in Disease Y\n"
            "Sponsor: Example Pharma Ltd.\n\nConditions\nDisease Y\n")
    h = extract_header(Doc(text))
    assert h["sponsor"].value == "Example Pharma Ltd."
    assert h["title"].value == "Drug X in Disease Y"


def test_title_after_an_opening_id_line():
    text = ("Registry ID NCT01234567\nSustained Release Drug Q for Adults With Condition Z\n"
            "Official Title: A Randomized Study of Sustained Release Drug Q in Adults With Condition Z\n"
            "Sponsor: Example Clinic Network\nLast Update Posted 2025-11-04\nOverall Status: Recruiting\n")
    h = extract_header(Doc(text))
    assert h["title"].value == "Sustained Release Drug Q for Adults With Condition Z"
    assert span_text(text, h["title"]) == h["title"].value
    assert h["official_title"].value.startswith("A Randomized Study")
    assert h["sponsor"].value == "Example Clinic Network"
    # Sentence-case title right under a bare id line; the dated chrome line is no sponsor.
    text = ("NCT07654321\nSmall trial of walking plans after knee surgery\nExample Health Trust\n"
            "Last Update Posted 2025-11-04\n\nBrief Summary\nPeople walk.\n")
    h = extract_header(Doc(text))
    assert h["title"].value == "Small trial of walking plans after knee surgery"
    assert "sponsor" not in h or "Posted" not in h["sponsor"].value


def test_dated_chrome_line_is_not_a_title():
    text = "NCT07654321\nLast Update Posted 2025-11-04\n\nBrief Summary\nPeople walk.\n"
    assert "title" not in extract_header(Doc(text))
