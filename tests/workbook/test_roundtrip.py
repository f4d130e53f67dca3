"""Export then import gives back exactly the same studies; a second export is the same workbook."""
from __future__ import annotations

from abstractor.storage import Store
from abstractor.workbook import export_workbook, import_workbook, plan_import
from tests.workbook.helpers import all_studies, comparable, sheet_values


def test_round_trip_into_empty_database(rich_store, tmp_path):
    wb = tmp_path / "out.xlsx"
    res = export_workbook(rich_store, wb)
    assert res.studies == 1 and res.counts["Criteria"] == 3 and res.counts["Documents"] == 1
    with Store.open_path(tmp_path / "b.db", user="other") as other:
        plan, result = import_workbook(other, wb)
        assert [p.action for p in plan.studies] == ["new"] and not plan.issues
        assert all_studies(other) == all_studies(rich_store)
        sid = next(iter(all_studies(other)))
        assert [d.sha256 for d in other.documents(sid)] == [d.sha256 for d in rich_store.documents(sid)]
        doc = other.documents(sid)[0]
        assert other.document_text(doc.id) == rich_store.document_text(rich_store.documents(sid)[0].id)
        wb2 = tmp_path / "again.xlsx"
        export_workbook(other, wb2)
    assert comparable(sheet_values(wb2)) == comparable(sheet_values(wb))


def test_reimport_into_same_database_changes_nothing(rich_store, tmp_path):
    wb = tmp_path / "out.xlsx"
    export_workbook(rich_store, wb)
    before = all_studies(rich_store)
    events = len(rich_store.audit_events())
    plan = plan_import(rich_store, wb)
    assert [p.action for p in plan.studies] == ["unchanged"]
    assert not plan.has_changes and not plan.issues
    plan, result = import_workbook(rich_store, wb)
    assert result is None and all_studies(rich_store) == before and len(rich_store.audit_events()) == events
    wb2 = tmp_path / "again.xlsx"
    export_workbook(rich_store, wb2)
    assert comparable(sheet_values(wb2)) == comparable(sheet_values(wb))


def test_formula_like_text_is_text_and_numbers_are_numbers(rich_store, tmp_path):
    from openpyxl import load_workbook

    wb = tmp_path / "out.xlsx"
    export_workbook(rich_store, wb)
    book = load_workbook(wb)
    st = book["Studies"]
    head = [c.value for c in st[1]]
    sponsor = st.cell(2, head.index("sponsor") + 1)
    assert sponsor.data_type == "s" and sponsor.value.startswith("=HYPERLINK")
    assert sponsor.quotePrefix
    dl = book["DoseLevels"]
    head = [c.value for c in dl[1]]
    value = dl.cell(2, head.index("value") + 1)
    assert value.data_type == "n" and value.value == 1e7 and value.number_format == "0.00E+00"
    assert st.cell(2, [c.value for c in st[1]].index("enrollment") + 1).value == 20
    assert st.freeze_panes == "C2" and st.auto_filter.ref.startswith("A1:")
    assert any("RECRUITING" in (dv.formula1 or "") for dv in st.data_validations.dataValidation)
    assert all(s in book.sheetnames for s in ("About", "Dictionary", "Studies", "Arms", "Interventions",
                                             "DoseLevels", "Outcomes", "Criteria", "Evidence", "Review",
                                             "Documents"))


def test_export_selected_studies_and_unknown_id(rich_store, tmp_path):
    import pytest

    from abstractor.workbook import ExportError

    sid = next(iter(all_studies(rich_store)))
    res = export_workbook(rich_store, tmp_path / "one.xlsx", [sid])
    assert res.studies == 1
    with pytest.raises(ExportError, match="no study with id nope"):
        export_workbook(rich_store, tmp_path / "x.xlsx", ["nope"])
    with pytest.raises(ExportError, match=r"\.xlsx"):
        export_workbook(rich_store, tmp_path / "x.csv")


def test_bulk_import_writes_what_a_single_study_write_does(tmp_path):
    """New studies are inserted in bulk; the result is what Store.add_study (convert.write_study) stores,
    including interventions an arm names that the Interventions sheet lacks."""
    from models import schema
    from abstractor.workbook import export_abstractions
    from tests.workbook.helpers import document, rich_study

    import hashlib

    def hid(name: str) -> str:  # a readable name as an id of the program's form (32 hex digits)
        return hashlib.md5(name.encode()).hexdigest()

    doc = document()
    abs_, given_iv = [], set()
    for n in range(3):
        ab = rich_study(doc)
        ab.id = hid(f"study{n}")
        ab.arms = [schema.Arm(id=hid(f"arm{n}a"), label="A", interventions=["CD7 CAR-T", "New drug", "New drug"]),
                   schema.Arm(id=hid(f"arm{n}b"), label="B", interventions=["New drug", "Other", ""])]
        ab.interventions = [schema.Intervention(id=hid(f"iv{n}"), name="CD7 CAR-T"),
                            schema.Intervention(id=hid(f"iv{n}x"), name="CD7 CAR-T", type="DRUG")]
        given_iv |= {iv.id for iv in ab.interventions}
        for key in ("dose_levels", "outcomes", "criteria"):
            for k, item in enumerate(getattr(ab, key)):
                item.id = hid(f"{key}{n}.{k}")
        ab.review[0].comments[0].at = "2026-01-02T03:04:05.000006+00:00"  # else stamped when stored
        for k, entry in enumerate(ab.review):  # who set each mark and when: kept by both ways of writing
            entry.by, entry.at = "rev", f"2026-01-01T00:00:0{k}+00:00"
        for k, site in enumerate(ab.study.sites):
            site.id = hid(f"site{n}.{k}")
        abs_.append(ab)
    wb = tmp_path / "made.xlsx"
    as_row = {"sha256": doc.sha256, "file_name": doc.file_name, "kind": doc.kind, "encoding": doc.encoding,
              "size_bytes": doc.size_bytes, "page_starts": doc.page_starts, "text": doc.text}
    export_abstractions(wb, abs_, {ab.id: [as_row] for ab in abs_})
    with Store.open_path(tmp_path / "one.db", user="u") as one, Store.open_path(tmp_path / "bulk.db", user="u") as bulk:
        for ab in abs_:
            one.add_study(ab, [doc])
        plan, result = import_workbook(bulk, wb)
        assert not plan.issues and sorted(result.added) == sorted(ab.id for ab in abs_) and result.documents == 3

        def shape(store):
            out = {}
            for ab in store.iter_studies():
                d = ab.model_dump()
                for iv in d["interventions"]:
                    if iv["id"] not in given_iv:  # made for a name only an arm lists: a new id each time
                        iv["id"] = None
                out[ab.id] = d
            return out

        assert shape(bulk) == shape(one)
        got = bulk.get_study(hid("study0"))
        assert [i.name for i in got.interventions] == ["CD7 CAR-T", "CD7 CAR-T", "New drug", "Other", ""]
        assert got.arms[0].interventions == ["CD7 CAR-T", "New drug"]
        assert [e.quote for e in got.evidence] == [e.quote for e in one.get_study(hid("study0")).evidence]
        assert [d.sha256 for d in bulk.documents(hid("study0"))] == [doc.sha256]
