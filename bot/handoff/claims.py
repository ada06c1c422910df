"""A handoff card's life in the sales channel: claim, send back, SLA reminders."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import slack_error
from bot.core.models import Handoff
from bot.core.team import TeamSettings
from bot.handoff import store, views
from bot.slack import blocks
from bot.slack.dm import open_dm
from bot.slack.workspaces import team_client

log = logging.getLogger(__name__)


def card_for(deps: Deps, h: Handoff) -> blocks.Message:
    """The card as it should look now, from the database."""
    return views.card_of(h, deps.flow_name(h.qualification.flow_id))


def claim(deps: Deps, client: WebClient, respond: Respond, *, handoff_id: int, user: str,
          channel: str | None, ts: str | None) -> None:
    """First click wins, atomically; the card updates in place; later clickers are told."""
    with transaction(deps.sessions) as s:
        won = store.claim_handoff(s, handoff_id=handoff_id, user=user, now=deps.clock())
        h = store.get_handoff(s, handoff_id=handoff_id)
        if h is None:
            return
        if won and h.message_ts is None and ts:  # posted, but the courier never heard back
            store.handoff_posted(s, handoff_id=h.id, ts=ts, now=deps.clock())
        card, owner, sent_back = card_for(deps, h), h.claimed_by, h.sent_back_by
        assigned = h.assigned_to
    if won:
        log.info("handoff %s claimed by %s", handoff_id, user)
        client.chat_update(channel=channel, ts=ts, **card)
    elif sent_back:
        respond(text=f"{blocks.mention(sent_back)} already sent this lead back to its SDR.",
                response_type="ephemeral", replace_original=False)
    elif owner == user:
        respond(text="You've already claimed this lead.", response_type="ephemeral",
                replace_original=False)
    elif owner is None and assigned:
        respond(**views.assigned_elsewhere(assigned))
    else:
        respond(**views.claimed_already(owner or user))


def open_send_back(deps: Deps, client: WebClient, respond: Respond, *, handoff_id: int,
                   user: str, trigger_id: str, card: tuple[str, str] | None = None) -> None:
    with deps.readers() as s:
        h = store.get_handoff(s, handoff_id=handoff_id)
        if h is None:
            return
        lead, owner, sent_back = h.qualification.lead.name, h.claimed_by, h.sent_back_by
    if sent_back:
        respond(text=f"{blocks.mention(sent_back)} already sent this lead back.",
                response_type="ephemeral", replace_original=False)
    elif owner and owner != user:
        respond(text=f"{blocks.mention(owner)} owns this lead; only they can send it back.",
                response_type="ephemeral", replace_original=False)
    else:
        client.views_open(trigger_id=trigger_id,
                          view=views.send_back_modal(handoff_id, lead, card))


@dataclass(frozen=True)
class SentBack:
    card: blocks.Message
    channel: str
    ts: str | None
    sdr: str
    lead: str
    by: str
    reason: str


def send_back(deps: Deps, *, handoff_id: int, user: str, reason: str,
              card: tuple[str, str] | None = None) -> SentBack | str:
    """Record a send-back; a string is the reason it was refused, for the modal. ``card``
    is the card clicked (channel, ts)."""
    with transaction(deps.sessions) as s:
        done = store.send_back(s, handoff_id=handoff_id, user=user, reason=reason,
                               now=deps.clock())
        h = store.get_handoff(s, handoff_id=handoff_id)
        if h is None:
            return "This lead no longer exists."
        if not done:
            return ("It was sent back already." if h.sent_back_by else
                    "Someone else claimed it meanwhile; only its owner can send it back.")
        if h.message_ts is None and card and card[0] == h.channel:
            # posted, but the courier has not recorded it yet (or never heard back)
            store.handoff_posted(s, handoff_id=h.id, ts=card[1], now=deps.clock())
            s.refresh(h)
        log.info("handoff %s sent back by %s", handoff_id, user)
        return SentBack(card_for(deps, h), h.channel, h.message_ts,
                        h.qualification.sdr_user_id, h.qualification.lead.name, user, reason)


def announce_send_back(client: WebClient, sb: SentBack) -> None:
    """After the modal closed: the card shows it, and the SDR hears why."""
    if sb.ts:
        client.chat_update(channel=sb.channel, ts=sb.ts, **sb.card)
    dm = open_dm(client, sb.sdr)
    client.chat_postMessage(channel=dm, **views.sent_back_to_sdr(sb.lead, sb.by, sb.reason))


def remind_overdue(deps: Deps, default: WebClient) -> int:
    """SLA: re-announce, in its thread, each handoff left unclaimed too long. Once per
    period on every instance together: the count is claimed in the database first."""
    with deps.readers() as s:
        teams = store.teams_waiting(s)
    sent = 0
    for team in teams:
        settings = deps.team_settings(team)
        if settings.sla_minutes > 0 and settings.sla_reminders > 0:
            sent += _remind(deps, default, settings)
    return sent


def _remind(deps: Deps, default: WebClient, settings: TeamSettings) -> int:
    """One team's overdue handoffs, re-announced after its own SLA."""
    after = timedelta(minutes=settings.sla_minutes)
    with deps.readers() as s:
        due = [(h.id, h.reminders, h.channel, h.message_ts, h.qualification.lead.team_id)
               for h in store.overdue_handoffs(s, now=deps.clock(), after=after,
                                              most=settings.sla_reminders,
                                              team_id=settings.team_id)]
    sent = 0
    for handoff_id, seen, channel, ts, team in due:
        client = team_client(deps, team, default)
        if client is None:
            continue
        with transaction(deps.sessions) as s:
            mine = store.mark_reminded(s, handoff_id=handoff_id, seen=seen, now=deps.clock())
        if not mine:
            continue
        message = views.sla_reminder(after_minutes=settings.sla_minutes * (seen + 1),
                                      escalate_to=settings.escalate_to, reminder=seen + 1)
        try:
            client.chat_postMessage(channel=channel, thread_ts=ts, reply_broadcast=True,
                                    **message)
            sent += 1
        except SlackApiError as e:
            log.error("SLA reminder for handoff %s not posted: %s", handoff_id, slack_error(e))
    return sent
