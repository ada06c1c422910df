"""What every ``qualibot`` command shares: the group, settings, data, logging, exits."""
from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import click

from bot.core.errors import BadDatabaseURL
from config.loader import FLOWS_DIR, GLOSSARY_FILE, ConfigError, load_flows, load_glossary
from config.settings import Settings, SettingsError, load_settings
from flows.model import Flow
from flows.routing import Routing

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from bot.core.team import TeamSettings

EXIT_CONFIG = 2
EXIT_UNREACHABLE = 1


def settings_or_die() -> Settings:
    try:
        return load_settings()
    except SettingsError as e:
        die(str(e))


def die(message: str, code: int = EXIT_CONFIG) -> NoReturn:
    for line in message.splitlines():
        click.echo(f"qualibot: {line}", err=True)
    sys.exit(code)


def setup_logging(level: str) -> None:
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        datefmt="%Y-%m-%dT%H:%M:%S%z")
    # Libraries log request bodies at DEBUG; keep them out of INFO logs.
    # Alembic's plugin set-up is seven lines of INFO before anything happens.
    for noisy in ("slack_bolt", "slack_sdk", "urllib3", "apscheduler", "alembic.runtime.plugins"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))


@contextmanager
def database(settings: Settings) -> Iterator[Engine]:
    """An engine on DATABASE_URL for one command, disposed when it is done (what goes wrong
    with the database is said by :class:`Commands`)."""
    from bot.core.db import (
        make_engine,  # imported when used: commands without a database start faster
    )

    engine = make_engine(settings.DATABASE_URL)
    try:
        yield engine
    finally:
        engine.dispose()


def flows_or_die(settings: Settings, *, examples: bool = False) -> dict[str, Flow]:
    """The flow files (no glossary, no QUALIBOT_FLOWS check), or exit 2 naming file and line.
    ``examples``: also read each flow's examples (``validate`` and start-up do; a report or an
    export needs no reading of typed replies)."""
    try:
        return load_flows(settings.QUALIBOT_FLOWS_DIR or FLOWS_DIR, check_examples=examples)
    except ConfigError as e:
        die(str(e))


def data_or_die(settings: Settings, *, examples: bool = False):  # type: ignore[no-untyped-def]
    try:
        flows = load_flows(settings.QUALIBOT_FLOWS_DIR or FLOWS_DIR, check_examples=examples)
        glossary = load_glossary(settings.QUALIBOT_GLOSSARY_FILE or GLOSSARY_FILE)
    except ConfigError as e:
        die(str(e))
    unknown = [f for f in settings.enabled_flows if f not in flows]
    if unknown:
        die(f"QUALIBOT_FLOWS names {', '.join(unknown)}, not among the flow files "
             f"({', '.join(sorted(flows))})")
    return flows, glossary


def routing_or_die(settings: Settings, flows: dict[str, Flow]) -> Routing | None:
    """The routing rules (``QUALIBOT_ROUTING_FILE``, else ``config/routing.yaml`` if there
    is one; None without either), or exit 2 naming file and line."""
    from config.loader import ROUTING_FILE, load_routing

    path = settings.QUALIBOT_ROUTING_FILE or ROUTING_FILE
    if settings.QUALIBOT_ROUTING_FILE is None and not path.exists():
        return None
    try:
        routing = load_routing(path, flows)
    except ConfigError as e:
        die(str(e))
    if settings.oauth and routing.team is None:
        die(f"{path}: Qualibot serves many workspaces (SLACK_CLIENT_ID is set), and the "
            "routing rules name the channels and AEs of one: say whose they are with "
            "'team: T…' at the top of the file")
    return routing


def _unreachable(error: Exception) -> str | None:
    """Why the database could not be used, if ``error`` says it could not be reached."""
    exc = sys.modules.get("sqlalchemy.exc")  # not imported: no database was opened
    if exc is None or not isinstance(error, exc.OperationalError | exc.InterfaceError):
        return None
    cause = error.orig if isinstance(error, exc.DBAPIError) and error.orig else error
    first = (str(cause).strip().splitlines() or [""])[0][:300]
    return f"{type(cause).__name__}: {first}" if first else type(cause).__name__


class Commands(click.Group):
    """Every ``qualibot`` command: a DATABASE_URL that cannot work stops it with one line and
    exit 2 (a setting to fix), a database that cannot be reached with one line and exit 1."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as e:
            stop_if_database(e)
            raise


def stop_if_database(error: Exception) -> None:
    """Exit with one line if ``error`` is a DATABASE_URL that cannot work (2) or a database
    that cannot be reached (1); return otherwise."""
    if isinstance(error, BadDatabaseURL):
        die(str(error))
    reason = _unreachable(error)
    if reason is not None:
        die(f"cannot reach the database at DATABASE_URL: {reason}", code=EXIT_UNREACHABLE)


def apart(work: Callable[[], None]) -> None:
    """``work`` in a forked child, whose failure ends this command as it would have ended
    it here (same lines, same exit code). What the child imports and builds never enters
    this process: ``serve`` migrates this way, so that Alembic, Mako and the migrations
    (some 8 MB) are not in the master that forks the web workers, each of which would
    carry them without ever using them."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the command
        code = 0
        try:
            try:
                work()
            except Exception as e:
                stop_if_database(e)
                raise
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except BaseException:  # noqa: BLE001 -- shown as click would have shown it here
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    if code:
        sys.exit(code if code > 0 else 1)


@click.group(cls=Commands)
def main() -> None:
    """Qualibot: lead qualification with the team's own rules, in Slack."""


TEAM_HELP = ("The Slack team (workspace) ID, T…, whose data to read; required when the "
             "database holds more than one team.")


def team_option(f: Any) -> Any:
    return click.option("--team", "team", metavar="TEAM_ID", help=TEAM_HELP)(f)


def team_or_die(url: str, given: str | None) -> str | None:
    """The team a command reads: ``--team``, or the one team of the database; with more
    than one and no ``--team``, exit 2 naming them. None: no database to read yet (the
    command reports that itself)."""
    from bot.core.db import NoDatabase, reading
    from bot.teams.store import known

    try:
        with reading(url) as conn:
            teams = known(conn)
    except NoDatabase:
        return given
    if given:
        if teams and given not in teams:
            die(f"--team {given}: this database holds no team {given} (its teams: "
                f"{', '.join(teams)})", code=1)
        return given
    if len(teams) > 1:
        die(f"this database holds {len(teams)} teams ({', '.join(teams[:10])}"
            f"{', …' if len(teams) > 10 else ''}): say which one with --team TEAM_ID")
    return teams[0] if teams else ""


def team_settings(settings: Settings, flows: dict[str, Any], team: str | None) -> TeamSettings:
    """The settings ``team`` has in effect (App Home's over the environment's); the
    environment's alone when there is no team to read yet."""
    from bot.core.team import from_env
    from config.loader import DEFAULT_FLOW

    if not team:
        return from_env(settings, "", list(flows), DEFAULT_FLOW)
    from bot.core.db import make_engine, make_read_sessions
    from bot.settings.effective import Teams

    engine = make_engine(settings.DATABASE_URL)
    try:
        return Teams(settings, make_read_sessions(engine), list(flows), DEFAULT_FLOW).get(team)
    except Exception as e:  # noqa: BLE001 -- any failure here is reported with a reason
        die(f"cannot read team {team}'s settings at DATABASE_URL: {type(e).__name__}: "
            f"{str(e).splitlines()[0][:300]}", code=1)
    finally:
        engine.dispose()
