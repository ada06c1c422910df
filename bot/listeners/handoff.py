"""The handoff card in the sales channel: Claim, first click wins."""
from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import render, store
from bot.courier import score_of
from bot.db import transaction
from bot.deps import Deps
from bot.listeners.guard import first_time

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    @app.action(render.CLAIM_ACTION)
    def claim(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
              respond: Respond) -> None:
        ack()
        value = action.get("value", "")
        if not value.isdigit() or not first_time(deps, body):
            return
        user = body["user"]["id"]
        with transaction(deps.sessions) as s:
            won = store.claim_handoff(s, handoff_id=int(value), user=user, now=deps.clock())
            h = store.get_handoff(s, handoff_id=int(value))
            if h is None or h.qualification.score is None:
                return
            q = h.qualification
            card = render.handoff_card(
                handoff_id=h.id, lead=q.lead.name, score=score_of(q.score), sdr=q.sdr_user_id,
                flow_name=deps.flow_name(q.flow_id), claimed_by=h.claimed_by,
                claimed_at=h.claimed_at)
            owner = h.claimed_by or user
        if won:
            log.info("handoff %s claimed by %s", value, user)
            container = body.get("container") or {}
            client.chat_update(channel=container.get("channel_id"), ts=container.get("message_ts"),
                               **card)
        elif owner == user:
            respond(text="You've already claimed this lead.", response_type="ephemeral",
                    replace_original=False)
        else:
            respond(**render.claimed_already(owner))
