"""Storage: the engine, sessions, migrations, and the only code that queries."""
from abstractor.storage.engine import SCHEMA_VERSION, sqlite_url
from abstractor.storage.store import Change, DocumentInfo, EvidenceSpan, RowSnapshot, Store, StudyListRow

__all__ = ["SCHEMA_VERSION", "Change", "DocumentInfo", "EvidenceSpan", "RowSnapshot", "Store", "StudyListRow",
           "sqlite_url"]
