"""What ``/qualify`` was asked to do: its text parsed into a small typed value.

``parse`` is pure (no Slack, no database): the listener acts on its result with a
``match``. The help text is made from the same table of subcommands, so it cannot drift
from what is parsed.

    /qualify Acme Corp                        Start("Acme Corp")
    /qualify Acme Corp --flow meddic          Start("Acme Corp", flow_id="meddic")
    /qualify Acme Corp --form                 Start("Acme Corp", form=True)
    /qualify Acme Corp — CFO, budget approved Start("Acme Corp", notes="CFO, budget approved")
    /qualify "History Books"                  Start("History Books")
    /qualify history Acme                     History("Acme")
    /qualify stats 12                         Stats(12)
    /qualify rules meddic                     Rules("meddic")
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

MAX_LEAD = 200
MAX_WEEKS = 104
NOTES_WORDS = 5  # after a dash, this many words are notes even if none reads as an answer


@dataclass(frozen=True)
class Start:
    lead: str
    flow_id: str | None = None
    notes: str | None = None  # call notes given after the lead
    form: bool = False  # every question in one modal


@dataclass(frozen=True)
class History:
    lead: str
    flow_id: str | None = None  # only the qualifications with this flow


@dataclass(frozen=True)
class Stats:
    weeks: int


@dataclass(frozen=True)
class Rules:
    flow_id: str | None = None  # None: the default flow


@dataclass(frozen=True)
class Away:
    """An AE away (``/qualify away``) or back (``/qualify back``): routing skips them."""

    away: bool


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class Problem:
    """The text cannot be acted on; ``message`` says why, for the person who typed it."""

    message: str


Command = Start | History | Stats | Rules | Away | Help | Problem


@dataclass(frozen=True)
class Subcommand:
    usage: str
    says: str


def subcommands(stats_weeks: int) -> tuple[Subcommand, ...]:
    """Every form of ``/qualify``, in the order the help lists them."""
    return (
        Subcommand("/qualify <lead>", "qualifies a lead with the team's rules (or resumes its "
                   "open draft)"),
        Subcommand("/qualify <lead> --flow meddic", "uses other enabled rules"),
        Subcommand("/qualify <lead> --form", "opens every question in one form, for when "
                   "you already know the answers"),
        Subcommand("/qualify <lead> — <call notes>", "fills in what your notes say, for you "
                   "to confirm"),
        Subcommand("/qualify rules [flow]", "shows the rules in plain words"),
        Subcommand("/qualify history <lead> [--flow id]", "lists the lead's qualifications "
                   "and scores"),
        Subcommand("/qualify stats [weeks]", f"shows the pipeline of the last {stats_weeks} "
                   "weeks (this one included), by week and by SDR"),
        Subcommand("/qualify away", "routing gives you no leads until `/qualify back`"),
        Subcommand("/qualify help", "shows this"),
    )


def help_text(stats_weeks: int) -> str:
    lines = [f"*{c.usage}* {c.says}." for c in subcommands(stats_weeks)]
    lines.append('A lead whose name starts with *history*, *stats*, *rules* or *help* (or is '
                 'just *away* or *back*), or has '
                 'a dash in it: put it in quotes, `/qualify "History Books"`.')
    return "\n".join(lines)


_FLOW_AT_END = re.compile(r"(?:^|\s)--flow(?:=|\s+)([A-Za-z0-9_]+)\s*$")
_FLOW_AT_START = re.compile(r"^--flow(?:=|\s+)([A-Za-z0-9_]+)(?:\s+|$)")
_FORM = re.compile(r"(?:^|\s)--form(?:\s+|$)(?=(?:--flow(?:=|\s+)[A-Za-z0-9_]+\s*)?$)|^--form\s+")
_NOTES = re.compile(r"\s+[—–]\s*|\s+--?\s+(?!-?-?flow\b)|:\s+|\s*\n\s*")


def parse(text: str, *, flows: Collection[str], enabled: Sequence[str], stats_weeks: int,
          reads_notes: Callable[[str, str | None], bool] = lambda notes, flow: False
          ) -> Command:
    """``text`` as typed after ``/qualify`` (Slack's escapes already undone). ``flows``: every
    flow id known; ``enabled``: those SDRs may use; ``reads_notes(text, flow_id)``: whether
    notes read as at least one answer (so that "Smith - Jones Ltd" stays a name)."""
    text = text.strip()
    text, form = _form(text)
    head, notes = _split(text, reads_notes)
    if not form and notes is not None:
        head, form = _form(head)  # "/qualify Acme --form — notes"
    head, flow_id = _flow(head)
    if flow_id is None and notes is not None:
        notes, flow_id = _flow(notes)  # "/qualify Acme — notes --flow anum"
    words = " ".join(head.split())
    quoted = len(words) > 1 and words[0] == words[-1] == '"'
    word, _, rest = words.partition(" ")
    verb = "" if quoted else word.lower()
    if verb == "history":
        if not rest:
            return Problem("Whose history? For example `/qualify history Acme Corp`.")
        if flow_id is not None and flow_id not in flows:
            return _unknown(flow_id, enabled)
        return History(_unquote(rest), flow_id)
    if verb == "stats" and (not rest or rest.isdigit()):
        if flow_id is not None:
            return Problem("Stats count every flow together; leave out `--flow`.")
        weeks = int(rest) if rest else stats_weeks
        if not 1 <= weeks <= MAX_WEEKS:
            return Problem(f"Look back 1 to {MAX_WEEKS} weeks, e.g. `/qualify stats 12`.")
        return Stats(weeks)
    if verb == "rules" and (not rest or rest.lower() in flows):
        named = rest.lower() or flow_id
        if named is not None and named not in flows:
            return _unknown(named, enabled)
        return Rules(named)
    if verb == "help" and not rest:
        return Help()
    if verb in ("away", "back") and not rest and flow_id is None and notes is None:
        return Away(verb == "away")
    lead = _unquote(words)
    if not lead:
        return Problem("Which lead? Type the company or person after the command, for "
                       "example `/qualify Acme Corp`.")
    if len(lead) > MAX_LEAD:
        return Problem(f"That lead name is {len(lead)} characters; keep it under {MAX_LEAD}.")
    if flow_id is not None and flow_id not in enabled:
        return _unknown(flow_id, enabled)
    if form and notes:
        return Problem("Give call notes or ask for the form (`--form`), not both: the form "
                       "has every question.")
    return Start(lead, flow_id, notes, form)


def _form(text: str) -> tuple[str, bool]:
    """``--form`` at the end (before any ``--flow``) or the start, and the text without it;
    a "--form" inside a quoted name is part of the name."""
    found = _FORM.search(text)
    if found is None or text.count('"', 0, found.start()) % 2:
        return text, False
    return (text[:found.start()] + " " + text[found.end():]).strip(), True


def _unknown(flow_id: str, enabled: Sequence[str]) -> Problem:
    return Problem(f"There is no flow “{flow_id[:40]}” in use here; pick one of: "
                   f"{', '.join(enabled)}.")


def _unquote(text: str) -> str:
    text = text.strip()
    return text[1:-1].strip() if len(text) > 1 and text[0] == text[-1] == '"' else text


def _flow(text: str) -> tuple[str, str | None]:
    """``--flow ID`` at the end (or the start) of the text, and the text without it; a
    "--flow" inside a lead's name is part of the name."""
    for pattern in (_FLOW_AT_END, _FLOW_AT_START):
        found = pattern.search(text)
        if found:
            return (text[:found.start()] + " " + text[found.end():]).strip(), \
                found.group(1).lower()
    return text, None


def _split(text: str, reads_notes: Callable[[str, str | None], bool]
           ) -> tuple[str, str | None]:
    """The lead (with any ``--flow``) and the call notes after it: what follows a dash set off
    by spaces, a colon or a new line is notes if it reads as an answer or runs to a few
    words; a quoted name ends where its quotes do."""
    if text.startswith('"'):
        end = text.find('"', 1)
        if end > 0:
            after = text[end + 1:]
            head_flow, flow_id = _flow(after) if _FLOW_AT_START.search(after.strip()) \
                else (after, None)
            rest = head_flow.strip().lstrip("—–-:").strip()
            head = text[:end + 1] + (f" --flow {flow_id}" if flow_id else "")
            return head, rest or None
    found = _NOTES.search(text)
    if found is None or found.start() == 0:
        return text, None
    head, notes = text[:found.start()].strip(), text[found.end():].strip()
    if not head or len(notes) < 3:
        return text, None
    _, flow_id = _flow(head)
    if len(notes.split()) >= NOTES_WORDS or "\n" in text or reads_notes(notes, flow_id):
        return head, notes
    return text, None
