"""The ``qualibot`` command."""
from __future__ import annotations

import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import NoReturn

import click

from config.loader import FLOWS_DIR, GLOSSARY_FILE, ConfigError, load_flows, load_glossary
from config.settings import Settings, SettingsError, load_settings

EXIT_CONFIG = 2


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as e:
        _die(str(e))


def _die(message: str, code: int = EXIT_CONFIG) -> NoReturn:
    for line in message.splitlines():
        click.echo(f"qualibot: {line}", err=True)
    sys.exit(code)


def _setup_logging(level: str) -> None:
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        datefmt="%Y-%m-%dT%H:%M:%S%z")
    # Libraries log request bodies at DEBUG; keep them out of INFO logs.
    for noisy in ("slack_bolt", "slack_sdk", "urllib3", "apscheduler"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))


def _data(settings: Settings):  # type: ignore[no-untyped-def]
    try:
        flows = load_flows(settings.QUALIBOT_FLOWS_DIR or FLOWS_DIR)
        glossary = load_glossary(settings.QUALIBOT_GLOSSARY_FILE or GLOSSARY_FILE)
    except ConfigError as e:
        _die(str(e))
    unknown = [f for f in settings.enabled_flows if f not in flows]
    if unknown:
        _die(f"QUALIBOT_FLOWS names {', '.join(unknown)}, not among the flow files "
             f"({', '.join(sorted(flows))})")
    return flows, glossary


@click.group()
def main() -> None:
    """Qualibot: lead qualification with the team's own rules, in Slack."""


@main.command()
def serve() -> None:
    """Serve Slack: HTTP on $PORT, or Socket Mode when SLACK_APP_TOKEN is set."""
    settings = _settings()
    _setup_logging(settings.LOG_LEVEL)
    try:
        settings.require_serving()
    except SettingsError as e:
        _die(str(e))
    flows, glossary = _data(settings)

    from bot.app import SlackUnavailable, identify, web_client
    from bot.db import make_engine, upgrade

    engine = make_engine(settings.DATABASE_URL)
    try:
        upgrade(engine)
    except Exception as e:  # noqa: BLE001 -- any failure here stops start-up with a reason
        _die(f"cannot prepare the database at DATABASE_URL: {type(e).__name__}: "
             f"{str(e).splitlines()[0][:300]}", code=1)
    finally:
        engine.dispose()
    try:
        identity = identify(web_client(settings))
    except SlackUnavailable as e:
        _die(str(e), code=1)

    from bot.server import serve_http, serve_socket_mode

    if settings.socket_mode:
        try:
            serve_socket_mode(settings, flows, glossary, identity)
        except SlackUnavailable as e:
            _die(str(e), code=1)
    else:
        serve_http(settings, flows, glossary, identity)


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply the migrations to DATABASE_URL."""
    settings = _settings()
    _setup_logging(settings.LOG_LEVEL)
    from bot.db import current_revision, make_engine, upgrade

    engine = make_engine(settings.DATABASE_URL)
    try:
        upgrade(engine)
        click.echo(f"database at revision {current_revision(engine)}")
    finally:
        engine.dispose()


@main.group(invoke_without_command=True)
@click.option("--flow", "flow_id", help="A flow's id (default: every enabled flow).")
@click.pass_context
def rules(ctx: click.Context, flow_id: str | None) -> None:
    """Print the written definition of a qualified lead: criteria, points, verdicts."""
    if ctx.invoked_subcommand is not None:
        return
    from flows.rules import describe

    settings = _settings()
    flows, _ = _data(settings)
    ids = [flow_id] if flow_id else settings.enabled_flows
    for i, fid in enumerate(ids):
        if fid not in flows:
            _die(f"no flow '{fid}'; the flow files define {', '.join(sorted(flows))}", code=1)
        click.echo(("\n" if i else "") + "\n".join(describe(flows[fid])))


@rules.command("preview")
@click.option("--flow", "flow_id", help="The flow whose past leads to rescore (default: the "
              "default flow, or the file's flow).")
@click.option("--threshold", type=int, help="The points the handoff tier would need.")
@click.option("--file", "path", type=click.Path(path_type=Path, dir_okay=False),
              help="A changed flow file.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0),
              help="How many changed leads to list.")
def rules_preview(flow_id: str | None, threshold: int | None, path: Path | None,
                  limit: int) -> None:
    """Which past leads would change verdict with a changed threshold or flow file."""
    from bot.db import NoDatabase, reading
    from bot.preview import PreviewError, changed_flow, lines, preview

    settings = _settings()
    try:
        flows = load_flows(settings.QUALIBOT_FLOWS_DIR or FLOWS_DIR)
    except ConfigError as e:
        _die(str(e))
    try:
        old, new = changed_flow(flows, flow_id=flow_id, default=settings.enabled_flows[0],
                                threshold=threshold, path=path)
        with reading(settings.DATABASE_URL) as conn:
            report = preview(conn, flow_id=flow_id or new.id, old=old, new=new, limit=limit)
    except (PreviewError, NoDatabase) as e:
        _die(str(e), code=1)
    click.echo("\n".join(lines(report)))


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True, help="CSV for spreadsheets, JSON for programs.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (default: standard output).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only qualifications started on or after this day (UTC), YYYY-MM-DD.")
@click.option("--flow", "flow_id", help="Only qualifications with this flow.")
def export(fmt: str, output: Path | None, since: datetime | None, flow_id: str | None) -> None:
    """Export leads, answers, scores and handoffs: one record per qualification."""
    from datetime import UTC

    from bot.db import NoDatabase, reading
    from bot.export import WRITERS, opened

    settings = _settings()
    try:
        flows = load_flows(settings.QUALIBOT_FLOWS_DIR or FLOWS_DIR)
    except ConfigError as e:
        _die(str(e))
    try:
        with reading(settings.DATABASE_URL) as conn, opened(output, sys.stdout) as out:
            n = WRITERS[fmt](out, conn, flows, flow_id=flow_id,
                             since=since.replace(tzinfo=UTC) if since else None)
    except NoDatabase as e:
        _die(str(e), code=1)
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as e:
        _die(f"cannot write {output or 'the output'}: {e.strerror or e}", code=1)
    if output is not None:
        click.echo(f"wrote {n} qualification(s) to {output}", err=True)


@main.group()
def handoffs() -> None:
    """Handoffs to the sales channel."""


@handoffs.command("retry")
def handoffs_retry() -> None:
    """Send failed handoffs again (run it once the sales channel is fixed)."""
    settings = _settings()
    _setup_logging(settings.LOG_LEVEL)
    from bot import outbox
    from bot.db import make_engine, make_sessions, transaction
    from bot.deps import utcnow

    engine = make_engine(settings.DATABASE_URL)
    try:
        with transaction(make_sessions(engine)) as s:
            ids = outbox.requeue_failed(s, now=utcnow(), channel=settings.SALES_CHANNEL)
    finally:
        engine.dispose()
    if ids:
        click.echo(f"{len(ids)} failed deliveries queued again; a running Qualibot sends them "
                   "within seconds.")
    else:
        click.echo("No failed handoffs.")


@main.group("glossary")
def glossary_cli() -> None:
    """The team's glossary: export, import, look-up statistics."""


def _glossary_deps():  # type: ignore[no-untyped-def]
    from bot.app import make_deps
    from bot.db import make_engine, upgrade

    settings = _settings()
    _setup_logging(settings.LOG_LEVEL)
    flows, shipped = _data(settings)
    engine = make_engine(settings.DATABASE_URL)
    upgrade(engine)
    return make_deps(settings, flows, shipped, engine), engine


@glossary_cli.command("export")
@click.argument("file", type=click.Path(path_type=Path), required=False)
def glossary_export(file: Path | None) -> None:
    """Write the glossary as YAML (to FILE, or to standard output)."""
    from bot import glossary

    deps, engine = _glossary_deps()
    try:
        text = glossary.export_yaml(deps)
    finally:
        engine.dispose()
    if file is None:
        click.echo(text, nl=False)
    else:
        file.write_text(text, encoding="utf-8")
        click.echo(f"wrote {file}")


@glossary_cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
def glossary_import(file: Path, dry_run: bool) -> None:
    """Merge a glossary YAML file in: adds and changes terms, never deletes one."""
    from bot import glossary

    try:
        incoming = load_glossary(file)
    except ConfigError as e:
        _die(str(e), code=1)
    deps, engine = _glossary_deps()
    try:
        report = glossary.import_glossary(deps, incoming, by="import", dry_run=dry_run)
    finally:
        engine.dispose()
    verb = "would be" if dry_run else ""
    for label, names in (("added", report.added), ("changed", report.changed),
                         ("unchanged", report.unchanged)):
        click.echo(f"{len(names):3d} {verb} {label}".replace("  ", " ")
                   + (f": {', '.join(names)}" if names and label != "unchanged" else ""))
    if report.kept:
        click.echo(f"{len(report.kept):3d} kept (in Qualibot, not in the file; remove them in "
                   f"Slack if they should go): {', '.join(report.kept)}")


@glossary_cli.command("stats")
@click.option("--days", default=30, show_default=True, help="How far back to look.")
def glossary_stats(days: int) -> None:
    """Which terms people look up, and what they search for and do not find."""
    from datetime import timedelta

    from bot import glossary
    from bot.deps import utcnow

    deps, engine = _glossary_deps()
    try:
        found, missed = glossary.stats(deps, since=utcnow() - timedelta(days=days))
    finally:
        engine.dispose()
    click.echo(f"Look-ups in the last {days} days")
    click.echo("\nFound:" if found else "\nFound: none")
    for term, n in found:
        click.echo(f"  {n:5d}  {term}")
    click.echo("\nNot found (terms the team may want to define):" if missed
               else "\nNot found: none")
    for asked, n in missed:
        click.echo(f"  {n:5d}  {asked}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check flow files (or folders of them) and the glossary; exit 1 on any problem."""
    settings = _settings()
    targets = list(paths) or [settings.QUALIBOT_FLOWS_DIR or FLOWS_DIR,
                              settings.QUALIBOT_GLOSSARY_FILE or GLOSSARY_FILE]
    problems = 0
    for target in targets:
        try:
            if target.is_dir():
                flows = load_flows(target)
                click.echo(f"{target}: {len(flows)} flow(s) OK ({', '.join(sorted(flows))})")
            elif target.name.startswith("glossary"):
                g = load_glossary(target)
                click.echo(f"{target}: {len(g.terms)} terms OK")
            else:
                from config.loader import load_model
                from flows.model import Flow

                flow = load_model(target, Flow)
                click.echo(f"{target}: flow '{flow.id}' OK, version {flow.version}")
        except ConfigError as e:
            problems += len(e.problems)
            click.echo(str(e), err=True)
    if problems:
        sys.exit(1)

@main.command()
@click.option("--weeks", default=8, show_default=True, type=click.IntRange(1, 104),
              help="How many ISO weeks, this one included.")
@click.option("--by", type=click.Choice(["week", "sdr", "both"]), default="both",
              show_default=True, help="One table per week, per SDR, or both.")
@click.option("--plot", "plot_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the score distribution and the funnel to this PNG file.")
def report(weeks: int, by: str, plot_file: Path | None) -> None:
    """The pipeline by ISO week and by SDR: scored, verdicts, handoffs, claims, send-backs."""
    import importlib.util

    from bot import report_plot, report_text, reports

    if plot_file is not None and importlib.util.find_spec("matplotlib") is None:
        _die(report_plot.INSTALL_HINT)
    settings = _settings()
    flows, _ = _data(settings)
    order = reports.tier_order([flows[f] for f in settings.enabled_flows if f in flows]
                               + list(flows.values()))
    try:
        result = reports.from_database(settings.DATABASE_URL, weeks=weeks, order=order)
    except Exception as e:  # noqa: BLE001 -- any failure here is reported with a reason
        _die(f"cannot read the database at DATABASE_URL: {type(e).__name__}: "
             f"{str(e).splitlines()[0][:300]}", code=1)
    click.echo("\n".join(report_text.text(result, by=by)))
    if plot_file is not None:
        try:
            width, height = report_plot.plot(result, plot_file)
        except report_plot.PlotUnavailable as e:
            _die(str(e))
        except OSError as e:
            _die(f"cannot write {plot_file}: {e.strerror or e}", code=1)
        click.echo(f"wrote {plot_file} ({width}x{height} px)")


@main.command()
@click.option("--flow", "flow_id", help="A flow's id (default: the first of QUALIBOT_FLOWS).")
@click.option("--lead", help="The lead's name (asked for when left out).")
def console(flow_id: str | None, lead: str | None) -> None:
    """Try a qualification in the terminal: no Slack, no database, nothing saved."""
    from bot import console as terminal_console
    from config.loader import DEFAULT_FLOW

    settings = _settings()
    flows, glossary = _data(settings)
    flow_id = flow_id or next(iter(settings.enabled_flows), DEFAULT_FLOW)
    if flow_id not in flows:
        _die(f"no flow '{flow_id}'; the flow files define {', '.join(sorted(flows))}")
    if lead is not None and (problem := terminal_console.lead_problem(lead.strip())):
        _die(problem)
    sys.exit(terminal_console.run(flows, glossary, flow_id, lead and lead.strip()))


if __name__ == "__main__":
    main()
