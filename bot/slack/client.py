"""The Slack Web API client, and who the bot is in the workspace."""
from __future__ import annotations

import time
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.slack.http import PooledWebClient
from config.settings import Settings


@dataclass(frozen=True)
class Identity:
    """Who the bot is in the workspace, from ``auth.test``."""

    team_id: str
    bot_user_id: str
    bot_id: str | None


class SlackUnavailable(Exception):
    """``auth.test`` failed: a bad token, or Slack could not be reached."""


def web_client(settings: Settings, *, interactive: bool = True) -> PooledWebClient:
    """A client for ``SLACK_API_URL`` on kept-alive connections (:mod:`bot.slack.http`);
    interactive ones also retry 429 and 5xx themselves."""
    token = settings.SLACK_BOT_TOKEN.get_secret_value() if settings.SLACK_BOT_TOKEN else None
    # The courier's client retries nothing itself: a connection reset after Slack took a
    # post must come back to the courier, which looks for the card before posting again.
    handlers = [] if not interactive else [ConnectionErrorRetryHandler(max_retry_count=2),
                                           RateLimitErrorRetryHandler(max_retry_count=2),
                                           ServerErrorRetryHandler(max_retry_count=2)]
    return PooledWebClient(token=token, base_url=settings.SLACK_API_URL, timeout=10,
                     retry_handlers=handlers)


def identify(client: WebClient, *, attempts: int = 3) -> Identity:
    """``auth.test``, retried briefly: Slack may be blipping while we deploy."""
    last = ""
    for n in range(attempts):
        try:
            r = client.auth_test()
            return Identity(r["team_id"], r["user_id"], r.get("bot_id"))
        except SlackApiError as e:
            data = e.response.data if isinstance(e.response.data, dict) else {}
            if data.get("error") in ("invalid_auth", "not_authed", "account_inactive",
                                     "token_revoked"):
                raise SlackUnavailable(f"Slack refused SLACK_BOT_TOKEN ({data['error']}); "
                                       "copy the Bot User OAuth Token again") from None
            last = str(data.get("error") or f"HTTP {e.response.status_code}")
        except OSError as e:
            last = f"{type(e).__name__}: {e}"
        time.sleep(min(2.0 ** n, 5.0))
    raise SlackUnavailable(f"cannot reach Slack at {client.base_url} ({last})")
