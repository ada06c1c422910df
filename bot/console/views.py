"""The conversation's words for a terminal: what ``qualibot console`` prints.

It says what the Slack views of ``bot.qualify`` (``views``, ``summaries``, ``notices``)
say, minus the markup: buttons become numbered options. Every function returns lines;
colour comes from ``click.style`` and is dropped when the output is not a terminal. Text
that people typed goes through :func:`shown`, so no control character or ANSI escape of theirs
reaches the terminal.
"""
from __future__ import annotations

import shutil
import textwrap
import unicodedata
from collections.abc import Sequence

import click

from flows.conversation import Ask, NotesRead, Review
from flows.glossary import Term
from flows.model import Answer, Choice, Flow, Kind, Question, Score
from flows.scoring import explain

REVIEW_OPTIONS = ("Submit", "Change an answer", "Cancel")
_KEEP = "\u200d"  # the zero-width joiner holds emoji sequences together: harmless


def shown(text: str, limit: int | None = None) -> str:
    """Typed text as it may be printed: control, format and unassigned characters (ESC,
    bidi overrides…) become visible escapes such as ``\\x1b``; long text is cut."""
    out = []
    for ch in text:
        if unicodedata.category(ch)[0] == "C" and ch != _KEEP:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    result = "".join(out)
    return result if limit is None or len(result) <= limit else result[: limit - 1] + "…"


def _wrap(text: str, indent: str = "") -> list[str]:
    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 100)) - 1
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent,
                         break_on_hyphens=False) or [indent]


def _dim(text: str) -> str:
    return click.style(text, dim=True)


def _options(labels: Sequence[str]) -> list[str]:
    return [f"  {click.style(f'{n}.', fg='cyan', bold=True)} {label}"
            for n, label in enumerate(labels, 1)]


def banner(flow: Flow, lead: str) -> list[str]:
    return [
        click.style("Qualibot console", bold=True) + _dim(
            f" · {flow.name} rules, version {flow.version} · nothing is saved or posted"),
        f"Qualifying {click.style(shown(lead), bold=True)}.",
        *(_dim(x) for x in _wrap(
            "Answer with the number of an option or in your own words. "
            "Type back to change an earlier answer, help to explain a question, "
            "cancel to stop.")),
    ]


def _how(question: Question) -> str:
    """What else may be typed besides an option's number."""
    n = len(question.choices)
    if question.kind is Kind.TEXT:
        return "Type your answer: what you type is kept as written (cancel still stops)."
    if question.kind is Kind.MONEY:
        return (f"Or type an amount: $50k, 1.2M, 50,000 USD… (1 to {n} pick an option; "
                f"“${n}” is the amount).")
    if question.kind is Kind.NUMBER:
        return (f"Or type the number (1 to {n} pick an option; “{n} users” is the count).")
    if question.kind is Kind.TIMEFRAME:
        return "Or type when: ASAP, Q3, within 6 months, next year…"
    return ""


def question(ask: Ask, lead: str) -> list[str]:
    """A question: where we are, its text, its answers as numbered options."""
    q = ask.question
    lines = ["", _dim(f"Question {ask.number} of {ask.of} · {q.criterion} · {shown(lead)}")]
    if ask.previous is not None:
        was = q.choice(ask.previous.choice_id)
        label = was.label if was else shown(ask.previous.typed or "", 80)
        lines.append(click.style(f"Changing your answer (it was “{label}”); type ok to keep it.",
                                 fg="yellow"))
    lines += [click.style(x, bold=True) for x in _wrap(q.text)]
    lines += _options([c.label for c in q.choices])
    how = _how(q)
    if how:
        lines += [_dim(x) for x in _wrap(how)]
    return lines


def unclear(ask: Ask) -> list[str]:
    """The re-ask after a reply that matched nothing: what was not understood, what is."""
    assert ask.unclear is not None
    q = ask.question
    typed = shown(ask.unclear.typed.strip(), 80)
    if ask.unclear.near:
        note = f"“{typed}” could mean " + " or ".join(
            f"“{c.label}”" for c in ask.unclear.near) + ". Which one?"
    else:
        note = f"I couldn't match “{typed}” to an answer."
    how = ask.unclear.hint or ("Type one of the numbers or answers below." if q.choices
                               else "Type your answer in a few words.")
    lines = [click.style(f"? {note}", fg="yellow"), *(_wrap(how, "  "))]
    lines += _options([c.label for c in q.choices])
    return lines


def answered(question: Question, answer: Answer) -> list[str]:
    choice = question.choice(answer.choice_id)
    if choice is None:
        return [click.style("✓ ", fg="green") + _dim("noted: ") + shown(answer.typed or "", 200)]
    how = f" (you typed “{shown(answer.typed.strip(), 80)}”)" if answer.typed else ""
    if answer.typed and answer.source == "notes":
        how = f" (from your notes: “{shown(answer.typed.strip(), 80)}”)"
    return [click.style("✓ ", fg="green") + choice.label + _dim(how)]


def proposal(ask: Ask) -> list[str]:
    """ "Did you mean …?" for a reply read as likely."""
    assert ask.proposal is not None
    choice = ask.question.choice(ask.proposal.choice_id)
    said = shown((ask.proposal.typed or "").strip(), 80)
    source = "from your notes" if ask.proposal.source == "notes" else "you typed"
    return [click.style(f"? Did you mean “{choice.label if choice else '?'}”?", fg="yellow")
            + _dim(f" ({source} “{said}”)"),
            _dim("  yes / no, or type another answer")]


def notes_read(reply: NotesRead) -> list[str]:
    """What pasted notes filled in, each with the words it came from."""
    if not reply.filled and not reply.proposed:
        return [click.style("? I couldn't read any answer in those notes.", fg="yellow")]
    lines = ["", click.style("From your notes:", bold=True)]
    for q, a in reply.filled:
        choice = q.choice(a.choice_id)
        lines.append(click.style("  ✓ ", fg="green") + f"{q.criterion.capitalize()}: "
                     f"{choice.label if choice else shown(a.typed or '', 80)}"
                     + _dim(f" (“{shown((a.typed or '').strip(), 80)}”)"))
    for q, a in reply.proposed:
        choice = q.choice(a.choice_id)
        lines.append(click.style("  ? ", fg="yellow") + f"{q.criterion.capitalize()}: "
                     f"{choice.label if choice else '?'}"
                     + _dim(f" (“{shown((a.typed or '').strip(), 80)}”, to confirm)"))
    return lines


def _items(score: Score) -> list[str]:
    rows = [(i.criterion.capitalize(), i.label, f"{i.points} of {i.max_points}")
            for i in score.items]
    rows.append(("Total", "", f"{score.total} of {score.max_total}"))
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    out = [f"  {a:<{w0}}  {b:<{w1}}  {c:>{w2}}" for a, b, c in rows]
    out[-1] = click.style(out[-1], bold=True)
    return out


def review(reply: Review, lead: str, flow: Flow) -> list[str]:
    """Every question answered: the score as it stands and the three ways on."""
    s = reply.score
    if reply.unclear is not None:
        lines = [click.style(f"? I didn't get “{shown(reply.unclear.strip(), 80)}”.",
                             fg="yellow")]
    else:
        bar = (click.style("meets the bar", fg="green") if s.qualified
               else click.style("below the bar", fg="red"))
        lines = ["", click.style(f"Your answers for {shown(lead)}, scored: ", bold=True) + bar
                 + f" ({s.threshold} needed). Not submitted yet.", *_items(s)]
        lines += [_dim(x) for x in _wrap(explain(s))]
        lines.append(_dim(f"{flow.name} rules, version {s.flow_version}"))
        lines.append("")
    first = (f"Submit: hand {shown(lead)} to the sales channel" if s.qualified
             else "Submit: record this score (it is not handed off)")
    lines += _options([first, *REVIEW_OPTIONS[1:]])
    return lines


def finished(score: Score, lead: str) -> list[str]:
    """The verdict once submitted, and whether the lead would go to the sales channel."""
    name = click.style(shown(lead), bold=True)
    tier = score.verdict_label or score.verdict.replace("_", " ")
    points = f"{score.total} of {score.max_total} points"
    if score.qualified:
        extra = f" ({tier})" if tier != "qualified" else ""
        head = (click.style("✓ ", fg="green") + f"{name} is "
                + click.style("qualified", fg="green", bold=True)
                + f"{extra}: {points} (qualifies at {score.threshold}).")
        after = ("In Slack it would now be handed off to the sales channel for an account "
                 "executive to claim.")
    else:
        extra = f" ({tier})" if tier not in ("not qualified", "not_qualified") else ""
        head = (click.style("✗ ", fg="red") + f"{name} is "
                + click.style("not qualified", fg="red", bold=True) + f"{extra}: {points}.")
        after = f"It needs {score.threshold} points; it would not be handed off."
        if score.knockout is not None:
            by = "two answers together" if score.knockout.when else "one answer"
            after = (f"Knocked out by {by} ({score.knockout.reason}), whatever the "
                     f"points; it would not be handed off.")
            if score.knockout.recheck_days:
                after += f" Recheck in {score.knockout.recheck_days} days."
    return ["", head, *_wrap(after), _dim("This was a try-out: nothing was saved or posted.")]


def choose_edit(answers: Sequence[tuple[Question, Answer]]) -> list[str]:
    labels = []
    for q, a in answers:
        choice: Choice | None = q.choice(a.choice_id)
        said = choice.summary_label if choice else shown(a.typed or "", 60)
        labels.append(f"{q.criterion.capitalize()}: {said}")
    return ["", click.style("Which answer do you want to change?", bold=True),
            *_options(labels), _dim("Type its number; press Enter to keep them all.")]


def question_help(question: Question, term: Term | None) -> list[str]:
    if term is None:
        name = question.help_term or question.criterion
        return ["", *_wrap(f"The glossary has no entry for “{name}” yet.")]
    return ["", click.style(term.term, bold=True), *_wrap(term.definition, "  ")]


def cancelled(lead: str) -> list[str]:
    return ["", f"Cancelled the qualification of {shown(lead)}; nothing was recorded or "
                "handed off."]
