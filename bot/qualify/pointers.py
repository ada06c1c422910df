"""The pointers to the messages that ask what is open, stored in batches: one that comes
too late moves nothing back, and its message is shown answered. With the helpers that
tidy an earlier message into its answered form.
"""
from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import describe
from bot.core.pointer import Pointer
from bot.qualify import steps, views
from bot.slack import blocks
from bot.slack.workspaces import team_client
from flows.model import Answer, Flow, Kind

log = logging.getLogger(__name__)


def answered(flow: Flow, lead: str, a: Answer) -> blocks.Message | None:
    """The message that asked ``a``'s question, shown answered; None if it no longer fits."""
    q = flow.question(a.question_id)
    choice = q.choice(a.choice_id) if q else None
    if q is None or (choice is None and q.kind is not Kind.TEXT):
        return None
    return views.answered(q, choice, lead, flow.index(q.id) + 1, len(flow.questions), a.typed,
                          a.source)


def tidy(client: WebClient, channel: str, ts: str | None,
         message: blocks.Message | None) -> None:
    if not ts or message is None:
        return
    try:
        client.chat_update(channel=channel, ts=ts, **message)
    except (SlackApiError, OSError) as e:  # OSError: Slack unreachable
        log.warning("could not tidy an earlier message in %s: %s", channel, describe(e))


def _moot(p: Pointer, stored: steps.StoredPointer | None) -> bool:
    """The stored pointer names this message or a later one of the same DM, and storing
    ``p`` would show nothing (its question unanswered, or answered by a click on its own
    buttons, whose step shows it answered; a review's message is never tidied here). A
    pointer with a score preview is stored as ever: only its own write keeps the preview's
    ts."""
    if stored is None or stored.ts is None or stored.channel != p.channel or p.preview_ts:
        return False
    behind, this = _ts_order(stored.ts), _ts_order(p.ts)
    if behind is None or this is None or behind < this:
        return False
    return p.asked == steps.REVIEW or stored.clicked.get(p.asked, True)


def _ts_order(ts: str) -> tuple[int, int] | None:
    """A message ts (seconds.sequence) as something that sorts as Slack orders them."""
    seconds, _, sequence = ts.partition(".")
    if not seconds.isdigit() or not sequence.isdigit():
        return None
    return int(seconds), int(sequence.ljust(6, "0")[:6])


def store_pointers(deps: Deps, client: WebClient, pointers: list[Pointer]) -> None:
    """Store the pointers in one transaction. One that comes too late (a quick typed reply
    answered its question first) moves nothing back; its message is shown answered, unless
    a click on its own buttons answered it: that click's step shows it answered already
    (and stored where it is)."""
    late: list[tuple[Pointer, blocks.Message | None, str]] = []
    # A pointer whose message a click answered was stored by the click's step, which
    # showed that message answered; then later ones may have been. One that the stored
    # pointer is not behind has nothing left to do: no write transaction for it.
    with deps.readers() as r:
        stored = steps.stored_pointers(r, qualification_ids=sorted(
            {p.qualification_id for p in pointers}))
    pointers = [p for p in pointers if not _moot(p, stored.get(p.qualification_id))]
    if not pointers:
        return
    with transaction(deps.sessions) as s:
        # In the order of their rows (a stable sort: a qualification's later pointer still
        # comes last), so that two batches never wait for each other's rows.
        for p in sorted(pointers, key=lambda p: p.qualification_id):
            flow = deps.flows.get(p.flow_id)
            if flow is None:
                continue
            row, kept = steps.set_question_ts(s, qualification_id=p.qualification_id,
                                              flow=flow, channel=p.channel, ts=p.ts,
                                              asked=p.asked, seen=p.seen)
            if kept and p.preview_ts is not None:
                steps.set_preview_ts(s, qualification_id=p.qualification_id, ts=p.preview_ts)
            if row is not None and not kept and p.asked != steps.REVIEW:
                a = steps.as_draft(row, flow).answer_for(p.asked)
                if a is None or not steps.by_click(a.typed, a.source):
                    late.append((p, answered(flow, p.lead, a) if a else None,
                                 row.team_id))
    for p, message, team in late:  # after the commit; tidy reports its own failures
        theirs = team_client(deps, team, client)
        if theirs is not None:
            tidy(theirs, p.channel, p.ts, message)
