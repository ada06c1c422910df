"""What a qualification ended with: its verdict and, for a qualified lead, its handoff and
outbox rows; a stored score read back (``score_of``, ``previous_score``); and whether the
Workflow Builder step waiting for it was told.

Like ``store``: the session first, keywords after, and the caller owns the transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session, selectinload

from bot.core.models import Handoff, Outbox, Qualification, ScoreRow
from flows.model import Knockout, LineItem, Score, Status
from flows.routing import Placement

_QUALS = Qualification.__table__
_SCORES, _HANDOFFS, _OUTBOX = ScoreRow.__table__, Handoff.__table__, Outbox.__table__
_COMPLETE = (update(_QUALS).where(_QUALS.c.id == bindparam("qid"))
             .values(completed_at=bindparam("at")))


def record_score(session: Session, *, qualification_id: int, score: Score, now: datetime,
                 sales_channel: str | None, webhook: bool = False,
                 placed: Placement | None = None) -> int | None:
    """The verdict and, for a qualified lead, its handoff (whose id is returned) and
    outbox rows: all in the caller's transaction, so a lead is never qualified without
    its handoff queued. ``placed``: where routing sends it, and to whom."""
    conn = session.connection()
    conn.execute(_COMPLETE, {"qid": qualification_id, "at": now})
    knockout = score.knockout
    conn.execute(insert(_SCORES), dict(
        qualification_id=qualification_id, flow_id=score.flow_id,
        flow_version=score.flow_version, total=score.total, threshold=score.threshold,
        max_total=score.max_total, verdict=score.verdict, verdict_label=score.verdict_label,
        handoff=score.handoff, knockout=knockout.model_dump(mode="json") if knockout else None,
        recheck_on=(now + timedelta(days=knockout.recheck_days)).date()
        if knockout and knockout.recheck_days else None,
        items=[i.model_dump(mode="json") for i in score.items], created_at=now))
    if not score.qualified:
        return None
    routed = {} if placed is None else dict(
        channel=placed.channel, assigned_to=placed.assigned_to,
        assigned_at=now if placed.assigned_to else None,
        accept_by=now + timedelta(minutes=placed.window) if placed.window else None,
        route=placed.record())
    handoff_id = conn.execute(insert(_HANDOFFS), {
        "qualification_id": qualification_id, "channel": sales_channel or "", "reminders": 0,
        "reassignments": 0, "created_at": now, **routed}).inserted_primary_key[0]
    conn.execute(insert(_OUTBOX), [
        dict(handoff_id=handoff_id, kind=kind, status="pending", attempts=0,
             next_attempt_at=now, created_at=now)
        for kind in (("slack", "webhook") if webhook else ("slack",))])
    return handoff_id



def step_done(session: Session, *, qualification_id: int, execution_id: str,
              now: datetime) -> None:
    """The Workflow Builder step was told how the qualification ended."""
    session.execute(update(Qualification)
                    .where(Qualification.id == qualification_id,
                           Qualification.function_execution_id == execution_id)
                    .values(function_done_at=now))


def steps_untold(session: Session, *, ended_before: datetime, limit: int = 50
                 ) -> list[Qualification]:
    """Qualifications ended (submitted, cancelled, expired) before ``ended_before`` whose
    Workflow Builder step was never told: Slack was out of reach, or the instance stopped
    between the verdict and the call."""
    return list(session.scalars(
        select(Qualification)
        .where(Qualification.function_execution_id.is_not(None),
               Qualification.function_done_at.is_(None),
               Qualification.status != Status.DRAFT.value,
               func.coalesce(Qualification.completed_at, Qualification.updated_at)
               <= ended_before)
        .options(selectinload(Qualification.lead), selectinload(Qualification.score))
        .order_by(Qualification.updated_at).limit(limit)
    ))



def score_of(row: ScoreRow) -> Score:
    """A stored score as the domain's ``Score``."""
    return Score(flow_id=row.flow_id, flow_version=row.flow_version,
                 items=tuple(LineItem.model_validate(i) for i in row.items), total=row.total,
                 threshold=row.threshold, max_total=row.max_total, verdict=row.verdict,
                 verdict_label=row.verdict_label, handoff=row.handoff,
                 knockout=Knockout.model_validate(row.knockout) if row.knockout else None)


@dataclass(frozen=True)
class PreviousScore:
    """What a review shows of the lead's last score: its total, when, its line items."""

    total: int
    created_at: datetime
    items: list[dict[str, Any]]


_PREVIOUS = (select(_SCORES.c.total, _SCORES.c.created_at, _SCORES.c["items"])
             .join(_QUALS, _QUALS.c.id == _SCORES.c.qualification_id)
             .where(_QUALS.c.lead_id == bindparam("lead_id"),
                    _QUALS.c.id < bindparam("before_id"))
             .order_by(_SCORES.c.id.desc()).limit(1))


def previous_score(session: Session, *, lead_id: int, before_id: int) -> PreviousScore | None:
    """The lead's latest score from a qualification before ``before_id``."""
    row = session.connection().execute(_PREVIOUS, {"lead_id": lead_id,
                                                   "before_id": before_id}).first()
    return PreviousScore(*row) if row else None
