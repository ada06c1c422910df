"""Answers read as likely wait on their qualification for the SDR to confirm them
(``proposals``), and each answer says whether it came from pasted call notes
(``source``); the notes themselves are kept with the qualification.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('qualifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('proposals', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=True))
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('answers', schema=None) as batch_op:
        batch_op.drop_column('source')
    with op.batch_alter_table('qualifications', schema=None) as batch_op:
        batch_op.drop_column('notes')
        batch_op.drop_column('proposals')
