"""A criterion's thresholds: a list in one JSON column instead of one threshold in four columns.

A criterion with a threshold gets it as the one item of its list (the four keys
parameter, operator, value, unit, as the models write them); one without gets [].

Revision ID: 0004_criterion_thresholds
Revises: 0003_unique_documents
"""
from alembic import op
import sqlalchemy as sa

revision = "0004_criterion_thresholds"
down_revision = "0003_unique_documents"
branch_labels = None
depends_on = None

PARTS = ("parameter", "operator", "value", "unit")


def _criterion(*cols):
    return sa.table("criterion", sa.column("id", sa.String), *cols)


def upgrade() -> None:
    with op.batch_alter_table("criterion", schema=None) as batch_op:
        # Existing rows need a value: the empty list ('[]' is valid JSON on every backend).
        batch_op.add_column(sa.Column("thresholds", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
    conn = op.get_bind()
    old = _criterion(*(sa.column(f"threshold_{k}") for k in PARTS))
    new = _criterion(sa.column("thresholds", sa.JSON))
    rows = conn.execute(sa.select(old).where(sa.or_(*(old.c[f"threshold_{k}"].isnot(None) for k in PARTS)))).all()
    for r in rows:
        value = r.threshold_value
        one = {"parameter": r.threshold_parameter, "operator": r.threshold_operator,
               "value": float(value) if value is not None else None, "unit": r.threshold_unit}
        conn.execute(new.update().where(new.c.id == r.id).values(thresholds=[one]))
    with op.batch_alter_table("criterion", schema=None) as batch_op:
        for k in PARTS:
            batch_op.drop_column(f"threshold_{k}")


def downgrade() -> None:
    """Keeps the first threshold of each criterion (the old columns hold one)."""
    with op.batch_alter_table("criterion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("threshold_parameter", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("threshold_operator", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("threshold_value", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("threshold_unit", sa.String(), nullable=True))
    conn = op.get_bind()
    new = _criterion(sa.column("thresholds", sa.JSON))
    old = _criterion(*(sa.column(f"threshold_{k}") for k in PARTS))
    for r in conn.execute(sa.select(new)).all():
        if r.thresholds:
            first = r.thresholds[0]
            conn.execute(old.update().where(old.c.id == r.id).values({f"threshold_{k}": first.get(k) for k in PARTS}))
    with op.batch_alter_table("criterion", schema=None) as batch_op:
        batch_op.drop_column("thresholds")
