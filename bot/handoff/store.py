"""Persistence of handoffs and their outbox: leases, results, claims, send-backs, SLA.

Like ``bot.qualify.store``: the session first, keywords after, and the caller owns the transaction.
"""
from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, joinedload, selectinload

from bot.core.models import Handoff, Lead, Outbox, Qualification

_OUTBOX_TEAM = (selectinload(Outbox.handoff).selectinload(Handoff.qualification)
                .selectinload(Qualification.lead),)
_HANDOFF_GRAPH = (
    selectinload(Handoff.qualification).selectinload(Qualification.lead),
    selectinload(Handoff.qualification).selectinload(Qualification.score),
    selectinload(Handoff.qualification).selectinload(Qualification.answers),
)


def _due(now: Any) -> ColumnElement[bool]:
    o = Outbox.__table__.c
    return and_(o.status == "pending", o.next_attempt_at <= now,
                or_(o.lease_until.is_(None), o.lease_until < now))


# The courier's statements, built once (and their cache keys with them): it runs them
# after every Submit.
_TAKE = (select(Outbox.id).where(_due(bindparam("now")))
         .order_by(Outbox.next_attempt_at, Outbox.id).limit(bindparam("most", type_=Integer)))
_TAKE_LOCKED = _TAKE.with_for_update(skip_locked=True)
_LEASE = (update(Outbox.__table__)
          .where(Outbox.__table__.c.id == bindparam("outbox_id"), _due(bindparam("now")))
          .values(lease_until=bindparam("until"), lease_token=bindparam("token"),
                  attempts=Outbox.__table__.c.attempts + 1))
_VIA = joinedload(Outbox.handoff, innerjoin=True).joinedload(Handoff.qualification,
                                                             innerjoin=True)
_LEASED = (select(Outbox).where(Outbox.id.in_(bindparam("ids", expanding=True)))
           .options(_VIA.joinedload(Qualification.lead, innerjoin=True),
                    _VIA.joinedload(Qualification.score),
                    _VIA.selectinload(Qualification.answers))
           .order_by(Outbox.next_attempt_at, Outbox.id)
           .execution_options(populate_existing=True))
_NEXT_DUE = select(func.min(case((Outbox.lease_until > Outbox.next_attempt_at,
                                  Outbox.lease_until), else_=Outbox.next_attempt_at))
                   ).where(Outbox.status == "pending")


def take_due(session: Session, *, now: datetime, lease: timedelta,
             most: int = 1) -> list[int]:
    """Lease up to ``most`` due deliveries, the longest due first, and return their ids
    (``leased`` reads them); until a lease runs out no other courier gets that delivery."""
    # Exactly ``most``: on PostgreSQL the rows selected stay locked until commit, and
    # other couriers skip them, so selecting more than are taken would hold them back.
    conn = session.connection()  # Core statements: no ORM bookkeeping for ids and counts
    due = _TAKE_LOCKED if conn.dialect.name == "postgresql" else _TAKE
    taken: list[int] = []
    for outbox_id in conn.execute(due, {"now": now, "most": most}).scalars().all():
        if conn.execute(_LEASE, {"outbox_id": outbox_id, "now": now, "until": now + lease,
                                 "token": uuid.uuid4().hex}).rowcount:
            taken.append(outbox_id)
    return taken


def leased(session: Session, *, outbox_ids: list[int]) -> list[Outbox]:
    """Deliveries with all a courier needs to make them (read after ``take_due`` commits,
    outside the write transaction): one query for the rows and everything each has one
    of, one for the answers."""
    if not outbox_ids:
        return []
    return list(session.scalars(_LEASED, {"ids": list(outbox_ids)}))


def next_due(session: Session) -> datetime | None:
    """When the courier should look again: the earliest retry time or lease expiry."""
    return session.connection().execute(_NEXT_DUE).scalar()


_O = Outbox.__table__.c
# Core statements on the table: what the courier writes needs none of the ORM's
# bookkeeping (no object of its session is changed by them).
_HELD = and_(_O.id == bindparam("outbox_id"), _O.lease_token == bindparam("token"),
             _O.status == "pending")
_DONE = update(Outbox.__table__).where(_HELD).values(
    status="done", done_at=bindparam("now"), lease_until=None, lease_token=None,
    last_error=None)
_RETRY = update(Outbox.__table__).where(_HELD).values(
    next_attempt_at=bindparam("at"), lease_until=None, lease_token=None,
    last_error=bindparam("error"))
_FAILED = update(Outbox.__table__).where(_HELD).values(
    status="failed", lease_until=None, lease_token=None, last_error=bindparam("error"))


def outbox_done(session: Session, *, outbox_id: int, token: str, now: datetime) -> bool:
    """Record success; False if the lease was lost meanwhile (another courier has it)."""
    return bool(session.connection().execute(_DONE, {"outbox_id": outbox_id, "token": token,
                                                     "now": now}).rowcount)


def outbox_retry(session: Session, *, outbox_id: int, token: str, at: datetime,
                 error: str) -> bool:
    return bool(session.execute(_RETRY, {"outbox_id": outbox_id, "token": token, "at": at,
                                         "error": error[:200]}).rowcount)


def outbox_failed(session: Session, *, outbox_id: int, token: str, error: str) -> bool:
    return bool(session.execute(_FAILED, {"outbox_id": outbox_id, "token": token,
                                          "error": error[:200]}).rowcount)


_H = Handoff.__table__.c
_POSTED = (update(Handoff.__table__)
           .where(_H.id == bindparam("handoff_id"), _H.message_ts.is_(None))
           .values(message_ts=bindparam("ts"), sent_at=bindparam("now")))


def handoff_posted(session: Session, *, handoff_id: int, ts: str, now: datetime) -> None:
    session.connection().execute(_POSTED, {"handoff_id": handoff_id, "ts": ts, "now": now})


def reroute(session: Session, *, handoff_id: int, channel: str, note: str) -> bool:
    """Send a routed card not yet posted to ``channel`` instead, saying why in its routing
    explanation; False if it was posted meanwhile."""
    h = session.get(Handoff, handoff_id, populate_existing=True)
    if h is None or h.message_ts is not None:
        return False
    route = dict(h.route or {})
    route["why"] = f"{route.get('why') or 'routing'}; {note}"
    h.channel, h.route = channel, route
    return True


def requeue_failed(session: Session, *, now: datetime,
                   channel_of: Callable[[str], str | None] | None = None) -> list[int]:
    """Queue every failed delivery again; Slack ones to their team's sales channel
    (``channel_of(team_id)``) when given."""
    rows = list(session.scalars(select(Outbox).where(Outbox.status == "failed")
                                .options(*_OUTBOX_TEAM)))
    for row in rows:
        row.status, row.next_attempt_at, row.attempts = "pending", now, 0
        row.lease_until = row.lease_token = None
        channel = channel_of(row.handoff.qualification.lead.team_id) if channel_of else None
        if channel and row.kind == "slack":
            session.execute(update(Handoff).where(Handoff.id == row.handoff_id)
                            .values(channel=channel))
    return [row.id for row in rows]


def claim_handoff(session: Session, *, handoff_id: int, user: str, now: datetime) -> bool:
    """First claim wins: True if ``user`` now owns the handoff. A lead assigned to an AE
    is theirs alone to accept."""
    return bool(session.execute(
        update(Handoff).where(Handoff.id == handoff_id, Handoff.claimed_by.is_(None),
                              Handoff.sent_back_at.is_(None),
                              or_(Handoff.assigned_to.is_(None), Handoff.assigned_to == user))
        .values(claimed_by=user, claimed_at=now, accept_by=None)
    ).rowcount)


def send_back(session: Session, *, handoff_id: int, user: str, reason: str,
              now: datetime) -> bool:
    """Return a lead to its SDR: anyone while unclaimed, only the owner once claimed."""
    return bool(session.execute(
        update(Handoff).where(Handoff.id == handoff_id, Handoff.sent_back_at.is_(None),
                              or_(Handoff.claimed_by.is_(None), Handoff.claimed_by == user))
        .values(sent_back_by=user, sent_back_at=now, sent_back_reason=reason)
    ).rowcount)


_WAITING = (Handoff.message_ts.is_not(None), Handoff.claimed_by.is_(None),
            Handoff.sent_back_at.is_(None), Handoff.accept_by.is_(None))


def teams_waiting(session: Session) -> list[str]:
    """The workspaces with a posted handoff waiting for a claim (each has its own SLA)."""
    return list(session.scalars(
        select(Lead.team_id).join(Qualification, Qualification.lead_id == Lead.id)
        .join(Handoff, Handoff.qualification_id == Qualification.id)
        .where(*_WAITING).distinct()))


def overdue_handoffs(session: Session, *, now: datetime, after: timedelta,
                     most: int, team_id: str | None = None) -> list[Handoff]:
    """Posted, unclaimed, not sent back, and quiet for ``after``: due an SLA reminder (of
    one workspace, if ``team_id``)."""
    quiet_since = func.coalesce(Handoff.reminded_at, Handoff.sent_at)
    team = () if team_id is None else (Handoff.qualification_id.in_(
        select(Qualification.id).join(Lead, Lead.id == Qualification.lead_id)
        .where(Lead.team_id == team_id)),)
    return list(session.scalars(
        select(Handoff).where(*team, Handoff.message_ts.is_not(None), Handoff.claimed_by.is_(None),
                              Handoff.sent_back_at.is_(None), Handoff.reminders < most,
                              Handoff.accept_by.is_(None),  # else reassigned in time
                              quiet_since <= now - after)
        .options(*_HANDOFF_GRAPH).order_by(Handoff.id)
    ))


def mark_reminded(session: Session, *, handoff_id: int, seen: int, now: datetime) -> bool:
    """Count a reminder; False if another instance sent this one already."""
    return bool(session.execute(
        update(Handoff).where(Handoff.id == handoff_id, Handoff.reminders == seen,
                              Handoff.claimed_by.is_(None), Handoff.sent_back_at.is_(None))
        .values(reminders=seen + 1, reminded_at=now)
    ).rowcount)


def team_of(session: Session, *, handoff_id: int) -> str | None:
    """The team a handoff belongs to (its lead's), or None if there is no such handoff."""
    return session.scalar(
        select(Lead.team_id).join(Qualification, Qualification.lead_id == Lead.id)
        .join(Handoff, Handoff.qualification_id == Qualification.id)
        .where(Handoff.id == handoff_id))


def get_handoff(session: Session, *, handoff_id: int) -> Handoff | None:
    return session.scalars(
        select(Handoff).where(Handoff.id == handoff_id).options(*_HANDOFF_GRAPH)
        .execution_options(populate_existing=True)
    ).first()


def requeue_delivery(session: Session, *, handoff_id: int, now: datetime,
                     channel: str | None = None) -> bool:
    """Queue one handoff's failed card again (to ``channel`` when given); False if it is
    not failed (pending, delivered, or queued again by someone else a moment ago)."""
    requeued = bool(session.execute(
        update(Outbox).where(Outbox.handoff_id == handoff_id, Outbox.kind == "slack",
                             Outbox.status == "failed")
        .values(status="pending", next_attempt_at=now, attempts=0, lease_until=None,
                lease_token=None)
    ).rowcount)
    if requeued and channel:
        session.execute(update(Handoff).where(Handoff.id == handoff_id,
                                              Handoff.message_ts.is_(None))
                        .values(channel=channel))
    return requeued


def requeue_channel(session: Session, *, team_id: str, channel: str,
                    errors: Collection[str], now: datetime) -> list[int]:
    """Queue again every card of ``team_id`` for ``channel`` that failed with one of
    ``errors``; returns their handoff ids. (A channel id is not the team's alone: a channel
    shared with another workspace has the same id there.)"""
    failed = select(Handoff.id).join(Outbox, Outbox.handoff_id == Handoff.id).join(
        Qualification, Qualification.id == Handoff.qualification_id).join(
        Lead, Lead.id == Qualification.lead_id).where(
        Lead.team_id == team_id, Handoff.channel == channel, Outbox.kind == "slack",
        Outbox.status == "failed", Outbox.last_error.in_(list(errors)))
    ids = list(session.scalars(failed))
    if ids:
        session.execute(update(Outbox).where(
            Outbox.handoff_id.in_(ids), Outbox.kind == "slack", Outbox.status == "failed")
            .values(status="pending", next_attempt_at=now, attempts=0, lease_until=None,
                    lease_token=None))
    return ids


@dataclass(frozen=True)
class Undelivered:
    """A handoff whose card could not be posted, or is being sent again."""

    handoff_id: int
    lead: str
    sdr: str
    channel: str
    status: str  # the card's delivery: failed, pending or done
    error: str | None
    team_id: str = ""  # the lead's workspace


def undelivered(session: Session, *, handoff_id: int) -> Undelivered | None:
    row = session.execute(
        select(Handoff.id, Lead.name, Qualification.sdr_user_id, Handoff.channel,
               Outbox.status, Outbox.last_error, Lead.team_id)
        .join(Qualification, Qualification.id == Handoff.qualification_id)
        .join(Lead, Lead.id == Qualification.lead_id)
        .join(Outbox, and_(Outbox.handoff_id == Handoff.id, Outbox.kind == "slack"))
        .where(Handoff.id == handoff_id)).first()
    return Undelivered(*row) if row is not None else None
