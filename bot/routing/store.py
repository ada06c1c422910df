"""Persistence of routing: round-robin turns, AEs away, assignments counted per day.

The session first, keywords after, and the caller owns the transaction. ``take_turn``
locks the group's turn rows (FOR UPDATE on PostgreSQL; SQLite's writers take turns), so
two instances never hand out the same turn.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.core.db import add_if_new
from bot.core.models import AwayRow, Handoff, RoutingTurn
from flows.routing import Group, pick

_TURNS = RoutingTurn.__table__


def day_start(now: datetime) -> datetime:
    """Midnight UTC of ``now``'s day: daily caps count from there."""
    return datetime.combine(now.astimezone(UTC).date(), time.min, tzinfo=UTC)


def away(session: Session, *, users: Iterable[str]) -> set[str]:
    users = list(users)
    if not users:
        return set()
    return set(session.scalars(select(AwayRow.user_id).where(AwayRow.user_id.in_(users))))


def set_away(session: Session, *, user: str, now: datetime) -> bool:
    """True if ``user`` was not away before."""
    return add_if_new(session, AwayRow.__table__, {"user_id": user, "since": now}) is not None


def set_back(session: Session, *, user: str) -> bool:
    """True if ``user`` was away."""
    return bool(session.execute(delete(AwayRow).where(AwayRow.user_id == user)).rowcount)


def assigned_today(session: Session, *, users: Collection[str], now: datetime
                   ) -> dict[str, int]:
    """How many leads each of ``users`` holds that were assigned to them today (UTC)."""
    if not users:
        return {}
    rows = session.execute(
        select(Handoff.assigned_to, func.count()).where(
            Handoff.assigned_to.in_(list(users)), Handoff.assigned_at >= day_start(now))
        .group_by(Handoff.assigned_to))
    return {user: n for user, n in rows if user is not None}


def take_turn(session: Session, *, name: str, group: Group, unavailable: Collection[str]
              ) -> str | None:
    """The member whose turn it is among those available, the group's turns moved on;
    None (nothing changed) if nobody is available."""
    users = sorted(m.user for m in group.members)
    for user in users:
        add_if_new(session, _TURNS, {"group": name, "user_id": user, "current": 0})
    locked = (select(RoutingTurn.user_id, RoutingTurn.current)
              .where(RoutingTurn.group == name, RoutingTurn.user_id.in_(users))
              .order_by(RoutingTurn.user_id))
    if session.get_bind().dialect.name == "postgresql":
        locked = locked.with_for_update()
    state = {user: current for user, current in session.execute(locked)}
    chosen = pick(group, state, set(unavailable))
    if chosen is None:
        return None
    for user, current in chosen.state.items():
        if state.get(user) != current:
            session.execute(update(RoutingTurn).where(RoutingTurn.group == name,
                                                      RoutingTurn.user_id == user)
                            .values(current=current))
    return chosen.user


def lock_handoff(session: Session, *, handoff_id: int) -> Handoff | None:
    """The handoff, its row locked until the transaction ends."""
    query = select(Handoff).where(Handoff.id == handoff_id).execution_options(
        populate_existing=True)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(of=Handoff)
    return session.scalars(query).first()


def overdue_assignments(session: Session, *, now: datetime, most: int = 50
                        ) -> list[tuple[int, str, int]]:
    """Posted, assigned, not accepted by their time: (id, assigned to, reassignments)."""
    return [(i, u, n) for i, u, n in session.execute(
        select(Handoff.id, Handoff.assigned_to, Handoff.reassignments).where(
            Handoff.message_ts.is_not(None), Handoff.assigned_to.is_not(None),
            Handoff.claimed_by.is_(None), Handoff.sent_back_at.is_(None),
            Handoff.accept_by.is_not(None), Handoff.accept_by <= now)
        .order_by(Handoff.accept_by, Handoff.id).limit(most))]


def window_end(now: datetime, minutes: float | None) -> datetime | None:
    return now + timedelta(minutes=minutes) if minutes else None
