"""Fixtures shared by the core tests."""
import pytest

from abstractor.importer import import_files

# An invented registry page the extractors have something to say about.
PAGE = """Registration Number: NCT09990007
Study Type: Interventional
Enrollment: 18
Inclusion Criteria:
1. Aged 18 to 65 years;
2. ECOG performance status 0-2;
Exclusion Criteria:
1. Active hepatitis B or C infection;
"""


@pytest.fixture
def imported(store, tmp_path):
    """A study imported from PAGE with its suggestions stored: (store, study id)."""
    f = tmp_path / "page.txt"
    f.write_text(PAGE, encoding="utf-8")
    [res] = import_files(store, [f], suggest=True)
    return store, res.study_id
