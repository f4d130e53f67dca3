"""Drop four indexes on study_id alone where the table's own index starts with study_id
(registry_id, source_document, evidence, field_review): the composite index serves every lookup
by study, and the second index only cost each insert (a workbook import writes 50,000 such
entries at 10,000 studies).

Revision ID: 0007_redundant_indexes
Revises: 0006_codebooks
"""
from alembic import op


revision = "0007_redundant_indexes"
down_revision = "0006_codebooks"
branch_labels = None
depends_on = None

TABLES = ("registry_id", "source_document", "evidence", "field_review")


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_study_id", table_name=table)


def downgrade() -> None:
    for table in TABLES:
        op.create_index(f"ix_{table}_study_id", table, ["study_id"], unique=False)
