"""Cross-cutting: work after the ack, redeliveries, and errors, each in one place.

Listeners acknowledge at once and hand their work to :func:`after_ack`, which
runs it on the work pool (so that acks never wait for a busy thread), skips a
redelivery of something already handled, and turns a failure into a log line
and a short apology to the person, never a stack trace in Slack.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import delete

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import describe
from bot.core.models import Delivery
from bot.slack import blocks, deliveries
from bot.slack.dm import open_dm
from bot.slack.workspaces import revoked

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


def _first_time(deps: Deps, key: str) -> bool:
    with transaction(deps.sessions) as s:
        first = deliveries.first_delivery(s, key=key, now=deps.clock())
    if not first:
        log.info("redelivery of %s ignored", key.split(":", 1)[0])
    return first


def _forget(deps: Deps, key: str) -> None:
    """After a failure, let Slack's retry (or the same click again) try once more."""
    try:
        with transaction(deps.sessions) as s:
            s.execute(delete(Delivery).where(Delivery.key == key))
    except Exception:  # noqa: BLE001 -- already handling a failure; say so and go on
        log.exception("could not forget delivery %s", key.split(":", 1)[0])


def apologise(client: WebClient, body: dict[str, Any], respond: Respond | None,
              what: str) -> None:
    """Tell the person, wherever they are, that ``what`` failed (the log says why)."""
    message = blocks.oops(what)
    try:
        if respond is not None and body.get("response_url"):
            respond(**message, replace_original=False)
            return
        event = body.get("event") or {}
        if event.get("channel") and event.get("channel_type") == "im":
            client.chat_postMessage(channel=event["channel"], text=message["text"])
        elif (body.get("container") or {}).get("type") == "view" and body.get("user"):
            # A button in the Home tab: no response_url, so say it in the person's DM.
            dm = open_dm(client, body["user"]["id"])
            client.chat_postMessage(channel=dm, text=message["text"])
    except Exception as e:  # noqa: BLE001 -- Slack may be what failed; the log has it
        log.warning("could not tell the user about the failure either: %s", describe(e))


def after_ack(deps: Deps, body: dict[str, Any], client: WebClient, job: Callable[[], None],
              *, what: str, respond: Respond | None = None) -> None:
    """Run ``job`` on the work pool, once per delivery, reporting any failure."""
    def once(key: str | None) -> None:
        if key is None or _first_time(deps, key):
            job()
    after_ack_taking_in(deps, body, client, once, what=what, respond=respond)


def after_ack_taking_in(deps: Deps, body: dict[str, Any], client: WebClient,
                        job: Callable[[str | None], None], *, what: str,
                        respond: Respond | None = None) -> None:
    """``after_ack`` for a job that takes the delivery in itself: it is given the delivery's
    key and records it (``deliveries.first_delivery``) in the transaction of its first change,
    changing nothing if it was taken in before; that saves a write per request. A failure
    forgets the key either way, so that Slack's retry runs."""
    key = delivery_key(body)

    def run() -> None:
        try:
            job(key)
        except SlackApiError as e:
            if not revoked(e):
                report(e)
                return
            _token_gone(deps, body, respond, e)  # the delivery stays taken in: no retry
        except Exception as e:  # noqa: BLE001 -- reported below, in the log and to the person
            report(e)

    def report(e: Exception) -> None:
        log.error("failed while %s: %s", what, describe(e), exc_info=not isinstance(
            e, SlackApiError))
        if key is not None:
            _forget(deps, key)
        apologise(client, body, respond, what)

    deps.run_later(run)


def _token_gone(deps: Deps, body: dict[str, Any], respond: Respond | None,
                e: SlackApiError) -> None:
    """Slack refused the team's token mid-conversation (uninstalled, revoked): what was
    stored stays, the work is not retried (a retry meets the same refusal), and the person
    is told once, through the response URL, which needs no token. Logged once, at
    WARNING, by its error code only."""
    team = str(body.get("team_id") or (body.get("team") or {}).get("id") or "")
    user = str(body.get("user_id") or (body.get("user") or {}).get("id") or "")
    deps.forget_client(team)
    if not deps.said.first(team, "token gone", user):
        return
    log.warning("Slack refused the bot token of team %s (%s): uninstalled or revoked; the "
                "work for %s is kept, not retried", team, describe(e), user or "someone")
    if respond is not None and body.get("response_url"):
        try:
            respond(**blocks.access_gone(), replace_original=False)
        except Exception as told:  # noqa: BLE001 -- nothing more can be done; logged
            log.warning("could not tell %s either: %s", user, describe(told))


def register(app: App, deps: Deps) -> None:
    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        kind = body.get("type") or body.get("command") or "request"
        log.error("error while handling %s: %s", kind, describe(error),
                  exc_info=not isinstance(error, SlackApiError))


def register_last(app: App) -> None:
    """What no feature handles (a button on a message from an older version, a form of a
    feature since removed, an event subscribed to and not listened for): acknowledged, so
    that the person sees no error and Slack does not retry, and logged. Registered after
    every feature: Bolt gives a request to the first listener that matches it."""
    anything = re.compile(".*")

    @app.action(anything)
    def unknown_action(ack: Ack, action: dict[str, Any]) -> None:
        ack()
        log.info("a click on %r, which nothing handles: ignored",
                 str(action.get("action_id"))[:80])

    @app.view(anything)
    def unknown_view(ack: Ack, view: dict[str, Any]) -> None:
        ack()
        log.info("a form %r, which nothing handles: closed", str(view.get("callback_id"))[:80])

    @app.shortcut(anything)
    def unknown_shortcut(ack: Ack, shortcut: dict[str, Any]) -> None:
        ack()
        log.info("a shortcut %r, which nothing handles: ignored",
                 str(shortcut.get("callback_id"))[:80])

    @app.event(anything)
    def unknown_event(event: dict[str, Any]) -> None:
        log.info("an event %r, which nothing handles: ignored", str(event.get("type"))[:80])
