import pytest

from abstractor.errors import ImportRejected
from abstractor.importer import import_files
from abstractor.importing import read_document
from abstractor.importing.document import MAX_TEXT_BYTES

GOOD_TEXT = "Registration Number: NCT09990001"


@pytest.mark.parametrize("name,encoding", [("page_utf8.txt", "utf-8"), ("page_utf16.txt", "utf-16"),
                                           ("page_crlf.txt", "utf-8")])
def test_text_encodings_give_the_same_text(data_dir, name, encoding):
    doc = read_document(data_dir / "good" / name)
    assert doc.encoding == encoding
    assert doc.text.startswith(GOOD_TEXT)
    assert "\r" not in doc.text and "1×10⁶ CAR+ T cells/kg" in doc.text
    assert doc.text == read_document(data_dir / "good" / "page_utf8.txt").text


def test_gbk_chinese_is_detected(data_dir):
    doc = read_document(data_dir / "good" / "chinese_gbk.txt")
    assert doc.encoding == "gb18030"
    assert "年龄18-70岁（包括18岁和70岁）" in doc.text
    assert doc.notes == ["read as gb18030 (not UTF-8)"]


def test_legacy_western_encoding(data_dir):
    doc = read_document(data_dir / "good" / "latin1.txt")
    assert doc.text.startswith("Étude de phase 1") and "âge" in doc.text


def test_html_becomes_readable_text(data_dir):
    text = read_document(data_dir / "good" / "page.html").text
    assert "Anti-CD19 CAR-T study\n\nStudy Type: Interventional\n\nEnrollment: 18" in text
    assert "var x" not in text and "color" not in text
    assert "ECOG ≤ 2" in text


def test_pdf_pages_and_superscripts(data_dir):
    doc = read_document(data_dir / "good" / "protocol.pdf")
    assert doc.kind == "pdf" and len(doc.page_starts) == 2
    second = doc.text[doc.page_starts[1]:]
    assert second.startswith("Dose level 1: 1 x 10⁶")
    assert doc.page_of(doc.text.index("Study Type")) == 1 and doc.page_of(doc.page_starts[1] + 3) == 2


def test_docx_paragraphs_tables_and_superscripts(data_dir):
    text = read_document(data_dir / "good" / "synopsis.docx").text
    lines = text.split("\n")
    assert lines[:4] == ["Protocol Synopsis", "Dose level 2: 3×10⁷ cells/kg", "Phase | Phase 1", "Enrollment | 24"]


def test_ctgov_json_values_with_evidence(data_dir):
    doc = read_document(data_dir / "good" / "ctgov_study.json")
    ab = doc.abstraction
    assert ab.study.registry_ids == ["NCT09990002"] and ab.study.enrollment == 12
    assert [p.value for p in ab.study.phases] == ["PHASE1"]
    assert ab.study.min_age == "18 Years" and ab.study.sites[0].region == "Illinois"
    assert ab.arms[0].interventions == ["CD7 CAR-NK cells"]
    assert [o.kind.value for o in ab.outcomes] == ["PRIMARY", "SECONDARY"]
    fields = {e.field for e in ab.evidence}
    assert {"study.title", "study.enrollment", "outcomes[1].time_frame", "study.sites[0].city"} <= fields
    for e in ab.evidence:
        assert doc.text[e.start:e.end] == e.quote


def test_ctgov_import_stores_values_and_evidence(store, data_dir):
    [res] = import_files(store, [data_dir / "good" / "ctgov_study.json"])
    ab = store.get_study(res.study_id)
    assert ab.study.title == "CD7 CAR-NK Cells for T-ALL"
    doc = store.documents(res.study_id)[0]
    text = store.document_text(doc.id)
    spans = store.evidence(res.study_id)
    assert spans and all(text[s.start:s.end] == s.quote and s.document_id == doc.id for s in spans)


def test_same_file_twice_is_recognised(store, data_dir):
    first = import_files(store, [data_dir / "good" / "page_utf8.txt"])
    again = import_files(store, [data_dir / "good" / "page_utf8.txt"])
    assert first[0].outcome == "imported" and again[0].outcome == "duplicate"
    assert store.count_studies() == 1


def test_together_and_into(store, data_dir):
    good = data_dir / "good"
    res = import_files(store, [good / "page_utf8.txt", good / "page.html"], together=True)
    assert res[0].study_id == res[1].study_id and store.count_studies() == 1
    import_files(store, [good / "synopsis.docx"], into=res[0].study_id)
    assert [d.kind for d in store.documents(res[0].study_id)] == ["txt", "html", "docx"]


BAD = {
    "empty.txt": "is empty",
    "whitespace.txt": "holds no text",
    "binary.txt": "binary",
    "invalid_utf8.txt": "not valid UTF-8: byte 0xff at offset 142 (line 4)",
    "truncated.pdf": "damaged or truncated",
    "scanned.pdf": "no text layer",
    "password.pdf": "password-protected",
    "not_really.docx": "not a Word .docx document",
    "not_registry.json": "not a ClinicalTrials.gov study record",
    "broken.json": "not valid JSON (line 1",
    "not_a_db.db": "unsupported type",
}


@pytest.mark.parametrize("name,reason", sorted(BAD.items()))
def test_bad_files_are_refused_with_a_reason(data_dir, name, reason):
    with pytest.raises(ImportRejected, match=pytest.importorskip("re").escape(reason)):
        read_document(data_dir / "bad" / name)


def test_missing_path(tmp_path):
    with pytest.raises(ImportRejected, match="does not exist"):
        read_document(tmp_path / "nope.txt")


def test_huge_text_is_refused_with_its_size(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        line = b"Inclusion criterion: adults with measurable disease.\n"
        fh.write(line * (50 * 2**20 // len(line) + 1))
    with pytest.raises(ImportRejected, match=r"is 50\.0 MB; the limit for a txt document is 20 MB"):
        read_document(big)
    assert MAX_TEXT_BYTES == 20 * 2**20


def test_bad_files_leave_the_database_unchanged_and_the_rest_import(store, data_dir):
    bad = sorted((data_dir / "bad").iterdir())
    good = [data_dir / "good" / "page_utf8.txt", data_dir / "good" / "ctgov_study.json"]
    results = import_files(store, [bad[0], good[0], *bad[1:], good[1], data_dir / "nope.txt"])
    assert [r.outcome for r in results].count("imported") == 2
    rejected = [r for r in results if r.outcome == "rejected"]
    assert len(rejected) == len(bad) + 1
    assert all(r.line.startswith(r.path + ": ") for r in rejected)
    assert store.count_studies() == 2
