"""Live: a window learns within a second which studies others changed (LISTEN/NOTIFY), by id."""
import pytest

from abstractor.cli import main
from abstractor.errors import StoreError
from abstractor.storage import Store, review_ops
from abstractor.storage.engine import database_url
from abstractor.storage.live import ChangeListener
from models import schema


def test_a_change_by_another_client_is_announced_with_the_study_id(pg_url):
    assert main(["server", "init", "--db", pg_url]) == 0
    with Store(database_url(pg_url)) as mine, Store(database_url(pg_url)) as theirs:
        sid = theirs.add_study(schema.Abstraction(study=schema.StudyFields(title="T")))
        other = theirs.add_study(schema.Abstraction(study=schema.StudyFields(title="U")))
        listener = ChangeListener(mine.engine)
        try:
            assert listener.changed() == set()
            theirs.set_value(sid, "study", sid, "title", "Changed")
            assert listener.changed(wait=1.0) == {sid}
            review_ops.query(theirs, other, "study.title", "Which title?")
            assert listener.changed(wait=1.0) == {other}
            with pytest.raises(StoreError), theirs.transaction():  # rolled back: nothing announced
                theirs.set_value(sid, "study", sid, "title", "Never")
                raise StoreError("abandoned")
            assert listener.changed(wait=0.2) == set()
        finally:
            listener.close()


def test_a_database_file_has_no_live_updates(tmp_path):
    store = Store(database_url(str(tmp_path / "x.db")))
    with pytest.raises(StoreError, match="team server"):
        ChangeListener(store.engine)
