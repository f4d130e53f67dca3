"""One pairing rule for dual abstraction (abstractor.review.pairing): source document, then
study id, then registry id, then title; unpaired studies say why; a file against itself pairs
every study with nothing to disagree on; the summary's counts cannot contradict each other."""
import hashlib
import json
import uuid

import pytest

from abstractor.cli import main
from abstractor.review.agreement import compute, summary
from abstractor.review.compare import compare_sets
from abstractor.review.pairing import pair_studies, partners, same_study
from models.schema import Abstraction
from tests.shared_corpus import CORPUS, need_shared

workbook = pytest.importorskip("abstractor.workbook")

# Pages of our own writing, as two abstractors would hold them: the same text file imported by each.
PAGES = [
    ("NCT09990101", "Invented CD19 CAR-T for relapsed lymphoma", "Relapsed lymphoma"),
    (None, "Invented BCMA CAR-T in myeloma", "Multiple myeloma"),
    (None, None, "Glioblastoma"),  # no registry id, no title
    (None, None, "Ovarian cancer"),  # no registry id, no title
    ("NCT09990105", None, "Acute myeloid leukaemia"),
]


def _study(n, rid, title, condition, who):
    text = f"Invented page {n}: {condition}"
    return Abstraction.model_validate({
        "id": uuid.uuid4().hex, "abstractor": who,
        "source": {"file": f"page{n}.txt", "sha256": hashlib.sha256(text.encode()).hexdigest()},
        "study": {"registry_ids": [rid] if rid else [], "title": title, "conditions": [condition],
                  "enrollment": 20 + n},
        "criteria": [{"kind": "INCLUSION", "text": f"Confirmed {condition}"},
                     {"kind": "EXCLUSION", "text": "Active infection"}],
    })


def _sides():
    a = [_study(n, *p, "ana") for n, p in enumerate(PAGES)]
    b = [_study(n, *p, "ben") for n, p in enumerate(PAGES)]
    b.reverse()
    b[0].study.enrollment = 99  # planted: page 4's enrollment
    b[2].criteria = b[2].criteria[:1]  # planted: page 2 lacks the exclusion criterion
    return a, b


def test_same_source_document_pairs_pages_without_registry_id_or_title():
    a, b = _sides()
    pairs = pair_studies(a, b)
    assert sorted((p.a, p.b, p.how) for p in pairs) == [(i, 4 - i, "source document") for i in range(5)]


def test_rules_in_order_and_never_across_registry_ids():
    a, b = _sides()
    for s in a + b:
        s.source = None
    b[0].id = a[4].id  # a copy of one database
    assert same_study(a[4], b[0]) == "study id"
    pairs = {(p.a, p.b): p.how for p in pair_studies(a, b) if p.a is not None and p.b is not None}
    assert pairs == {(4, 0): "study id", (0, 4): "registry id", (1, 3): "title"}
    other = a[0].model_copy(deep=True)
    other.study.registry_ids = ["NCT09990999"]  # same title, another registry id: another study
    assert same_study(other, b[4]) == ""


def test_unpaired_studies_come_with_the_reason():
    a, b = _sides()
    for s in a + b:
        s.source = None
    c = compare_sets(a, b)
    reasons = {sc.label: sc.unpaired_reason for sc in c.studies if not sc.matched}
    assert set(reasons.values()) == {"no study in B has the same study id",
                                     "no study in A has the same study id"}
    a[2].id = None
    assert "has no source document, study id, registry id or title" in pair_studies(a, b)[2].reason


def test_the_window_asks_the_same_rule():
    a, b = _sides()
    assert partners(a[2], b) == [(2, "source document")]
    assert partners(a[2], [b[0], b[1]]) == []


def test_the_window_reads_only_the_studies_the_rule_could_pair(tmp_path):
    """may_pair narrows a database to the studies worth reading; the rule decides on them as on all."""
    from abstractor.review.pairing import may_pair
    from abstractor.storage import Store
    from abstractor.storage.window_queries import pairing_keys

    a, b = _sides()
    for s in (b[0], b[3]):
        s.source = None  # page 4 pairs by registry id, page 1 by title, the rest by document
    with Store.open_path(tmp_path / "both.db", user="u") as store:
        for s in a + b:
            store.add_study(s)
        keys = pairing_keys(store)
        everyone = list(store.iter_studies())
        for s in a:
            others = [o for o in everyone if o.id != s.id]
            narrowed = [o for o in others if o.id in set(may_pair(s, keys))]
            found = [others[i].id for i, _ in partners(s, others)]
            assert found == [narrowed[i].id for i, _ in partners(s, narrowed)]
            assert len(narrowed) < len(others)  # not every study is read
            assert b[4 - [x.id for x in a].index(s.id)].id in found  # the other abstractor's copy


def test_a_workbook_against_itself_pairs_every_study_with_nothing_to_disagree_on(tmp_path, capsys):
    a, _ = _sides()
    path = tmp_path / "a.xlsx"
    workbook.export_abstractions(path, a)
    code = main(["compare", str(path), str(path), "--out", str(tmp_path / "r.xlsx")])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("5 studies paired and compared: 0 of ") and "(100.0% agreement)" in out
    assert "0 rows on one side only; studies not paired: 0 only in A" in out


def test_two_abstractors_workbooks_show_exactly_the_planted_differences(tmp_path, capsys):
    a, b = _sides()
    pa, pb = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    workbook.export_abstractions(pa, a)
    workbook.export_abstractions(pb, b)
    from abstractor.review.sources import load_side
    sa, sb = load_side(pa, "A"), load_side(pb, "B")
    c = compare_sets(sa.studies, sb.studies)
    assert len(c.matched) == 5 and not c.only_a and not c.only_b
    found = sorted((d.study, d.section, d.field, d.issue) for d in c.discrepancies)
    assert found == [("NCT09990105", "study", "enrollment", "differs"),
                     ("page2.txt", "criteria", "", "only in A")]  # no id, no title: named by its file
    text = summary(c, compute(c))
    assert text.startswith("5 studies paired and compared: 1 of ") and "1 row on one side only" in text


def _gold_studies(corpus):
    out = []
    for gold in sorted((corpus / "seeds").glob("*.gold.json")):
        page = gold.with_name(gold.name.replace(".gold.json", ".txt"))
        data = json.loads(gold.read_text(encoding="utf-8"))
        data["source"] = {"file": page.name, "sha256": hashlib.sha256(page.read_bytes()).hexdigest()}
        data["id"] = uuid.uuid4().hex
        out.append(Abstraction.model_validate(data))
    return out


def test_the_five_seed_pages_pair_five_of_five(tmp_path):
    corpus = need_shared(CORPUS)
    a, b = _gold_studies(corpus), _gold_studies(corpus)
    b[1].study.enrollment = (b[1].study.enrollment or 0) + 7  # planted
    b[3].criteria = b[3].criteria[1:]  # planted: the first criterion left out
    pa, pb = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    workbook.export_abstractions(pa, a)
    workbook.export_abstractions(pb, b[::-1])
    from abstractor.review.sources import load_side
    c = compare_sets(load_side(pa, "A").studies, load_side(pb, "B").studies)
    assert len(c.matched) == 5 and {s.matched_by for s in c.matched} == {"source document"}
    found = sorted((d.section, d.field, d.issue) for d in c.discrepancies)
    assert found == [("criteria", "", "only in A"), ("study", "enrollment", "differs")]
