"""WHO ICTRP XML export: structured values with evidence, one study per trial, refusals in plain words.

The fixtures in tests/data/ictrp are invented trials in the export's two shapes (the search
portal's <Trials_downloaded_from_ICTRP> and the registries' <trials><trial><main> data format)."""
from __future__ import annotations

from pathlib import Path

import pytest

from abstractor.errors import ImportRejected
from abstractor.importing import read_document

DATA = Path(__file__).resolve().parent.parent / "data" / "ictrp"


def _quotes_hold(doc):
    for e in doc.abstraction.evidence:
        assert doc.text[e.start:e.end] == e.quote, e


def test_data_format_record_values_and_evidence():
    doc = read_document(DATA / "data_format_one_trial.xml")
    assert doc.kind == "ictrp-xml" and doc.more == []
    assert doc.file_name == "data_format_one_trial.xml"
    st = doc.abstraction.study
    assert st.registry_ids == ["ACTRN12626000123456", "NCT07000002"]     # not the UTN
    assert st.title == "Exercise after knee surgery" and st.acronym == "EKS"
    assert st.sponsor == "Example University" and st.enrollment == 120
    assert st.overall_status.value == "COMPLETED" and [p.value for p in st.phases] == ["NA"]
    assert (st.min_age, st.max_age, st.sex.value) == ("50 Years", "85 Years", "ALL")
    assert st.conditions == ["Knee osteoarthritis", "knee replacement"]
    assert [(o.kind.value, o.measure) for o in doc.abstraction.outcomes] == [
        ("PRIMARY", "Knee function score at 12 weeks"), ("SECONDARY", "Pain score at 12 weeks"),
        ("SECONDARY", "Walking speed at 12 weeks")]
    assert [i.name for i in doc.abstraction.interventions] == ["Supervised exercise"]
    _quotes_hold(doc)
    assert "pat@example.org" not in doc.text and "Pat" not in doc.text      # contacts are not rendered


def test_portal_export_with_two_trials_gives_two_documents():
    doc = read_document(DATA / "portal_two_trials.xml")
    assert doc.file_name == "portal_two_trials.xml [ChiCTR2500123456]"
    assert [d.file_name for d in doc.more] == ["portal_two_trials.xml [JPRN-jRCT2031250999]"]
    assert doc.sha256 != doc.more[0].sha256
    st = doc.abstraction.study
    assert st.registry_ids == ["ChiCTR2500123456", "NCT07000001"]
    assert (st.min_age, st.max_age, st.enrollment, st.overall_status.value) == ("14 Years", "70 Years", 24,
                                                                                 "RECRUITING")
    assert "<br>" not in doc.text and "2. CD7-positive T-ALL" in doc.text
    assert "ming@example.org" not in doc.text
    _quotes_hold(doc)
    second = doc.more[0]
    s2 = second.abstraction.study
    assert s2.registry_ids == ["jRCT2031250999"]          # ICTRP's "JPRN-" prefix is not part of the id
    # unsure means nothing: "Not recruiting" (ongoing or finished?), target size given per group,
    # "20age old over", "No limit"
    assert s2.overall_status is None and s2.enrollment is None and s2.min_age is None and s2.max_age is None
    assert s2.sex.value == "MALE"
    _quotes_hold(second)
    # the same file read again gives the same documents (so a second import is recognised)
    again = read_document(DATA / "portal_two_trials.xml")
    assert [again.sha256] + [d.sha256 for d in again.more] == [doc.sha256] + [d.sha256 for d in doc.more]


def test_rendered_text_feeds_the_suggestions():
    from abstractor.extraction import extract

    doc = read_document(DATA / "portal_two_trials.xml")
    ab = extract(doc.text).abstraction
    crit = [(c.kind.value, c.text) for c in ab.criteria]
    assert ("INCLUSION", "Aged 14 to 70 years;") in crit and ("EXCLUSION", "Pregnant or lactating women;") in crit
    assert ab.study.cell_type == "CAR-T" and ab.study.target_antigens == ["CD7"]
    assert ab.study.cell_source.value == "ALLOGENEIC"        # "Universal", "off-the-shelf"


@pytest.mark.parametrize("content, words", [
    (b"<Trials_downloaded_from_ICTRP><Trial><TrialID>X</TrialID></Trial>", "not well-formed XML (line 1"),
    (b'<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
     b"<Trials_downloaded_from_ICTRP><Trial><Public_title>&b;</Public_title></Trial></Trials_downloaded_from_ICTRP>",
     "DTD or entity"),
    (b"<clinical_study><brief_title>T</brief_title></clinical_study>", "not a WHO ICTRP export"),
    (b"<Trials_downloaded_from_ICTRP></Trials_downloaded_from_ICTRP>", "without any <Trial> record"),
])
def test_bad_xml_is_refused_in_plain_words(tmp_path, content, words):
    p = tmp_path / "export.xml"
    p.write_bytes(content)
    with pytest.raises(ImportRejected) as exc:
        read_document(p)
    assert words in str(exc.value)


def test_too_many_trials_and_too_big_files_are_refused(tmp_path, monkeypatch):
    import abstractor.importing as importing
    from abstractor.importing import ictrp

    monkeypatch.setattr(ictrp, "MAX_TRIALS", 1)
    with pytest.raises(ImportRejected, match="holds 2 trials; this program imports at most 1"):
        read_document(DATA / "portal_two_trials.xml")
    monkeypatch.setattr(importing, "MAX_TEXT_BYTES", 100)
    with pytest.raises(ImportRejected, match="the limit for a ictrp-xml document"):
        read_document(DATA / "data_format_one_trial.xml")


def test_cli_imports_one_study_per_trial_and_knows_them_again(tmp_path):
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]

    def run(*args):
        p = subprocess.run([sys.executable, str(root / "main.py"), *map(str, args)], capture_output=True,
                           text=True, timeout=120, cwd=root)
        assert "Traceback" not in p.stderr, p.stderr
        return p

    db, out = tmp_path / "a.db", tmp_path / "out.json"
    p = run("import", "--db", db, DATA / "portal_two_trials.xml")
    assert p.returncode == 0, p.stderr
    assert "portal_two_trials.xml [ChiCTR2500123456]: imported as study" in p.stdout
    assert "portal_two_trials.xml [JPRN-jRCT2031250999]: imported as study" in p.stdout
    assert "2 imported" in p.stdout
    p = run("import", "--db", db, DATA / "portal_two_trials.xml")
    assert p.stdout.count("already imported") == 2
    assert run("export", "--db", db, "--out", out).returncode == 0
    studies = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(s["study"]["registry_ids"][0] for s in studies) == ["ChiCTR2500123456", "jRCT2031250999"]
    p = run("extract", DATA / "portal_two_trials.xml")          # no database: one abstraction per trial
    assert [s["study"]["registry_ids"][0] for s in json.loads(p.stdout)] == ["ChiCTR2500123456", "jRCT2031250999"]
