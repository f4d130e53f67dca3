"""Row ids and timestamps: plain functions, no database (the workbook and the core use them too)."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
