"""A revision number on each qualification, raised by every step that changes its
answers or where it stands: a step decided on an unlocked read is stored only if the
number is still the one it read.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('qualifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revision', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('qualifications', schema=None) as batch_op:
        batch_op.drop_column('revision')
