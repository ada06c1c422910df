"""The team's glossary from the command line: export, import, look-up statistics."""
from __future__ import annotations

from pathlib import Path

import click

from bot.cli.base import (
    data_or_die,
    die,
    main,
    settings_or_die,
    setup_logging,
    team_option,
    team_or_die,
)
from config.loader import ConfigError, load_glossary


@main.group("glossary")
def glossary_cli() -> None:
    """The team's glossary: export, import, look-up statistics."""


def _glossary_deps(team: str | None):  # type: ignore[no-untyped-def]
    """(deps, engine, the team whose glossary it is)."""
    from bot.core.db import make_engine, upgrade
    from bot.serve.runtime import make_deps

    settings = settings_or_die()
    setup_logging(settings.LOG_LEVEL)
    flows, shipped = data_or_die(settings)
    engine = make_engine(settings.DATABASE_URL)
    upgrade(engine)
    chosen = team_or_die(settings.DATABASE_URL, team) or ""
    return make_deps(settings, flows, shipped, engine), engine, chosen


@glossary_cli.command("export")
@click.argument("file", type=click.Path(path_type=Path), required=False)
@team_option
def glossary_export(file: Path | None, team: str | None) -> None:
    """Write the glossary as YAML (to FILE, or to standard output)."""
    from bot.glossary import book

    deps, engine, team = _glossary_deps(team)
    try:
        text = book.export_yaml(deps, team=team)
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
@team_option
def glossary_import(file: Path, dry_run: bool, team: str | None) -> None:
    """Merge a glossary YAML file in: adds and changes terms, never deletes one."""
    from bot.glossary import book

    try:
        incoming = load_glossary(file)
    except ConfigError as e:
        die(str(e), code=1)
    deps, engine, team = _glossary_deps(team)
    try:
        report = book.import_glossary(deps, incoming, team=team, by="import", dry_run=dry_run)
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
@team_option
def glossary_stats(days: int, team: str | None) -> None:
    """Which terms people look up, and what they search for and do not find."""
    from datetime import timedelta

    from bot.core.deps import utcnow
    from bot.glossary import book

    deps, engine, team = _glossary_deps(team)
    try:
        found, missed = book.stats(deps, team=team, since=utcnow() - timedelta(days=days))
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
