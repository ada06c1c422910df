"""The rules as data: print them, check the files, preview a change on past leads."""
from __future__ import annotations

import sys
from datetime import UTC, datetime
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
from config.loader import (
    FLOWS_DIR,
    GLOSSARY_FILE,
    ROUTING_FILE,
    ConfigError,
    load_flows,
    load_glossary,
    load_routing,
)
from config.settings import Settings


@main.group(invoke_without_command=True)
@click.option("--flow", "flow_id", help="A flow's id (default: every enabled flow).")
@click.pass_context
def rules(ctx: click.Context, flow_id: str | None) -> None:
    """Print the written definition of a qualified lead: criteria, points, verdicts."""
    if ctx.invoked_subcommand is not None:
        return
    from flows.rules import describe

    settings = settings_or_die()
    flows, _ = data_or_die(settings)
    ids = [flow_id] if flow_id else settings.enabled_flows
    for i, fid in enumerate(ids):
        if fid not in flows:
            die(f"no flow '{fid}'; the flow files define {', '.join(sorted(flows))}", code=1)
        click.echo(("\n" if i else "") + "\n".join(describe(flows[fid])))


@rules.command("preview")
@click.option("--flow", "flow_id", help="The flow whose past leads to rescore (default: the "
              "default flow, or the file's flow).")
@click.option("--threshold", type=int, help="The points the handoff tier would need.")
@click.option("--file", "path", type=click.Path(path_type=Path, dir_okay=False),
              help="A changed flow file.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0),
              help="How many changed leads to list.")
@team_option
def rules_preview(flow_id: str | None, threshold: int | None, path: Path | None,
                  limit: int, team: str | None) -> None:
    """Which past leads would change verdict with a changed threshold or flow file."""
    from bot.core.db import NoDatabase, reading
    from bot.reports.rules_preview import PreviewError, changed_flow, lines, preview

    settings = settings_or_die()
    flows = flows_or_die(settings)
    team = team_or_die(settings.DATABASE_URL, team)
    default = team_settings(settings, flows, team).default_flow
    try:
        old, new = changed_flow(flows, flow_id=flow_id, default=default,
                                threshold=threshold, path=path)
        with reading(settings.DATABASE_URL) as conn:
            report = preview(conn, flow_id=flow_id or new.id, old=old, new=new, limit=limit,
                             team=team)
    except (PreviewError, NoDatabase) as e:
        die(str(e), code=1)
    click.echo("\n".join(lines(report)))

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--manifest", "manifest", type=click.Path(path_type=Path, dir_okay=False),
              help="The Slack app manifest to check against what the app registers "
              "(default: the manifest.yml shipped beside the code, if there is one).")
def validate(paths: tuple[Path, ...], manifest: Path | None) -> None:
    """Check flow files (or folders of them), the glossary, the routing rules and the Slack
    app manifest; exit 1 on any problem."""
    settings = settings_or_die()
    routing_file = settings.QUALIBOT_ROUTING_FILE or ROUTING_FILE
    targets = list(paths) or [settings.QUALIBOT_FLOWS_DIR or FLOWS_DIR,
                              settings.QUALIBOT_GLOSSARY_FILE or GLOSSARY_FILE,
                              *([routing_file] if settings.QUALIBOT_ROUTING_FILE
                                or routing_file.exists() else [])]
    problems = 0
    for target in targets:
        try:
            if (target == routing_file or target.name.startswith("routing")) \
                    and not target.is_dir():
                routing = load_routing(target, load_flows(
                    settings.QUALIBOT_FLOWS_DIR or FLOWS_DIR, check_examples=False))
                click.echo(f"{target}: {len(routing.rules)} routing rule(s) and "
                           f"{len(routing.groups)} group(s) OK")
            elif target.is_dir():
                flows = load_flows(target)
                click.echo(f"{target}: {len(flows)} flow(s) OK ({', '.join(sorted(flows))})")
            elif target.name.startswith("glossary"):
                g = load_glossary(target)
                click.echo(f"{target}: {len(g.terms)} terms OK")
            else:
                from config.loader import load_flow

                flow = load_flow(target)
                click.echo(f"{target}: flow '{flow.id}' OK, version {flow.version}")
        except ConfigError as e:
            problems += len(e.problems)
            click.echo(str(e), err=True)
    manifest = manifest or (MANIFEST if MANIFEST.is_file() and not paths else None)
    if manifest is not None and not problems:
        problems += _check_manifest(manifest, settings)
    if problems:
        sys.exit(1)


def _check_manifest(path: Path, settings: Settings) -> int:
    """Every command, shortcut, workflow step and event the app handles declared in the
    manifest, and every Web API method it calls covered by a declared scope."""
    from bot.serve.manifest import check

    flows, glossary = data_or_die(settings)
    found = check(path, settings=settings, flows=flows, glossary=glossary)
    if not found:
        click.echo(f"{path}: declares every command, shortcut, workflow step, event and "
                   "scope the app uses")
    for problem in found:
        click.echo(f"{path}: {problem}", err=True)
    return len(found)


@main.group()
def routing() -> None:
    """Routing rules (routing.yaml): where each qualified lead goes, and to whom."""


@routing.command("preview")
@click.option("--file", "path", type=click.Path(path_type=Path, dir_okay=False),
              help="A routing file (default: QUALIBOT_ROUTING_FILE, or config/routing.yaml).")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only handoffs of qualifications started on or after this day (UTC).")
@team_option
def routing_preview(path: Path | None, since: datetime | None, team: str | None) -> None:
    """How many past leads each rule, channel and AE would have received."""
    from bot.core.db import NoDatabase, reading
    from bot.reports.routing_preview import lines, preview

    settings = settings_or_die()
    flows = flows_or_die(settings)
    path = path or settings.QUALIBOT_ROUTING_FILE or ROUTING_FILE
    if not path.exists():
        die(f"no routing file at {path}: give one with --file", code=1)
    try:
        rules = load_routing(path, flows)
    except ConfigError as e:
        die(str(e), code=1)
    team = team_or_die(settings.DATABASE_URL, team)
    if team and not rules.serves(team):
        die(f"{path} routes the leads of team {rules.team}, not {team}: its channels and AEs "
            "are that team's", code=1)
    try:
        with reading(settings.DATABASE_URL) as conn:
            report = preview(conn, routing=rules, flows=flows, team=team,
                             sales_channel=team_settings(settings, flows, team)
                             .sales_channel,
                             since=since.replace(tzinfo=UTC) if since else None)
    except NoDatabase as e:
        die(str(e), code=1)
    click.echo("\n".join(lines(report, source=str(path))))
