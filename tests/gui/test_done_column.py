"""The study list's Done column says what it counts, and an empty field verified as not stated counts."""
from PySide6.QtCore import Qt

from abstractor.storage.window_queries import FACTS
from tests.gui.conftest import import_and_wait


def test_done_is_explained_and_counts_a_field_verified_as_not_stated(qtbot, open_window, tmp_path):
    page = tmp_path / "criteria_only.txt"
    page.write_text("Inclusion criteria\n1. Aged 18 to 70 years;\n2. ECOG 0-1;\n", encoding="utf-8")
    w = open_window()
    import_and_wait(qtbot, w, [page])
    model, sid = w.study_list.model, w.ctx.session.study_id
    index = model.index(model.row_of[sid], 3)
    assert "key facts" in model.headerData(3, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    before = model.data(index)
    tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert f"of {len(FACTS)} key facts done" in tip and "sponsor" in tip.split("not yet:")[1]

    sponsor = w.form.design.fields[("study", "sponsor")]
    sponsor.editor.setFocus()
    w.ctx.session.set_focused_target(sponsor.target())
    w.review.verify_action.trigger()  # Ctrl+Alt+V on the empty field: checked, the page does not say
    after = model.data(index)
    assert int(after.split()[0]) > int(before.split()[0])
    assert "sponsor" not in model.data(index, Qt.ItemDataRole.ToolTipRole).split("not yet:")[1].split("\n")[0]
