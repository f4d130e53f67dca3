"""Screenshots of the reviewer's side: review marks and a query thread (review.png), and the
adjudication of two versions of the demo study beside the document view (adjudication.png).

    xvfb-run -a -s "-screen 0 2200x1000x24" .venv/bin/python docs/screenshots/make_review_screenshots.py
    (or QT_QPA_PLATFORM=offscreen ...: widget.grab() instead of the screen)
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from PySide6.QtWidgets import QApplication  # noqa: E402

from make_screenshots import DemoWindow, on_screen, save, screen_grab, settle  # noqa: E402


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    from PySide6.QtGui import QColor, QPainter, QPixmap

    from models.enums import AbstractionStatus, ReviewState

    demo = DemoWindow("ana")
    store, w, text, tab, cd7 = demo.store, demo.w, demo.text, demo.tab, demo.study_id
    sl, form, cap = w.study_list, w.form, w.capture
    select, fill = demo.select, demo.fill

    # The abstractor's work (as in make_screenshots.py, shorter).
    fill(("study", "title"), "Study of Autologous CD7-Targeted CAR-T Cells in Relapsed or Refractory T-Cell Acute "
                             "Lymphoblastic Leukemia")
    fill(("study", "sponsor"), "Northbridge Institute of Cellular Medicine")
    fill(("study", "phases"), "PHASE1")
    fill(("study", "study_type"), "INTERVENTIONAL")
    fill(("study", "enrollment"), "18", after="Enrollment (Estimated)")
    fill(("study", "overall_status"), "RECRUITING")
    fill(("study", "min_age"), "18 Years")
    fill(("study", "max_age"), "70 Years")
    fill(("study", "sex"), "ALL", after="Sexes Eligible")
    fill(("study", "target_antigens"), "CD7")
    fill(("study", "cell_type"), "CAR-T")
    select("NCT09900017")
    cap.add_rows("registry_id")
    select("Dose level 1: 1×10⁶", "Drug: Fludarabine\n30")
    cap.add_rows("dose_level")
    select("Incidence of dose-limiting toxicities (DLTs)", "Incidence of treatment-emergent")
    cap.add_rows("outcome", "PRIMARY")
    select("1. Age 18 to 70 years", "\nExclusion Criteria")
    cap.add_rows("criterion", "INCLUSION")
    select("1. Active central nervous system", "\nContacts")
    cap.add_rows("criterion", "EXCLUSION")
    review = w.review
    review.move_status(AbstractionStatus.SUBMITTED)

    # The reviewer: start the review, verify some fields, query two things.
    store.user = "rita"
    review.move_status(AbstractionStatus.IN_REVIEW)
    for f in ("title", "sponsor", "study_type", "enrollment", "min_age", "sex"):
        review.mark(("study", cd7, f), ReviewState.VERIFIED)
    review.mark(("study", cd7, "phases"), ReviewState.QUERIED,
                "The synopsis says a phase 1 dose escalation with a phase 2 expansion: PHASE1 only?")
    inc = [r for r in w.ctx.session.rows("criterion") if r["kind"] == "INCLUSION"]
    review.mark(("criterion", inc[2]["id"], ""), ReviewState.QUERIED, "Is ECOG <= 2 the threshold or <= 1?")
    review.mark(("criterion", inc[0]["id"], ""), ReviewState.VERIFIED)
    review.mark(("criterion", inc[1]["id"], ""), ReviewState.VERIFIED)
    store.user = "ana"
    review.answer(("study", cd7, "phases"), "Phase 1 only: the expansion is not part of this protocol version.")
    store.user = "rita"
    app.processEvents()

    # review.png: the Review section with the phase query's thread, the marks in the list's filter.
    review.show_panel(("study", cd7, "phases"))
    review.panel.reply.setPlainText("Agreed, thanks.")
    sl.queries_box.setChecked(True)
    app.processEvents()
    save(w, "review")
    sl.queries_box.setChecked(False)

    # A second abstractor's version of the same study: phase 1/2, another dose unit, one criterion fewer.
    a = store.get_study(cd7)
    b = a.model_copy(deep=True)
    b.id = None  # ben's version comes from his export, not from this database
    b.abstractor = "ben"
    b.study.phases = ["PHASE1", "PHASE2"]
    b.dose_levels[1].unit = "cells"
    b.criteria = [c for c in b.criteria if "ECOG" not in c.text]
    adj = review.adjudicate(a, b)
    adj.resize(1000, w.documents.height())
    app.processEvents()
    adj.select("study.phases")
    app.processEvents()
    adj.choose("A")
    app.processEvents()
    key = next(d.key for d in adj.adj.disagreements if d.key.endswith(".unit"))
    adj.select(key)
    app.processEvents()
    doc = w.documents
    if on_screen():
        # Both real windows on the X screen: the adjudication beside the window's document view.
        top_left = doc.mapToGlobal(doc.rect().topLeft())
        adj.move(top_left.x() + doc.width() + 8, 0)
        settle()
        g = adj.frameGeometry()
        left = screen_grab(g.x(), g.y(), g.width(), g.height())
        right = screen_grab(top_left.x(), top_left.y(), doc.width(), doc.height())
    else:
        left, right = adj.grab(), doc.grab()
    h = max(left.height(), right.height())
    shot = QPixmap(left.width() + right.width() + 8, h)
    shot.fill(QColor("#d0d0d0"))
    p = QPainter(shot)
    p.drawPixmap(0, 0, left)
    p.drawPixmap(left.width() + 8, 0, right)
    p.end()

    class Holder:
        def grab(self):
            return shot

    save(Holder(), "adjudication")
    adj.close()
    w.close()
    store.close()
    print("screenshots in", HERE)


if __name__ == "__main__":
    main()
