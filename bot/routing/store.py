"""Persistence of routing: round-robin turns, AEs away, assignments counted per day.

The session first, keywords after, and the caller owns the transaction. ``seats`` locks
the group's turn rows (FOR UPDATE on PostgreSQL; SQLite's writers take turns), so two
instances never hand out the same turn.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from bot.core.db import add_if_new
from bot.core.models import AwayRow, Handoff, RoutingTurn

_TURNS = RoutingTurn.__table__


def day_start(now: datetime) -> datetime:
    """Midnight UTC of ``now``'s day: daily caps count from there."""
    return datetime.combine(now.astimezone(UTC).date(), time.min, tzinfo=UTC)


def set_away(session: Session, *, team_id: str, user: str, now: datetime) -> bool:
    """True if ``user`` was not away before."""
    return add_if_new(session, AwayRow.__table__,
                      {"team_id": team_id, "user_id": user, "since": now}) is not None


def set_back(session: Session, *, team_id: str, user: str) -> bool:
    """True if ``user`` was away."""
    return bool(session.execute(delete(AwayRow).where(
        AwayRow.team_id == team_id, AwayRow.user_id == user)).rowcount)


@dataclass(frozen=True)
class Seat:
    """A member's place in a group's round robin, and whether they can take a lead now."""

    current: int  # smooth weighted round robin's current weight
    away: bool  # said /qualify away
    today: int  # leads assigned to them today (UTC) and still theirs


def seats(session: Session, *, team_id: str, name: str, users: Collection[str],
          now: datetime) -> dict[str, Seat]:
    """The group's seats, their rows locked until the transaction ends (two instances
    never take the same turn), in one statement; rows of members new to the group are
    added first."""
    users = sorted(users)
    found = _seats(session, team_id=team_id, name=name, users=users, now=now)
    if len(found) < len(users):
        for user in users:
            if user not in found:
                add_if_new(session, _TURNS, {"team_id": team_id, "group": name,
                                             "user_id": user, "current": 0})
        found = _seats(session, team_id=team_id, name=name, users=users, now=now)
    return found


# Built once: building a statement costs more than running it.
_T, _A, _H = RoutingTurn.__table__.c, AwayRow.__table__.c, Handoff.__table__.c
_TODAY = (select(func.count()).select_from(Handoff.__table__)
          .where(_H.assigned_to == _T.user_id, _H.assigned_at >= bindparam("day"))
          .correlate(RoutingTurn.__table__).scalar_subquery())
_SEATS = (select(_T.user_id, _T.current, _A.user_id.is_not(None), _TODAY)
          .select_from(RoutingTurn.__table__)
          .outerjoin(AwayRow.__table__, (_A.team_id == _T.team_id) & (_A.user_id == _T.user_id))
          .where(_T.team_id == bindparam("team"), _T.group == bindparam("name"),
                 _T.user_id.in_(bindparam("users", expanding=True)))
          .order_by(_T.user_id))
_SEATS_LOCKED = _SEATS.with_for_update(of=RoutingTurn.__table__)
_SAVE_TURN = (update(RoutingTurn.__table__)
              .where(_T.team_id == bindparam("team"), _T.group == bindparam("name"),
                     _T.user_id == bindparam("user"))
              .values(current=bindparam("current_")))


def _seats(session: Session, *, team_id: str, name: str, users: list[str], now: datetime
           ) -> dict[str, Seat]:
    conn = session.connection()
    query = _SEATS_LOCKED if conn.dialect.name == "postgresql" else _SEATS
    return {user: Seat(current, bool(away), n) for user, current, away, n in conn.execute(
        query, {"team": team_id, "name": name, "users": users, "day": day_start(now)})}


def save_turns(session: Session, *, team_id: str, name: str, turns: dict[str, int]) -> None:
    """The group's round robin moved on: the new current weights."""
    if turns:
        session.connection().execute(_SAVE_TURN, [
            {"team": team_id, "name": name, "user": user, "current_": current}
            for user, current in turns.items()])


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
