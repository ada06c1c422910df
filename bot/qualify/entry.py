"""Starting a qualification from wherever the lead shows up: the message shortcut
"Qualify this lead", the global shortcut "Qualify a lead", the answers form, and the
Workflow Builder step "Qualify a lead".

Forms open in the listener (a trigger_id lasts 3 seconds); the work they lead to runs
after the ack, on the work pool, through the request guard.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.deps import Deps
from bot.core.errors import describe
from bot.qualify import conversation, forms, notices, workflow
from bot.qualify.sources import as_notes, message_text, propose_lead
from bot.slack import blocks
from bot.slack.dm import open_dm
from bot.slack.guard import after_ack, after_ack_taking_in
from flows.conversation import Fill

log = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def enabled_flows(team: str | None) -> list[Any]:
        return [deps.flows[f] for f in deps.enabled(team)]

    def refused(team: str | None) -> dict[str, Any] | None:
        """A modal saying no sales channel is chosen yet, if none is."""
        return None if deps.team_settings(team).sales_channel else forms.no_sales_channel()

    @app.shortcut(blocks.MESSAGE_SHORTCUT)
    def qualify_message(ack: Ack, context: BoltContext, shortcut: dict[str, Any],
                        client: WebClient) -> None:
        """ "Qualify this lead" on a message: the start form, filled in from the message."""
        ack()
        if (stop := refused(context.team_id)) is not None:
            client.views_open(trigger_id=shortcut["trigger_id"], view=stop)
            return
        message = shortcut.get("message") or {}
        text = message_text(message)
        source = {"c": str((shortcut.get("channel") or {}).get("id") or ""),
                  "ts": str(message.get("ts") or shortcut.get("message_ts") or "")}
        client.views_open(trigger_id=shortcut["trigger_id"], view=forms.start_modal(
            lead=propose_lead(text), notes=as_notes(text), flows=enabled_flows(context.team_id),
            source=source, no_text=not text))

    @app.shortcut(blocks.GLOBAL_SHORTCUT)
    def qualify_anything(ack: Ack, context: BoltContext, shortcut: dict[str, Any],
                         client: WebClient) -> None:
        """ "Qualify a lead" from the ⚡ menu: the start form, empty."""
        ack()
        client.views_open(trigger_id=shortcut["trigger_id"], view=refused(
            context.team_id) or forms.start_modal(lead="", notes="",
                                                  flows=enabled_flows(context.team_id)))

    @app.view(blocks.START_VIEW)
    def start_submitted(ack: Ack, context: BoltContext, body: dict[str, Any],
                        view: dict[str, Any], client: WebClient) -> None:
        asked = forms.read_start(view, enabled=deps.enabled(context.team_id))
        if asked.errors:
            ack(response_action="errors", errors=asked.errors)
            return
        ack()
        source = forms.metadata(view)
        team, user = context.team_id or "", context.user_id or ""

        def start(key: str | None) -> None:
            link = workflow.permalink(client, source.get("c"), source.get("ts"))
            with _kept_on_failure(client, user, forms.started_lines(asked)):
                conversation.begin(deps, client, team_id=team, user=user,
                                   lead_name=asked.lead, flow_id=asked.flow_id, delivery=key,
                                   notes=asked.notes, source_url=link or None)
        after_ack_taking_in(deps, body, client, start, what="starting the qualification")

    @app.action(blocks.FORM_ACTION)
    def open_form(ack: Ack, context: BoltContext, body: dict[str, Any],
                  action: dict[str, Any], client: WebClient) -> None:
        """*Answer in a form* on a draft's first question."""
        ack()
        head = action.get("value", "").partition(":")[0]
        if head.isdigit() and body.get("trigger_id"):
            conversation.open_form(deps, client, qualification_id=int(head),
                                   user=context.user_id or "", trigger_id=body["trigger_id"],
                                   team_id=context.team_id)

    @app.view(blocks.FORM_VIEW)
    def form_submitted(ack: Ack, context: BoltContext, body: dict[str, Any],
                       view: dict[str, Any], client: WebClient) -> None:
        data = forms.metadata(view)
        flow = deps.flows.get(str(data.get("f") or ""))
        lead = str(data.get("l") or "")
        if flow is None or not lead:
            ack(response_action="errors", errors={
                next(iter(_blocks(view)), "q"): "These rules are no longer in use; close the "
                "form and start again with /qualify."})
            return
        filled = forms.read_answers(view, flow=flow, today=deps.clock().date())
        if filled.errors:
            ack(response_action="errors", errors=filled.errors)
            return
        ack()
        team, user = context.team_id or "", context.user_id or ""
        given = Fill(filled.answers, filled.proposals)

        def fill(key: str | None) -> None:
            with _kept_on_failure(client, user, forms.filled_lines(flow, lead, filled)):
                conversation.begin(deps, client, team_id=team, user=user, lead_name=lead,
                                   flow_id=flow.id, delivery=key, answers=given)
        after_ack_taking_in(deps, body, client, fill, what="reading your answers")

    @app.function(blocks.WORKFLOW_STEP)
    def workflow_step(body: dict[str, Any], event: dict[str, Any], context: BoltContext,
                      client: WebClient) -> None:
        """The Workflow Builder step: the SDR's DM conversation; the step completes when
        they submit (``conversation``), or fails on cancel or expiry."""
        execution_id = str(event.get("function_execution_id") or "")
        checked = workflow.check_inputs(event.get("inputs") or {},
                                        enabled=deps.enabled(context.team_id))
        team = context.team_id or ""
        if not isinstance(checked, str) and not deps.team_settings(team).sales_channel:
            checked = blocks.NO_SALES_CHANNEL.replace("*", "")  # the step fails, saying why

        def start() -> None:
            if isinstance(checked, str):
                workflow.fail(client, execution_id=execution_id, reason=checked)
                return
            try:
                refused = _not_a_person(client, checked.sdr)
                if refused:
                    workflow.fail(client, execution_id=execution_id, reason=refused)
                    return
                conversation.begin(deps, client, team_id=team, user=checked.sdr,
                                   lead_name=checked.lead, flow_id=checked.flow_id,
                                   notes=checked.notes, function_execution_id=execution_id)
            except Exception:
                workflow.fail(client, execution_id=execution_id, reason=(
                    "Qualibot could not start the conversation with the SDR; run the "
                    "workflow again in a moment."))
                raise  # the guard logs it
            log.info("workflow step %s: a qualification sent to %s", execution_id,
                     checked.sdr)
        after_ack(deps, body, client, start, what="starting the workflow's qualification")


@contextmanager
def _kept_on_failure(client: WebClient, user: str, lines: list[str]) -> Iterator[None]:
    """A submitted form's values, sent to the person in a DM if what it started fails
    (the form is closed by then): nothing they typed is lost. The failure goes on to the
    request guard, which logs it."""
    try:
        yield
    except Exception:
        try:
            client.chat_postMessage(channel=open_dm(client, user),
                                    **notices.form_not_taken(lines))
        except Exception as e:  # noqa: BLE001 -- Slack may be what failed; the guard logs
            log.warning("could not send the form's values back either: %s", describe(e))
        raise


def _blocks(view: dict[str, Any]) -> list[str]:
    return [b["block_id"] for b in view.get("blocks") or []
            if b.get("type") == "input" and b.get("block_id")]


def _not_a_person(client: WebClient, user: str) -> str | None:
    """Why ``user`` cannot be the SDR (a bot, an app, a deactivated or unknown account),
    from ``users.info``; None for a person."""
    try:
        found = client.users_info(user=user).get("user") or {}
    except SlackApiError as e:
        if e.response.get("error") in ("user_not_found", "user_not_visible"):
            return "The SDR input is not a person in this workspace."
        raise
    if found.get("is_bot") or found.get("is_app_user") or user == "USLACKBOT":
        return ("The SDR input is a bot or an app; choose the person who qualifies the "
                "lead.")
    if found.get("deleted"):
        return "The SDR input is a deactivated account; choose someone on the team."
    return None
