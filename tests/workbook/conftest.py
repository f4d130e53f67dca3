import pytest

from tests.workbook.helpers import document, rich_study, store_with


@pytest.fixture
def rich_store(tmp_path):
    doc = document()
    store = store_with(tmp_path / "a.db", [rich_study(doc)], [[doc]])
    yield store
    store.close()
