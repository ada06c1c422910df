"""The settings form (a modal, at most 100 blocks): built from the team's settings in
effect, and read back into plain values for ``bot.settings.values`` to check.

Each input's ``block_id`` is the setting's name (``escalate_to`` is two inputs: people and
user groups), so that an error found for a setting is shown beside its field. The CRM
webhook's secret is never put in the form: it says only whether one is set.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.team import TeamSettings
from bot.slack.blocks import SETTINGS_VIEW, context, cut, plain
from flows.model import Flow

SECRET_MAX = 200
URL_MAX = 2000
ESCALATE_USERS, ESCALATE_GROUPS = "escalate_to", "escalate_groups"


@dataclass(frozen=True)
class Group:
    """A user group (S…) that can be mentioned when a lead waits too long."""

    id: str
    handle: str


@dataclass(frozen=True)
class Submitted:
    values: dict[str, Any]  # by setting name, as typed (checked by bot.settings.values)
    secret: str | None  # typed; None: left empty (the one set is kept)
    version: int  # the settings' version the form was opened on


def _number_input(value: float, *, decimal: bool = True,
                  most: int | None = None) -> dict[str, Any]:
    """A number field from 0 (up to ``most``), showing ``value``."""
    return {"type": "number_input", "is_decimal_allowed": decimal, "min_value": "0",
            **({"max_value": str(most)} if most is not None else {}),
            "initial_value": str(int(value)) if float(value).is_integer() else str(value)}


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(cut(text, 75)), "value": value}


def _input(block_id: str, label: str, element: dict[str, Any], *, hint: str | None = None,
           optional: bool = False) -> dict[str, Any]:
    block = {"type": "input", "block_id": block_id, "label": plain(label),
             "element": {"action_id": "v", **element}, "optional": optional}
    if hint:
        block["hint"] = plain(hint, 2000)
    return block


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(text)}


def _users(block_id: str, label: str, users: Sequence[str], hint: str) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "multi_users_select", "placeholder": plain("Choose people")}
    if users:
        element["initial_users"] = list(users)[:100]
    return _input(block_id, label, element, hint=hint, optional=True)


def settings_modal(team: TeamSettings, *, flows: Sequence[Flow],
                   groups: Sequence[Group] | None) -> dict[str, Any]:
    """The form, filled in with the settings in effect. ``groups``: the workspace's user
    groups (None: Slack would not list them; the groups chosen are then kept as they are)."""
    channel: dict[str, Any] = {
        "type": "conversations_select", "placeholder": plain("Choose a channel"),
        "filter": {"include": ["public", "private"], "exclude_bot_users": True}}
    if team.sales_channel:
        channel["initial_conversation"] = team.sales_channel
    by_id = {f.id: f for f in flows}
    options = [_option(f.name, f.id) for f in flows[:100]]
    enabled = [_option(by_id[f].name, f) for f in team.flows if f in by_id]
    default = by_id.get(team.default_flow)
    blocks: list[dict[str, Any]] = [
        context("Changes apply at once, on every Qualibot instance. A setting never changed "
                "here keeps the server's default."),
        _header("Handoffs"),
        _input("sales_channel", "Sales channel", channel, optional=True, hint=(
            "Qualified leads are posted here. I join a public channel myself; for a "
            "private one, invite me first (/invite @qualibot).")),
        _input("flows", "Flows enabled", {"type": "multi_static_select", "options": options,
                                          **({"initial_options": enabled} if enabled else {})},
               hint="The qualification rules SDRs may use."),
        _input("default_flow", "Default flow", {
            "type": "static_select", "options": options,
            **({"initial_option": _option(default.name, default.id)} if default else {})},
            hint="Used when an SDR does not pick one; it must be enabled."),
        _header("SLA for unclaimed leads"),
        _input("sla_minutes", "SLA minutes", _number_input(team.sla_minutes),
               hint="A card left unclaimed this long is announced again (0: never)."),
        _input("sla_reminders", "SLA reminders",
               _number_input(team.sla_reminders, decimal=False, most=50),
               hint="At most this many times per lead."),
        _users(ESCALATE_USERS, "Escalate to (people)",
               [x for x in team.escalate_to if not x.startswith("S")],
               "Mentioned when a lead waits past the SLA or runs out of AEs."),
    ]
    if groups:
        chosen = [x for x in team.escalate_to if x.startswith("S")]
        known = {g.id: g for g in groups}
        group_options = [_option(f"@{g.handle}", g.id) for g in groups[:100]]
        initial = [_option(f"@{known[x].handle}", x) for x in chosen if x in known]
        blocks.append(_input(ESCALATE_GROUPS, "Escalate to (user groups)", {
            "type": "multi_static_select", "options": group_options,
            "placeholder": plain("Choose user groups"),
            **({"initial_options": initial} if initial else {})}, optional=True))
    blocks += [
        _header("Glossary"),
        _users("glossary_editors", "Glossary editors", team.glossary_editors,
               "Change the glossary directly."),
        _users("glossary_approvers", "Glossary approvers", team.glossary_approvers,
               "Approve or reject everyone else's proposed changes (and edit, too)."),
        _header("Idle drafts"),
        _input("draft_remind_hours", "Reminder after (hours)",
               _number_input(team.draft_remind_hours),
               hint="An SDR's unfinished qualification gets a reminder (0: never)."),
        _input("draft_expire_days", "Expiry after (days)",
               _number_input(team.draft_expire_days),
               hint="…and is closed after this long (0: never)."),
        _header("CRM webhook"),
        _input("crm_webhook_url", "Webhook URL", {
            "type": "plain_text_input", "max_length": URL_MAX,
            "placeholder": plain("https://crm.example.com/hooks/qualibot"),
            **({"initial_value": team.crm_webhook_url} if team.crm_webhook_url else {})},
            optional=True, hint="Each qualified lead is also POSTed here as signed JSON "
                                "(empty: none)."),
        _input("crm_webhook_secret", "Webhook secret", {
            "type": "plain_text_input", "max_length": SECRET_MAX,
            "placeholder": plain("A secret is set: type a new one to replace it"
                                 if team.crm_webhook_secret else "No secret is set yet")},
            optional=True, hint=("A secret is set and is never shown. Leave this empty to "
                                 "keep it." if team.crm_webhook_secret else
                                 "The key each request is signed with (HMAC-SHA256).")),
        _header("Qualibot admins"),
        _users("admins", "Admins", team.admins,
               "They may change these settings. Workspace admins and owners always may."),
    ]
    return {"type": "modal", "callback_id": SETTINGS_VIEW, "title": plain("Qualibot settings"),
            "submit": plain("Save"), "close": plain("Cancel"), "blocks": blocks,
            "private_metadata": json.dumps({"version": team.version})}


def _state(view: dict[str, Any], block: str) -> dict[str, Any]:
    return (((view.get("state") or {}).get("values") or {}).get(block) or {}).get("v") or {}


def _has(view: dict[str, Any], block: str) -> bool:
    return block in ((view.get("state") or {}).get("values") or {})


def _selected(view: dict[str, Any], block: str) -> list[str]:
    return [str(o.get("value")) for o in _state(view, block).get("selected_options") or []]


def _typed(view: dict[str, Any], block: str) -> str | None:
    value = _state(view, block).get("value")
    return None if value is None else str(value).strip()


def read(view: dict[str, Any], *, kept_groups: Sequence[str]) -> Submitted:
    """The submitted form as plain values by setting name. ``kept_groups``: the user groups
    chosen before, kept when the form had no user group field."""
    groups = _selected(view, ESCALATE_GROUPS) if _has(view, ESCALATE_GROUPS) \
        else list(kept_groups)
    default = (_state(view, "default_flow").get("selected_option") or {}).get("value")
    try:
        version = int(json.loads(view.get("private_metadata") or "{}").get("version", -1))
    except (ValueError, TypeError, AttributeError):
        version = -1
    secret = _typed(view, "crm_webhook_secret")
    return Submitted(values={
        "sales_channel": _state(view, "sales_channel").get("selected_conversation"),
        "flows": _selected(view, "flows"),
        "default_flow": default or "",
        "sla_minutes": _typed(view, "sla_minutes"),
        "sla_reminders": _typed(view, "sla_reminders"),
        "escalate_to": [*(_state(view, ESCALATE_USERS).get("selected_users") or []), *groups],
        "glossary_editors": _state(view, "glossary_editors").get("selected_users") or [],
        "glossary_approvers": _state(view, "glossary_approvers").get("selected_users") or [],
        "admins": _state(view, "admins").get("selected_users") or [],
        "draft_remind_hours": _typed(view, "draft_remind_hours"),
        "draft_expire_days": _typed(view, "draft_expire_days"),
        "crm_webhook_url": _typed(view, "crm_webhook_url") or None,
    }, secret=secret or None, version=version)


def errors_shown(errors: dict[str, str], view: dict[str, Any]) -> dict[str, str]:
    """Errors by setting name, as ``response_action: errors`` wants them: by block id,
    each on a block the form has."""
    blocks = {b.get("block_id") for b in view.get("blocks") or []}
    shown: dict[str, str] = {}
    for name, message in errors.items():
        block = name if name in blocks else "sales_channel"
        shown.setdefault(block, cut(message, 150))
    return shown
