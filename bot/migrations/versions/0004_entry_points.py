"""Where a qualification came from: the permalink of the Slack message it was started
from (the message shortcut), and the Workflow Builder step waiting for its verdict
(``function_execution_id``) and when it was told the outcome (``function_done_at``), so
that a restart between the step and the SDR's Submit, or Slack out of reach when it
ends, loses nothing.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('qualifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_url', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('function_execution_id', sa.String(length=64),
                                      nullable=True))
        batch_op.add_column(sa.Column('function_done_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('qualifications', schema=None) as batch_op:
        batch_op.drop_column('function_done_at')
        batch_op.drop_column('function_execution_id')
        batch_op.drop_column('source_url')
