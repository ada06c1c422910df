"""``/qualify <lead>`` and the answer buttons."""
from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import qualifying, render
from bot.deps import Deps
from bot.listeners.guard import after_ack
from flows.conversation import Pick

MAX_LEAD = 200


def register(app: App, deps: Deps) -> None:
    @app.command("/qualify")
    def qualify(ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """Qualify a lead: /qualify Acme Corp"""
        lead = " ".join(render.unescape(command.get("text") or "").split())
        if not lead:
            ack(render.ask_for_lead())
            return
        if len(lead) > MAX_LEAD:
            ack({"response_type": "ephemeral",
                 "text": f"That lead name is {len(lead)} characters; keep it under {MAX_LEAD}."})
            return
        ack(render.started(lead))
        after_ack(deps, command, client, lambda: qualifying.begin(
            deps, client, team_id=command.get("team_id", ""), user=command["user_id"],
            lead_name=lead), what="starting the qualification", respond=respond)

    @app.action(re.compile(rf"^{render.ANSWER_ACTION}:\d+$"))
    def answer(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
               respond: Respond) -> None:
        ack()
        parsed = render.parse_answer_value(action.get("value", ""))
        if parsed is None:
            return
        qualification_id, question_id, choice_id = parsed
        after_ack(deps, body, client, lambda: qualifying.answer(
            deps, client, qualification_id=qualification_id, user=body["user"]["id"],
            event=Pick(question_id, choice_id),
            message_ts=(body.get("container") or {}).get("message_ts")),
            what="recording your answer", respond=respond)
