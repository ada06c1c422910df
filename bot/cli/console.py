"""``qualibot console``: try a flow in the terminal."""
from __future__ import annotations

import sys

import click

from bot.cli.base import data_or_die, die, main, settings_or_die


@main.command()
@click.option("--flow", "flow_id", help="A flow's id (default: the first of QUALIBOT_FLOWS).")
@click.option("--lead", help="The lead's name (asked for when left out).")
@click.option("--notes", "notes", type=click.File("r", encoding="utf-8", errors="replace"),
              help="Call notes to start from (- for standard input): they fill in the "
                   "answers they state before the first question.")
def console(flow_id: str | None, lead: str | None,
            notes: click.utils.LazyFile | None) -> None:
    """Try a qualification in the terminal: no Slack, no database, nothing saved."""
    from bot.console import session as terminal_console
    from config.loader import DEFAULT_FLOW

    settings = settings_or_die()
    flows, glossary = data_or_die(settings)
    flow_id = flow_id or next(iter(settings.enabled_flows), DEFAULT_FLOW)
    if flow_id not in flows:
        die(f"no flow '{flow_id}'; the flow files define {', '.join(sorted(flows))}")
    if lead is not None and (problem := terminal_console.lead_problem(lead.strip())):
        die(problem)
    text = None
    if notes is not None:
        try:
            text = notes.read()
        except OSError as error:
            die(f"can't read the notes: {error}")
    sys.exit(terminal_console.run(flows, glossary, flow_id, lead and lead.strip(), notes=text,
                                  notes_on_stdin=notes is not None and notes.name == "<stdin>"))
