"""Messages the SDR types in their DM with the bot: answers to the open question."""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import qualifying
from bot.deps import Deps
from bot.listeners.guard import after_ack


def register(app: App, deps: Deps) -> None:
    @app.event("message")
    def message(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if (event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id")
                or not event.get("user") or not (event.get("text") or "").strip()):
            return  # edits, joins, bots and our own posts are not answers
        after_ack(deps, body, client, lambda: qualifying.typed(
            deps, client, user=event["user"], channel=event["channel"], text=event["text"]),
            what="reading your reply")
