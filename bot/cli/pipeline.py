"""The pipeline out of the database: the report and the export."""
from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

import click

from bot.cli.base import (
    data_or_die,
    die,
    flows_or_die,
    main,
    settings_or_die,
    team_option,
    team_or_die,
    team_settings,
)
from bot.core.errors import BadDatabaseURL


@main.command()
@click.option("--weeks", default=8, show_default=True, type=click.IntRange(1, 104),
              help="How many ISO weeks, this one included.")
@click.option("--by", type=click.Choice(["week", "sdr", "both"]), default="both",
              show_default=True, help="One table per week, per SDR, or both.")
@click.option("--plot", "plot_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the score distribution and the funnel to this PNG file.")
@team_option
def report(weeks: int, by: str, plot_file: Path | None, team: str | None) -> None:
    """The pipeline by ISO week and by SDR: scored, verdicts, handoffs, claims, send-backs."""
    import importlib.util

    from bot.reports import plot, text, weekly

    if plot_file is not None and importlib.util.find_spec("matplotlib") is None:
        die(plot.INSTALL_HINT)
    settings = settings_or_die()
    flows, _ = data_or_die(settings)
    team = team_or_die(settings.DATABASE_URL, team)
    enabled = team_settings(settings, flows, team).flows
    order = weekly.tier_order([flows[f] for f in enabled if f in flows] + list(flows.values()))
    try:
        result = weekly.from_database(settings.DATABASE_URL, weeks=weeks, order=order,
                                      team=team)
    except BadDatabaseURL:
        raise  # a setting to fix: said in one line, exit 2, by the command group
    except Exception as e:  # noqa: BLE001 -- any failure here is reported with a reason
        die(f"cannot read the database at DATABASE_URL: {type(e).__name__}: "
             f"{str(e).splitlines()[0][:300]}", code=1)
    click.echo("\n".join(text.text(result, by=by)))
    if plot_file is not None:
        try:
            width, height = plot.plot(result, plot_file)
        except plot.PlotUnavailable as e:
            die(str(e))
        except OSError as e:
            die(f"cannot write {plot_file}: {e.strerror or e}", code=1)
        click.echo(f"wrote {plot_file} ({width}x{height} px)")

@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True, help="CSV for spreadsheets, JSON for programs.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (default: standard output).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only qualifications started on or after this day (UTC), YYYY-MM-DD.")
@click.option("--flow", "flow_id", help="Only qualifications with this flow.")
@team_option
def export(fmt: str, output: Path | None, since: datetime | None, flow_id: str | None,
           team: str | None) -> None:
    """Export leads, answers, scores and handoffs: one record per qualification."""
    from datetime import UTC

    from bot.core.db import NoDatabase, reading
    from bot.reports.export import WRITERS, opened

    settings = settings_or_die()
    flows = flows_or_die(settings)
    team = team_or_die(settings.DATABASE_URL, team)
    try:
        with reading(settings.DATABASE_URL) as conn, opened(output, sys.stdout) as out:
            n = WRITERS[fmt](out, conn, flows, flow_id=flow_id, team=team,
                             since=since.replace(tzinfo=UTC) if since else None)
    except NoDatabase as e:
        die(str(e), code=1)
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as e:
        die(f"cannot write {output or 'the output'}: {e.strerror or e}", code=1)
    if output is not None:
        click.echo(f"wrote {n} qualification(s) to {output}", err=True)
