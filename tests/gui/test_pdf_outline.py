"""A 200-page protocol PDF opens with its outline (bookmarks, else headings) beside the text;
choosing an entry goes there, the entry follows the reading place, and evidence shows on the
PDF page itself."""
import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import import_and_wait



@pytest.fixture
def protocol(tmp_path):
    from tests.data.protocol_pdf import make_protocol_pdf

    return make_protocol_pdf(tmp_path / "demo19_protocol.pdf")


def test_outline_of_a_200_page_pdf_goes_to_its_sections(qtbot, open_window, protocol, dialogs):
    w = open_window()
    import_and_wait(qtbot, w, [protocol])
    tab = w.documents.tab()
    assert len(tab.info.page_starts) == 200
    pane = tab.outline
    assert pane is not None and pane.isVisible() and "bookmarks" in pane.toolTip()
    assert pane.topLevelItemCount() == 11 and len(pane.entries) == 18
    inc = next(i for i, e in enumerate(pane.entries) if e.title == "4.1 Inclusion Criteria")
    pane.setFocus()
    pane.setCurrentItem(pane._items[inc])
    qtbot.keyClick(pane, Qt.Key.Key_Return)  # Enter goes there
    offset = tab.offsets.from_qt(tab.view.textCursor().position())
    assert offset == pane.entries[inc].offset
    assert f"page {pane.entries[inc].page} of 200" in tab.place.text()

    # Reading on: the outline follows the place.
    later = pane.entries[inc + 1].offset + 5
    tab.select(later, later)
    assert pane.currentItem() is pane._items[inc + 1]
    tab.outline_btn.click()
    assert not pane.isVisible()
    assert not dialogs.messages("error")


def test_without_bookmarks_headings_and_evidence_on_the_page(qtbot, open_window, tmp_path, dialogs):
    from tests.data.protocol_pdf import make_protocol_pdf

    path = make_protocol_pdf(tmp_path / "plain_protocol.pdf", bookmarks=False)
    w = open_window()
    import_and_wait(qtbot, w, [path])
    tab = w.documents.tab()
    assert tab.outline is not None and "Headings found" in tab.outline.toolTip()
    assert [e.title for e in tab.outline.entries][:2] == ["1 Introduction", "1.1 Background"]

    # Evidence captured from the text is found and marked on its page of the PDF.
    start = tab.text.index("28 days after the infusion")
    title = w.form.design.fields[("study", "acronym")]  # any text field will do
    w.ctx.session.set_focused_target(title.target())
    tab.select(start, start + len("28 days after the infusion"))
    w.capture.evidence_action.trigger()  # Ctrl+Shift+E: the selection as evidence only
    page = tab.page_of(start)
    assert page > 50
    tab.pages_btn.setChecked(True)
    w.ctx.session.set_focused_target(title.target())  # the field again: its evidence is shown
    search, view = tab.pages.search, tab.pages.view
    qtbot.waitUntil(lambda: view.currentSearchResultIndex() >= 0, timeout=10000)
    assert search.resultAtIndex(view.currentSearchResultIndex()).page() == page - 1
    assert not dialogs.messages("error")


def test_the_outline_follows_the_pages_too(qtbot, open_window, protocol):
    w = open_window()
    import_and_wait(qtbot, w, [protocol])
    tab = w.documents.tab()
    tab.pages_btn.setChecked(True)  # the original file, remembered from the import
    assert tab.stack.currentWidget() is tab.pages
    entry = next(e for e in tab.outline.entries if e.title == "7 Adverse Events")
    tab.pages.show_page(entry.page + 1)  # reading on in the pages
    qtbot.waitUntil(lambda: tab.outline.currentItem() is tab.outline._items[tab.outline.entries.index(entry)])
