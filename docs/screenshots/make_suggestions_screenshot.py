"""suggestions.png: the demo registry page imported with suggestions, some accepted, one selected.

    xvfb-run -a -s "-screen 0 2200x1000x24" .venv/bin/python docs/screenshots/make_suggestions_screenshot.py
    (or QT_QPA_PLATFORM=offscreen ...: widget.grab() instead of the screen)
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from make_screenshots import save  # noqa: E402


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from abstractor.importer import import_files
    from gui.app import create_window, open_store

    folder = tempfile.mkdtemp(prefix="abstractor-shot-")
    store = open_store(os.path.join(folder, "demo.db"), user="demo abstractor")
    import_files(store, [ROOT / "resources" / "demo" / "demo_cd7_cart_registry_page.txt"], suggest=True)
    settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
    w = create_window(store, settings)
    w.resize(1500, 920)
    w.move(0, 0)
    w.show()
    app.processEvents()
    ui, form = w.suggestions, w.form
    proposal = lambda path: next(s for s in ui.state.items if s.path == path)  # noqa: E731
    # Accept a few as an abstractor would (Enter where each shows), leave the rest proposed.
    for path in ("study.registry_ids[0]", "study.study_type", "study.phases", "study.allocation"):
        ui._go_to(proposal(path))
        ui.accept_current()
        app.processEvents()
    ui._go_to(proposal("study.enrollment"))
    area = form.design.layout().itemAt(1).widget()  # the section's scroll area, under its summary
    top = form.design.registry_ids.mapTo(area.widget(), form.design.registry_ids.rect().topLeft()).y()
    area.verticalScrollBar().setValue(top - 6)  # the accepted registry id, then the proposed fields
    app.processEvents()
    save(w, "suggestions")
    form.setCurrentWidget(form.eligibility)
    ui._go_to(ui.summaries[form.eligibility].items[2])
    app.processEvents()
    save(w, "suggestions_eligibility")
    w.close()
    store.close()
    print("screenshots in", HERE)


if __name__ == "__main__":
    main()
