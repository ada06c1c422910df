"""Running Qualibot: serve, the database schema, and failed handoffs."""
from __future__ import annotations

import click

from bot.cli.base import (
    apart,
    data_or_die,
    database,
    die,
    main,
    routing_or_die,
    settings_or_die,
    setup_logging,
)
from config.settings import Settings, SettingsError


@main.command()
def serve() -> None:
    """Serve Slack: HTTP on $PORT, or Socket Mode when SLACK_APP_TOKEN is set."""
    settings = settings_or_die()
    setup_logging(settings.LOG_LEVEL)
    try:
        settings.require_serving()
    except SettingsError as e:
        die(str(e))
    flows, glossary = data_or_die(settings, examples=True)
    routing = routing_or_die(settings, flows)
    from flows.reading import warm

    warm()  # the reader's word list, loaded before the first typed reply, not during it

    apart(lambda: _migrate(settings))
    import logging

    from bot.slack.client import SlackUnavailable, identify, web_client

    identity = None
    if settings.oauth:  # many workspaces, each with the bot token it was installed with
        logging.getLogger("qualibot").info(
            "mode: OAuth install, many workspaces (\"Add to Slack\" at /slack/install); "
            "SLACK_BOT_TOKEN is not used; SALES_CHANNEL, if set, is every team's sales "
            "channel")
    else:
        try:
            identity = identify(web_client(settings))
        except SlackUnavailable as e:
            die(str(e), code=1)
        logging.getLogger("qualibot").info(
            "mode: single workspace %s (SLACK_BOT_TOKEN); set SLACK_CLIENT_ID, "
            "SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install in many", identity.team_id)

    from bot.serve.server import serve_http, serve_socket_mode

    if settings.socket_mode:
        try:
            serve_socket_mode(settings, flows, glossary, identity, routing)
        except SlackUnavailable as e:
            die(str(e), code=1)
    else:
        serve_http(settings, flows, glossary, identity, routing)


def _migrate(settings: Settings) -> None:
    """The schema brought up to date; ``serve`` runs it ``apart``, in a child."""
    from bot.core.db import upgrade

    with database(settings) as engine:
        try:
            upgrade(engine)
        except Exception as e:  # noqa: BLE001 -- any failure here stops start-up with a reason
            die(f"cannot prepare the database at DATABASE_URL: {type(e).__name__}: "
                 f"{str(e).splitlines()[0][:300]}", code=1)


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply the migrations to DATABASE_URL."""
    settings = settings_or_die()
    setup_logging(settings.LOG_LEVEL)
    from bot.core.db import current_revision, upgrade

    with database(settings) as engine:
        upgrade(engine)
        click.echo(f"database at revision {current_revision(engine)}")

@main.group()
def handoffs() -> None:
    """Handoffs to the sales channel."""


@handoffs.command("retry")
def handoffs_retry() -> None:
    """Send failed handoffs again (run it once the sales channel is fixed)."""
    settings = settings_or_die()
    setup_logging(settings.LOG_LEVEL)
    from bot.core.db import make_read_sessions, make_sessions, transaction
    from bot.core.deps import utcnow
    from bot.handoff import store as handoff_store
    from bot.settings.effective import Teams
    from config.loader import DEFAULT_FLOW

    flows, _ = data_or_die(settings)
    with database(settings) as engine:
        teams = Teams(settings, make_read_sessions(engine), list(flows), DEFAULT_FLOW)
        with transaction(make_sessions(engine)) as s:  # each team's sales channel in effect
            ids = handoff_store.requeue_failed(
                s, now=utcnow(), channel_of=lambda team: teams.get(team).sales_channel)
    if ids:
        click.echo(f"{len(ids)} failed deliveries queued again; a running Qualibot sends them "
                   "within seconds.")
    else:
        click.echo("No failed handoffs.")
