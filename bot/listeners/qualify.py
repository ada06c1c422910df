"""``/qualify <lead>`` and the answer buttons."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import qualifying, render, reports
from bot.deps import Deps
from bot.listeners.guard import after_ack, after_ack_taking_in
from flows.conversation import Cancel, Confirm, Edit, Event, Help, Notes, Pick, Start, Submit
from flows.reading import read_notes
from flows.rules import describe

MAX_LEAD = 200
STATS_WEEKS = 4  # /qualify stats: this week and the three before
_FLOW = re.compile(r"(?:^|\s)--flow[=\s]+([A-Za-z0-9_]+)")
# "/qualify Acme Corp — talked to Jane, VP Ops…": the lead, then call notes after a dash
# set off by spaces, a colon, or a new line.
_NOTES = re.compile(r"\s+[—–]\s*|\s+--?\s+|:\s+|\s*\n\s*")


NOTES_WORDS = 5  # after a dash, this many words are notes even if none reads as an answer


def split_notes(text: str, reads: Callable[[str], bool]) -> tuple[str, str | None]:
    """The lead's name and the call notes that follow it, if any. What follows a dash or a
    colon is notes if ``reads`` finds an answer in it or it runs to a few words, so that
    "Smith - Jones Ltd" and "Acme — EMEA division" stay names."""
    if text.startswith('"'):
        end = text.find('"', 1)
        if end > 0:
            rest = text[end + 1:].strip().lstrip("—–-:").strip()
            return text[:end + 1], rest or None
    found = _NOTES.search(text)
    if found is None or found.start() == 0:
        return text, None
    lead, notes = text[:found.start()].strip(), text[found.end():].strip()
    if not lead or len(notes) < 3:
        return text, None
    if len(notes.split()) >= NOTES_WORDS or "\n" in text or reads(notes):
        return lead, notes
    return text, None


def register(app: App, deps: Deps) -> None:
    @app.command("/qualify")
    def qualify(ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """Qualify a lead: /qualify Acme Corp"""
        raw = render.unescape(command.get("text") or "")
        named_flow = _FLOW.search(raw)
        reader = deps.flows.get(named_flow.group(1).lower() if named_flow else "") \
            or deps.default_flow
        head, notes = split_notes(raw.strip(), lambda n: bool(read_notes(
            reader, n, today=deps.clock().date())))
        text = " ".join(head.split())
        named = _FLOW.search(text)
        flow_id = named.group(1).lower() if named else None
        text = _FLOW.sub("", text).strip()
        word, _, rest = text.partition(" ")
        if word.lower() == "history" and rest:
            ack(qualifying.history(deps, team_id=command.get("team_id", ""), lead_name=rest))
            return
        if word.lower() == "stats" and (not rest or rest.isdigit()):  # "stats": quote it
            ack(render.stats(reports.current(deps, weeks=int(rest or STATS_WEEKS),
                                             team_id=command.get("team_id") or None)))
            return
        if text.lower() in ("rules", "rules " + (flow_id or "")) or word.lower() == "rules" \
                and rest.lower() in deps.flows:
            fid = rest.lower() if rest.lower() in deps.flows else flow_id or deps.enabled[0]
            ack(render.rules(describe(deps.flows[fid])) if fid in deps.flows
                else render.unknown_flow(fid, deps.enabled))
            return
        if flow_id is not None and flow_id not in deps.enabled:
            ack(render.unknown_flow(flow_id, deps.enabled))
            return
        if text.lower() in ("help", "history"):
            ack(render.usage())
            return
        lead = text[1:-1].strip() if len(text) > 1 and text[0] == text[-1] == '"' else text
        if not lead:
            ack(render.ask_for_lead())
            return
        if len(lead) > MAX_LEAD:
            ack({"response_type": "ephemeral",
                 "text": f"That lead name is {len(lead)} characters; keep it under {MAX_LEAD}."})
            return
        ack(render.started(lead))
        after_ack_taking_in(deps, command, client, lambda key: qualifying.begin(
            deps, client, team_id=command.get("team_id", ""), user=command["user_id"],
            lead_name=lead, flow_id=flow_id, delivery=key, notes=notes),
            what="starting the qualification", respond=respond)

    @app.action(re.compile(rf"^{render.PICK_FLOW_ACTION}:\d+$"))
    def pick(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
             respond: Respond) -> None:
        ack()
        flow_id, _, lead = action.get("value", "").partition("|")
        if flow_id not in deps.enabled or not lead:
            return
        container = body.get("container") or {}

        def start() -> None:
            client.chat_update(channel=container.get("channel_id"),
                               ts=container.get("message_ts"),
                               **render.flow_picked(lead, deps.flows[flow_id].name))
            qualifying.begin(deps, client, team_id=(body.get("team") or {}).get("id", ""),
                             user=body["user"]["id"], lead_name=lead, flow_id=flow_id)
        after_ack(deps, body, client, start, what="starting the qualification",
                  respond=respond)

    @app.action(re.compile(rf"^{render.ANSWER_ACTION}:\d+$"))
    def answer(ack: Ack, body: dict[str, Any], action: dict[str, Any], client: WebClient,
               respond: Respond) -> None:
        ack()
        parsed = render.parse_answer_value(action.get("value", ""))
        if parsed is None:
            return
        qualification_id, question_id, choice_id = parsed
        after_ack_taking_in(deps, body, client, lambda key: qualifying.answer(
            deps, client, qualification_id=qualification_id, user=body["user"]["id"],
            event=Pick(question_id, choice_id),
            message_ts=(body.get("container") or {}).get("message_ts"), delivery=key),
            what="recording your answer", respond=respond)

    def on_draft(event_for: Callable[[str], Event | None], what: str) -> Callable[..., None]:
        """A button on a qualification message: its value starts with the qualification id."""
        def listener(ack: Ack, body: dict[str, Any], action: dict[str, Any],
                     client: WebClient, respond: Respond) -> None:
            ack()
            head, _, rest = action.get("value", "").partition(":")
            event = event_for(rest)
            if not head.isdigit() or event is None:
                return
            after_ack_taking_in(deps, body, client, lambda key: qualifying.answer(
                deps, client, qualification_id=int(head), user=body["user"]["id"],
                event=event, message_ts=(body.get("container") or {}).get("message_ts"),
                delivery=key), what=what, respond=respond)
        return listener

    app.action(render.SUBMIT_ACTION)(on_draft(lambda _: Submit(), "submitting"))
    app.action(render.RESUME_ACTION)(on_draft(lambda _: Start(), "resuming"))
    app.action(render.CANCEL_ACTION)(on_draft(lambda _: Cancel(), "cancelling"))
    app.action(render.EDIT_ACTION)(on_draft(lambda _: Edit(), "changing an answer"))
    app.action(re.compile(rf"^{render.EDIT_PICK_ACTION}:\d+$"))(
        on_draft(lambda qid: Edit(qid) if qid else None, "changing an answer"))
    app.action(render.HELP_ACTION)(on_draft(lambda qid: Help(qid or None), "explaining"))
    app.action(re.compile(rf"^{render.CONFIRM_ACTION}:(yes|no)$"))(on_draft(
        _confirmation, "recording your answer"))

    @app.action(render.NOTES_ACTION)
    def paste_notes(ack: Ack, body: dict[str, Any], action: dict[str, Any],
                    client: WebClient, respond: Respond) -> None:
        ack()
        head = action.get("value", "").partition(":")[0]
        if not head.isdigit() or not body.get("trigger_id"):
            return
        after_ack(deps, body, client, lambda: qualifying.open_notes(
            deps, client, qualification_id=int(head), user=body["user"]["id"],
            trigger_id=body["trigger_id"]), what="opening the call-notes form",
            respond=respond)

    @app.view(render.NOTES_VIEW)
    def notes_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any],
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
        after_ack_taking_in(deps, body, client, lambda key: qualifying.answer(
            deps, client, qualification_id=int(head), user=body["user"]["id"],
            event=Notes(notes[:10_000], deps.clock().date()), delivery=key),
            what="reading your notes")


def _confirmation(rest: str) -> Event | None:
    """ "need:yes" from a Yes / No button under "Did you mean …?"."""
    question_id, _, said = rest.rpartition(":")
    return Confirm(question_id, said == "yes") if question_id and said in ("yes", "no") \
        else None
