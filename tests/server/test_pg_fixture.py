"""Without PostgreSQL the server tests skip with a message, except under CI=true, where they fail."""
import pytest

from tests import pg


@pytest.mark.parametrize("ci, outcome", [("", pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_a_machine_without_postgresql(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(pg, "_bindir", lambda: None)
    with pytest.raises(outcome, match="PostgreSQL is not installed"):
        pg._start_local()
