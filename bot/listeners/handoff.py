"""The handoff card in the sales channel: Claim, first click wins."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import handoffs, render
from bot.deps import Deps
from bot.listeners.guard import after_ack


def register(app: App, deps: Deps) -> None:
    @app.action(render.CLAIM_ACTION)
    def claim(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
              respond: Respond) -> None:
        ack()
        value = action.get("value", "")
        if not value.isdigit():
            return
        container = body.get("container") or {}
        after_ack(deps, body, client, lambda: handoffs.claim(
            deps, client, respond, handoff_id=int(value), user=body["user"]["id"],
            channel=container.get("channel_id"), ts=container.get("message_ts")),
            what="claiming the lead", respond=respond)
