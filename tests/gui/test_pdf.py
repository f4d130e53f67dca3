"""A PDF: its text with page numbers, its pages shown with the evidence on its page."""
import pytest
from PySide6.QtCore import QModelIndex

from tests.gui.conftest import import_and_wait


@pytest.fixture
def three_page_pdf(tmp_path):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    path = tmp_path / "protocol.pdf"
    c = canvas.Canvas(str(path))
    for page, line in enumerate(["Protocol synopsis of a demo study", "Enrollment: 24 participants",
                                 "Exclusion: active hepatitis B infection"], start=1):
        c.drawString(72, 720, f"Page {page}. {line}")
        c.showPage()
    c.save()
    return path


def test_pdf_pages_show_the_evidence_page(qtbot, open_window, three_page_pdf, dialogs):
    w = open_window()
    import_and_wait(qtbot, w, [three_page_pdf])
    tab = w.documents.tab()
    assert tab.info.kind == "pdf" and len(tab.info.page_starts) == 3
    start = tab.text.index("24")
    enrollment = w.form.design.fields[("study", "enrollment")]
    enrollment.editor.setFocus()
    w.ctx.session.set_focused_target(enrollment.target())
    tab.select(start, start + 2)
    w.capture.fill_action.trigger()
    assert w.ctx.store.get_study(w.ctx.session.study_id).study.enrollment == 24
    assert tab.page_of(start) == 2
    tab.pages_btn.setChecked(True)  # remembered from the import: no question asked
    assert tab.stack.currentWidget() is tab.pages
    w.ctx.session.set_focused_target(enrollment.target())  # clicking the field again shows its evidence
    search, view = tab.pages.search, tab.pages.view
    qtbot.waitUntil(lambda: search.rowCount(QModelIndex()) >= 1 and view.currentSearchResultIndex() >= 0)
    assert search.resultAtIndex(view.currentSearchResultIndex()).page() == 1  # 0-based: the second page
    assert not dialogs.messages("error")


def test_pdf_elsewhere_is_located_and_checked(qtbot, open_window, three_page_pdf, tmp_path, dialogs, settings):
    w = open_window()
    import_and_wait(qtbot, w, [three_page_pdf])
    tab = w.documents.tab()
    settings.remove("pdf_files")
    other = tmp_path / "other.pdf"
    other.write_bytes(three_page_pdf.read_bytes() + b"\n%changed")
    dialogs.located_pdf = str(other)
    tab.pages_btn.setChecked(True)
    assert not tab.pages_btn.isChecked() and "content differs" in dialogs.messages("error")[0]
    dialogs.located_pdf = str(three_page_pdf)
    tab.pages_btn.setChecked(True)
    assert tab.stack.currentWidget() is tab.pages
