"""A document's outline: the PDF's bookmarks, else headings found in its text."""

from abstractor.importing.outline import document_outline, text_headings



def test_bookmarks_of_a_200_page_pdf_are_placed_in_its_text(tmp_path):
    from abstractor.importing.pdf import read_pdf
    from tests.data.protocol_pdf import PAGES, SECTIONS, make_protocol_pdf

    path = make_protocol_pdf(tmp_path / "protocol.pdf")
    text, starts = read_pdf(path)
    assert len(starts) == PAGES == 200
    entries, source = document_outline(text, starts, path)
    assert source == "bookmarks"
    assert [e.title for e in entries] == [f"{n} {t}" for n, t, _p in SECTIONS]
    inc = next(e for e in entries if e.title == "4.1 Inclusion Criteria")
    assert inc.level == 1 and text[inc.offset:].startswith("4.1 Inclusion Criteria")
    assert starts[inc.page - 1] <= inc.offset < starts[inc.page]


def test_without_bookmarks_the_headings_of_the_text(tmp_path):
    from abstractor.importing.pdf import read_pdf
    from tests.data.protocol_pdf import SECTIONS, make_protocol_pdf

    path = make_protocol_pdf(tmp_path / "plain.pdf", bookmarks=False)
    text, starts = read_pdf(path)
    entries, source = document_outline(text, starts, path)
    assert source == "headings"
    assert [e.title for e in entries] == [f"{n} {t}" for n, t, _p in SECTIONS]  # the running header left out
    assert [e.page for e in entries][:3] == [1, 13, 23]
    assert document_outline(text, starts, None)[1] == "headings"  # the file gone: the text is enough


def test_list_items_contents_lines_and_sentences_are_not_headings():
    text = ("TABLE OF CONTENTS\n1 Introduction ........ 4\n2 Study Design 7\n"
            "1 INTRODUCTION\nThe study is open.\n2 Study Design\n2.1 Dose escalation\n"
            "Inclusion:\n1. Age 18 to 70 years.\n2. ECOG performance status 0-2\n3 patients per cohort\n")
    titles = [(e.title, e.level) for e in text_headings(text)]
    assert titles == [("TABLE OF CONTENTS", 0), ("1 INTRODUCTION", 0), ("2 Study Design", 0),
                      ("2.1 Dose escalation", 1)]
