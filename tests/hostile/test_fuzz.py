"""Fuzzing the two doors files come in by: workbook cells and registry JSON.

Thousands of generated hostile values and shapes (bounded to well under a minute
in all): never a traceback or a crash, only a refusal in plain words
(AbstractorError) or a result; and when something is refused, the database is
exactly as it was.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from abstractor.errors import AbstractorError
from abstractor.importer import import_files
from abstractor.review.sources import load_side
from abstractor.storage import Store
from abstractor.workbook import export_workbook, import_workbook
from abstractor.workbook.cells import escape
from abstractor.workbook.writer import xml_text
from tests.hostile.conftest import sheet_part
from tests.workbook.helpers import all_studies, document, rich_study, store_with

def fuzz(n: int) -> settings:
    """Bounded and repeatable: the same examples every run (CI's time is counted)."""
    return settings(max_examples=n, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])

# --- values a hostile or careless person can put in a cell --------------------------------
ints = st.one_of(st.integers(-10, 10**4), st.sampled_from([2**31, 2**53 + 1, 2**63 - 1, 2**63, -2**63 - 1,
                                                          10**19, 10**20, 10**308]), st.integers())
floats = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e308, -0.0, 5e-324]))
nasty_text = st.sampled_from([
    "", " ", '""', "\u200b", "x\u200b", "../../etc/passwd", "=cmd|' /C calc'!A0", "@SUM(A1)", "#N/A", "TRUE",
    "NaN", "inf", "-1", "1e400", "9" * 40, "0x1F", "１２", "PHASE1/PHASE9", "[", '["a", 1]', '{"a": 1}',
    "_x0000_", "_x001F_", "a" * 33_000, "中文" * 500, "\U0001f600", "\r\n\r\n", "\t", "18 Years", "-5 Years",
    "RECRUITING ", "recruiting", "None", "null", "0" * 32, "g" * 32, "f" * 31, "F" * 32,
])
texts = st.one_of(nasty_text, st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
cell_values = st.one_of(ints, floats, st.booleans(), texts)


def _cell_xml(ref: str, value) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}" t="n"><v>{value}</v></c>'
    if isinstance(value, float):
        return f'<c r="{ref}" t="n"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{xml_text(escape(value))}</t></is></c>'


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A database of one rich study and its exported workbook: each example starts from copies."""
    d = tmp_path_factory.mktemp("fuzzbase")
    doc = document()
    with store_with(d / "base.db", [rich_study(doc)], [[doc]]) as store:
        export_workbook(store, d / "base.xlsx")
    wb = d / "base.xlsx"
    sheets = ["Studies", "Sites", "Arms", "Interventions", "DoseLevels", "Outcomes", "Criteria", "Evidence",
              "Review", "Documents"]
    refs = {}
    with zipfile.ZipFile(wb) as z:
        for name in sheets:
            part = sheet_part(wb, name)
            xml = z.read(part).decode()
            refs[part] = sorted({m for m in re.findall(r'<c r="([A-Z]+(?:[2-9]|\d\d+))"', xml)})
    return d, refs


def _fuzzed(base_wb: Path, out: Path, edits: dict) -> None:
    with zipfile.ZipFile(base_wb) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in edits:
                xml = data.decode()
                for ref, value in edits[item.filename].items():
                    xml = re.sub(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', lambda m: _cell_xml(ref, value), xml,
                                 count=1, flags=re.S)
                data = xml.encode()
            zout.writestr(item, data)


@fuzz(200)
@given(data=st.data())
def test_fuzzed_workbook_cells_never_crash_and_refusals_change_nothing(base, data):
    d, refs = base
    parts = sorted(refs)
    edits: dict[str, dict[str, object]] = {}
    for _ in range(data.draw(st.integers(1, 40), label="cells")):
        part = data.draw(st.sampled_from(parts))
        ref = data.draw(st.sampled_from(refs[part]))
        edits.setdefault(part, {})[ref] = data.draw(cell_values)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shutil.copy(d / "base.db", tmp / "a.db")
        _fuzzed(d / "base.xlsx", tmp / "f.xlsx", edits)
        side = load_side(tmp / "f.xlsx", "A")  # compare reads it too: a side, or a reason it cannot be one
        assert side.fatal or side.studies or side.problems
        with Store.open_path(tmp / "a.db", user="fuzz") as store:
            before, events = all_studies(store), len(store.audit_events())
            try:
                plan, result = import_workbook(store, tmp / "f.xlsx")
            except AbstractorError:
                assert all_studies(store) == before and len(store.audit_events()) == events
                return
            if result is None:
                assert all_studies(store) == before
            # Into an empty database too: the other door (new studies with their documents).
            with Store.open_path(tmp / "empty.db", user="fuzz") as empty:
                try:
                    import_workbook(empty, tmp / "f.xlsx")
                except AbstractorError:
                    assert not list(empty.iter_studies())


# --- registry JSON -------------------------------------------------------------------------
json_leaf = st.one_of(st.none(), st.booleans(), ints, st.floats(allow_nan=False), texts)
json_any = st.recursive(json_leaf, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                                          st.dictionaries(st.text(max_size=8), kids, max_size=4)),
                        max_leaves=12)
PATHS = [("identificationModule", "nctId"), ("identificationModule", "briefTitle"),
         ("identificationModule", "officialTitle"), ("sponsorCollaboratorsModule", "leadSponsor"),
         ("sponsorCollaboratorsModule", "leadSponsor", "name"), ("statusModule", "overallStatus"),
         ("conditionsModule", "conditions"), ("descriptionModule", "briefSummary"), ("designModule",),
         ("designModule", "phases"), ("designModule", "designInfo"), ("designModule", "enrollmentInfo", "count"),
         ("designModule", "enrollmentInfo", "type"), ("eligibilityModule", "minimumAge"),
         ("eligibilityModule", "sex"), ("eligibilityModule", "eligibilityCriteria"),
         ("contactsLocationsModule", "locations"), ("armsInterventionsModule", "armGroups"),
         ("armsInterventionsModule", "interventions"), ("outcomesModule", "primaryOutcomes"),
         ("outcomesModule", "secondaryOutcomes")]
GOOD = {"identificationModule": {"nctId": "NCT01234567", "briefTitle": "CAR-T in lymphoma"},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1"], "enrollmentInfo": {"count": 12}},
        "armsInterventionsModule": {"armGroups": [{"label": "A", "interventionNames": ["Biological: CAR-T"]}],
                                    "interventions": [{"name": "CAR-T", "type": "BIOLOGICAL"}]},
        "outcomesModule": {"primaryOutcomes": [{"measure": "DLT", "timeFrame": "28 days"}]},
        "contactsLocationsModule": {"locations": [{"facility": "H", "city": "Wuhan", "country": "China"}]}}


def _put(record: dict, path: tuple, value) -> None:
    node = record
    for key in path[:-1]:
        if not isinstance(node.get(key), dict):
            node[key] = {}
        node = node[key]
    node[path[-1]] = value


@st.composite
def registry_files(draw) -> str:
    kind = draw(st.integers(0, 9))
    if kind == 0:  # any JSON at all
        return json.dumps(draw(json_any))
    if kind == 1:  # broken or deeply nested text
        depth = draw(st.integers(1, 200_000))
        return draw(st.sampled_from(["[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth,
                                     '{"protocolSection": ', "\ufeff{}", "nul\0l"]))
    record = json.loads(json.dumps(GOOD))
    for _ in range(draw(st.integers(1, 6))):
        _put(record, draw(st.sampled_from(PATHS)), draw(json_any))
    return json.dumps({"protocolSection": record})


@fuzz(500)
@given(text=registry_files())
def test_fuzzed_registry_json_is_imported_or_refused_in_words(tmp_path, text):
    path = tmp_path / "record.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with Store.open_path(tmp_path / "r.db", user="fuzz") as store:
        before = len(store.list_studies())
        results = import_files(store, [path])  # raises nothing but StoreBusy by contract
        assert len(results) == 1
        r = results[0]
        assert r.outcome in ("imported", "rejected", "duplicate"), r
        if r.outcome == "rejected":
            assert len(store.list_studies()) == before and "Traceback" not in r.message
