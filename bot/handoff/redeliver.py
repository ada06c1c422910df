"""Sending a card that could not be posted again, from Slack: the SDR's (or an admin's)
*Try again*, and the bot being invited back to the channel.

Each requeues the failed delivery for the courier, which posts it exactly once: a
delivery is queued again only while it is failed, in one UPDATE, so a second click, a
redelivery, or a click racing the invitation changes nothing.
"""
from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.handoff import store, views
from bot.slack.dm import open_dm

log = logging.getLogger(__name__)


def try_again(deps: Deps, client: WebClient, respond: Respond | None, *, handoff_id: int,
              user: str) -> None:
    """*Try again* on a handoff whose card failed: the SDR's DM message (``respond``) or
    App Home (no ``respond``: answered in the person's DM, and the tab refreshed)."""
    with deps.readers() as s:
        found = store.undelivered(s, handoff_id=handoff_id)
    if found is None:
        return
    if user != found.sdr and not deps.is_admin(client, user, found.team_id):
        log.info("handoff %s: try again by %s refused (neither its SDR nor an admin)",
                 handoff_id, user)
        _say(client, respond, user, views.not_yours(found.sdr), replace=False)
        return
    channel = deps.sales_channel(found.team_id) or found.channel
    with transaction(deps.sessions) as s:
        queued = store.requeue_delivery(s, handoff_id=handoff_id, now=deps.clock(),
                                        channel=channel)
    if queued:
        log.info("handoff %s queued again for %s by %s (was %s)", handoff_id, channel, user,
                 found.error)
        deps.wake_courier()
        _say(client, respond, user, views.sending_again(found.lead, channel), replace=True)
    else:
        _say(client, respond, user, views.not_failed(found.lead, found.status), replace=False)
    if respond is None and deps.refresh_home is not None:
        deps.refresh_home(deps, client, user, found.team_id or None)


def _say(client: WebClient, respond: Respond | None, user: str, message: dict[str, Any],
         *, replace: bool) -> None:
    if respond is not None:
        if replace:  # the message with the button becomes what happened
            respond(**message, replace_original=True)
        else:
            respond(**message, response_type="ephemeral", replace_original=False)
    else:
        client.chat_postMessage(channel=open_dm(client, user), **message)


def invited_back(deps: Deps, *, team_id: str, channel: str) -> None:
    """The bot joined ``channel`` of ``team_id`` again: queue at once every card of the team
    that failed there because the bot could not post in it."""
    with transaction(deps.sessions) as s:
        ids = store.requeue_channel(s, team_id=team_id, channel=channel,
                                    errors=views.CHANNEL_GONE, now=deps.clock())
    if ids:
        log.info("invited back to %s: %d handoff(s) queued again", channel, len(ids))
        deps.wake_courier()
