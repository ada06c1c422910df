"""``qualibot read``: how Qualibot reads a typed reply or call notes, as the conversation
would (flow authors try their wording with it; it checks the reader from outside)."""
from __future__ import annotations

import json
import sys
from datetime import date

import click

from bot.cli.base import die, flows_or_die, main, settings_or_die
from flows.model import Kind
from flows.reading import read_notes, read_reply


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        die(f"--today must be a date as YYYY-MM-DD, not {value!r}", code=2)


@main.command()
@click.option("--flow", "flow_id", help="The flow whose question reads the text (default: "
              "the default flow).")
@click.option("--question", "question_id", help="The question the text answers.")
@click.option("--notes", "notes", type=click.File("r", encoding="utf-8"),
              help="Call notes to read instead (- for standard input).")
@click.option("--today", help="The date relative times are read against (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.argument("texts", nargs=-1)
def read(flow_id: str | None, question_id: str | None, notes: click.utils.LazyFile | None,
         today: str | None, as_json: bool, texts: tuple[str, ...]) -> None:
    """Read typed replies to a question (or call notes) as the conversation would: the
    choice, its label, and how sure (sure, likely or unclear)."""
    settings = settings_or_die()
    flows = flows_or_die(settings)
    fid = flow_id or settings.enabled_flows[0]
    flow = flows.get(fid)
    if flow is None:
        die(f"no flow '{fid}'; the flow files define {', '.join(sorted(flows))}", code=2)
    day = _today(today)
    if notes is not None:
        if question_id or texts:
            die("give --notes FILE, or --question QID with texts, not both", code=2)
        for filled in read_notes(flow, notes.read(), today=day):
            r = filled.reading
            row = {"question": filled.question.id, "choice": r.choice.id if r.choice else None,
                   "label": r.choice.label if r.choice else r.text,
                   "confidence": str(r.confidence), "from": filled.sentence}
            click.echo(json.dumps(row, ensure_ascii=False) if as_json else
                       f"{row['question']}: {row['label']} ({row['confidence']}) "
                       f"from “{row['from']}”")
        return
    if not question_id:
        ids = ", ".join(q.id for q in flow.questions)
        die(f"name the question with --question ({ids}), or give --notes FILE", code=2)
    question = flow.question(question_id)
    if question is None:
        die(f"flow '{flow.id}' has no question '{question_id}'; its questions are "
            f"{', '.join(q.id for q in flow.questions)}", code=2)
    if not texts:
        texts = tuple(line.rstrip("\n") for line in sys.stdin if line.strip())
    for text in texts:
        r = read_reply(question, text, today=day, fiscal_year_start=flow.fiscal_year_start)
        choice = r.choice.id if r.choice else None
        label = r.choice.label if r.choice else (r.text if question.kind is Kind.TEXT else None)
        if as_json:
            click.echo(json.dumps({"text": text, "choice": choice, "label": label,
                                   "confidence": str(r.confidence)}, ensure_ascii=False))
        elif r.choice is not None or label is not None:
            how = f" · read from “{r.how}”" if r.how and r.how not in ("label",) else ""
            click.echo(f"{text!r} -> {choice}: {label} ({r.confidence}){how}")
        else:
            near = (" · could be " + " or ".join(c.id for c in r.near)) if r.near else ""
            click.echo(f"{text!r} -> unclear{near}")
