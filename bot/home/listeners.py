"""The App Home tab: published whenever the SDR opens it."""
from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.home import tab
from bot.slack.guard import after_ack


def register(app: App, deps: Deps) -> None:
    @app.event("app_home_opened")
    def home_opened(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        """Acknowledged by Bolt; the view is built and published on the work pool."""
        user = event.get("user")
        if event.get("tab", "home") != "home" or not user:
            return  # the Messages tab, or an event without a person
        after_ack(deps, body, client, lambda: tab.opened(
            deps, client, user=user, team_id=body.get("team_id")), what="showing your Home tab")
