"""Unique documents: a study holds a document once; an imported file is stored once.

A study that holds the same document (same SHA-256) twice keeps the first (lowest
position); the evidence and suggestions of the others point to it instead (the text
is the same, so their offsets still hold) and the others are removed.  Studies that
each hold a copy are left alone: they may carry different work.  Documents stored
before this revision get no import_sha256 (the importer's lookup by SHA-256 still
finds them); only imports from now on are guarded by it.

Revision ID: 0003_unique_documents
Revises: 0002_schema2
"""
from alembic import op
import sqlalchemy as sa

revision = "0003_unique_documents"
down_revision = "0002_schema2"
branch_labels = None
depends_on = None

doc = sa.table("source_document", sa.column("id", sa.String), sa.column("study_id", sa.String),
               sa.column("sha256", sa.String), sa.column("position", sa.Integer),
               sa.column("imported_at", sa.String))


def _merge_duplicates_within_a_study(conn) -> None:
    rows = conn.execute(sa.select(doc.c.id, doc.c.study_id, doc.c.sha256)
                        .order_by(doc.c.study_id, doc.c.sha256, doc.c.position, doc.c.imported_at, doc.c.id)).all()
    kept: dict[tuple[str, str], str] = {}
    for doc_id, study_id, sha256 in rows:
        first = kept.setdefault((study_id, sha256), doc_id)
        if first == doc_id:
            continue
        for name in ("evidence", "suggestion"):
            t = sa.table(name, sa.column("document_id", sa.String))
            conn.execute(t.update().where(t.c.document_id == doc_id).values(document_id=first))
        conn.execute(doc.delete().where(doc.c.id == doc_id))


def upgrade() -> None:
    _merge_duplicates_within_a_study(op.get_bind())
    with op.batch_alter_table("source_document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_sha256", sa.String(), nullable=True))
        batch_op.create_index("ux_source_document_study_sha256", ["study_id", "sha256"], unique=True)
        batch_op.create_index(batch_op.f("ix_source_document_import_sha256"), ["import_sha256"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("source_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_document_import_sha256"))
        batch_op.drop_index("ux_source_document_study_sha256")
        batch_op.drop_column("import_sha256")
