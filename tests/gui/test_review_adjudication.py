"""Compare two abstractors' JSON exports from the window, read the agreement, save the
report, adjudicate the study side by side and save the consensus record."""
from __future__ import annotations

import json

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from abstractor.storage import Store
from gui.adjudication_model import AdjudicationModel
from gui.compare_models import TextTableModel
from abstractor.review.adjudicate import Adjudication
from models.enums import AbstractionStatus, Phase
from tests.gui.review_fixtures import invented_study, second_version


def _export(path, ab):
    path.write_text(json.dumps([ab.model_dump(mode="json", by_alias=True)]), encoding="utf-8")
    return path


def _click(qtbot, w):
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton)


def test_compare_and_adjudicate_to_a_consensus_record(qtbot, open_window, tmp_path, dialogs, qtmodeltester):
    a_json = _export(tmp_path / "ana.json", invented_study())
    b_json = _export(tmp_path / "ben.json", second_version())
    w = open_window()
    w.ctx.store.user = "cleo"

    # Review > Compare: pick the two exports, compare in the background.
    w.review.compare_action.trigger()
    dlg = w.review.compare_dialog
    qtbot.waitExposed(dlg)
    qtbot.keyClicks(dlg.path_a, str(a_json))
    qtbot.keyClicks(dlg.path_b, str(b_json))
    with qtbot.waitSignal(dlg.compared, timeout=20000):
        _click(qtbot, dlg.run_btn)
    assert dlg.outcome.ok, dlg.summary.text()
    for m in (dlg.discrepancies, dlg.fields, dlg.row_kinds, dlg.studies):
        qtmodeltester.check(m)
    # Exactly the known differences: phase, dose unit, the criterion only A has (outcome order is not one).
    issues = sorted((r[1], r[3]) for r in dlg.discrepancies.rows)
    assert issues == [("criteria", "only in A"), ("dose_levels", "differs"), ("study", "differs")]
    assert "2 of 38 values differ (94.7% agreement), 1 row on one side only" in dlg.summary.text()
    fields = {r[0]: r for r in dlg.fields.rows}
    assert fields["Study: Phases"][2] == "0.0%" and fields["Study: Sex"][2] == "100.0%"  # the forms' labels
    rows = {r[0]: r for r in dlg.row_kinds.rows}
    assert rows["criteria"][1:4] == ["3", "1", "0"]  # paired, only A, only B
    assert rows["criteria"][6] == f"{2 * 3 / (2 * 3 + 1):.3f}"  # F1 = 2TP / (2TP + FN + FP)
    assert rows["outcomes"][6] == "1.000"

    # Save the report workbook.
    dialogs.save_path = str(tmp_path / "report.xlsx")
    _click(qtbot, dlg.save_btn)
    assert "Summary" in " ".join(load_workbook(dialogs.save_path, read_only=True).sheetnames)

    # Adjudicate the study: the three differences, side by side.
    _click(qtbot, dlg.adjudicate_btn)
    adj_win = w.review.adjudication
    qtbot.waitExposed(adj_win)
    qtmodeltester.check(adj_win.model)
    assert len(adj_win.model.items) == 3 and not adj_win.save_btn.isEnabled()
    assert "0 of 3 differences settled" in adj_win.progress.text()

    adj_win.select("study.phases")
    assert adj_win.pane_a.value.text() == "PHASE1; PHASE2" and adj_win.pane_b.value.text() == "PHASE1"
    _click(qtbot, adj_win.pane_b.take_btn)  # B: phase 1 only
    assert adj_win.adj.item("study.phases").choice == "B"

    unit_key = next(d.key for d in adj_win.adj.disagreements if d.key.endswith(".unit"))
    adj_win.select(unit_key)
    dialogs.answer_text = "cells/kg"
    _click(qtbot, adj_win.edit_btn)  # neither: typed by the adjudicator
    assert adj_win.adj.item(unit_key).edited == "cells/kg"

    only_a = next(d.key for d in adj_win.adj.disagreements if d.whole_row)
    adj_win.select(only_a)
    assert "Karnofsky" in adj_win.pane_a.value.text() and "does not have" in adj_win.pane_b.value.text()
    _click(qtbot, adj_win.pane_a.take_btn)  # keep the criterion only A found

    # Everything decided: save the consensus; it is selected in the study list.
    assert adj_win.save_btn.isEnabled() and "3 of 3" in adj_win.progress.text()
    _click(qtbot, adj_win.save_btn)
    new_id = adj_win.saved_id
    assert new_id and w.ctx.session.study_id == new_id
    sl = w.study_list
    assert sl.model.study_id(sl.view.currentIndex().row()) == new_id
    assert "consensus record" in w.review.panel.status_label.text()

    # Checked through the Store, as it is saved.
    with Store.open_path(w.ctx.store.label) as store:
        saved = store.get_study(new_id)
        trail = store.audit_events(new_id)
    assert saved.consensus and saved.abstractor == "cleo" and saved.status == AbstractionStatus.APPROVED
    assert saved.study.phases == [Phase.PHASE1]
    assert [d.unit for d in saved.dose_levels] == ["cells/kg", "cells/kg"]
    assert [c.text for c in saved.criteria] == [c.text for c in invented_study().criteria]
    assert sorted(o.measure for o in saved.outcomes) == ["Dose-limiting toxicities", "Objective response rate"]
    decided = next(e for e in trail if e["action"] == "adjudicate")
    assert decided["user"] == "cleo" and decided["at"]
    assert not dialogs.messages("error")


def test_compare_refuses_a_file_that_is_not_ours(qtbot, open_window, tmp_path, dialogs):
    a_json = _export(tmp_path / "ana.json", invented_study())
    junk = tmp_path / "notes.json"
    junk.write_text('{"hello": 1}', encoding="utf-8")
    w = open_window()
    dlg = w.review.open_compare()
    dlg.path_a.setText(str(a_json))
    dlg.path_b.setText(str(junk))
    with qtbot.waitSignal(dlg.compared, timeout=20000):
        dlg.start()
    assert not dlg.outcome.ok and "not an abstraction" in dlg.summary.text()
    assert not dlg.save_btn.isEnabled() and not dlg.adjudicate_btn.isEnabled()


def test_adjudicate_two_versions_in_the_database(qtbot, open_window, db_path, dialogs):
    """Both versions in the open database: the adjudication opens from the Review menu."""
    with Store.open_path(db_path, user="ana") as store:
        a_id = store.add_study(invented_study())
        b_id = store.add_study(second_version())
    w = open_window()
    w.study_list.select_study(a_id)
    w.review.adjudicate_action.trigger()
    adj_win = w.review.adjudication
    assert {adj_win.adj.a.id, adj_win.adj.b.id} == {a_id, b_id}
    adj_win.take_rest_a()
    assert adj_win.save_btn.isEnabled()


def test_adjudicate_pairs_by_the_source_document_like_compare(qtbot, open_window, db_path, dialogs):
    """Two versions with no registry id and no title, read from the same document: the window
    finds the other one by the same rule as compare (abstractor.review.pairing)."""
    from models.schema import Source

    with Store.open_path(db_path, user="ana") as store:
        ids = []
        for version in (invented_study(), second_version()):
            version.study.registry_ids, version.study.title = [], None
            version.source = Source(file="page.txt", sha256="c" * 64)
            ids.append(store.add_study(version))
        other = invented_study()  # same registry id as before, another document: not paired
        other.study.registry_ids, other.study.title = ["NCT09990043"], None
        store.add_study(other)
    w = open_window()
    w.study_list.select_study(ids[0])
    w.review.adjudicate_action.trigger()
    assert {w.review.adjudication.adj.a.id, w.review.adjudication.adj.b.id} == set(ids)


def test_adjudication_model(qtmodeltester):
    model = AdjudicationModel(Adjudication(invented_study(), second_version()))
    qtmodeltester.check(model)
    model.set_only_differences(False)
    qtmodeltester.check(model)
    assert model.rowCount() > 3
    t = TextTableModel(["x", "y"], right=(1,))
    t.set_rows([["a", "1"], ["b", "2"]], marked={(0, 1)})
    qtmodeltester.check(t)
