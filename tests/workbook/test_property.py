"""Property: for random studies, export then import gives back exactly the same studies,
and a second export is cell-for-cell the first (apart from the export time)."""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from models import enums, schema
from abstractor.importing.document import ImportedDocument
from abstractor.storage import Store
from abstractor.workbook import export_workbook, import_workbook
from tests.record_strategies import chars, evidence_paths, studies as record_studies, text
from tests.workbook.helpers import all_studies, comparable, sheet_values

@st.composite
def studies(draw):
    ab = draw(record_studies())
    ab.source = schema.Source(file=draw(st.one_of(st.none(), text)), sha256=None)
    paths = evidence_paths(ab)
    ab.evidence = draw(st.lists(st.builds(schema.Evidence, field=st.sampled_from(paths), start=st.integers(0, 50),
                                          end=st.integers(50, 90), quote=text), max_size=8))
    review_paths = draw(st.lists(st.sampled_from(paths), max_size=5, unique=True))
    ab.review = [schema.ReviewEntry(field=p, status=draw(st.sampled_from(list(enums.ReviewState))),
                                    comments=draw(st.lists(st.builds(schema.Comment, author=st.one_of(st.none(), text),
                                                                     text=text), max_size=2)))
                 for p in review_paths]
    doc_text = draw(st.one_of(st.text(st.characters(blacklist_categories=("Cs", "Cc"),
                                                    blacklist_characters="\ufffe\uffff"), max_size=200),
                              st.just("Doc ×10⁷ 中文\n" * 5000)))
    sha = hashlib.sha256(doc_text.encode("utf-8")).hexdigest()
    # Evidence quotes are the document's text at their span (import checks it; a random quote is refused).
    ab.evidence = [e.model_copy(update={"start": min(e.start, len(doc_text)), "end": min(e.end, len(doc_text)),
                                        "quote": doc_text[min(e.start, len(doc_text)):min(e.end, len(doc_text))]})
                   for e in ab.evidence]
    doc = ImportedDocument(file_name=draw(st.text(chars, min_size=1, max_size=20)), sha256=sha, kind="txt",
                           text=doc_text, size_bytes=len(doc_text), encoding=draw(st.sampled_from([None, "utf-8"])),
                           page_starts=draw(st.sampled_from([[], [0, 10]])))
    return ab, doc


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(studies(), min_size=1, max_size=3))
def test_round_trip_exact(items):
    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        with Store.open_path(d / "a.db", user="a") as a, Store.open_path(d / "b.db", user="b") as b:
            for ab, doc in items:
                a.add_study(ab, [doc])
            original = all_studies(a)
            export_workbook(a, d / "one.xlsx")
            plan, _ = import_workbook(b, d / "one.xlsx")
            assert not plan.issues, [str(i) for i in plan.issues]
            assert all_studies(b) == original
            # Back into the database it came from: nothing changes.
            plan, result = import_workbook(a, d / "one.xlsx")
            assert result is None and all_studies(a) == original, plan.report()
            export_workbook(b, d / "two.xlsx")
            assert comparable(sheet_values(d / "two.xlsx")) == comparable(sheet_values(d / "one.xlsx"))
