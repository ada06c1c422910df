"""``qualibot console``: qualify a lead in the terminal with the same engine as Slack.

The draft lives in this process only: nothing is stored, nothing is posted, no token
is needed. Each line typed becomes a conversation event for ``flows.conversation.step``
(a number picks the numbered option, as a click would; anything else is typed text,
read exactly as a reply in the Slack DM), and each reply is printed by ``bot.console.views``.
"""
from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TextIO

import click

from bot.console import views
from bot.console.views import shown
from flows.conversation import (
    CANCEL_WORDS,
    Ask,
    Cancel,
    Cancelled,
    ChooseEdit,
    Edit,
    Event,
    Explain,
    Finished,
    Notes,
    NotesRead,
    Pick,
    Reply,
    Review,
    Say,
    Stale,
    Start,
    Submit,
    step,
)
from flows.glossary import Glossary
from flows.matching import normalise
from flows.model import Draft, Flow, Status

MAX_LEAD = 200  # as /qualify in Slack
MAX_ANSWER = 2000  # what a free-text answer keeps
EXIT_DONE, EXIT_STOPPED, EXIT_INTERRUPTED = 0, 1, 130
KEEP_WORDS = {"", "keep", "none", "nothing", "no", "never mind", "nevermind", "keep them",
              "keep all"}
REVIEW_EVENTS: tuple[Event, ...] = (Submit(), Edit(), Cancel())  # the review's options 1-3


@dataclass
class Terminal:
    """Where the console reads and writes: colour only on a terminal, and input read
    from a pipe is printed back so that a scripted transcript reads like a typed one."""

    stdout: TextIO
    colour: bool
    echo_input: bool

    @classmethod
    def open(cls) -> Terminal:
        for stream in (sys.stdin, sys.stdout):
            if isinstance(stream, io.TextIOWrapper):  # undecodable bytes must not crash
                stream.reconfigure(errors="replace")
        interactive = sys.stdin.isatty()
        if interactive and sys.stdout.isatty():
            with contextlib.suppress(ImportError):  # line editing and history, if available
                import readline  # noqa: F401
        colour = (sys.stdout.isatty() and not os.environ.get("NO_COLOR")
                  and os.environ.get("TERM") != "dumb")
        return cls(sys.stdout, colour, echo_input=not interactive)

    def say(self, lines: Sequence[str]) -> None:
        for line in lines:
            click.echo(line, file=self.stdout, color=self.colour)

    def read(self, prompt: str = "> ") -> str:
        """One line; EOFError at the end of input, KeyboardInterrupt on Ctrl-C."""
        text = input(prompt)
        if self.echo_input:
            self.say([shown(text, MAX_ANSWER)])
        return text


def ask_lead(term: Terminal) -> str:
    """The lead's name, asked until one is given."""
    while True:
        lead = term.read("Which lead are you qualifying? ").strip()
        problem = lead_problem(lead)
        if problem is None:
            return lead
        term.say([click.style(problem, fg="yellow")])


def lead_problem(lead: str) -> str | None:
    if not lead:
        return "Type the company or person to qualify, for example Acme Corp."
    if len(lead) > MAX_LEAD:
        return f"That lead name is {len(lead)} characters; keep it under {MAX_LEAD}."
    return None


def _number(text: str) -> int | None:
    """An option's number, as typed ("2", " 2 "); None for anything else."""
    digits = text.strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 3 else None


def _choose(reply: ChooseEdit, text: str) -> Event | None:
    """Which answer to change: by its number or criterion; Enter keeps them all."""
    words = normalise(text)
    number = _number(text)
    if number is not None and 1 <= number <= len(reply.answers):
        return Edit(reply.answers[number - 1][0].id)
    named = [q.id for q, _ in reply.answers if words in (normalise(q.criterion), normalise(q.id))]
    if len(named) == 1:
        return Edit(named[0])
    if words in KEEP_WORDS:
        return Start()
    if words in CANCEL_WORDS:
        return Cancel()
    return None


def event_for(reply: Reply, text: str) -> Event | None:
    """What a typed line means where the conversation stands (None: not understood)."""
    number = _number(text)
    if isinstance(reply, ChooseEdit):
        return _choose(reply, text)
    if isinstance(reply, Review) and number is not None and 1 <= number <= len(REVIEW_EVENTS):
        return REVIEW_EVENTS[number - 1]
    if isinstance(reply, Ask) and number is not None and 1 <= number <= len(
            reply.question.choices):
        return Pick(reply.question.id, reply.question.choices[number - 1].id)
    return Say(text, date.today())


def _next_event(term: Terminal, reply: Reply) -> Event:
    """Read lines until one means something where the conversation stands: only an
    over-long line and the list of answers to change refuse one (the engine re-asks
    everything else itself)."""
    while True:
        text = term.read()
        if len(text) > MAX_ANSWER:
            term.say([click.style(f"? That is {len(text)} characters; keep an answer under "
                                  f"{MAX_ANSWER}.", fg="yellow")])
            continue
        event = event_for(reply, text)
        if event is not None:
            return event
        term.say([click.style(f"? “{shown(text.strip(), 80)}” is not one of them. Type a "
                              "number from the list, or press Enter to keep them all.",
                              fg="yellow")])


def qualify(flow: Flow, glossary: Glossary, lead: str, term: Terminal,
            notes: str | None = None) -> int:
    """Run one qualification to its end; the exit code says how it ended. Call notes, when
    given, fill in what they state before the first question, as pasted in Slack."""
    term.say(views.banner(flow, lead))
    draft, reply = step(flow, Draft(flow_id=flow.id, lead=lead), Start())
    if notes is not None:
        draft, reply = step(flow, draft, Notes(notes, date.today()))
    while True:
        match reply:
            case Finished(score=score):
                term.say(views.finished(score, lead))
                return EXIT_DONE
            case Cancelled():
                term.say(views.cancelled(lead))
                return EXIT_STOPPED
            case Stale(current=current):
                if current is None:  # the draft is closed: nothing more to do
                    return EXIT_STOPPED
                reply = current
                continue
            case Explain(question=question):
                term.say(views.question_help(
                    question, glossary.get(question.help_term or question.criterion)))
                draft, reply = step(flow, draft, Start())
                continue
            case NotesRead(next=following):
                term.say(views.notes_read(reply))
                reply = following
                continue
            case Ask(proposal=proposal) if proposal is not None:
                term.say(views.question(reply, lead) + views.proposal(reply))
            case Ask(unclear=None):
                term.say(views.question(reply, lead))
            case Ask():
                term.say(views.unclear(reply))
            case Review():
                term.say(views.review(reply, lead, flow))
            case ChooseEdit(answers=answers):
                term.say(views.choose_edit(answers))
        event = _next_event(term, reply)
        before = draft
        draft, reply = step(flow, draft, event)
        term.say(_what_changed(flow, before, draft))


def _what_changed(flow: Flow, before: Draft, after: Draft) -> list[str]:
    """The answer just taken (or kept, when changing one ended with the same answer)."""
    new = next((a for a in after.answers if a not in before.answers), None)
    if new is None and before.editing and not after.editing and after.status is Status.DRAFT:
        new = after.answer_for(before.editing)
    question = flow.question(new.question_id) if new else None
    return views.answered(question, new) if new and question else []


def _answers_from_the_terminal() -> None:
    """Standard input held the notes: answers are typed at the terminal, if there is one
    (else the input has ended, and the console says so when it asks)."""
    try:
        sys.stdin = open("/dev/tty", encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError:
        sys.stdin = io.StringIO("")


def run(flows: dict[str, Flow], glossary: Glossary, flow_id: str, lead: str | None, *,
        notes: str | None = None, notes_on_stdin: bool = False) -> int:
    """The console from start to end: EOF and Ctrl-C end it with one line, not a traceback.
    Notes read from standard input leave the rest of the conversation to the terminal."""
    if notes_on_stdin:
        _answers_from_the_terminal()
    term = Terminal.open()
    try:
        if lead is None:
            lead = ask_lead(term)
        return qualify(flows[flow_id], glossary, lead, term, notes)
    except EOFError:
        click.echo("", file=term.stdout)
        click.echo("qualibot: the input ended before the qualification was finished; "
                   "nothing was recorded.", err=True)
        return EXIT_STOPPED
    except KeyboardInterrupt:
        click.echo("", file=term.stdout)
        click.echo("qualibot: stopped; nothing was recorded.", err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # whoever read the output went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_STOPPED
