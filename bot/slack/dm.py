"""The direct message between the bot and one person."""
from __future__ import annotations

from slack_sdk import WebClient


def open_dm(client: WebClient, user: str) -> str:
    """The channel id of the bot's DM with ``user`` (``conversations.open``: the same
    channel every time, opened the first time)."""
    return str(client.conversations_open(users=user)["channel"]["id"])
