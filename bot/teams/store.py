"""The teams Qualibot serves, and every row of one team (to adopt, count or delete).

The session first, keywords after; the caller owns the transaction.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, union, update
from sqlalchemy.orm import Session

from bot.core.db import add_if_new
from bot.core.models import (
    BOTS_TABLE,
    INSTALLATIONS_TABLE,
    AnswerRow,
    AwayRow,
    Base,
    Handoff,
    Lead,
    LookupRow,
    Outbox,
    Qualification,
    RoutingTurn,
    ScoreRow,
    TeamRow,
    TeamSettingChange,
    TeamSettingsRow,
    TermChange,
    TermRow,
)

# The tables with a team_id of their own; the rest hang off a lead.
OWN_TEAM = (Lead, TermRow, TermChange, LookupRow, RoutingTurn, AwayRow, TeamSettingsRow,
            TeamSettingChange)


def seen(session: Session, *, team_id: str, now: datetime, enterprise_id: str | None = None,
         name: str | None = None, installed_by: str | None = None,
         installed: bool = False) -> bool:
    """Note a team (first seen, or installed again); True if it was new."""
    new = add_if_new(session, TeamRow.__table__, {
        "team_id": team_id, "enterprise_id": enterprise_id, "name": name,
        "installed_by": installed_by, "installed_at": now if installed else None,
        "first_seen_at": now}) is not None
    if not new and installed:
        session.execute(update(TeamRow).where(TeamRow.team_id == team_id).values(
            enterprise_id=enterprise_id, name=name, installed_by=installed_by,
            installed_at=now, uninstalled_at=None))
    return new


def uninstalled(session: Session, *, team_id: str, now: datetime) -> None:
    session.execute(update(TeamRow).where(TeamRow.team_id == team_id)
                    .values(uninstalled_at=now))


def installer(session: Session, *, team_id: str) -> str | None:
    """Who installed Qualibot in the team (a user id), if it was installed with OAuth."""
    return session.scalar(select(TeamRow.installed_by).where(TeamRow.team_id == team_id))


def known(session: Session) -> list[str]:
    """Every team with a row anywhere, sorted."""
    teams = union(select(TeamRow.team_id), select(Lead.team_id), select(TermRow.team_id))
    return sorted(t for t in session.scalars(select(teams.subquery().c[0])) if t)


def adopt(session: Session, *, team_id: str) -> int:
    """Rows that belong to no team (migrated before any team was known) are the team's:
    the single workspace's, at its first start-up. Returns how many rows moved."""
    moved = 0
    for model in OWN_TEAM:
        moved += session.execute(update(model).where(model.team_id == "")  # type: ignore[attr-defined]
                                 .values(team_id=team_id)).rowcount
    return moved


def delete_team(session: Session, *, team_id: str) -> dict[str, int]:
    """Every row of the team, children first; how many per table (tokens included)."""
    counts: dict[str, int] = {}
    leads = select(Lead.id).where(Lead.team_id == team_id)
    quals = select(Qualification.id).where(Qualification.lead_id.in_(leads))
    handoffs = select(Handoff.id).where(Handoff.qualification_id.in_(quals))
    steps: list[tuple[str, object]] = [
        ("outbox", delete(Outbox).where(Outbox.handoff_id.in_(handoffs))),
        ("handoffs", delete(Handoff).where(Handoff.qualification_id.in_(quals))),
        ("scores", delete(ScoreRow).where(ScoreRow.qualification_id.in_(quals))),
        ("answers", delete(AnswerRow).where(AnswerRow.qualification_id.in_(quals))),
        ("qualifications", delete(Qualification).where(Qualification.lead_id.in_(leads))),
        ("leads", delete(Lead).where(Lead.team_id == team_id)),
    ]
    for model in OWN_TEAM[1:]:
        steps.append((model.__tablename__, delete(model).where(
            model.team_id == team_id)))  # type: ignore[attr-defined]
    for name in (INSTALLATIONS_TABLE, BOTS_TABLE):
        table = Base.metadata.tables[name]
        steps.append((name, delete(table).where(table.c.team_id == team_id)))
    steps.append(("teams", delete(TeamRow).where(TeamRow.team_id == team_id)))
    for name, statement in steps:
        counts[name] = session.execute(statement).rowcount  # type: ignore[call-overload]
    return counts


def count_team(session: Session, *, team_id: str) -> int:
    """How many leads the team has (a quick look before deleting it)."""
    return session.scalar(select(func.count()).select_from(Lead)
                          .where(Lead.team_id == team_id)) or 0
