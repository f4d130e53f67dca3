"""Every Qt item model passes qtmodeltester."""
from PySide6.QtCore import Qt

from abstractor.storage import Store
from gui.row_table_model import Column, RowTableModel, format_number
from gui.study_list_model import StudyListModel
from models import schema


def _studies(store, n):
    for i in range(n):
        store.add_study(schema.Abstraction(study=schema.StudyFields(title=f"Study {i}", registry_ids=[f"NCT{i:08d}"])))


def test_study_list_model(qtmodeltester, db_path):
    store = Store.open_path(db_path)
    _studies(store, 30)
    model = StudyListModel(store)
    model.reload()
    qtmodeltester.check(model)
    assert model.rowCount() == 30
    assert model.data(model.index(0, 1)).startswith("Study")
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.data(model.index(0, 0)) == "NCT00000000"
    model.set_filter("NCT00000017", None)
    assert model.rowCount() == 1
    qtmodeltester.check(model)
    store.close()


def test_row_table_model(qtmodeltester):
    cols = [Column("text", "Criterion", "text"), Column("category", "Category", "enum", ["age", "disease"]),
            Column("threshold.value", "Value", "float")]
    edits = []
    model = RowTableModel("criterion", cols, on_edit=lambda *a: edits.append(a) or True)
    model.set_rows([{"id": "a", "text": "Age 18", "category": "age", "threshold.value": 18.0},
                    {"id": "b", "text": "ECOG <= 2", "category": None, "threshold.value": None}])
    qtmodeltester.check(model)
    assert model.setData(model.index(1, 1), "disease")
    assert edits == [("b", "category", "disease")]
    model.set_rows([{"id": "b", "text": "x"}])
    qtmodeltester.check(model)
    assert format_number(1e7) == "1×10⁷" and format_number(25.0) == "25"


def test_window_models(qtbot, qtmodeltester, open_window, registry_page):
    from tests.gui.conftest import import_and_wait

    w = open_window()
    import_and_wait(qtbot, w, [registry_page])
    qtmodeltester.check(w.study_list.model)
    for rp in w.form.row_panels():
        qtmodeltester.check(rp.model)
