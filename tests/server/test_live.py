"""Live: a window learns within a second which of its studies others changed (LISTEN/NOTIFY),
and a listener learns no study id (any login may listen)."""
import pytest

from abstractor.cli import main
from abstractor.errors import StoreError
from abstractor.storage import Store, review_ops
from abstractor.storage.engine import database_url
from abstractor.storage.live import ChangeListener, change_token
from models import schema


def test_a_change_by_another_client_is_announced_for_the_studies_one_shows(pg_url):
    assert main(["server", "init", "--db", pg_url]) == 0
    with Store(database_url(pg_url)) as mine, Store(database_url(pg_url)) as theirs:
        sid = theirs.add_study(schema.Abstraction(study=schema.StudyFields(title="T")))
        other = theirs.add_study(schema.Abstraction(study=schema.StudyFields(title="U")))
        listener = ChangeListener(mine.engine)
        try:
            assert not listener.changed([sid, other])
            theirs.set_value(sid, "study", sid, "title", "Changed")
            got = listener.changed([sid, other], wait=1.0)
            assert got.studies == {sid} and not got.listing
            review_ops.query(theirs, other, "study.title", "Which title?")
            assert listener.changed([sid, other], wait=1.0).studies == {other}
            with pytest.raises(StoreError), theirs.transaction():  # rolled back: nothing announced
                theirs.set_value(sid, "study", sid, "title", "Never")
                raise StoreError("abandoned")
            assert not listener.changed([sid, other], wait=0.2)
            theirs.add_study(schema.Abstraction())  # a new study: the list, no id
            assert listener.changed([sid, other], wait=1.0).listing
        finally:
            listener.close()


def test_the_announcement_carries_no_study_id(pg_url):
    import psycopg

    assert main(["server", "init", "--db", pg_url]) == 0
    with Store(database_url(pg_url)) as st:
        sid = st.add_study(schema.Abstraction(study=schema.StudyFields(title="T")))
        u = st.engine.url
        with psycopg.connect(dbname=u.database, user=u.username, host=u.query["host"], port=u.query["port"],
                             autocommit=True) as raw:
            raw.execute("LISTEN abstractor_change")
            st.set_value(sid, "study", sid, "title", "Changed")
            payloads = [n.payload for n in raw.notifies(timeout=1.0, stop_after=1)]
    assert payloads == [change_token(sid)] and sid not in payloads[0]


def test_a_database_file_has_no_live_updates(tmp_path):
    store = Store(database_url(str(tmp_path / "x.db")))
    with pytest.raises(StoreError, match="team server"):
        ChangeListener(store.engine)
