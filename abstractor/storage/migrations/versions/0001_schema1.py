"""Schema 1: the first release's tables (the baseline).

Files written before Alembic with meta.schema_version 1 are stamped with this
revision, then upgraded.  Frozen: later changes get their own revision.

Revision ID: 0001_schema1
Revises:
"""
from alembic import op
import sqlalchemy as sa

revision = "0001_schema1"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('user', sa.String(), nullable=True),
    sa.Column('study_id', sa.String(), nullable=True),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('row_id', sa.String(), nullable=True),
    sa.Column('field', sa.String(), nullable=True),
    sa.Column('action', sa.String(), nullable=False),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('origin', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_study_id'), ['study_id'], unique=False)

    op.create_table('meta',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('study',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=True),
    sa.Column('official_title', sa.String(), nullable=True),
    sa.Column('acronym', sa.String(), nullable=True),
    sa.Column('sponsor', sa.String(), nullable=True),
    sa.Column('phases', sa.JSON(), nullable=False),
    sa.Column('study_type', sa.String(), nullable=True),
    sa.Column('allocation', sa.String(), nullable=True),
    sa.Column('intervention_model', sa.String(), nullable=True),
    sa.Column('masking', sa.String(), nullable=True),
    sa.Column('primary_purpose', sa.String(), nullable=True),
    sa.Column('enrollment', sa.Integer(), nullable=True),
    sa.Column('overall_status', sa.String(), nullable=True),
    sa.Column('min_age', sa.String(), nullable=True),
    sa.Column('max_age', sa.String(), nullable=True),
    sa.Column('sex', sa.String(), nullable=True),
    sa.Column('target_antigens', sa.JSON(), nullable=False),
    sa.Column('cell_type', sa.String(), nullable=True),
    sa.Column('cell_source', sa.String(), nullable=True),
    sa.Column('lymphodepletion', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('abstractor', sa.String(), nullable=True),
    sa.Column('consensus', sa.Boolean(), nullable=False),
    sa.Column('source_file', sa.String(), nullable=True),
    sa.Column('source_sha256', sa.String(), nullable=True),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('arm',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(), nullable=True),
    sa.Column('type', sa.String(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('arm', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_arm_study_id'), ['study_id'], unique=False)

    op.create_table('condition',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('condition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_condition_study_id'), ['study_id'], unique=False)

    op.create_table('criterion',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('category', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('criterion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_criterion_study_id'), ['study_id'], unique=False)

    op.create_table('dose_level',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('value_max', sa.Float(), nullable=True),
    sa.Column('unit', sa.String(), nullable=True),
    sa.Column('per_weight', sa.Boolean(), nullable=True),
    sa.Column('route', sa.String(), nullable=True),
    sa.Column('schedule', sa.String(), nullable=True),
    sa.Column('text', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dose_level', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dose_level_study_id'), ['study_id'], unique=False)

    op.create_table('escalation',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('method', sa.String(), nullable=True),
    sa.Column('dlt_window_days', sa.Integer(), nullable=True),
    sa.Column('redosing', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('field_review',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('row_id', sa.String(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('updated_at', sa.String(), nullable=False),
    sa.Column('updated_by', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('field_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_field_review_study_id'), ['study_id'], unique=False)
        batch_op.create_index('ix_field_review_target', ['study_id', 'entity', 'row_id', 'field'], unique=True)

    op.create_table('intervention',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=True),
    sa.Column('type', sa.String(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('other_names', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('intervention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intervention_study_id'), ['study_id'], unique=False)

    op.create_table('outcome',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('measure', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('time_frame', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('outcome', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_study_id'), ['study_id'], unique=False)

    op.create_table('registry_id',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('registry_id', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_registry_id_study_id'), ['study_id'], unique=False)
        batch_op.create_index('ix_registry_id_study_pos', ['study_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_registry_id_value'), ['value'], unique=False)

    op.create_table('review_comment',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('row_id', sa.String(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('author', sa.String(), nullable=True),
    sa.Column('at', sa.String(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('review_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_comment_study_id'), ['study_id'], unique=False)

    op.create_table('site',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('facility', sa.String(), nullable=True),
    sa.Column('city', sa.String(), nullable=True),
    sa.Column('region', sa.String(), nullable=True),
    sa.Column('country', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('site', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_study_id'), ['study_id'], unique=False)

    op.create_table('source_document',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('encoding', sa.String(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('page_starts', sa.JSON(), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.String(), nullable=False),
    sa.Column('imported_by', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('source_document', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_document_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_source_document_study_id'), ['study_id'], unique=False)

    op.create_table('arm_intervention',
    sa.Column('arm_id', sa.String(), nullable=False),
    sa.Column('intervention_id', sa.String(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['arm_id'], ['arm.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['intervention_id'], ['intervention.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('arm_id', 'intervention_id')
    )
    op.create_table('evidence',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('row_id', sa.String(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('document_id', sa.String(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(), nullable=False),
    sa.Column('created_by', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['source_document.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_study_id'), ['study_id'], unique=False)
        batch_op.create_index('ix_evidence_target', ['study_id', 'entity', 'row_id', 'field'], unique=False)

    op.create_table('suggestion',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('study_id', sa.String(), nullable=False),
    sa.Column('document_id', sa.String(), nullable=True),
    sa.Column('path', sa.String(), nullable=False),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('quote', sa.String(), nullable=False),
    sa.Column('extractor', sa.String(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('target_entity', sa.String(), nullable=True),
    sa.Column('target_row_id', sa.String(), nullable=True),
    sa.Column('decided_at', sa.String(), nullable=True),
    sa.Column('decided_by', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['source_document.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['study_id'], ['study.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('suggestion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestion_study_id'), ['study_id'], unique=False)


def downgrade() -> None:
    op.drop_table('suggestion')
    op.drop_table('evidence')
    op.drop_table('arm_intervention')
    op.drop_table('source_document')
    op.drop_table('site')
    op.drop_table('review_comment')
    op.drop_table('registry_id')
    op.drop_table('outcome')
    op.drop_table('intervention')
    op.drop_table('field_review')
    op.drop_table('escalation')
    op.drop_table('dose_level')
    op.drop_table('criterion')
    op.drop_table('condition')
    op.drop_table('arm')
    op.drop_table('study')
    op.drop_table('meta')
    op.drop_table('audit_event')
