"""The teams (Slack workspaces) one Qualibot serves: list them, delete one's data."""
from __future__ import annotations

import sys

import click

from bot.cli.base import database, die, main, settings_or_die, setup_logging


@main.group("team")
def team_cli() -> None:
    """The Slack workspaces served: list them, delete one's data."""


@team_cli.command("list")
def team_list() -> None:
    """Every team with data in the database, and its leads."""
    from bot.core.db import make_read_sessions, upgrade
    from bot.teams import store

    settings = settings_or_die()
    setup_logging(settings.LOG_LEVEL)
    with database(settings) as engine:
        upgrade(engine)
        with make_read_sessions(engine)() as s:
            teams = [(t, store.count_team(s, team_id=t)) for t in store.known(s)]
    if not teams:
        click.echo("No team has data yet.")
    for team, leads in teams:
        click.echo(f"{team}  {leads} lead(s)")


@team_cli.command("delete")
@click.argument("team_id")
@click.option("--yes", is_flag=True, help="Delete without asking (scripts, CI).")
def team_delete(team_id: str, yes: bool) -> None:
    """Remove every row of TEAM_ID (leads, qualifications, handoffs, glossary, routing,
    tokens) and print how many per table. Asks first, unless --yes."""
    from bot.core.db import make_sessions, transaction, upgrade
    from bot.teams import store

    settings = settings_or_die()
    setup_logging(settings.LOG_LEVEL)
    with database(settings) as engine:
        upgrade(engine)
        if not yes:
            if not sys.stdin.isatty():
                die(f"deleting team {team_id} asks for confirmation; no terminal to ask on: "
                    "add --yes")
            click.confirm(f"Delete every row of team {team_id}? This cannot be undone",
                          abort=True)
        with transaction(make_sessions(engine)) as s:
            counts = store.delete_team(s, team_id=team_id)
    total = sum(counts.values())
    for table, n in counts.items():
        click.echo(f"{n:7d}  {table}")
    click.echo(f"{total:7d}  rows of team {team_id} deleted" if total
               else f"no rows of team {team_id}: nothing deleted")
