"""Saying what failed without leaking what people typed."""
from __future__ import annotations

from slack_sdk.errors import SlackApiError


class BadDatabaseURL(ValueError):
    """DATABASE_URL cannot work as written (its shape, its database, its driver); the one-line
    message says what is wrong, never the URL itself, which may hold a password."""


def slack_error(error: SlackApiError) -> str:
    """Slack's error code (``channel_not_found``…), or ``http_<status>``."""
    data = error.response.data if isinstance(error.response.data, dict) else {}
    return str(data.get("error") or f"http_{error.response.status_code}")


def describe(error: BaseException) -> str:
    """A log-safe description: Slack's error code, or the exception's type."""
    if isinstance(error, SlackApiError):
        return f"Slack API error {slack_error(error)}"
    return type(error).__name__
