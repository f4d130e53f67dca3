"""Storage: the engine, sessions, migrations, and the only code that queries.

The names below load on first use (PEP 562), so that ``abstractor.storage.first_page`` can be
read at start-up without importing SQLAlchemy."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_WHERE = {"SCHEMA_VERSION": "engine", "sqlite_url": "engine", "Change": "store", "DocumentInfo": "store",
          "EvidenceSpan": "store", "RowSnapshot": "store", "Store": "store", "StudyListRow": "store"}
__all__ = sorted(_WHERE)

if TYPE_CHECKING:
    from abstractor.storage.engine import SCHEMA_VERSION, sqlite_url
    from abstractor.storage.store import Change, DocumentInfo, EvidenceSpan, RowSnapshot, Store, StudyListRow


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'abstractor.storage' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"abstractor.storage.{module}"), name)
    globals()[name] = value
    return value
