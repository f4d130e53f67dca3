"""Alembic environment: runs on the connection the program hands over (see __init__.config).

For ``python -m abstractor.storage.migrations`` (new revisions) the connection is a
scratch SQLite database upgraded to the current head.
"""
from alembic import context
from sqlmodel import SQLModel
from sqlmodel.sql.sqltypes import AutoString

import models.tables  # noqa: F401  (registers the tables on SQLModel.metadata)


def render_item(type_, obj, autogen_context):
    # Revisions stay plain SQLAlchemy: SQLModel's AutoString is a String.
    if type_ == "type" and isinstance(obj, AutoString):
        return "sa.String()"
    return False


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through abstractor.storage.migrations, which supplies the connection")
context.configure(connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True,
                  compare_type=True, render_item=render_item)
with context.begin_transaction():
    context.run_migrations()
