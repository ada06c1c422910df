"""Many workspaces: every row belongs to a team, and Slack's OAuth install has its tables.

The glossary (terms, changes, look-ups), the round-robin turns and the AEs away get a
``team_id``; leads had one already, and what hangs off a lead (qualifications, answers,
scores, handoffs, the outbox) belongs to the lead's team through its foreign key.

Existing rows are given to the team the database already served: ``QUALIBOT_DEFAULT_TEAM``
if it is set, else the one team its leads belong to. With neither (no lead yet), they
are given to no team ('') and the first single-workspace start-up hands them to the
workspace its token belongs to (``bot.teams.store.adopt``).

slack_sdk's installation store (``slack_installations``, ``slack_bots``) and state store
(``slack_oauth_states``) are created as slack_sdk 3.47 builds them; ``teams`` lists the
workspaces served (the installer, the enterprise of an org-wide install).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""
import os

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

TEAM_TABLES = ('glossary_terms', 'glossary_changes', 'glossary_lookups', 'routing_turns',
               'away_members')


def _team() -> str:
    given = (os.environ.get('QUALIBOT_DEFAULT_TEAM') or '').strip()
    if given:
        return given
    teams = [t for (t,) in op.get_bind().execute(sa.text(
        'SELECT DISTINCT team_id FROM leads WHERE team_id IS NOT NULL'))]
    return teams[0] if len(teams) == 1 else ''


def upgrade() -> None:
    team = _team()
    for table in TEAM_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('team_id', sa.String(length=32), nullable=False,
                                          server_default=team))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('team_id', server_default=None)

    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.drop_constraint('uq_glossary_terms_key', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_glossary_terms_team_id'),
                                          ['team_id', 'key'])
    with op.batch_alter_table('glossary_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_glossary_changes_key')
        batch_op.create_index('ix_glossary_changes_team_key', ['team_id', 'key'], unique=False)
    with op.batch_alter_table('glossary_lookups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_lookups_team_id'), ['team_id'],
                              unique=False)
    with op.batch_alter_table('routing_turns', schema=None) as batch_op:
        batch_op.drop_constraint('pk_routing_turns', type_='primary')
        batch_op.create_primary_key('pk_routing_turns', ['team_id', 'group', 'user_id'])
    with op.batch_alter_table('away_members', schema=None) as batch_op:
        batch_op.drop_constraint('pk_away_members', type_='primary')
        batch_op.create_primary_key('pk_away_members', ['team_id', 'user_id'])

    op.create_table(
        'teams',
        sa.Column('team_id', sa.String(length=32), nullable=False),
        sa.Column('enterprise_id', sa.String(length=32), nullable=True),
        sa.Column('name', sa.String(length=200), nullable=True),
        sa.Column('installed_by', sa.String(length=32), nullable=True),
        sa.Column('installed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('uninstalled_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('team_id', name=op.f('pk_teams')),
    )
    if team:
        op.get_bind().execute(sa.text(
            'INSERT INTO teams (team_id, first_seen_at) VALUES (:t, CURRENT_TIMESTAMP)'),
            {'t': team})
    op.create_table(
        'slack_installations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('app_id', sa.String(length=32), nullable=False),
        sa.Column('enterprise_id', sa.String(length=32), nullable=True),
        sa.Column('enterprise_name', sa.String(length=200), nullable=True),
        sa.Column('enterprise_url', sa.String(length=200), nullable=True),
        sa.Column('team_id', sa.String(length=32), nullable=True),
        sa.Column('team_name', sa.String(length=200), nullable=True),
        sa.Column('bot_token', sa.String(length=200), nullable=True),
        sa.Column('bot_id', sa.String(length=32), nullable=True),
        sa.Column('bot_user_id', sa.String(length=32), nullable=True),
        sa.Column('bot_scopes', sa.String(length=1000), nullable=True),
        sa.Column('bot_refresh_token', sa.String(length=200), nullable=True),
        sa.Column('bot_token_expires_at', sa.DateTime(), nullable=True),
        sa.Column('user_id', sa.String(length=32), nullable=False),
        sa.Column('user_token', sa.String(length=200), nullable=True),
        sa.Column('user_scopes', sa.String(length=1000), nullable=True),
        sa.Column('user_refresh_token', sa.String(length=200), nullable=True),
        sa.Column('user_token_expires_at', sa.DateTime(), nullable=True),
        sa.Column('incoming_webhook_url', sa.String(length=200), nullable=True),
        sa.Column('incoming_webhook_channel', sa.String(length=200), nullable=True),
        sa.Column('incoming_webhook_channel_id', sa.String(length=200), nullable=True),
        sa.Column('incoming_webhook_configuration_url', sa.String(length=200), nullable=True),
        sa.Column('is_enterprise_install', sa.Boolean(), nullable=False),
        sa.Column('token_type', sa.String(length=32), nullable=True),
        sa.Column('installed_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_slack_installations')),
    )
    op.create_index('slack_installations_idx', 'slack_installations',
                    ['client_id', 'enterprise_id', 'team_id', 'user_id', 'installed_at'])
    op.create_table(
        'slack_bots',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.String(length=32), nullable=False),
        sa.Column('app_id', sa.String(length=32), nullable=False),
        sa.Column('enterprise_id', sa.String(length=32), nullable=True),
        sa.Column('enterprise_name', sa.String(length=200), nullable=True),
        sa.Column('team_id', sa.String(length=32), nullable=True),
        sa.Column('team_name', sa.String(length=200), nullable=True),
        sa.Column('bot_token', sa.String(length=200), nullable=True),
        sa.Column('bot_id', sa.String(length=32), nullable=True),
        sa.Column('bot_user_id', sa.String(length=32), nullable=True),
        sa.Column('bot_scopes', sa.String(length=1000), nullable=True),
        sa.Column('bot_refresh_token', sa.String(length=200), nullable=True),
        sa.Column('bot_token_expires_at', sa.DateTime(), nullable=True),
        sa.Column('is_enterprise_install', sa.Boolean(), nullable=False),
        sa.Column('installed_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_slack_bots')),
    )
    op.create_index('slack_bots_idx', 'slack_bots',
                    ['client_id', 'enterprise_id', 'team_id', 'installed_at'])
    op.create_table(
        'slack_oauth_states',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=200), nullable=False),
        sa.Column('expire_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_slack_oauth_states')),
    )


def downgrade() -> None:
    op.drop_table('slack_oauth_states')
    op.drop_index('slack_bots_idx', table_name='slack_bots')
    op.drop_table('slack_bots')
    op.drop_index('slack_installations_idx', table_name='slack_installations')
    op.drop_table('slack_installations')
    op.drop_table('teams')
    with op.batch_alter_table('away_members', schema=None) as batch_op:
        batch_op.drop_constraint('pk_away_members', type_='primary')
        batch_op.create_primary_key('pk_away_members', ['user_id'])
    with op.batch_alter_table('routing_turns', schema=None) as batch_op:
        batch_op.drop_constraint('pk_routing_turns', type_='primary')
        batch_op.create_primary_key('pk_routing_turns', ['group', 'user_id'])
    with op.batch_alter_table('glossary_lookups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_lookups_team_id'))
    with op.batch_alter_table('glossary_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_glossary_changes_team_key')
        batch_op.create_index('ix_glossary_changes_key', ['key'], unique=False)
    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.drop_constraint('uq_glossary_terms_team_id', type_='unique')
        batch_op.create_unique_constraint('uq_glossary_terms_key', ['key'])
    for table in TEAM_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('team_id')
