"""Cross-cutting: redeliveries change nothing, and errors are handled in one place."""
from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot import store
from bot.db import transaction
from bot.deps import Deps

log = logging.getLogger(__name__)


def delivery_key(body: dict[str, Any]) -> str | None:
    """What identifies one delivery of a request, the same across Slack's retries."""
    kind = body.get("type")
    if kind == "event_callback" and body.get("event_id"):
        return f"ev:{body['event_id']}"
    if kind == "block_actions" and body.get("actions"):
        action = body["actions"][0]
        user = (body.get("user") or {}).get("id", "")
        return f"ba:{user}:{action.get('action_id')}:{action.get('action_ts')}"[:200]
    if kind == "view_submission":
        view = body.get("view") or {}
        return f"vs:{view.get('id')}:{view.get('hash')}"[:200]
    if body.get("command") and body.get("trigger_id"):
        return f"sc:{body['trigger_id']}"[:200]
    return None


def first_time(deps: Deps, body: dict[str, Any]) -> bool:
    """True the first time a delivery is seen. Listeners call it right after ``ack()``:
    a redelivery is acknowledged like the original but changes nothing, and the ack
    itself never waits for the database."""
    key = delivery_key(body)
    if key is None:
        return True
    with transaction(deps.sessions) as s:
        first = store.first_delivery(s, key=key, now=deps.clock())
    if not first:
        log.info("redelivery of %s ignored", key.split(":", 1)[0])
    return first


def register(app: App, deps: Deps) -> None:
    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        kind = body.get("type") or body.get("command") or "request"
        if isinstance(error, SlackApiError):
            log.error("Slack API error while handling %s: %s", kind,
                      error.response.get("error") if isinstance(error.response.data, dict)
                      else error.response.status_code)
        else:
            log.exception("error while handling %s", kind, exc_info=error)
