"""What the settings form does: who may open and save it, the sales channel made ready
(joined, or the admin told to invite Qualibot), and a save checked, stored and in effect.

Everything here runs before the form's ack (Slack waits up to 3 seconds for the errors to
show beside the fields): a validation, at most ``conversations.info`` and
``conversations.join`` when the sales channel changes, and one short transaction.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.admin import forms
from bot.core.deps import Deps
from bot.core.errors import slack_error
from bot.settings import values
from bot.settings.effective import Teams
from bot.settings.store import Change

log = logging.getLogger(__name__)
STALE = ("Another admin saved the settings since you opened this form: close it and open "
         "it again to see theirs.")


@dataclass(frozen=True)
class Saved:
    changes: list[Change]


@dataclass(frozen=True)
class Refused:
    errors: dict[str, str]  # by setting name


def user_groups(client: WebClient) -> list[forms.Group] | None:
    """The workspace's user groups, or None if Slack would not list them (no scope)."""
    try:
        found = client.usergroups_list(include_disabled=False).get("usergroups") or []
    except SlackApiError as e:
        log.info("user groups not listed (%s): the form keeps the ones chosen", slack_error(e))
        return None
    return [forms.Group(str(g["id"]), str(g.get("handle") or g.get("name") or g["id"]))
            for g in found if g.get("id")]


def open_form(deps: Deps, client: WebClient, *, trigger_id: str, team_id: str,
              user: str) -> bool:
    """Open the settings form for an admin; False (nothing opened) for anyone else."""
    if not deps.is_admin(client, user, team_id):
        log.info("settings form refused to %s: not an admin of %s", user, team_id)
        return False
    team = deps.team_settings(team_id)
    client.views_open(trigger_id=trigger_id, view=forms.settings_modal(
        team, flows=list(deps.flows.values()), groups=user_groups(client)))
    return True


def ready_channel(client: WebClient, channel: str) -> str | None:
    """Make sure Qualibot can post in ``channel``: join it if public; the reason if not."""
    try:
        info = client.conversations_info(channel=channel).get("channel") or {}
    except SlackApiError as e:
        error = slack_error(e)
        if error == "channel_not_found":
            return ("I can't see that channel. If it is private, invite me to it first "
                    "(/invite @qualibot in the channel), then choose it again.")
        return f"Slack would not tell me about that channel ({error}): try again."
    if info.get("is_archived"):
        return "That channel is archived: choose another."
    if info.get("is_member"):
        return None
    if info.get("is_private"):
        return ("That private channel has not invited me: type /invite @qualibot in it, "
                "then save again.")
    try:
        client.conversations_join(channel=channel)
    except SlackApiError as e:
        return f"I could not join that channel ({slack_error(e)}): invite me, then save again."
    log.info("joined %s, the new sales channel", channel)
    return None


def save(deps: Deps, client: WebClient, *, team_id: str, user: str,
         view: dict[str, object]) -> Saved | Refused:
    """Check and store a submitted form (refused for anyone but an admin)."""
    if not deps.is_admin(client, user, team_id):
        log.warning("settings save refused: %s is not an admin of %s", user, team_id)
        return Refused({"sales_channel": "Only Qualibot admins can change these settings."})
    team = deps.team_settings(team_id)
    got = forms.read(view, kept_groups=[x for x in team.escalate_to if x.startswith("S")])
    if got.version != team.version and deps.teams is not None:
        deps.teams.forget(team_id)  # read it afresh: maybe this instance is a moment late
        team = deps.team_settings(team_id)
        if got.version != team.version:
            return Refused({"sales_channel": STALE})
    checked = values.validate(got.values, loaded=list(deps.flows))
    errors = checked if isinstance(checked, dict) else {}
    secret_error = values.check_secret(
        got.secret, url=checked.crm_webhook_url if not isinstance(checked, dict) else None,
        has_secret=bool(team.crm_webhook_secret))
    if secret_error:
        errors[values.SECRET] = secret_error
    if errors or isinstance(checked, dict):
        return Refused(errors)
    if checked.sales_channel and checked.sales_channel != team.sales_channel:
        problem = ready_channel(client, checked.sales_channel)
        if problem:
            return Refused({"sales_channel": problem})
    if not isinstance(deps.teams, Teams):
        return Refused({"sales_channel": "Settings cannot be saved here."})
    changes = deps.teams.change(deps.sessions, team_id=team_id, by=user, new=checked,
                                secret=got.secret, now=deps.clock(), version=got.version)
    if changes is None:  # another admin saved a moment before, on some instance
        return Refused({"sales_channel": STALE})
    log.info("settings of %s changed by %s: %s", team_id, user,
             ", ".join(c.setting for c in changes) or "nothing")
    return Saved(changes)
