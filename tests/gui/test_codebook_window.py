"""Codebooks in the window (issue 15): a team lead imports the shipped CAR-T codebook from the
File menu (preview, then Apply); an abstractor fills its fields for a registry page with evidence
(Ctrl+E on a selection, a dropdown, a table column on dose levels), each an undo step; a value
the codebook does not take is refused with its reason and not saved."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from tests.gui.conftest import import_and_wait, stored_rows

CAR_T = Path(__file__).resolve().parents[2] / "resources" / "codebooks" / "car_t.json"


def _activate(qtbot, w):
    w.activateWindow()
    w.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)


def _import_codebook(qtbot, w):
    w.codebooks.import_file(str(CAR_T))
    dlg = w.codebooks.dialog
    assert dlg is not None and dlg.isVisible()
    from PySide6.QtWidgets import QPlainTextEdit

    text = dlg.findChild(QPlainTextEdit, "codebookChanges").toPlainText()
    assert "costimulatory_domain" in text or "Costimulatory" in text  # the preview lists the fields added
    from PySide6.QtWidgets import QPushButton

    dlg.findChild(QPushButton, "applyCodebook").click()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=3000)


def test_codebook_fields_filled_with_evidence_in_the_window(qtbot, open_window, registry_page, dialogs):
    w = open_window()
    _activate(qtbot, w)
    import_and_wait(qtbot, w, [registry_page])
    sid = w.ctx.session.study_id
    assert sid is not None
    section = w.form.design.codebook
    assert not section.isVisibleTo(w)  # no codebook yet: no group

    steps_before = w.ctx.undo_stack.count()
    _import_codebook(qtbot, w)
    _activate(qtbot, w)  # the preview dialog had the focus
    assert "undo history starts again" in w.statusBar().currentMessage()
    assert steps_before >= 0 and w.ctx.undo_stack.count() == 0  # said, not silent
    assert w.ctx.store.codebook_for(sid).name and section.isVisibleTo(w)
    assert "v1" in section.title()
    editors = {ed.field: ed for ed in section.editors}
    assert {"extra.costimulatory_domain", "extra.vector", "extra.dlt_definition"} <= set(editors)

    # Ctrl+E: click the field, select the page's words, fill with evidence.
    vector = editors["extra.vector"]
    w.form.setCurrentWidget(w.form.design)
    qtbot.mouseClick(vector.editor, Qt.MouseButton.LeftButton)  # (a dropdown opens on click: close it)
    qtbot.keyClick(QApplication.activePopupWidget() or vector.editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: w.ctx.session.focused_target is not None
                    and w.ctx.session.focused_target.field == "extra.vector", timeout=2000)
    tab = w.documents.tab()
    phrase = "transduced with a lentiviral vector"
    start = tab.text.index(phrase)
    tab.select(start, start + len(phrase))
    steps = w.ctx.undo_stack.count()
    assert w.capture.fill_focused()
    assert "Vector filled from the document" in w.statusBar().currentMessage()  # the form's label
    ab = w.ctx.store.get_study(sid)
    assert ab.study.extra["vector"] == "lentiviral"  # the choice the words name, from a selection with words around
    ev = [e for e in w.ctx.store.evidence(sid) if e.field == "extra.vector"]
    assert len(ev) == 1 and ev[0].quote == phrase
    assert vector.editor.currentText() == "lentiviral" and vector.mark.has_evidence
    assert w.ctx.undo_stack.count() == steps + 1

    # A dropdown: yes/no saved as yes/no, shown back.
    bridging = editors["extra.bridging_therapy_allowed"]
    assert isinstance(bridging.editor, QComboBox)
    bridging.editor.setCurrentIndex(1)
    bridging.editor.activated.emit(1)
    assert w.ctx.store.get_study(sid).study.extra["bridging_therapy_allowed"] is True
    assert bridging.editor.currentText() == "yes"

    # Typed text: a value the codebook does not take is refused and not saved.
    dlt = editors["extra.dlt_definition"]
    dlt.editor.setFocus()
    qtbot.keyClicks(dlt.editor, "Grade 3 or higher CRS within 28 days")
    qtbot.waitUntil(lambda: w.ctx.store.get_study(sid).study.extra.get("dlt_definition")
                    == "Grade 3 or higher CRS within 28 days", timeout=3000)

    # Dose levels get the codebook's column; a bad number is refused in the table, a good one saved.
    doses = w.form.doses.row_panels[0]
    titles = [c.title for c in doses.columns]
    label = w.ctx.store.codebook_for(sid).field("dose_level", "patients_planned").label
    assert label in titles
    doses.add_row()
    rows = stored_rows(doses)
    col = titles.index(label)
    row = doses.model.row_of(rows[0]["id"])
    doses.model.setData(doses.model.index(row, col), "six")
    assert "whole number" in doses.message.text()
    doses.model.setData(doses.model.index(row, col), "6")
    level = next(d for d in w.ctx.store.get_study(sid).dose_levels if d.id == rows[0]["id"])
    assert level.extra["patients_planned"] == 6
    assert doses.model.data(doses.model.index(row, col)) == "6"

    # Undo takes the steps back one by one, through the core.
    w.ctx.undo_stack.undo()
    level = next(d for d in w.ctx.store.get_study(sid).dose_levels if d.id == rows[0]["id"])
    assert "patients_planned" not in level.extra

    # Ctrl+E into the table's codebook cell: "3 patients" selected in the page is 3, with evidence.
    w.form.setCurrentWidget(w.form.doses)
    doses.view.setFocus()
    doses.view.setCurrentIndex(doses.model.index(row, col))
    qtbot.waitUntil(lambda: w.ctx.session.focused_target is not None
                    and w.ctx.session.focused_target.field == "extra.patients_planned", timeout=2000)
    phrase = "3 patients"
    start = tab.text.index(phrase)
    tab.select(start, start + len(phrase))
    assert w.capture.fill_focused()
    level = next(d for d in w.ctx.store.get_study(sid).dose_levels if d.id == rows[0]["id"])
    assert level.extra["patients_planned"] == 3
    assert any(e.field == "extra.patients_planned" and e.row_id == rows[0]["id"] and e.quote == phrase
               for e in w.ctx.store.evidence(sid))


def test_a_proposed_row_shows_and_takes_its_codebook_choice(qtbot, open_window, tmp_path):
    from abstractor.codebooks.importing import apply_import, preview_import
    from gui.suggestions_model import edited_value, row_of
    from models.codebook import Codebook

    cb = Codebook.model_validate({"schema": "protocol-codebook/1", "name": "Routes", "version": 1, "fields": [
        {"kind": "intervention", "name": "route", "label": "Route", "type": "one_choice",
         "choices": [{"value": "oral", "synonyms": ["orally"]}, {"value": "intravenous"}]}]})
    w = open_window()
    apply_import(w.ctx.store, preview_import(w.ctx.store, cb))
    page = tmp_path / "rows.txt"
    page.write_text("Title: A study of drug Q\n\nArms and Interventions\nExperimental: Drug Q\nDrug: Drug Q\n"
                    "Drug Q 10 mg given orally once a day\n", encoding="utf-8")
    import_and_wait(qtbot, w, [page])
    panel = w.form.panel_for("intervention")
    proposed = [r for r in panel.model.rows if "_proposal" in r]
    assert proposed and proposed[0]["extra.route"] == "oral"  # shown in the Route column
    col = [c.field for c in panel.columns].index("extra.route")
    assert panel.model.data(panel.model.index(panel.model.rows.index(proposed[0]), col)) == "oral"
    s = proposed[0]["_proposal"]
    assert edited_value(s, "extra.route", "intravenous")["extra"] == {"route": "intravenous"}
