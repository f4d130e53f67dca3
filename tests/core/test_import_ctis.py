"""EU CTIS trial JSON (the public API's ``retrieve/{ctNumber}`` answer): recognised by its content among
.json files, structured values with evidence, refusals in plain words.

The fixtures in tests/data/ctis are invented trials in the two shapes of that answer (since June 2024
under ``authorizedApplication``; before, ``authorizedPartI`` at the top level)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from abstractor.errors import ImportRejected
from abstractor.importer import import_files
from abstractor.importing import ctis, read_document

DATA = Path(__file__).resolve().parent.parent / "data"


def _quotes_hold(doc):
    assert doc.abstraction.evidence
    for e in doc.abstraction.evidence:
        assert doc.text[e.start:e.end] == e.quote, e


def test_retrieve_record_values_and_evidence():
    doc = read_document(DATA / "ctis" / "trial_retrieve.json")
    assert doc.kind == "ctis-json"
    ab, st = doc.abstraction, doc.abstraction.study
    # the UTN, a "not registered" ISRCTN and a hospital's own number are not registry ids
    assert st.registry_ids == ["2031-500123-45-00", "2030-004321-17", "NCT09990077", "DRKS00099999"]
    assert "Other registry (Hospital list): local-42" in doc.text
    assert st.title == "Compound QX-7 for relapsed condition Z" and st.official_title.startswith("A randomised")
    assert st.acronym == "QX7-REL" and st.sponsor == "Example University Hospital"
    assert st.conditions == ["Relapsed condition Z", "Refractory condition Z"]
    assert [p.value for p in st.phases] == ["PHASE2", "PHASE3"]                  # code 10
    assert st.overall_status.value == "RECRUITING" and st.allocation.value == "RANDOMIZED"
    assert st.masking is None                                # the blinding code's list is not known
    assert "Age groups: 18-64 years; 65+ years" in doc.text and st.min_age is None and st.max_age is None
    assert st.enrollment == 120 and st.sex.value == "ALL"    # 60 + 40 in member states + 20 outside the EEA
    assert "Planned participants in Examplia: 60\nPlanned participants in Otherland: 40\n" in doc.text
    assert (st.sites[0].facility, st.sites[0].city, st.sites[0].country) == (
        "Example City Hospital", "Example City", "Examplia")
    assert [(i.name, i.other_names) for i in ab.interventions] == [
        ("QX-7 10 mg tablets", ["quixatinib"]), ("EXA-19 cells", []), ("Standard chemotherapy", [])]
    # an advanced therapy's own words are shown for the suggestions (its codes are not read)
    assert "Test: EXA-19 cells\n  Advanced therapy: Autologous anti-CD19 CAR-T cells\n" \
           "  Gene of interest: anti-CD19 CAR\n" in doc.text
    assert [(o.kind.value, o.measure) for o in ab.outcomes] == [          # in the order of their numbers
        ("PRIMARY", "Event-free survival at 24 months"), ("SECONDARY", "Overall survival"),
        ("SECONDARY", "Adverse events up to 30 days after the last dose")]
    crit = [(c.kind.value, c.text) for c in ab.criteria]
    assert crit[:2] == [("INCLUSION", "Aged 18 years or older"), ("INCLUSION", "ECOG performance status 0-1")]
    assert ("INCLUSION", "ALT < 3 x ULN") in crit and crit[-1] == ("EXCLUSION", "Prior treatment with compound QX-7")
    assert ("INCLUSION", "Adequate organ function:") not in crit          # it heads the two lines under it
    alt = next(c for c in ab.criteria if c.text == "ALT < 3 x ULN")
    assert alt.category.value == "organ_function" and alt.thresholds[0].value == 3.0
    _quotes_hold(doc)
    fields = {e.field for e in ab.evidence}
    assert {"study.registry_ids[2]", "study.enrollment", "study.phases", "study.overall_status", "study.allocation",
            "study.sex", "interventions[2].name", "outcomes[2].measure", "criteria[0].text",
            "study.sites[0].facility"} <= fields
    for personal in ("desk@example.org", "alex@example.org", "Sample", "site@example.org", "+00 000"):
        assert personal not in doc.text


def test_record_of_before_2024_and_unsure_values_give_nothing():
    doc = read_document(DATA / "ctis" / "trial_before_2024.json")
    st = doc.abstraction.study
    assert st.registry_ids == ["2031-500999-11-00"] and [p.value for p in st.phases] == ["PHASE2"]
    assert st.conditions == ["Condition Y"] and [i.name for i in doc.abstraction.interventions] == ["Therapy W"]
    # "Ended" (completed or terminated?), two sponsors none of them flagged, a short title that is a phrase,
    # a member state without its number of participants: no value
    assert st.overall_status is None and st.sponsor is None and st.acronym is None and st.enrollment is None
    assert "Trial status: Ended" in doc.text and "Population" not in doc.text
    _quotes_hold(doc)


def test_unknown_codes_give_nothing(tmp_path):
    rec = json.loads((DATA / "ctis" / "trial_retrieve.json").read_text(encoding="utf-8"))
    info = rec["authorizedApplication"]["authorizedPartI"]["trialDetails"]
    info["trialInformation"]["trialCategory"]["trialPhase"] = 42
    info["protocolInformation"]["studyDesign"]["periodDetails"] = [{"allocationMethod": 1}, {"allocationMethod": 2}]
    rec["ctStatus"] = rec["ctPublicStatusCode"] = 99
    p = tmp_path / "odd_codes.json"
    p.write_text(json.dumps(rec), encoding="utf-8")
    st = read_document(p).abstraction.study
    assert st.phases == [] and st.overall_status is None
    assert st.allocation is None                          # the periods disagree


def test_ctis_and_ctgov_files_in_one_import(store):
    res = import_files(store, [DATA / "ctis" / "trial_retrieve.json", DATA / "good" / "ctgov_study.json"])
    assert [r.outcome for r in res] == ["imported", "imported"]
    first, second = (store.get_study(r.study_id) for r in res)
    assert first.study.registry_ids[0] == "2031-500123-45-00" and second.study.registry_ids == ["NCT09990002"]
    assert [d.kind for d in store.documents(res[0].study_id)] == ["ctis-json"]
    assert [d.kind for d in store.documents(res[1].study_id)] == ["ctgov-json"]
    doc = store.documents(res[0].study_id)[0]
    text = store.document_text(doc.id)
    spans = store.evidence(res[0].study_id)
    assert spans and all(text[s.start:s.end] == s.quote for s in spans)


@pytest.mark.parametrize("content, words", [
    ('{"ctNumber": "2031-500123-45-00", "authorizedApplication": {"authorizedPartI": ', "not valid JSON (line 1"),
    ('{"ctNumber": "2031-500123-45-00", "ctStatus": 4}', "not one trial's full record"),
    ('{"pagination": {}, "data": [{"ctNumber": "2031-500123-45-00", "ctTitle": "x"}]}', "not a search result"),
    ('{"ctNumber": "2031-500123-45-00", "authorizedApplication": {"authorizedPartI": {"trialDetails": '
     '{"clinicalTrialIdentifiers": {"fullTitle": ["a", "b"]}}}}}',
     "authorizedApplication.authorizedPartI.trialDetails.clinicalTrialIdentifiers.fullTitle is a list, "
     "where CTIS writes text"),
    ('{"ctNumber": "2031-500123-45-00", "authorizedApplication": {"authorizedPartI": {"trialDetails": '
     '{"trialInformation": {"endPoint": {"primaryEndPoints": {"endPoint": "x"}}}}}}}',
     "trialInformation.endPoint.primaryEndPoints is an object, where CTIS writes a list"),
    ('{"ctNumber": "2031-500123-45-00", "authorizedApplication": {"authorizedPartI": {"rowSubjectCount": '
     '99999999999999999999999}}}', "rowSubjectCount = 99999999999999999999999, beyond any number"),
    ('{"ctNumber": "2031-500123-45-00", "authorizedApplication": {"authorizedPartsII": '
     '[{"recruitmentSubjectCount": "many"}]}}',
     "authorizedPartsII[0].recruitmentSubjectCount is text, where CTIS writes a whole number"),
    ('{"ctNumber": "x", "authorizedApplication": {}}', "ctNumber 'x' is not an EU CT number"),
    ('{"some": "thing"}', "nor an EU CTIS trial record"),
])
def test_bad_ctis_json_is_refused_in_plain_words(tmp_path, content, words):
    p = tmp_path / "trial.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ImportRejected) as exc:
        read_document(p)
    assert words in str(exc.value)
    assert "Traceback" not in str(exc.value)


def test_deeply_nested_ctis_json_is_refused(tmp_path):
    p = tmp_path / "deep.json"
    p.write_text('{"ctNumber": "2031-500123-45-00", "authorizedApplication": ' + "[" * 100_000 + "]" * 100_000 + "}",
                 encoding="utf-8")
    with pytest.raises(ImportRejected, match="nested too deeply"):
        read_document(p)


def test_oversized_ctis_json_is_refused_with_its_size(tmp_path, monkeypatch):
    import abstractor.importing as importing

    monkeypatch.setattr(importing, "MAX_TEXT_BYTES", 1000)
    with pytest.raises(ImportRejected, match=r"MB; the limit for a JSON document is"):
        read_document(DATA / "ctis" / "trial_retrieve.json")


def test_recognition_by_content():
    assert ctis.is_ctis_record({"ctNumber": "2031-500123-45-00", "authorizedApplication": {}})
    assert ctis.is_ctis_record({"ctNumber": "2031-500123-45-00", "authorizedPartI": {}})
    assert not ctis.is_ctis_record({"protocolSection": {}})
    assert not ctis.is_ctis_record({"ctNumber": 2031, "authorizedApplication": {}})


# --- fuzzing: any value at any path the importer reads gives a record or a refusal naming the field ---------
_FUZZ_PATHS = [
    ("ctStatus",), ("ctPublicStatusCode",), ("authorizedApplication", "eudraCt"),
    ("authorizedApplication", "authorizedPartI", "sponsors"),
    ("authorizedApplication", "authorizedPartI", "rowSubjectCount"),
    ("authorizedApplication", "authorizedPartI", "productRoleGroupInfos"),
    ("authorizedApplication", "authorizedPartI", "trialDetails", "clinicalTrialIdentifiers"),
    ("authorizedApplication", "authorizedPartI", "trialDetails", "clinicalTrialIdentifiers", "secondaryIdentifyingNumbers"),
    ("authorizedApplication", "authorizedPartI", "trialDetails", "trialInformation", "trialCategory", "trialPhase"),
    ("authorizedApplication", "authorizedPartI", "trialDetails", "trialInformation", "medicalCondition"),
    ("authorizedApplication", "authorizedPartI", "trialDetails", "trialInformation", "populationOfTrialSubjects"),
    ("authorizedApplication", "authorizedPartI", "trialDetails", "trialInformation", "eligibilityCriteria"),
    ("authorizedApplication", "authorizedPartI", "trialDetails", "trialInformation", "endPoint"),
    ("authorizedApplication", "authorizedPartI", "trialDetails", "protocolInformation", "studyDesign"),
    ("authorizedApplication", "authorizedPartsII"),
]


def _fuzz_value():
    from hypothesis import strategies as st

    leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
                     st.sampled_from(["2031-500123-45-00", "NCT09990077", "18-64 years", "4", "Test"]))
    return st.recursive(leaf, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                    st.dictionaries(st.sampled_from(
                                                        ["number", "endPoint", "productName", "products", "name",
                                                         "organisation", "primary", "recruitmentSubjectCount",
                                                         "mscInfo", "trialSites", "allocationMethod", "x"]),
                                                        kids, max_size=3)), max_leaves=10)


def test_fuzzed_ctis_records_are_read_or_refused_in_words(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    base = (DATA / "ctis" / "trial_retrieve.json").read_text(encoding="utf-8")

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(changes=st.lists(st.tuples(st.sampled_from(_FUZZ_PATHS), _fuzz_value()), min_size=1, max_size=4))
    def run(changes):
        rec = json.loads(base)
        for path, value in changes:
            node = rec
            for key in path[:-1]:
                if not isinstance(node.get(key), dict):
                    node[key] = {}
                node = node[key]
            node[path[-1]] = value
        p = tmp_path / "fuzzed.json"
        p.write_text(json.dumps(rec), encoding="utf-8")
        try:
            doc = read_document(p)
        except ImportRejected as exc:
            # the importer's own words, not a library's exception passed on
            assert "cannot be read (" not in str(exc), str(exc)
            return
        for e in doc.abstraction.evidence:
            assert doc.text[e.start:e.end] == e.quote

    run()
