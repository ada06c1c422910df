"""Per-team settings chosen in App Home, and their history.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'team_settings',
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('values', sa.JSON(), nullable=False),
        sa.Column('crm_webhook_secret', sa.Text(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('team_id', name=op.f('pk_team_settings')),
    )
    op.create_table(
        'team_setting_changes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('setting', sa.String(length=40), nullable=False),
        sa.Column('before', sa.Text(), nullable=False),
        sa.Column('after', sa.Text(), nullable=False),
        sa.Column('by', sa.String(length=32), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_team_setting_changes')),
    )
    op.create_index('ix_team_setting_changes_team', 'team_setting_changes', ['team_id', 'id'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_team_setting_changes_team', table_name='team_setting_changes')
    op.drop_table('team_setting_changes')
    op.drop_table('team_settings')
