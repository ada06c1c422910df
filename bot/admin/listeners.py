"""The settings in App Home: *Change settings* opens the form (admins only), and a saved
form is checked before its ack, so that a wrong value is shown beside its field."""
from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.admin import forms, panel
from bot.core.deps import Deps
from bot.slack.blocks import SETTINGS_ACTION, SETTINGS_VIEW
from bot.slack.dm import open_dm
from bot.slack.guard import after_ack

NOT_ADMIN = "Only Qualibot admins can change the team's settings."


def register(app: App, deps: Deps) -> None:
    @app.action(SETTINGS_ACTION)
    def open_settings(ack: Ack, context: BoltContext, body: dict[str, Any],
                      client: WebClient) -> None:
        """views.open must follow the click within 3 s: done here, not on the pool."""
        ack()
        user, team = context.user_id or "", context.team_id or ""
        if not panel.open_form(deps, client, trigger_id=body["trigger_id"], team_id=team,
                               user=user):
            after_ack(deps, body, client, lambda: client.chat_postMessage(
                channel=open_dm(client, user), text=NOT_ADMIN), what="opening the settings")

    @app.view(SETTINGS_VIEW)
    def saved(ack: Ack, context: BoltContext, body: dict[str, Any], view: dict[str, Any],
              client: WebClient) -> None:
        user, team = context.user_id or "", context.team_id or ""
        done = panel.save(deps, client, team_id=team, user=user, view=view)
        if isinstance(done, panel.Refused):
            ack(response_action="errors", errors=forms.errors_shown(done.errors, view))
            return
        ack()
        if deps.refresh_home is not None:
            refresh = deps.refresh_home
            after_ack(deps, body, client, lambda: refresh(deps, client, user, team),
                      what="showing the settings")
