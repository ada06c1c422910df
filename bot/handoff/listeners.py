"""The handoff card in the sales channel: Claim, and Send back with a reason; a card that
could not be posted: Try again, and the bot invited back to the channel."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.core.errors import describe
from bot.handoff import claims, reassign, redeliver, store
from bot.slack import blocks
from bot.slack.guard import after_ack, apologise

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def ours(team: str | None, handoff_id: int) -> bool:
        """A handoff id read from a button's value or a form's metadata is of the team the
        request came from: one of another team (forged, or a stale id) is no handoff."""
        with deps.readers() as s:
            owner = store.team_of(s, handoff_id=handoff_id)
        if owner is None or (team is not None and owner != team):
            log.warning("handoff %s asked for by team %s: not one of theirs, ignored",
                        handoff_id, team)
            return False
        return True

    @app.action(blocks.CLAIM_ACTION)
    def claim(ack: Ack, context: BoltContext, body: dict[str, Any], action: dict[str, Any],
              client: WebClient, respond: Respond) -> None:
        ack()
        value = action.get("value", "")
        if not value.isdigit():
            return
        container = body.get("container") or {}

        def claim() -> None:
            if ours(context.team_id, int(value)):
                claims.claim(deps, client, respond, handoff_id=int(value), user=context.user_id,
                             channel=container.get("channel_id"),
                             ts=container.get("message_ts"))
        after_ack(deps, body, client, claim, what="claiming the lead", respond=respond)

    def reason_form(opener: Callable[..., None], what: str) -> Callable[..., None]:
        """A card's button that opens a form asking why (Send back, Pass)."""
        def listener(ack: Ack, context: BoltContext, body: dict[str, Any],
                     action: dict[str, Any], client: WebClient, respond: Respond) -> None:
            ack()
            value = action.get("value", "")
            if not value.isdigit() or not body.get("trigger_id") or not ours(
                    context.team_id, int(value)):
                return  # not a card's button (a form can only be opened for a click)
            try:  # views.open must follow the click within 3 s: here, not on the work pool
                opener(deps, client, respond, handoff_id=int(value), user=context.user_id,
                       trigger_id=body["trigger_id"], card=_card(body))
            except Exception as e:  # noqa: BLE001 -- reported to the log and the person
                log.error("could not open the %s form: %s", what, describe(e))
                apologise(client, body, respond, f"opening the {what} form")
        return listener

    def reason_given(record: Callable[..., Any], announce: Callable[[WebClient, Any], None],
                     what: str) -> Callable[..., None]:
        """That form submitted: recorded at once (a refusal is said on the form), then
        announced after the ack."""
        def listener(ack: Ack, context: BoltContext, body: dict[str, Any],
                     view: dict[str, Any], client: WebClient) -> None:
            values = view.get("state", {}).get("values", {})
            reason = " ".join(((values.get("reason") or {}).get("text") or {})
                              .get("value", "").split())
            if len(reason) < 3:
                ack(response_action="errors", errors={"reason": "Say why, in a few words."})
                return
            handoff_id, _, clicked = view.get("private_metadata", "").partition(":")
            if not handoff_id.isdigit() or not ours(context.team_id, int(handoff_id)):
                ack()
                return
            channel, _, ts = clicked.partition(":")
            result = record(deps, handoff_id=int(handoff_id), user=context.user_id,
                            reason=reason[:1500], card=(channel, ts) if channel and ts else None)
            if isinstance(result, str):
                ack(response_action="errors", errors={"reason": result})
                return
            ack()
            after_ack(deps, body, client, lambda: announce(client, result), what=what)
        return listener

    app.action(blocks.SEND_BACK_ACTION)(reason_form(claims.open_send_back, "send-back"))
    app.view(blocks.SEND_BACK_VIEW)(reason_given(claims.send_back, claims.announce_send_back,
                                                 "sending the lead back"))
    app.action(blocks.PASS_ACTION)(reason_form(reassign.open_pass, "pass"))
    app.view(blocks.PASS_VIEW)(reason_given(reassign.pass_on, reassign.announce,
                                            "passing the lead on"))

    @app.action(blocks.RETRY_HANDOFF_ACTION)
    def try_again(ack: Ack, context: BoltContext, body: dict[str, Any],
                  action: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """*Try again* in the SDR's message about a card that failed, or in App Home."""
        ack()
        value = action.get("value", "")
        if not value.isdigit():
            return
        in_home = (body.get("container") or {}).get("type") == "view"

        def again() -> None:
            if ours(context.team_id, int(value)):
                redeliver.try_again(deps, client, None if in_home else respond,
                                    handoff_id=int(value), user=context.user_id)
        after_ack(deps, body, client, again, what="sending the lead again",
                  respond=None if in_home else respond)

    @app.event("member_joined_channel")
    def joined(body: dict[str, Any], event: dict[str, Any], context: BoltContext,
               client: WebClient) -> None:
        """The bot invited (back) to a channel: post the cards that failed there at once.
        Anyone else joining a channel the bot is in is none of its business."""
        channel = event.get("channel")
        if not channel or event.get("user") != context.bot_user_id:
            return
        team = context.team_id or ""
        after_ack(deps, body, client, lambda: redeliver.invited_back(
            deps, team_id=team, channel=channel), what="posting the handoffs that were waiting")


def _card(body: dict[str, Any]) -> tuple[str, str] | None:
    """The card a button was clicked on: (channel, ts)."""
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    return (channel, ts) if isinstance(channel, str) and isinstance(ts, str) else None
