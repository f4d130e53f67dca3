"""Screenshots from the keyboard-only walkthrough (tests/gui/test_keyboard_walkthrough.py): the same
key presses on the same invented page, pictures taken at its steps; then the invented 200-page
protocol PDF with its outline, its pages and a piece of evidence marked on its page.

    xvfb-run -a -s "-screen 0 2200x1000x24" .venv/bin/python docs/screenshots/make_walkthrough_screenshots.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
if os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")  # before tests.gui.conftest would choose offscreen

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from docs.screenshots.make_screenshots import save, settle  # noqa: E402


class Bot:
    """The few qtbot calls the walkthrough makes, for a script (no pytest)."""

    def keyClick(self, widget, key, mods=Qt.KeyboardModifier.NoModifier):  # noqa: N802 (qtbot's names)
        QTest.keyClick(widget, key, mods)
        QApplication.processEvents()

    def keyClicks(self, widget, text):  # noqa: N802
        QTest.keyClicks(widget, text)
        QApplication.processEvents()

    def waitUntil(self, condition, timeout=5000):  # noqa: N802
        end = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > end:
                raise TimeoutError("the window did not get there in time")
            QApplication.processEvents()
            time.sleep(0.02)


def answering_dialogs():
    """gui.ask answered as the walkthrough test answers it."""
    from gui import ask
    from tests.gui.conftest import Dialogs

    d = Dialogs()
    ask.error = lambda parent, title, msg: d.shown.append(("error", title, msg))
    ask.info = lambda parent, title, msg: d.shown.append(("info", title, msg))
    ask.confirm = lambda parent, title, msg: True
    ask.text = lambda parent, title, label, value="": d.answer_text
    ask.open_documents = lambda parent, folder="": list(d.files)
    ask.save_file = lambda parent, title, suggested, flt: d.save_path
    ask.import_destination = lambda parent, names, label: d.destination
    return d


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)  # kept: the window lives in it
    from gui.app import create_window, open_store
    from tests.gui.test_keyboard_walkthrough import walk_to_eligibility_capture

    work = Path(tempfile.mkdtemp())
    store = open_store(work / "walkthrough.db", user="walkthrough")
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    w = create_window(store, settings)
    w.resize(1500, 920)
    w.move(0, 0)
    w.show()
    w.activateWindow()
    settle()
    w.splitter.setSizes([250, 560, 690])
    dialogs = answering_dialogs()

    def shot(name: str) -> None:
        settle(600)
        save(w, name)
        print("saved", name)

    walk_to_eligibility_capture(Bot(), w, dialogs, shot)

    # The invented 200-page protocol PDF, in this study: its outline beside its pages, evidence on the page.
    from tests.data.protocol_pdf import make_protocol_pdf

    pdf = make_protocol_pdf(work / "WALK-5_protocol_v2.pdf")
    dialogs.files = [str(pdf)]
    w.import_into_action.trigger()
    Bot().waitUntil(lambda: w.import_job is None and w.documents.tabs.count() == 2, timeout=30000)
    docs = w.documents
    docs.tabs.setCurrentIndex(1)
    tab = docs.tab()
    w.resize(1500, 920)
    w.splitter.setSizes([140, 800, 560])  # room for the outline and a readable page
    tab.split.setSizes([210, 670])
    settle()
    start = tab.text.index("Fludarabine 30 mg/m2")
    end = tab.text.index("\n", start)
    lymph = w.form.design.fields[("study", "lymphodepletion")]
    w.ctx.session.set_focused_target(lymph.target())
    tab.select(start, end)
    w.capture.fill_action.trigger()  # Ctrl+E: the regimen from the protocol, with its evidence
    entry = next(e for e in tab.outline.entries if e.title.startswith("5.1"))
    tab.outline.setCurrentItem(tab.outline._items[tab.outline.entries.index(entry)])
    tab.go_to_entry(entry)
    tab.pages_btn.setChecked(True)
    w.ctx.session.set_focused_target(lymph.target())  # the field's evidence, marked on its PDF page
    Bot().waitUntil(lambda: tab.pages.view.currentSearchResultIndex() >= 0, timeout=10000)
    w.form.setCurrentWidget(w.form.design)
    lymph.editor.setFocus()
    from PySide6.QtWidgets import QScrollArea

    w.form.design.findChild(QScrollArea).ensureWidgetVisible(lymph, 0, 200)
    settle(600)
    w.ctx.session.set_focused_target(lymph.target())  # again, now that the pages are laid out
    settle(600)
    shot("pdf_outline")
    w.close()
    store.close()
    app.processEvents()


if __name__ == "__main__":
    main()
