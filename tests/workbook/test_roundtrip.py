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
