"""Codebooks (issue 15): the codebook versions a database holds, the version each study is
abstracted with, and each record's codebook field values (``extra``, a JSON object).

Existing rows get ``{}`` (no codebook values) and no codebook.

Revision ID: 0006_codebooks
Revises: 0005_study_start_date
"""
from alembic import op
import sqlalchemy as sa


revision = "0006_codebooks"
down_revision = "0005_study_start_date"
branch_labels = None
depends_on = None

ROW_TABLES = ("arm", "intervention", "dose_level", "outcome", "criterion")
FK = "fk_study_codebook_id_codebook"


def _extra() -> sa.Column:
    # Existing rows need a value: the empty object ('{}' is valid JSON on every backend).
    return sa.Column("extra", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))


def upgrade() -> None:
    op.create_table(
        "codebook",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("imported_at", sa.String(), nullable=False),
        sa.Column("imported_by", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ux_codebook_name_version", "codebook", ["name", "version"], unique=True)
    for table in ROW_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(_extra())
    with op.batch_alter_table("study", schema=None) as batch_op:
        batch_op.add_column(_extra())
        batch_op.add_column(sa.Column("codebook_id", sa.String(), nullable=True))
        batch_op.create_index("ix_study_codebook_id", ["codebook_id"], unique=False)
        batch_op.create_foreign_key(FK, "codebook", ["codebook_id"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("study", schema=None) as batch_op:
        batch_op.drop_constraint(FK, type_="foreignkey")
        batch_op.drop_index("ix_study_codebook_id")
        batch_op.drop_column("codebook_id")
        batch_op.drop_column("extra")
    for table in ROW_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("extra")
    op.drop_index("ux_codebook_name_version", table_name="codebook")
    op.drop_table("codebook")
