"""Screenshot of a team's codebook fields in the form (issue 15): the shipped CAR-T codebook
imported through File ▸ Codebook, its fields filled from the demo page with Ctrl+E.

    xvfb-run -a -s "-screen 0 2200x1000x24" .venv/bin/python docs/screenshots/make_codebook_screenshot.py
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from make_screenshots import DemoWindow, save  # noqa: E402


def main() -> None:
    demo = DemoWindow("demo abstractor")
    w, app = demo.w, demo.app
    w.codebooks.import_file(str(HERE.parents[1] / "resources" / "codebooks" / "car_t.json"))
    w.codebooks.dialog.accept()  # Apply in the preview
    app.processEvents()
    demo.tab = w.documents.tab()  # the study was opened again with its new fields
    demo.fill(("study", "extra.vector"), "lentiviral vector")
    demo.fill(("study", "extra.crs_grading"), "graded by ASTCT consensus criteria")
    section = w.form.design.codebook
    section.editors[0].editor.setFocus()
    w.form.setCurrentWidget(w.form.design)
    from PySide6.QtWidgets import QScrollArea

    w.form.design.findChild(QScrollArea).ensureWidgetVisible(section, 0, 200)
    vector = next(e for e in section.editors if e.field == "extra.vector")
    vector.editor.setFocus()
    w.ctx.session.set_focused_target(vector.target())
    app.processEvents()
    save(w, "codebook")
    w.close()


if __name__ == "__main__":
    main()
