"""Adjudication details: a chooser when several other abstractions of the study are in the
database, and Edit… of a whole row or a list in a small form (a line per field or item)."""
from __future__ import annotations

from PySide6.QtCore import Qt

from abstractor.storage import Store
from gui.value_form import ValueForm
from tests.gui.review_fixtures import invented_study, second_version


def _seed(db_path, n_other=2):
    with Store.open_path(db_path, user="ana") as store:
        a_id = store.add_study(invented_study())
        others = [store.add_study(second_version())]
        if n_other > 1:
            c = invented_study(abstractor="cai")
            c.study.enrollment = 20
            others.append(store.add_study(c))
    return a_id, others


def test_several_other_abstractions_offer_a_chooser(qtbot, open_window, db_path, dialogs):
    a_id, (ben_id, cai_id) = _seed(db_path)
    w = open_window()
    w.study_list.select_study(a_id)

    dialogs.choice = None  # cancelled: nothing opens
    assert w.review.adjudicate_action.trigger() is None and w.review.adjudication is None
    [names] = dialogs.choices_offered
    assert len(names) == 2 and {n.split(" · ")[0] for n in names} == {"ben", "cai"}

    dialogs.choice = next(i for i, n in enumerate(names) if n.startswith("cai"))
    w.review.adjudicate_action.trigger()
    adj_win = w.review.adjudication
    assert (adj_win.adj.a.id, adj_win.adj.b.id) == (a_id, cai_id)
    assert [d.key for d in adj_win.adj.disagreements] == ["study.enrollment"]


def test_one_other_abstraction_opens_without_asking(qtbot, open_window, db_path, dialogs):
    a_id, (ben_id,) = _seed(db_path, n_other=1)
    w = open_window()
    w.study_list.select_study(a_id)
    w.review.adjudicate_action.trigger()
    assert dialogs.choices_offered == [] and w.review.adjudication.adj.b.id == ben_id


def test_edit_a_whole_row_and_a_list_in_a_small_form(qtbot, open_window, db_path, dialogs):
    a_id, _ = _seed(db_path, n_other=1)
    w = open_window()
    w.study_list.select_study(a_id)
    w.review.adjudicate_action.trigger()
    adj_win = w.review.adjudication
    forms = []

    def fill(lines=None, items=None):
        def edit(value):
            form = ValueForm(adj_win, "Edit the consensus value", "x", value)
            qtbot.addWidget(form)
            forms.append(form)
            for key, text in (lines or {}).items():
                form.lines[key].selectAll()
                if text.isalnum() or " " in text:
                    qtbot.keyClicks(form.lines[key], text)
                else:
                    form.lines[key].setText(text)  # QTest aborts on some symbols (../shared/PLATFORM.md)
            if items is not None:
                form.items_edit.clear()
                for i, line in enumerate(items.split("\n")):
                    if i:
                        qtbot.keyClick(form.items_edit, Qt.Key.Key_Return)
                    qtbot.keyClicks(form.items_edit, line)
            return form.value()
        return edit

    # The criterion only A has: a line per field, its thresholds written as people write them.
    only_a = next(d for d in adj_win.adj.disagreements if d.whole_row)
    adj_win.select(only_a.key)
    dialogs.edit_value = fill({"text": "Karnofsky score of at least 80", "thresholds": "Karnofsky >= 80"})
    qtbot.mouseClick(adj_win.edit_btn, Qt.MouseButton.LeftButton)
    form = forms[-1]
    assert form.items_edit is None and {"text", "kind", "category", "thresholds"} <= set(form.lines)
    assert form.lines["category"].text() == "performance_status"
    edited = adj_win.adj.item(only_a.key).edited
    assert edited["text"] == "Karnofsky score of at least 80" and edited["kind"] == "INCLUSION"
    assert edited["thresholds"] == [{"parameter": "Karnofsky", "operator": ">=", "value": 80.0, "unit": None}]

    # The phases (a list): one item per line.
    adj_win.select("study.phases")
    dialogs.edit_value = fill(items="PHASE1\nPHASE2")
    qtbot.mouseClick(adj_win.edit_btn, Qt.MouseButton.LeftButton)
    assert forms[-1].items_edit.toPlainText() == "PHASE1\nPHASE2"
    assert adj_win.adj.item("study.phases").edited == ["PHASE1", "PHASE2"]

    # A bad line is a plain message and decides nothing; cancelling decides nothing either.
    unit = next(d for d in adj_win.adj.disagreements if d.key.endswith(".unit"))
    row = next(d for d in adj_win.adj.items if d.whole_row is False and d.section == "criteria")
    adj_win.only_diff.setChecked(False)
    adj_win.select(row.key)
    dialogs.edit_value = None
    qtbot.mouseClick(adj_win.edit_btn, Qt.MouseButton.LeftButton)
    assert unit.choice is None
    assert not dialogs.messages("error")


def test_value_form_lines_and_the_json_fallback(qtbot):
    form = ValueForm(None, "t", "Dose level", {"value": 2e6, "unit": "cells/kg", "per_weight": True,
                                                "other_names": ["a", "b"], "extra": [{"deep": 1}]})
    qtbot.addWidget(form)
    assert form.lines["value"].text() == "2000000.0" and form.lines["per_weight"].text() == "yes"
    assert form.lines["other_names"].text() == "a; b" and form.lines["extra"].text() == '[{"deep": 1}]'
    form.lines["other_names"].setText("a; c ;")
    form.lines["per_weight"].setText("no")
    form.lines["unit"].setText("")
    v = form.value()
    assert v["other_names"] == ["a", "c"] and v["per_weight"] is False and v["unit"] is None
    assert v["extra"] == [{"deep": 1}]
    form.lines["extra"].setText("[{broken")
    import pytest

    from abstractor.errors import InvalidValue
    with pytest.raises(InvalidValue):
        form.value()

    records = ValueForm(None, "t", "Sites", [{"facility": "X"}])
    qtbot.addWidget(records)
    assert '"facility": "X"' in records.items_edit.toPlainText() and records.value() == [{"facility": "X"}]
