"""The settings a team's admins change in App Home, validated: each error names its
setting and says what is accepted, so that the form shows it beside the field."""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from bot.core.team import TeamSettings
from bot.slack.blocks import esc

# Each setting as a person reads it, in the order of the form (and of the history).
LABELS: dict[str, str] = {
    "sales_channel": "Sales channel",
    "flows": "Flows enabled",
    "default_flow": "Default flow",
    "sla_minutes": "SLA minutes",
    "sla_reminders": "SLA reminders",
    "escalate_to": "Escalate to",
    "glossary_editors": "Glossary editors",
    "glossary_approvers": "Glossary approvers",
    "admins": "Qualibot admins",
    "draft_remind_hours": "Draft reminder after (hours)",
    "draft_expire_days": "Draft expiry after (days)",
    "crm_webhook_url": "CRM webhook URL",
    "crm_webhook_secret": "CRM webhook secret",
}
SECRET = "crm_webhook_secret"
_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
_USER_OR_GROUP = re.compile(r"^[UWS][A-Z0-9]{2,}$")
MIN_SECRET = 16


def _ids(v: Any, pattern: re.Pattern[str], what: str) -> tuple[str, ...]:
    ids = tuple(dict.fromkeys(str(x).strip() for x in (v or ()) if str(x).strip()))
    bad = [x for x in ids if not pattern.match(x)]
    if bad:
        raise ValueError(f"{', '.join(bad)}: not {what}")
    if len(ids) > 50:
        raise ValueError("at most 50")
    return ids


class TeamValues(BaseModel):
    """Every setting of the form but the secret (kept apart: it is never shown)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sales_channel: str | None
    flows: tuple[str, ...]
    default_flow: str
    sla_minutes: float = Field(ge=0, le=7 * 24 * 60)
    sla_reminders: int = Field(ge=0, le=50)
    escalate_to: tuple[str, ...] = ()
    glossary_editors: tuple[str, ...] = ()
    glossary_approvers: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()
    draft_remind_hours: float = Field(ge=0, le=90 * 24)
    draft_expire_days: float = Field(ge=0, le=365)
    crm_webhook_url: str | None = None

    @field_validator("sales_channel")
    @classmethod
    def _channel(cls, v: str | None) -> str | None:
        v = (v or "").strip() or None
        if v is not None and not re.match(r"^[CG][A-Z0-9]{2,}$", v):
            raise ValueError("choose a channel")
        return v

    @field_validator("flows")
    @classmethod
    def _flows(cls, v: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        loaded = (info.context or {}).get("loaded")
        unknown = [f for f in v if loaded is not None and f not in loaded]
        if unknown:
            raise ValueError(f"{', '.join(unknown)}: no such flow was loaded at start-up")
        if not v:
            raise ValueError("enable at least one flow")
        return tuple(sorted(set(v)))

    @field_validator("escalate_to")
    @classmethod
    def _escalate(cls, v: Any) -> tuple[str, ...]:
        return _ids(v, _USER_OR_GROUP, "a person or a user group")

    @field_validator("glossary_editors", "glossary_approvers", "admins")
    @classmethod
    def _users(cls, v: Any) -> tuple[str, ...]:
        return _ids(v, _USER, "a person")

    @field_validator("crm_webhook_url")
    @classmethod
    def _url(cls, v: str | None) -> str | None:
        v = (v or "").strip() or None
        if v is None:
            return None
        parsed = urlparse(v)
        if parsed.scheme not in ("http", "https") or not parsed.netloc or len(v) > 2000:
            raise ValueError("must be an http(s) URL, such as https://crm.example.com/hooks/q")
        return v

    @model_validator(mode="after")
    def _together(self) -> TeamValues:
        if self.default_flow not in self.flows:
            raise _FieldError("default_flow", "must be one of the flows enabled")
        if self.draft_remind_hours and self.draft_expire_days \
                and self.draft_expire_days * 24 <= self.draft_remind_hours:
            raise _FieldError("draft_expire_days", "must be later than the reminder, or 0 "
                              "(never), or the reminder could never be sent")
        return self


class _FieldError(ValueError):
    """An error of one field found by a check of several."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


def validate(data: dict[str, Any], *, loaded: list[str]) -> TeamValues | dict[str, str]:
    """The values, or each field's error in words (by setting name)."""
    try:
        return TeamValues.model_validate(data, context={"loaded": loaded})
    except ValidationError as e:
        errors: dict[str, str] = {}
        for err in e.errors():
            cause = (err.get("ctx") or {}).get("error")
            field = cause.field if isinstance(cause, _FieldError) else \
                str(err["loc"][0]) if err["loc"] else "sales_channel"
            errors.setdefault(field, _words(err))
        return errors


def _words(err: Any) -> str:
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"must be {_num(ctx.get('ge'))} or more"
    if kind == "less_than_equal":
        return f"must be at most {_num(ctx.get('le'))}"
    if kind in ("float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"):
        return "must be a number" if "float" in kind else "must be a whole number"
    return str(err["msg"]).removeprefix("Value error, ")


def _num(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def check_secret(secret: str | None, *, url: str | None, has_secret: bool) -> str | None:
    """Whether a typed secret (None: left empty, the one set is kept) goes with the URL."""
    if secret is not None and len(secret) < MIN_SECRET:
        return f"must be at least {MIN_SECRET} characters: a long random string"
    if url and secret is None and not has_secret:
        return "the webhook URL needs a secret, to sign each request: type one"
    return None


def of(team: TeamSettings) -> TeamValues:
    """The values a team has in effect now (for the form, and to compare a save with)."""
    return TeamValues.model_construct(
        sales_channel=team.sales_channel, flows=tuple(sorted(team.flows)),
        default_flow=team.default_flow, sla_minutes=team.sla_minutes,
        sla_reminders=team.sla_reminders, escalate_to=team.escalate_to,
        glossary_editors=team.glossary_editors, glossary_approvers=team.glossary_approvers,
        admins=team.admins, draft_remind_hours=team.draft_remind_hours,
        draft_expire_days=team.draft_expire_days, crm_webhook_url=team.crm_webhook_url)


def stored(values: TeamValues) -> dict[str, Any]:
    """As kept in ``team_settings.values`` (JSON)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.model_dump().items()}


def shown(name: str, value: Any) -> str:
    """A setting's value as App Home shows it (Slack mrkdwn, escaped)."""
    if name == SECRET:
        return str(value)  # "set", "not set" or "changed": never the secret
    if value is None or value == () or value == []:
        return "(none)"
    if name == "sales_channel":
        return f"<#{value}>"
    if name in ("escalate_to", "glossary_editors", "glossary_approvers", "admins"):
        return ", ".join(f"<!subteam^{x}>" if x.startswith("S") else f"<@{x}>" for x in value)
    if isinstance(value, list | tuple):
        return esc(", ".join(str(x) for x in value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return esc(str(value))
