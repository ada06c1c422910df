"""Persistence: every function takes the session first and keywords after.

Callers own the transaction (``bot.db.transaction``); nothing here commits.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot.models import AnswerRow, Delivery, Handoff, Lead, Qualification, ScoreRow
from flows.glossary import term_key
from flows.model import Answer, Draft, Flow, Score, Status


# -- deliveries (redelivery guard) -------------------------------------------------
def first_delivery(session: Session, *, key: str, now: datetime) -> bool:
    """Record a Slack delivery; False if it was taken in before (a retry)."""
    try:
        with session.begin_nested():
            session.add(Delivery(key=key, received_at=now))
        return True
    except IntegrityError:
        return False


def forget_deliveries(session: Session, *, before: datetime) -> int:
    return session.execute(delete(Delivery).where(Delivery.received_at < before)).rowcount or 0


# -- leads and qualifications --------------------------------------------------------
def lead_key(name: str) -> str:
    return term_key(name)[:200] or name.strip().casefold()[:200]


def get_or_create_lead(session: Session, *, team_id: str, name: str, now: datetime) -> Lead:
    key = lead_key(name)
    found = session.scalars(select(Lead).where(Lead.team_id == team_id,
                                               Lead.name_key == key)).first()
    if found:
        return found
    try:
        with session.begin_nested():
            lead = Lead(team_id=team_id, name=name[:200], name_key=key, created_at=now)
            session.add(lead)
        return lead
    except IntegrityError:  # created by a concurrent request a moment ago
        return session.scalars(select(Lead).where(Lead.team_id == team_id,
                                                  Lead.name_key == key)).one()


def open_draft(session: Session, *, lead: Lead, sdr: str) -> Qualification | None:
    return session.scalars(
        select(Qualification)
        .where(Qualification.lead_id == lead.id, Qualification.sdr_user_id == sdr,
               Qualification.status == Status.DRAFT.value)
        .order_by(Qualification.id.desc())
    ).first()


def start_qualification(session: Session, *, lead: Lead, flow: Flow, sdr: str,
                        now: datetime) -> Qualification:
    """A new draft, or the one a concurrent request opened a moment ago."""
    try:
        with session.begin_nested():
            qual = Qualification(lead=lead, flow_id=flow.id, flow_version=flow.version,
                                 sdr_user_id=sdr, status=Status.DRAFT.value, created_at=now,
                                 updated_at=now)
            session.add(qual)
        return qual
    except IntegrityError:
        session.expunge(qual)
        existing = open_draft(session, lead=lead, sdr=sdr)
        assert existing is not None, "an open draft vanished under us"
        return existing


def lock_qualification(session: Session, *, qualification_id: int) -> Qualification | None:
    """Load a qualification for change; concurrent changers wait (FOR UPDATE)."""
    return session.scalars(
        select(Qualification).where(Qualification.id == qualification_id)
        .options(selectinload(Qualification.answers), selectinload(Qualification.lead))
        .with_for_update(of=Qualification)
    ).first()


def latest_draft_in_dm(session: Session, *, sdr: str, channel: str) -> Qualification | None:
    """The draft a typed reply in this DM belongs to: the one asked about last."""
    return session.scalars(
        select(Qualification)
        .where(Qualification.sdr_user_id == sdr, Qualification.dm_channel == channel,
               Qualification.status == Status.DRAFT.value)
        .order_by(Qualification.updated_at.desc(), Qualification.id.desc())
    ).first()


def _fits(flow: Flow | None, a: AnswerRow) -> bool:
    question = flow.question(a.question_id) if flow else None
    return flow is None or (question is not None and question.choice(a.choice_id) is not None)


def as_draft(qual: Qualification, flow: Flow | None = None) -> Draft:
    """The stored conversation; with ``flow``, answers its current rules no longer offer
    are left out, so that their questions are asked again."""
    return Draft(
        flow_id=qual.flow_id,
        lead=qual.lead.name,
        answers=tuple(Answer(question_id=a.question_id, choice_id=a.choice_id, typed=a.typed)
                      for a in qual.answers if _fits(flow, a)),
        status=Status(qual.status),
    )


def save_draft(session: Session, *, qual: Qualification, flow: Flow, draft: Draft,
               now: datetime) -> None:
    """Store the draft's answers that the qualification row does not hold yet (or holds
    differently, as after a change of the flow's rules)."""
    stored = {a.question_id: a for a in qual.answers}
    for a in draft.answers:
        row = stored.get(a.question_id)
        if row is not None and (row.choice_id, row.typed) == (a.choice_id, a.typed):
            continue
        question = flow.question(a.question_id)
        choice = question.choice(a.choice_id) if question else None
        if choice is None:
            raise ValueError(f"an answer to '{a.question_id}' does not fit flow '{flow.id}'")
        if row is None:
            qual.answers.append(AnswerRow(question_id=a.question_id, choice_id=a.choice_id,
                                          typed=a.typed, points=choice.points, answered_at=now))
        else:
            row.choice_id, row.typed, row.points, row.answered_at = (
                a.choice_id, a.typed, choice.points, now)
    qual.status = draft.status.value
    qual.updated_at = now


def record_score(session: Session, *, qual: Qualification, score: Score, now: datetime,
                 sales_channel: str | None) -> Handoff | None:
    """The verdict and, for a qualified lead, its pending handoff: in the caller's transaction."""
    qual.completed_at = now
    session.add(ScoreRow(
        qualification_id=qual.id, flow_id=score.flow_id, flow_version=score.flow_version,
        total=score.total, threshold=score.threshold, max_total=score.max_total,
        verdict=score.verdict.value, items=[i.model_dump(mode="json") for i in score.items],
        created_at=now,
    ))
    if not score.qualified:
        return None
    handoff = Handoff(qualification_id=qual.id, channel=sales_channel or "", status="pending",
                      attempts=0, next_attempt_at=now, created_at=now)
    session.add(handoff)
    session.flush()
    return handoff


def set_question_ts(session: Session, *, qualification_id: int, channel: str, ts: str,
                    question_id: str, now: datetime) -> Qualification | None:
    """Remember the message that asks ``question_id``, unless that question was answered
    meanwhile (a late write must not move the pointer back). Returns the locked row."""
    qual = lock_qualification(session, qualification_id=qualification_id)
    if qual is not None and as_draft(qual).answer_for(question_id) is None:
        qual.dm_channel, qual.question_ts, qual.asked_question_id = channel, ts, question_id
        qual.updated_at = now
    return qual


def previous_scores(session: Session, *, lead: Lead, before_id: int) -> list[ScoreRow]:
    return list(session.scalars(
        select(ScoreRow).join(Qualification, Qualification.id == ScoreRow.qualification_id)
        .where(Qualification.lead_id == lead.id, Qualification.id < before_id)
        .order_by(ScoreRow.id.desc())
    ))


# -- handoffs ----------------------------------------------------------------------------
def take_due_handoff(session: Session, *, now: datetime, lease: timedelta) -> Handoff | None:
    """Lease one handoff due for delivery; no other instance gets it while leased."""
    due = select(Handoff.id).where(
        Handoff.status == "pending", Handoff.next_attempt_at <= now,
        (Handoff.lease_until.is_(None)) | (Handoff.lease_until < now),
    ).order_by(Handoff.next_attempt_at, Handoff.id).limit(5)
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    for handoff_id in session.scalars(due).all():
        taken = session.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.status == "pending",
                   (Handoff.lease_until.is_(None)) | (Handoff.lease_until < now))
            .values(lease_until=now + lease, attempts=Handoff.attempts + 1)
        ).rowcount
        if taken:
            return session.scalars(
                select(Handoff).where(Handoff.id == handoff_id)
                .options(selectinload(Handoff.qualification).selectinload(Qualification.lead),
                         selectinload(Handoff.qualification).selectinload(Qualification.score))
                .execution_options(populate_existing=True)
            ).one()
    return None


def next_handoff_due(session: Session) -> datetime | None:
    return session.scalar(select(func.min(Handoff.next_attempt_at))
                          .where(Handoff.status == "pending"))


def handoff_sent(session: Session, *, handoff_id: int, ts: str, now: datetime) -> None:
    session.execute(update(Handoff).where(Handoff.id == handoff_id).values(
        status="sent", message_ts=ts, sent_at=now, lease_until=None, last_error=None))


def handoff_retry(session: Session, *, handoff_id: int, at: datetime, error: str) -> None:
    session.execute(update(Handoff).where(Handoff.id == handoff_id).values(
        next_attempt_at=at, lease_until=None, last_error=error[:200]))


def handoff_failed(session: Session, *, handoff_id: int, error: str) -> None:
    session.execute(update(Handoff).where(Handoff.id == handoff_id).values(
        status="failed", lease_until=None, last_error=error[:200]))


def requeue_failed_handoffs(session: Session, *, now: datetime,
                            channel: str | None = None) -> list[int]:
    """Put every failed handoff back in the queue, to ``channel`` if one is given."""
    ids = list(session.scalars(select(Handoff.id).where(Handoff.status == "failed")))
    if ids:
        values: dict[str, object] = {"status": "pending", "next_attempt_at": now,
                                     "lease_until": None, "attempts": 0}
        if channel:
            values["channel"] = channel
        session.execute(update(Handoff).where(Handoff.id.in_(ids)).values(**values))
    return ids


def claim_handoff(session: Session, *, handoff_id: int, user: str, now: datetime) -> bool:
    """First claim wins: True if ``user`` now owns the handoff."""
    return bool(session.execute(
        update(Handoff).where(Handoff.id == handoff_id, Handoff.claimed_by.is_(None))
        .values(claimed_by=user, claimed_at=now)
    ).rowcount)


def get_handoff(session: Session, *, handoff_id: int) -> Handoff | None:
    return session.scalars(
        select(Handoff).where(Handoff.id == handoff_id)
        .options(selectinload(Handoff.qualification).selectinload(Qualification.lead),
                 selectinload(Handoff.qualification).selectinload(Qualification.score))
        .execution_options(populate_existing=True)
    ).first()
