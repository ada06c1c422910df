"""Initial schema: leads, qualifications, answers, scores, handoffs, outbox, deliveries,
and the glossary with its changes and look-ups.

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deliveries',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_deliveries'))
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_received_at'), ['received_at'], unique=False)

    op.create_table('leads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_leads')),
    sa.UniqueConstraint('team_id', 'name_key', name=op.f('uq_leads_team_id'))
    )
    op.create_table('qualifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('flow_id', sa.String(length=40), nullable=False),
    sa.Column('flow_version', sa.String(length=12), nullable=False),
    sa.Column('sdr_user_id', sa.String(length=32), nullable=False),
    sa.Column('dm_channel', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('question_ts', sa.String(length=32), nullable=True),
    sa.Column('asked_question_id', sa.String(length=40), nullable=True),
    sa.Column('editing_question_id', sa.String(length=40), nullable=True),
    sa.Column('preview_ts', sa.String(length=32), nullable=True),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_qualifications_lead_id_leads')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_qualifications'))
    )
    with op.batch_alter_table('qualifications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_qualifications_lead_id'), ['lead_id'], unique=False)
        batch_op.create_index('ix_qualifications_sdr_status', ['sdr_user_id', 'status'], unique=False)
        batch_op.create_index('uq_qualifications_open_draft', ['lead_id', 'sdr_user_id'],
                              unique=True, postgresql_where=sa.text("status = 'draft'"),
                              sqlite_where=sa.text("status = 'draft'"))

    op.create_table('answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('qualification_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=40), nullable=False),
    sa.Column('choice_id', sa.String(length=40), nullable=False),
    sa.Column('typed', sa.Text(), nullable=True),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['qualification_id'], ['qualifications.id'], name=op.f('fk_answers_qualification_id_qualifications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answers')),
    sa.UniqueConstraint('qualification_id', 'question_id', name=op.f('uq_answers_qualification_id'))
    )
    op.create_table('handoffs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('qualification_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('message_ts', sa.String(length=32), nullable=True),
    sa.Column('claimed_by', sa.String(length=32), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_back_by', sa.String(length=32), nullable=True),
    sa.Column('sent_back_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sent_back_reason', sa.Text(), nullable=True),
    sa.Column('reminders', sa.Integer(), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['qualification_id'], ['qualifications.id'], name=op.f('fk_handoffs_qualification_id_qualifications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_handoffs')),
    sa.UniqueConstraint('qualification_id', name=op.f('uq_handoffs_qualification_id'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handoff_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('lease_token', sa.String(length=32), nullable=True),
    sa.Column('last_error', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['handoff_id'], ['handoffs.id'], name=op.f('fk_outbox_handoff_id_handoffs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('handoff_id', 'kind', name=op.f('uq_outbox_handoff_id'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_due', ['status', 'next_attempt_at'], unique=False)

    op.create_table('glossary_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('term', sa.String(length=80), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('see_also', sa.JSON(), nullable=False),
    sa.Column('removed', sa.Boolean(), nullable=False),
    sa.Column('updated_by', sa.String(length=32), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_terms')),
    sa.UniqueConstraint('key', name=op.f('uq_glossary_terms_key'))
    )
    op.create_table('glossary_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('by', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(length=32), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('messages', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_changes'))
    )
    with op.batch_alter_table('glossary_changes', schema=None) as batch_op:
        batch_op.create_index('ix_glossary_changes_key', ['key'], unique=False)

    op.create_table('glossary_lookups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('asked', sa.String(length=120), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('found', sa.String(length=80), nullable=True),
    sa.Column('user_id', sa.String(length=32), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_lookups'))
    )
    with op.batch_alter_table('glossary_lookups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_lookups_key'), ['key'], unique=False)
        batch_op.create_index(batch_op.f('ix_glossary_lookups_at'), ['at'], unique=False)

    op.create_table('scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('qualification_id', sa.Integer(), nullable=False),
    sa.Column('flow_id', sa.String(length=40), nullable=False),
    sa.Column('flow_version', sa.String(length=12), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('threshold', sa.Integer(), nullable=False),
    sa.Column('max_total', sa.Integer(), nullable=False),
    sa.Column('verdict', sa.String(length=40), nullable=False),
    sa.Column('verdict_label', sa.String(length=80), nullable=False),
    sa.Column('handoff', sa.Boolean(), nullable=False),
    sa.Column('knockout', sa.JSON(), nullable=True),
    sa.Column('recheck_on', sa.Date(), nullable=True),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['qualification_id'], ['qualifications.id'], name=op.f('fk_scores_qualification_id_qualifications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scores')),
    sa.UniqueConstraint('qualification_id', name=op.f('uq_scores_qualification_id'))
    )


def downgrade() -> None:
    op.drop_table('glossary_lookups')
    op.drop_table('glossary_changes')
    op.drop_table('glossary_terms')
    op.drop_table('scores')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_due')

    op.drop_table('outbox')
    op.drop_table('handoffs')
    op.drop_table('answers')
    with op.batch_alter_table('qualifications', schema=None) as batch_op:
        batch_op.drop_index('uq_qualifications_open_draft')
        batch_op.drop_index('ix_qualifications_sdr_status')
        batch_op.drop_index(batch_op.f('ix_qualifications_lead_id'))

    op.drop_table('qualifications')
    op.drop_table('leads')
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliveries_received_at'))

    op.drop_table('deliveries')
