"""The App Home tab: an SDR's open drafts, their recent qualifications, the team's week,
and handoffs whose card could not be posted (their own; an admin's tab lists everyone's).

Published with ``views.publish`` when the SDR opens the tab, and again when they submit
or cancel a qualification if they opened it lately, so that the tab they may be looking
at never lists a draft that is gone.
"""
from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, selectinload

from bot.core.deps import Deps
from bot.core.errors import describe
from bot.core.models import AnswerRow, Handoff, Lead, Outbox, Qualification, ScoreRow
from bot.core.team import TeamSettings
from bot.home import views
from bot.home.views import ChangeShown, HomeData, NotPosted, OpenDraft, Recent, SettingsShown
from bot.reports import weekly
from bot.settings import store as settings_store
from bot.settings.store import Change
from bot.settings.values import LABELS, SECRET, shown
from flows.conversation import Cancelled, Finished, Reply
from flows.model import Status

log = logging.getLogger(__name__)
DRAFTS_SHOWN = 40
RECENT_SHOWN = 10
NOT_POSTED_SHOWN = 10
CHANGES_SHOWN = 8  # the latest settings changes an admin's tab lists
_FAILED_CARD = and_(Outbox.kind == "slack", Outbox.status == "failed")


def _drafts(deps: Deps, s: Session, user: str, team: str
            ) -> tuple[tuple[OpenDraft, ...], int]:
    mine = (Qualification.sdr_user_id == user, Qualification.status == Status.DRAFT.value,
            Lead.team_id == team)
    count = s.scalar(select(func.count()).select_from(Qualification)
                     .join(Lead, Lead.id == Qualification.lead_id).where(*mine)) or 0
    rows = s.execute(
        select(Qualification.id, Qualification.flow_id, Qualification.updated_at, Lead.name,
               select(func.count(AnswerRow.id))
               .where(AnswerRow.qualification_id == Qualification.id)
               .scalar_subquery().label("answered"))
        .join(Lead, Lead.id == Qualification.lead_id).where(*mine)
        .order_by(Qualification.updated_at.desc(), Qualification.id.desc())
        .limit(DRAFTS_SHOWN))
    drafts = tuple(OpenDraft(
        qualification_id=r.id, lead=r.name, flow=deps.flow_name(r.flow_id),
        answered=r.answered, last_activity=r.updated_at,
        questions=len(deps.flows[r.flow_id].questions) if r.flow_id in deps.flows else 0)
        for r in rows)
    return drafts, max(0, count - len(drafts))


def _recent(deps: Deps, s: Session, user: str, team: str) -> tuple[Recent, ...]:
    quals = s.scalars(
        select(Qualification).join(ScoreRow, ScoreRow.qualification_id == Qualification.id)
        .join(Lead, Lead.id == Qualification.lead_id)
        .where(Qualification.sdr_user_id == user, Lead.team_id == team)
        .options(selectinload(Qualification.lead), selectinload(Qualification.score),
                 selectinload(Qualification.handoff))
        .order_by(ScoreRow.created_at.desc(), ScoreRow.id.desc())
        .limit(RECENT_SHOWN))
    return tuple(Recent(
        lead=q.lead.name, at=q.score.created_at, flow=deps.flow_name(q.flow_id),
        total=q.score.total, max_total=q.score.max_total,
        verdict=q.score.verdict_label or q.score.verdict, handed_off=q.handoff is not None,
        claimed_by=q.handoff.claimed_by if q.handoff else None,
        sent_back_by=q.handoff.sent_back_by if q.handoff else None)
        for q in quals if q.score is not None)


def _not_posted(s: Session, user: str, everyone: bool, team: str
                ) -> tuple[tuple[NotPosted, ...], int]:
    """The handoffs whose card failed: the SDR's own, or everyone's in the team."""
    whose = (Lead.team_id == team,) if everyone else (
        Lead.team_id == team, Qualification.sdr_user_id == user)
    failed = (select(Handoff.id, Lead.name, Qualification.sdr_user_id, Handoff.channel,
                     Outbox.last_error, Handoff.created_at)
              .join(Outbox, Outbox.handoff_id == Handoff.id)
              .join(Qualification, Qualification.id == Handoff.qualification_id)
              .join(Lead, Lead.id == Qualification.lead_id).where(_FAILED_CARD, *whose))
    count = s.scalar(select(func.count()).select_from(failed.subquery())) or 0
    rows = s.execute(failed.order_by(Handoff.created_at.desc(), Handoff.id.desc())
                     .limit(NOT_POSTED_SHOWN)).all()
    return tuple(NotPosted(*r) for r in rows), max(0, count - len(rows))


def _team_of(s: Session, user: str) -> str | None:
    """The workspace of the SDR's latest lead (a Home refreshed after a step has no body)."""
    return s.scalar(select(Lead.team_id).join(Qualification, Qualification.lead_id == Lead.id)
                    .where(Qualification.sdr_user_id == user)
                    .order_by(Qualification.id.desc()).limit(1))


def gather(deps: Deps, *, user: str, team_id: str | None, admin: bool = False) -> HomeData:
    with deps.readers() as s:  # the person's rows in this workspace only (an Enterprise
        # Grid user has the same id in every workspace of the org)
        team = team_id or _team_of(s, user) or deps.team or ""
        drafts, more = _drafts(deps, s, user, team)
        recent = _recent(deps, s, user, team)
        not_posted, more_not_posted = _not_posted(s, user, admin, team)
        changes = settings_store.history(s, team_id=team, limit=CHANGES_SHOWN) \
            if admin else []
    settings = deps.team_settings(team)
    return HomeData(user=user, drafts=drafts, more_drafts=more, recent=recent,
                    week=weekly.current(deps, weeks=1, team_id=team), not_posted=not_posted,
                    more_not_posted=more_not_posted, admin=admin,
                    settings=_settings(deps, settings, changes) if admin else None,
                    no_sales_channel=not settings.sales_channel)


def _settings(deps: Deps, team: TeamSettings, changes: list[Change]) -> SettingsShown:
    """The team's settings as an admin's tab lists them (the secret: only whether set)."""
    lines = [(LABELS[name], shown(name, value)) for name, value in (
        ("sales_channel", team.sales_channel),
        ("default_flow", deps.flow_name(team.default_flow)),
        ("flows", [deps.flow_name(f) for f in team.flows]),
        ("sla_minutes", team.sla_minutes), ("sla_reminders", team.sla_reminders),
        ("escalate_to", team.escalate_to), ("glossary_editors", team.glossary_editors),
        ("glossary_approvers", team.glossary_approvers), ("admins", team.admins),
        ("draft_remind_hours", team.draft_remind_hours),
        ("draft_expire_days", team.draft_expire_days),
        ("crm_webhook_url", team.crm_webhook_url),
        (SECRET, "set" if team.crm_webhook_secret else "not set"))]
    return SettingsShown(tuple(lines), tuple(
        ChangeShown(LABELS.get(c.setting, c.setting), shown(c.setting, c.before),
                    shown(c.setting, c.after), c.by, c.at) for c in changes))


def opened(deps: Deps, client: WebClient, *, user: str, team_id: str | None) -> None:
    """The SDR opened their Home tab: publish it, and keep it fresh for a while."""
    deps.home_viewers.saw(user, deps.clock())
    publish(deps, client, user=user, team_id=team_id)


def publish(deps: Deps, client: WebClient, *, user: str, team_id: str | None) -> None:
    """Render the person's Home tab from the database and publish it. An admin's has the
    team's settings (Slack is asked who is an admin at most every few minutes:
    ``Admins``)."""
    admin = deps.is_admin(client, user, team_id)
    client.views_publish(user_id=user, view=views.home(gather(deps, user=user,
                                                               team_id=team_id, admin=admin)))


def refresh(deps: Deps, client: WebClient, *, user: str, team_id: str | None = None) -> None:
    """Publish the person's tab again after something they did in it changed it."""
    try:
        publish(deps, client, user=user, team_id=team_id)
    except Exception as e:  # noqa: BLE001 -- done already; the tab refreshes when opened
        log.warning("could not refresh the Home tab of %s: %s", user, describe(e),
                    exc_info=not isinstance(e, SlackApiError))


def after_step(deps: Deps, client: WebClient, *, user: str, team_id: str,
               reply: Reply) -> None:
    """Once a qualification is submitted or cancelled, its draft leaves the Home tab (of an
    SDR who looked at it lately: anyone's tab is rebuilt whenever they open it), the tab
    of the qualification's team."""
    if not isinstance(reply, Finished | Cancelled) or not deps.home_viewers.watching(
            user, deps.clock()):
        return
    try:
        publish(deps, client, user=user, team_id=team_id or None)
    except Exception as e:  # noqa: BLE001 -- the step is done; the tab refreshes when opened
        log.warning("could not refresh the Home tab of %s: %s", user, describe(e),
                    exc_info=not isinstance(e, SlackApiError))
