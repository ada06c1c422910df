"""A team's settings as they are in effect now: what its admins chose in App Home, and
for everything they left alone, the environment's defaults (``config.settings``).

Every feature reads them through ``Deps.team_settings(team_id)``; ``bot.settings`` keeps
them in the database and caches them briefly.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from config.settings import Settings


def _ids(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(",") if x.strip())


@dataclass(frozen=True)
class TeamSettings:
    team_id: str
    sales_channel: str | None
    flows: tuple[str, ...]  # the flows SDRs may use, the default first; never empty
    sla_minutes: float  # an unclaimed card is re-announced after this long (0: never)
    sla_reminders: int  # at most this many times
    escalate_to: tuple[str, ...]  # users (U…) and user groups (S…) mentioned then
    glossary_editors: tuple[str, ...]
    glossary_approvers: tuple[str, ...]
    admins: tuple[str, ...]  # Qualibot admins named in App Home (beside Slack's admins)
    draft_remind_hours: float  # an idle draft gets a reminder after this long (0: never)
    draft_expire_days: float  # …and expires after this long (0: never)
    crm_webhook_url: str | None
    crm_webhook_secret: str | None = field(default=None, repr=False)  # never shown, logged
    version: int = 0  # the stored row's version; 0: nothing chosen in App Home yet

    @property
    def default_flow(self) -> str:
        return self.flows[0]

    @property
    def crm_webhook(self) -> bool:
        """Whether qualified leads are also sent to the CRM webhook."""
        return bool(self.crm_webhook_url and self.crm_webhook_secret)

    def may_edit_glossary(self, user: str) -> bool:
        return user in self.glossary_editors or self.may_approve_glossary(user)

    def may_approve_glossary(self, user: str) -> bool:
        return bool(user) and user in self.glossary_approvers


def from_env(settings: Settings, team_id: str, loaded: tuple[str, ...] | list[str],
             default_flow: str) -> TeamSettings:
    """The environment's settings, for a team that changed none of them. ``loaded``: the
    flows loaded at start-up (an enabled flow must be one of them)."""
    flows = tuple(f for f in settings.enabled_flows if f in loaded) or (default_flow,)
    secret = settings.CRM_WEBHOOK_SECRET.get_secret_value() if settings.CRM_WEBHOOK_SECRET \
        else None
    return TeamSettings(
        team_id=team_id, sales_channel=settings.SALES_CHANNEL, flows=flows,
        sla_minutes=settings.HANDOFF_SLA_MINUTES, sla_reminders=settings.HANDOFF_SLA_REMINDERS,
        escalate_to=_ids(settings.HANDOFF_ESCALATE_TO),
        glossary_editors=_ids(settings.GLOSSARY_EDITORS),
        glossary_approvers=_ids(settings.GLOSSARY_APPROVERS), admins=(),
        draft_remind_hours=settings.DRAFT_REMIND_AFTER_HOURS,
        draft_expire_days=settings.DRAFT_EXPIRE_AFTER_DAYS,
        crm_webhook_url=settings.CRM_WEBHOOK_URL, crm_webhook_secret=secret)
