"""``/define``: the team's agreed definitions, read by anyone, changed by the people allowed.

    /define prospect            the definition, to the asker only
    /define lead vs contact     two (or more) side by side
    /define                     every term
    /define add|edit <term>     the term form (editors save, others propose)
    /define history <term>      who changed it, when, and what it said before
"""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.core.models import TermChange
from bot.core.team import TeamSettings
from bot.glossary import book, edits, views
from bot.glossary.command import Form, History, ListAll, Lookup, parse
from bot.slack import blocks
from bot.slack.dm import open_dm
from bot.slack.guard import after_ack
from flows.glossary import Found, Suggest, Term, term_key


def register(app: App, deps: Deps) -> None:
    def rights(context: BoltContext) -> TeamSettings:
        """The team's settings in effect (its glossary editors and approvers)."""
        return deps.team_settings(context.team_id)

    def answer(parts: tuple[str, ...], user: str, team: str
               ) -> tuple[dict[str, Any], list[Found | Suggest]]:
        """The reply to a look-up, and what each term asked was found as."""
        terms = deps.terms(team)
        can_edit = deps.team_settings(team).may_edit_glossary(user)
        found = [terms.lookup(p) for p in parts]
        missing = [(p, f) for p, f in zip(parts, found, strict=True) if not isinstance(f, Found)]
        if missing:
            name, miss = missing[0]
            return views.suggestions(name, _suggested(miss), can_edit=can_edit), found
        if len(found) > 1:
            return views.comparison([f.term for f in found if isinstance(f, Found)]), found
        first = found[0]
        assert isinstance(first, Found)
        return views.definition(first.term, can_edit=can_edit), found

    def _suggested(found: Found | Suggest) -> tuple[Term, ...]:
        return () if isinstance(found, Found) else found.terms

    def open_form(client: WebClient, trigger_id: str, team: str, name: str,
                  can_edit: bool) -> str | None:
        """Open the term form for ``name`` (existing: change it; new: add it)."""
        term = deps.terms(team).get(name) if name else None
        client.views_open(trigger_id=trigger_id, view=views.term_form(
            term, key=term_key(term.term) if term else None, name=name, can_edit=can_edit))
        return None

    @app.command("/define")
    def define(ack: Ack, context: BoltContext, command: dict[str, Any],
               client: WebClient) -> None:
        """Read the team's definition of a term: /define prospect"""
        text = " ".join(blocks.unescape(command.get("text") or "").split())
        user, team = context.user_id, context.team_id or ""
        can_edit = rights(context).may_edit_glossary(user)
        match parse(text):
            case Form(name=name):
                ack()
                open_form(client, command["trigger_id"], team, name, can_edit)
            case History(name=name):
                term = deps.terms(team).get(name)
                key = term_key(term.term) if term else term_key(name)
                ack(views.history(term.term if term else name,
                                  edits.history(deps, team=team, key=key), can_edit=can_edit))
            case ListAll():
                ack(views.term_list(deps.terms(team).sorted_terms(), can_edit=can_edit))
            case Lookup(terms=parts):
                reply, found = answer(parts, user, team)
                ack(reply)

                def note() -> None:  # each term asked, as it was found (or not)
                    for asked, result in zip(parts, found, strict=True):
                        book.record_lookup(deps, team=team, asked=asked, found=result,
                                           user=user)
                after_ack(deps, command, client, note, what="noting the look-up")

    @app.action(re.compile(rf"^{views.DEFINE_ACTION}:\d+$"))
    def define_suggested(ack: Ack, context: BoltContext, action: dict[str, Any],
                         body: dict[str, Any], respond: Respond) -> None:
        ack()
        respond(replace_original=True, **answer((action.get("value", ""),), context.user_id,
                                                context.team_id or "")[0])

    @app.action(views.SHARE_ACTION)
    def share(ack: Ack, context: BoltContext, action: dict[str, Any], body: dict[str, Any],
              respond: Respond) -> None:
        ack()
        term = deps.terms(context.team_id or "").get(action.get("value", ""))
        if term is not None:
            respond(**views.shared_definition(term, context.user_id))

    @app.action(views.TERM_EDIT_ACTION)
    @app.action(views.ADD_ACTION)
    def edit(ack: Ack, context: BoltContext, action: dict[str, Any], body: dict[str, Any],
             client: WebClient) -> None:
        ack()  # views.open must follow within 3 s of the click: done here, not on the pool
        open_form(client, body["trigger_id"], context.team_id or "", action.get("value", ""),
                  rights(context).may_edit_glossary(context.user_id))

    @app.action(views.HISTORY_ACTION)
    def show_history(ack: Ack, context: BoltContext, action: dict[str, Any], body: dict[str, Any],
                     respond: Respond) -> None:
        ack()
        team = context.team_id or ""
        term = deps.terms(team).get(action.get("value", ""))
        if term is not None:
            respond(replace_original=False, **views.history(
                term.term, edits.history(deps, team=team, key=term_key(term.term)),
                can_edit=rights(context).may_edit_glossary(context.user_id)))

    @app.view(views.FORM_VIEW)
    def submitted(ack: Ack, context: BoltContext, body: dict[str, Any], view: dict[str, Any],
                  client: WebClient) -> None:
        user, team = context.user_id, context.team_id or ""
        values = view.get("state", {}).get("values", {})

        def value(block: str) -> str:
            return " ".join(str((values.get(block, {}).get("value") or {}).get("value") or "")
                            .split())

        def names(block: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(x.strip() for x in value(block).split(",") if x.strip()))

        metadata = _form_metadata(view.get("private_metadata"))
        if metadata is None:
            ack(response_action="errors", errors={
                "term": "This form is out of date: close it and open it again."})
            return
        key = metadata.get("key") if isinstance(metadata.get("key"), str) else None
        remove = bool((values.get("remove", {}).get("value") or {}).get("selected_options"))
        after = None if remove else Term.model_construct(
            term=value("term"), definition=value("definition"), aliases=names("aliases"),
            see_also=names("see_also"))
        if after is not None and (not after.term or len(after.definition) < 10):
            ack(response_action="errors", errors={
                "term" if not after.term else "definition":
                    "Give the term a name." if not after.term else "Say a bit more (10+ letters)."})
            return
        change = edits.check(deps, team=team, key=key, after=after)
        if change.error:
            ack(response_action="errors", errors={"term": change.error[:150]})
            return
        note = value("note") or None
        settings = rights(context)
        can_edit = settings.may_edit_glossary(user)
        if can_edit:
            error = edits.apply(deps, change, team=team, by=user, note=note)
            if error:
                ack(response_action="errors", errors={"term": error[:150]})
                return
        if not can_edit and not settings.glossary_approvers:
            ack(response_action="errors", errors={"term": (
                "No glossary approvers are chosen (App Home settings): ask a glossary "
                "editor.")})
            return
        ack()
        name = after.term if after else key or ""
        after_ack(deps, body, client, lambda: _confirm(
            deps, client, user, team, change, name, note, live=can_edit,
            approvers=settings.glossary_approvers), what="saving the term")

    def decide(approve: bool) -> Any:
        def listener(ack: Ack, context: BoltContext, action: dict[str, Any], body: dict[str, Any],
                     client: WebClient, respond: Respond) -> None:
            ack()
            user = context.user_id
            if not rights(context).may_approve_glossary(user):
                respond(**views.refused("Only glossary approvers can decide on proposals."))
                return
            value = action.get("value", "")
            container = body.get("container") or {}
            clicked = (container.get("channel_id"), container.get("message_ts"))
            if value.isdigit():
                after_ack(deps, body, client, lambda: _decide(
                    deps, client, respond, int(value), user, context.team_id or "", approve,
                    clicked=clicked),
                    what="deciding the proposal", respond=respond)
        return listener

    app.action(views.APPROVE_ACTION)(decide(True))
    app.action(views.REJECT_ACTION)(decide(False))

    @app.action(re.compile(rf"^{views.REVERT_ACTION}:\d+$"))
    def revert(ack: Ack, context: BoltContext, action: dict[str, Any], body: dict[str, Any],
               client: WebClient, respond: Respond) -> None:
        ack()
        user = context.user_id
        if not rights(context).may_edit_glossary(user):
            respond(**views.refused("Only glossary editors can revert changes."))
            return
        value = action.get("value", "")
        if value.isdigit():
            after_ack(deps, body, client, lambda: respond(**views.refused(
                blocks.esc(edits.revert(deps, team=context.team_id or "",
                                       change_id=int(value), by=user) or "")
                or "Reverted. The term reads as it did before that change.")),
                what="reverting the change", respond=respond)


def _form_metadata(text: str | None) -> dict[str, Any] | None:
    """What the term form carries (``{"key": …}``); None if it is not ours, or older."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _dm(client: WebClient, user: str, message: dict[str, Any]) -> None:
    channel = open_dm(client, user)
    client.chat_postMessage(channel=channel, **message)


def _confirm(deps: Deps, client: WebClient, user: str, team: str, change: edits.Proposed,
             name: str, note: str | None, *, live: bool, approvers: Sequence[str]) -> None:
    if live:
        _dm(client, user, views.changed(change.action, name, live=True))
        return
    change_id = edits.propose(deps, change, team=team, by=user, note=note)
    with deps.readers() as s:
        row = s.get(TermChange, change_id)
    posted = []
    for approver in approvers:
        channel = open_dm(client, approver)
        r = client.chat_postMessage(channel=channel, **views.proposal(row))
        posted.append([channel, r["ts"]])
    edits.remember_messages(deps, team=team, change_id=change_id, messages=posted)
    _dm(client, user, views.changed(change.action, name, live=False))


def _decide(deps: Deps, client: WebClient, respond: Respond, change_id: int, approver: str,
            team: str, approve: bool, *,
            clicked: tuple[str | None, str | None] = (None, None)) -> None:
    result = edits.decide(deps, team=team, change_id=change_id, approver=approver,
                         approve=approve)
    if result.change is None or (result.error and result.change.decided_by != approver):
        respond(**views.refused(result.error or "That proposal no longer exists."))
        return
    row = result.change
    verdict = "approved" if approve and not result.error else "rejected"
    outcome = f"*{verdict.capitalize()}* by {blocks.mention(approver)}."
    # The clicked card, and every approver's copy (a click can come before they are stored).
    cards = {(channel, ts) for channel, ts in row.messages or []}
    if clicked[0] and clicked[1]:
        cards.add((clicked[0], clicked[1]))
    for channel, ts in sorted(cards):
        client.chat_update(channel=channel, ts=ts, **views.proposal(row, decided=outcome))
    name = (row.after or row.before or {}).get("term", row.key)
    _dm(client, row.by, views.decision(name, approve and not result.error, approver,
                                       result.error))
