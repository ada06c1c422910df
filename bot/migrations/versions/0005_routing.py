"""Routing: a handoff may be assigned to an AE (who must accept it by a time, or it moves
on) with its routing decision explained; each group's round-robin turns; AEs away.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('assigned_to', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('accept_by', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('reassignments', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('route', sa.JSON(), nullable=True))
        batch_op.create_index('ix_handoffs_assigned', ['assigned_to', 'assigned_at'],
                              unique=False)
    op.create_table(
        'routing_turns',
        sa.Column('group', sa.String(length=40), nullable=False),
        sa.Column('user_id', sa.String(length=32), nullable=False),
        sa.Column('current', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('group', 'user_id', name=op.f('pk_routing_turns')),
    )
    op.create_table(
        'away_members',
        sa.Column('user_id', sa.String(length=32), nullable=False),
        sa.Column('since', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_away_members')),
    )


def downgrade() -> None:
    op.drop_table('away_members')
    op.drop_table('routing_turns')
    with op.batch_alter_table('handoffs', schema=None) as batch_op:
        batch_op.drop_index('ix_handoffs_assigned')
        batch_op.drop_column('route')
        batch_op.drop_column('reassignments')
        batch_op.drop_column('accept_by')
        batch_op.drop_column('assigned_at')
        batch_op.drop_column('assigned_to')
