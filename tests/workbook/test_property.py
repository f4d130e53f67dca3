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
from tests.workbook.helpers import all_studies, comparable, sheet_values

SPECIAL = ["中文 试验", "1×10⁷ cells/kg", "µg ≥ 2", "≤ 3 × ULN", "=1+1", "+44 123", "-5", "@SUM(A1:A2)", "#N/A",
           "line one\nline two", "a\r\nb\rc", "", '""', '"', '"""', " padded ", "_x0041_ literal", "tab\tbed",
           "\x01 control", "[not json", '["json", "like"]', "TRUE", "12", "1E+07", "0.1"]
LONG = "长" * 20_000 + "x" * 20_000  # over Excel's 32,767-character cell limit

chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff")
text = st.one_of(st.sampled_from(SPECIAL), st.text(chars, max_size=25))
maybe = st.one_of(st.none(), text)
maybe_long = st.one_of(st.none(), text, st.just(LONG))
numbers = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False),
                    st.sampled_from([1e7, 3.5e8, 0.30000000000000004, 1e-300, 123456789.123456789]))
names = st.lists(st.text(chars, min_size=1, max_size=12), max_size=3)


def enum(e):
    return st.one_of(st.none(), st.sampled_from(list(e)))


@st.composite
def studies(draw):
    interventions = draw(st.lists(st.builds(schema.Intervention, name=maybe, type=enum(enums.InterventionType),
                                            description=maybe_long, other_names=st.lists(text, max_size=3)),
                                  max_size=3))
    known = [i.name for i in interventions if i.name]
    arms = draw(st.lists(st.builds(schema.Arm, label=maybe, type=enum(enums.ArmType), description=maybe,
                                   interventions=st.lists(st.sampled_from(known), max_size=2) if known
                                   else st.just([])), max_size=3))
    study = schema.StudyFields(
        registry_ids=draw(st.lists(text, max_size=3)), title=draw(maybe_long), official_title=draw(maybe),
        acronym=draw(maybe), sponsor=draw(maybe), conditions=draw(st.lists(text, max_size=3)),
        phases=draw(st.lists(st.sampled_from(list(enums.Phase)), max_size=2)),
        study_type=draw(enum(enums.StudyType)), allocation=draw(enum(enums.Allocation)),
        intervention_model=draw(enum(enums.InterventionModel)), masking=draw(enum(enums.Masking)),
        primary_purpose=draw(enum(enums.PrimaryPurpose)),
        enrollment=draw(st.one_of(st.none(), st.integers(0, 10**9))), overall_status=draw(enum(enums.OverallStatus)),
        min_age=draw(st.sampled_from([None, "18 Years", "6 Months", "0.5 Years"])),
        max_age=draw(st.sampled_from([None, "70 Years"])), sex=draw(enum(enums.Sex)),
        sites=draw(st.lists(st.builds(schema.Site, facility=maybe, city=maybe, region=maybe, country=maybe),
                            max_size=2)),
        target_antigens=draw(names), cell_type=draw(maybe), cell_source=draw(enum(enums.CellSource)),
        lymphodepletion=draw(maybe))
    thresholds = st.one_of(st.none(), st.builds(schema.Threshold, parameter=maybe, operator=enum(enums.Operator),
                                                value=numbers, unit=maybe))
    ab = schema.Abstraction(
        source=schema.Source(file=draw(maybe), sha256=None), study=study, arms=arms, interventions=interventions,
        dose_levels=draw(st.lists(st.builds(schema.DoseLevel, value=numbers, value_max=numbers, unit=maybe,
                                            per_weight=st.one_of(st.none(), st.booleans()), route=maybe,
                                            schedule=maybe, text=maybe), max_size=4)),
        escalation=schema.Escalation(method=draw(maybe), dlt_window_days=draw(st.one_of(st.none(),
                                                                                         st.integers(0, 365))),
                                     redosing=draw(maybe)),
        outcomes=draw(st.lists(st.builds(schema.Outcome, kind=st.sampled_from(list(enums.OutcomeKind)),
                                         measure=maybe, description=maybe, time_frame=maybe,
                                         time_frame_days=numbers), max_size=5)),
        criteria=draw(st.lists(st.builds(schema.Criterion, kind=st.sampled_from(list(enums.CriterionKind)),
                                         text=st.one_of(text, st.just(LONG)), category=enum(enums.CriterionCategory),
                                         threshold=thresholds), max_size=40)),
        status=draw(st.sampled_from(list(enums.AbstractionStatus))), abstractor=draw(maybe),
        consensus=draw(st.booleans()))
    paths = ["study.enrollment", "study.title", "escalation.method", "status", "study.conditions"]
    for key, fields in (("arms", ["label", ""]), ("outcomes", ["time_frame", "measure"]),
                        ("criteria", ["text", "threshold.value"]), ("dose_levels", ["value"])):
        for i in range(len(getattr(ab, key))):
            paths += [f"{key}[{i}].{f}" if f else f"{key}[{i}]" for f in fields]
    for i in range(len(study.sites)):
        paths.append(f"study.sites[{i}].city")
    for i in range(len(study.conditions)):
        paths.append(f"study.conditions[{i}]")
    ab.evidence = draw(st.lists(st.builds(schema.Evidence, field=st.sampled_from(paths), start=st.integers(0, 50),
                                          end=st.integers(50, 90), quote=text), max_size=6))
    review_paths = draw(st.lists(st.sampled_from(paths), max_size=4, unique=True))
    ab.review = [schema.ReviewEntry(field=p, status=draw(st.sampled_from(list(enums.ReviewState))),
                                    comments=draw(st.lists(st.builds(schema.Comment, author=maybe, text=text),
                                                           max_size=2)))
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
