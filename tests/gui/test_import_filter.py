"""The import dialog offers every kind of file the importer reads (a user could not pick an ICTRP XML)."""
import re

from abstractor.importing import SUPPORTED
from gui.ask import DOCUMENT_FILTER


def test_documents_filter_lists_every_supported_extension():
    first = DOCUMENT_FILTER.split(";;")[0]
    offered = set(re.findall(r"\*(\.\w+)", first))
    assert set(SUPPORTED) <= offered
