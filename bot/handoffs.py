"""What happens to a handoff card once it is in the sales channel: claims."""
from __future__ import annotations

import logging

from slack_bolt import Respond
from slack_sdk import WebClient

from bot import render, store
from bot.courier import score_of
from bot.db import transaction
from bot.deps import Deps

log = logging.getLogger(__name__)


def claim(deps: Deps, client: WebClient, respond: Respond, *, handoff_id: int, user: str,
          channel: str | None, ts: str | None) -> None:
    """First click wins, atomically; the card updates in place; later clickers are told."""
    with transaction(deps.sessions) as s:
        won = store.claim_handoff(s, handoff_id=handoff_id, user=user, now=deps.clock())
        h = store.get_handoff(s, handoff_id=handoff_id)
        if h is None or h.qualification.score is None:
            return
        if won and h.message_ts is None and ts:  # posted, but the courier never heard back
            h.message_ts = ts
        q = h.qualification
        card = render.handoff_card(
            handoff_id=h.id, lead=q.lead.name, score=score_of(q.score), sdr=q.sdr_user_id,
            flow_name=deps.flow_name(q.flow_id), claimed_by=h.claimed_by,
            claimed_at=h.claimed_at)
        owner = h.claimed_by or user
    if won:
        log.info("handoff %s claimed by %s", handoff_id, user)
        client.chat_update(channel=channel, ts=ts, **card)
    elif owner == user:
        respond(text="You've already claimed this lead.", response_type="ephemeral",
                replace_original=False)
    else:
        respond(**render.claimed_already(owner))
