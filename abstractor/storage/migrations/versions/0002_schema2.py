"""Schema 2: per-outcome parsed durations and criterion thresholds.

Files written before Alembic with meta.schema_version 2 are stamped with this revision.

Revision ID: 0002_schema2
Revises: 0001_schema1
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_schema2"
down_revision = "0001_schema1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_frame_days", sa.Float(), nullable=True))
    with op.batch_alter_table("criterion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("threshold_parameter", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("threshold_operator", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("threshold_value", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("threshold_unit", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("criterion", schema=None) as batch_op:
        for name in ("threshold_unit", "threshold_value", "threshold_operator", "threshold_parameter"):
            batch_op.drop_column(name)
    with op.batch_alter_table("outcome", schema=None) as batch_op:
        batch_op.drop_column("time_frame_days")
