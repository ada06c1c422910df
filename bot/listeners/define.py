"""``/define <term>``: the team's agreed definition, to the asker only."""
from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, Respond

from bot import render
from bot.deps import Deps
from flows.glossary import Found


def register(app: App, deps: Deps) -> None:
    def answer(asked: str) -> dict[str, Any]:
        if not asked.strip():
            return render.term_list(deps.glossary.sorted_terms())
        found = deps.glossary.lookup(asked)
        if isinstance(found, Found):
            return render.definition(found.term)
        return render.suggestions(asked, found.terms)

    @app.command("/define")
    def define(ack: Ack, command: dict[str, Any]) -> None:
        """Read the team's definition of a term: /define prospect"""
        ack(answer(render.unescape(command.get("text") or "")))

    @app.action(re.compile(rf"^{render.DEFINE_ACTION}:\d+$"))
    def define_suggested(ack: Ack, action: dict[str, Any], respond: Respond) -> None:
        ack()
        respond(replace_original=True, **answer(action.get("value", "")))

    @app.action(render.SHARE_ACTION)
    def share(ack: Ack, action: dict[str, Any], body: dict[str, Any], respond: Respond) -> None:
        ack()
        term = deps.glossary.get(action.get("value", ""))
        if term is not None:
            respond(**render.shared_definition(term, body["user"]["id"]))
