"""``/qualify <lead>`` and the answer buttons."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.qualify import conversation, forms, notices, summaries, views
from bot.qualify.command import (
    Away,
    Help,
    History,
    Problem,
    Rules,
    Start,
    Stats,
    help_text,
    parse,
)
from bot.reports import views as reports_views
from bot.reports import weekly
from bot.routing import desk
from bot.slack import blocks
from bot.slack.guard import after_ack, after_ack_taking_in
from bot.slack.quick import quick
from flows.conversation import Cancel, Confirm, Edit, Event, Notes, Pick, Submit
from flows.conversation import Help as Explain
from flows.conversation import Start as Open
from flows.reading import read_notes
from flows.rules import describe

STATS_WEEKS = 4  # /qualify stats: this week and the three before


def register(app: App, deps: Deps) -> None:
    @app.command("/qualify")
    def qualify(ack: Ack, context: BoltContext, command: dict[str, Any], client: WebClient,
                respond: Respond) -> None:
        """Qualify a lead: /qualify Acme Corp"""
        team = context.team_id or ""
        settings = deps.team_settings(team)

        def reads(notes: str, flow_id: str | None) -> bool:
            flow = deps.flows.get(flow_id or "") or deps.flows[settings.default_flow]
            return bool(read_notes(flow, notes, today=deps.clock().date()))

        asked = parse(blocks.unescape(command.get("text") or ""), flows=deps.flows,
                      enabled=settings.flows, stats_weeks=STATS_WEEKS, reads_notes=reads)
        if isinstance(asked, Start) and not settings.sales_channel:
            ack(notices.no_sales_channel())
            return
        match asked:
            case Problem(message=message):
                ack({"response_type": "ephemeral", "text": blocks.esc(message)})
            case Help():
                ack(notices.usage(blocks.esc(help_text(STATS_WEEKS))))
            case History(lead=lead, flow_id=flow_id):
                ack(conversation.history(deps, team_id=team, lead_name=lead, flow_id=flow_id))
            case Stats(weeks=weeks):
                ack(reports_views.stats(weekly.current(deps, weeks=weeks, team_id=team)))
            case Away(away=away):
                ack()
                after_ack(deps, command, client, lambda: respond(**desk.toggle_away(
                    deps, team_id=team, user=context.user_id, away=away)), what="noting it",
                    respond=respond)
            case Rules(flow_id=flow_id):
                ack(summaries.rules(describe(deps.flows[flow_id or settings.default_flow])))
            case Start(lead=lead, flow_id=flow_id, form=True):
                ack()
                flow = deps.flows[flow_id or settings.default_flow]
                client.views_open(trigger_id=command["trigger_id"],
                                  view=forms.answers_modal(flow=flow, lead=lead))
            case Start(lead=lead, flow_id=flow_id, notes=notes):
                ack(notices.started(lead))
                after_ack_taking_in(deps, command, client, lambda key: conversation.begin(
                    deps, client, team_id=team, user=context.user_id, lead_name=lead,
                    flow_id=flow_id, delivery=key, notes=notes),
                    what="starting the qualification", respond=respond)

    @app.event("message", matchers=[typed_in_dm])
    @quick
    def typed(body: dict[str, Any], event: dict[str, Any], context: BoltContext,
              client: WebClient) -> None:
        """A reply the SDR typed in their DM with the bot: an answer to the open question."""
        after_ack(deps, body, client, lambda: conversation.typed(
            deps, client, user=event["user"], channel=event["channel"], text=event["text"],
            team_id=context.team_id),
            what="reading your reply")

    @app.event("message")
    def other_message() -> None:
        """Edits, deletions, joins, and bots' posts (ours too): acknowledged, not answers."""

    @app.action(re.compile(rf"^{blocks.PICK_FLOW_ACTION}:\d+$"))
    def pick(ack: Ack, context: BoltContext, body: dict[str, Any], action: dict[str, Any],
             client: WebClient, respond: Respond) -> None:
        ack()
        flow_id, _, lead = action.get("value", "").partition("|")
        if flow_id not in deps.enabled(context.team_id) or not lead:
            return
        container = body.get("container") or {}

        def start() -> None:
            client.chat_update(channel=container.get("channel_id"),
                               ts=container.get("message_ts"),
                               **notices.flow_picked(lead, deps.flows[flow_id].name))
            conversation.begin(deps, client, team_id=context.team_id or "",
                             user=context.user_id, lead_name=lead, flow_id=flow_id)
        after_ack(deps, body, client, start, what="starting the qualification",
                  respond=respond)

    @app.action(re.compile(rf"^{blocks.ANSWER_ACTION}:\d+$"))
    @quick
    def answer(ack: Ack, context: BoltContext, body: dict[str, Any], action: dict[str, Any],
               client: WebClient, respond: Respond) -> None:
        ack()
        parsed = views.parse_answer_value(action.get("value", ""))
        if parsed is None:
            return
        qualification_id, question_id, choice_id = parsed
        after_ack_taking_in(deps, body, client, lambda key: conversation.answer(
            deps, client, qualification_id=qualification_id, user=context.user_id,
            event=Pick(question_id, choice_id), team_id=context.team_id,
            message_ts=(body.get("container") or {}).get("message_ts"), delivery=key),
            what="recording your answer", respond=respond)

    def on_draft(event_for: Callable[[str], Event | None], what: str) -> Callable[..., None]:
        """A button on a qualification message: its value starts with the qualification id."""
        @quick
        def listener(ack: Ack, context: BoltContext, body: dict[str, Any], action: dict[str, Any],
                     client: WebClient, respond: Respond) -> None:
            ack()
            head, _, rest = action.get("value", "").partition(":")
            event = event_for(rest)
            if not head.isdigit() or event is None:
                return
            after_ack_taking_in(deps, body, client, lambda key: conversation.answer(
                deps, client, qualification_id=int(head), user=context.user_id,
                event=event, message_ts=(body.get("container") or {}).get("message_ts"),
                delivery=key, team_id=context.team_id), what=what, respond=respond)
        return listener

    app.action(blocks.SUBMIT_ACTION)(on_draft(lambda _: Submit(), "submitting"))
    app.action(blocks.RESUME_ACTION)(on_draft(lambda _: Open(), "resuming"))
    app.action(blocks.CANCEL_ACTION)(on_draft(lambda _: Cancel(), "cancelling"))
    app.action(blocks.REVIEW_EDIT_ACTION)(on_draft(lambda _: Edit(), "changing an answer"))
    app.action(re.compile(rf"^{blocks.EDIT_PICK_ACTION}:\d+$"))(
        on_draft(lambda qid: Edit(qid) if qid else None, "changing an answer"))
    app.action(blocks.HELP_ACTION)(on_draft(lambda qid: Explain(qid or None), "explaining"))
    app.action(re.compile(rf"^{blocks.CONFIRM_ACTION}:(yes|no)$"))(on_draft(
        _confirmation, "recording your answer"))

    @app.action(blocks.NOTES_ACTION)
    def paste_notes(ack: Ack, context: BoltContext, body: dict[str, Any], action: dict[str, Any],
                    client: WebClient, respond: Respond) -> None:
        ack()
        head = action.get("value", "").partition(":")[0]
        if not head.isdigit() or not body.get("trigger_id"):
            return
        after_ack(deps, body, client, lambda: conversation.open_notes(
            deps, client, qualification_id=int(head), user=context.user_id,
            trigger_id=body["trigger_id"], team_id=context.team_id),
            what="opening the call-notes form",
            respond=respond)

    @app.view(blocks.NOTES_VIEW)
    def notes_submitted(ack: Ack, context: BoltContext, body: dict[str, Any], view: dict[str, Any],
                        client: WebClient) -> None:
        values = view.get("state", {}).get("values", {})
        notes = (((values.get("notes") or {}).get("text") or {}).get("value") or "").strip()
        if len(notes) < 3:
            ack(response_action="errors", errors={"notes": "Paste your notes from the call."})
            return
        head = view.get("private_metadata", "")
        ack()
        if not head.isdigit():
            return
        after_ack_taking_in(deps, body, client, lambda key: conversation.answer(
            deps, client, qualification_id=int(head), user=context.user_id,
            event=Notes(notes[:10_000], deps.clock().date()), delivery=key,
            team_id=context.team_id),
            what="reading your notes")


def typed_in_dm(event: dict[str, Any]) -> bool:
    """A message a person typed in a DM with the bot, not an edit, a join or a bot's post."""
    return (event.get("channel_type") == "im" and not event.get("subtype")
            and not event.get("bot_id") and bool(event.get("user"))
            and bool((event.get("text") or "").strip()))


def _confirmation(rest: str) -> Event | None:
    """ "need:yes" from a Yes / No button under "Did you mean …?"."""
    question_id, _, said = rest.rpartition(":")
    return Confirm(question_id, said == "yes") if question_id and said in ("yes", "no") \
        else None
