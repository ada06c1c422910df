"""An assigned lead moving on: its AE passes it (with a reason), or lets its window run
out (the next AE of the group gets it, at most as often as its rule says, then anyone).

Each move is decided on the handoff's locked row and stored in one transaction, so a
pass, a late click and the reassignment job of every instance move a lead once."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import slack_error
from bot.core.models import Handoff
from bot.handoff import store, views
from bot.routing import desk
from bot.routing import store as routing_store
from bot.slack import blocks
from bot.slack.workspaces import team_client

log = logging.getLogger(__name__)


def open_pass(deps: Deps, client: WebClient, respond: Respond, *, handoff_id: int, user: str,
              trigger_id: str, card: tuple[str, str] | None = None) -> None:
    with deps.readers() as s:
        h = store.get_handoff(s, handoff_id=handoff_id)
        if h is None:
            return
        lead, owner, assigned = h.qualification.lead.name, h.claimed_by, h.assigned_to
        gone = h.sent_back_by
    if gone or owner:
        respond(text="This lead is taken care of already: nothing to pass on.",
                response_type="ephemeral", replace_original=False)
    elif assigned != user:
        respond(**views.assigned_elsewhere(assigned) if assigned else dict(
            text="This lead is open to anyone: claim it, or leave it.",
            response_type="ephemeral", replace_original=False))
    else:
        client.views_open(trigger_id=trigger_id, view=views.pass_modal(handoff_id, lead, card))


@dataclass(frozen=True)
class Moved:
    card: blocks.Message
    channel: str
    ts: str | None
    said: blocks.Message  # told in the card's thread


def pass_on(deps: Deps, *, handoff_id: int, user: str, reason: str,
            card: tuple[str, str] | None = None) -> Moved | str:
    """The AE it is for passes it to the next; a string is why not, for the modal.
    ``card`` is the card clicked (channel, ts)."""
    now = deps.clock()
    with transaction(deps.sessions) as s:
        h = routing_store.lock_handoff(s, handoff_id=handoff_id)
        if h is None:
            return "This lead no longer exists."
        if h.claimed_by or h.sent_back_at or h.assigned_to != user:
            return "It is no longer yours to pass on."
        if h.message_ts is None and card and card[0] == h.channel:
            h.message_ts, h.sent_at = card[1], now  # posted; the courier has not said so yet
        to = desk.move_on(s, routing=deps.routing, handoff=h, now=now, passed_by=user,
                          reason=reason, unavailable=deps.unavailable())
        s.flush()
        h = store.get_handoff(s, handoff_id=handoff_id)
        assert h is not None
        log.info("handoff %s passed on by %s to %s", handoff_id, user, to or "anyone")
        return Moved(_card(deps, h), h.channel, h.message_ts, views.passed_on(user, reason, to))


def _card(deps: Deps, h: Handoff) -> blocks.Message:
    return views.card_of(h, deps.flow_name(h.qualification.flow_id))


def announce(client: WebClient, moved: Moved) -> None:
    """The card shows who has it now, and its thread says why."""
    if moved.ts:
        client.chat_update(channel=moved.channel, ts=moved.ts, **moved.card)
        client.chat_postMessage(channel=moved.channel, thread_ts=moved.ts, **moved.said)


def reassign_overdue(deps: Deps, default: WebClient) -> int:
    """Each assigned lead not accepted within its rule's window goes to the next AE (the
    card updated, its thread told), or once it has moved on as often as the rule allows, to
    anyone (escalated). Once per window on every instance together: the move is decided
    on the locked row, which must still be as it was read."""
    now = deps.clock()
    with deps.readers() as s:
        due = routing_store.overdue_assignments(s, now=now)
    moved = 0
    for handoff_id, was, seen in due:
        with transaction(deps.sessions) as s:
            h = routing_store.lock_handoff(s, handoff_id=handoff_id)
            if h is None or h.assigned_to != was or h.reassignments != seen \
                    or h.claimed_by or h.sent_back_at or h.accept_by is None \
                    or h.accept_by > now:
                continue  # accepted, passed or moved by another instance meanwhile
            window = (h.route or {}).get("window")
            to = desk.move_on(s, routing=deps.routing, handoff=h, now=now,
                              unavailable=deps.unavailable())
            s.flush()
            h = store.get_handoff(s, handoff_id=handoff_id)
            assert h is not None
            team = h.qualification.lead.team_id
            update = Moved(_card(deps, h), h.channel, h.message_ts, views.reassigned(
                window, was, to, deps.team_settings(h.qualification.lead.team_id).escalate_to
                if to is None else ()))
        log.info("handoff %s not accepted by %s in time: %s", handoff_id, was,
                 f"now for {to}" if to else "open to anyone")
        client = team_client(deps, team, default)
        if client is None:
            continue  # moved on; its card says so once the team installs Qualibot again
        try:
            announce(client, update)
            moved += 1
        except SlackApiError as e:
            log.error("handoff %s reassigned, but its card was not updated: %s", handoff_id,
                      slack_error(e))
    return moved
