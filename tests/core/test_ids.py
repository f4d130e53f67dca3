"""Row ids: random version-4 UUIDs as 32 hex digits, as uuid.uuid4().hex writes them."""
import uuid

from models.ids import new_id


def test_new_ids_are_version_4_uuids_and_distinct():
    ids = [new_id() for _ in range(20_000)]
    assert len(set(ids)) == len(ids)
    for i in ids[:2000]:
        u = uuid.UUID(hex=i)
        assert u.hex == i and u.version == 4 and u.variant == uuid.RFC_4122
    # every hex digit turns up in the random places (not a fixed pattern)
    assert set("".join(ids)) == set("0123456789abcdef")
    assert {i[16] for i in ids} == set("89ab")
