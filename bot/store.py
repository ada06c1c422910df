"""Persistence: every function takes the session first and keywords after.

Callers own the transaction (``bot.db.transaction``); nothing here commits.
"""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from bot.models import AnswerRow, Delivery, Handoff, Lead, Outbox, Qualification, ScoreRow
from flows.conversation import current_question
from flows.glossary import term_key
from flows.model import Answer, Draft, Flow, Kind, Score, Status


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
    if flow is None:
        return True
    if question is None:
        return False
    return question.kind is Kind.TEXT or question.choice(a.choice_id) is not None


def as_draft(qual: Qualification, flow: Flow | None = None) -> Draft:
    """The stored conversation; with ``flow``, answers its current rules no longer offer
    are left out, so that their questions are asked again."""
    return Draft(
        flow_id=qual.flow_id,
        lead=qual.lead.name,
        answers=tuple(Answer(question_id=a.question_id, choice_id=a.choice_id, typed=a.typed)
                      for a in qual.answers if _fits(flow, a)),
        status=Status(qual.status),
        editing=qual.editing_question_id,
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
        if question is None or (choice is None and question.kind is not Kind.TEXT):
            raise ValueError(f"an answer to '{a.question_id}' does not fit flow '{flow.id}'")
        points = choice.points if choice else 0
        if row is None:
            qual.answers.append(AnswerRow(question_id=a.question_id, choice_id=a.choice_id,
                                          typed=a.typed, points=points, answered_at=now))
        else:
            row.choice_id, row.typed, row.points, row.answered_at = (
                a.choice_id, a.typed, points, now)
    qual.status = draft.status.value
    qual.editing_question_id = draft.editing
    qual.updated_at = now


def record_score(session: Session, *, qual: Qualification, score: Score, now: datetime,
                 sales_channel: str | None, webhook: bool = False) -> Handoff | None:
    """The verdict and, for a qualified lead, its handoff and outbox rows: all in the
    caller's transaction, so a lead is never qualified without its handoff queued."""
    qual.completed_at = now
    session.add(ScoreRow(
        qualification_id=qual.id, flow_id=score.flow_id, flow_version=score.flow_version,
        total=score.total, threshold=score.threshold, max_total=score.max_total,
        verdict=score.verdict, verdict_label=score.verdict_label, handoff=score.handoff,
        knockout=score.knockout.model_dump(mode="json") if score.knockout else None,
        recheck_on=(now + timedelta(days=score.knockout.recheck_days)).date()
        if score.knockout and score.knockout.recheck_days else None,
        items=[i.model_dump(mode="json") for i in score.items], created_at=now,
    ))
    if not score.qualified:
        return None
    handoff = Handoff(qualification_id=qual.id, channel=sales_channel or "", reminders=0,
                      created_at=now)
    for kind in ("slack", "webhook") if webhook else ("slack",):
        handoff.deliveries.append(Outbox(kind=kind, status="pending", attempts=0,
                                         next_attempt_at=now, created_at=now))
    session.add(handoff)
    session.flush()
    return handoff


REVIEW = "_review"  # asked_question_id of the message with Submit / Change / Cancel


def asking(flow: Flow, draft: Draft) -> str | None:
    """What the conversation waits for: a question's id, REVIEW, or None when closed."""
    if draft.status is not Status.DRAFT:
        return None
    question = current_question(flow, draft)
    return question.id if question else REVIEW


def set_question_ts(session: Session, *, qualification_id: int, flow: Flow, channel: str,
                    ts: str, asked: str, now: datetime) -> tuple[Qualification | None, bool]:
    """Remember the message that asks ``asked`` if it is still what is open (a late write
    must not move the pointer back). Returns the locked row and whether it was kept."""
    qual = lock_qualification(session, qualification_id=qualification_id)
    if qual is None:
        return None, False
    still_open = asking(flow, as_draft(qual, flow)) == asked
    if still_open:
        qual.dm_channel, qual.question_ts, qual.asked_question_id = channel, ts, asked
        qual.updated_at = now
    return qual, still_open


def set_preview_ts(session: Session, *, qualification_id: int, ts: str) -> None:
    session.execute(update(Qualification).where(Qualification.id == qualification_id)
                    .values(preview_ts=ts))


def idle_drafts(session: Session, *, idle_since: datetime, limit: int = 200
                ) -> list[Qualification]:
    """Drafts untouched since ``idle_since`` and not reminded since their last activity."""
    return list(session.scalars(
        select(Qualification)
        .where(Qualification.status == Status.DRAFT.value,
               Qualification.updated_at <= idle_since,
               or_(Qualification.reminded_at.is_(None),
                   Qualification.reminded_at < Qualification.updated_at))
        .options(selectinload(Qualification.lead), selectinload(Qualification.answers))
        .order_by(Qualification.updated_at).limit(limit)
    ))


def mark_draft_reminded(session: Session, *, qualification_id: int, seen: datetime,
                        now: datetime) -> bool:
    """Claim the reminder of a draft idle since ``seen``: one instance wins."""
    return bool(session.execute(
        update(Qualification)
        .where(Qualification.id == qualification_id, Qualification.status == "draft",
               Qualification.updated_at == seen,
               or_(Qualification.reminded_at.is_(None),
                   Qualification.reminded_at < Qualification.updated_at))
        .values(reminded_at=now)
    ).rowcount)


def stale_drafts(session: Session, *, idle_since: datetime, limit: int = 200
                 ) -> list[Qualification]:
    return list(session.scalars(
        select(Qualification)
        .where(Qualification.status == Status.DRAFT.value,
               Qualification.updated_at <= idle_since)
        .options(selectinload(Qualification.lead)).order_by(Qualification.updated_at)
        .limit(limit)
    ))


def expire_draft(session: Session, *, qualification_id: int, idle_since: datetime,
                 now: datetime) -> bool:
    """Close a draft idle since before ``idle_since``; False if another instance did, or
    it came back to life meanwhile."""
    return bool(session.execute(
        update(Qualification)
        .where(Qualification.id == qualification_id, Qualification.status == "draft",
               Qualification.updated_at <= idle_since)
        .values(status=Status.EXPIRED.value, completed_at=now)
    ).rowcount)


def lead_history(session: Session, *, team_id: str, name: str) -> Lead | None:
    """A lead with every qualification and its score, oldest first."""
    return session.scalars(
        select(Lead).where(Lead.team_id == team_id, Lead.name_key == lead_key(name))
        .options(selectinload(Lead.qualifications).selectinload(Qualification.score),
                 selectinload(Lead.qualifications).selectinload(Qualification.handoff))
    ).first()


def previous_scores(session: Session, *, lead: Lead, before_id: int) -> list[ScoreRow]:
    return list(session.scalars(
        select(ScoreRow).join(Qualification, Qualification.id == ScoreRow.qualification_id)
        .where(Qualification.lead_id == lead.id, Qualification.id < before_id)
        .order_by(ScoreRow.id.desc())
    ))


# -- handoffs and their outbox ----------------------------------------------------------
_HANDOFF_GRAPH = (
    selectinload(Handoff.qualification).selectinload(Qualification.lead),
    selectinload(Handoff.qualification).selectinload(Qualification.score),
    selectinload(Handoff.qualification).selectinload(Qualification.answers),
)


def _due(now: datetime) -> ColumnElement[bool]:
    return and_(Outbox.status == "pending", Outbox.next_attempt_at <= now,
                or_(Outbox.lease_until.is_(None), Outbox.lease_until < now))


def take_due(session: Session, *, now: datetime, lease: timedelta) -> Outbox | None:
    """Lease one due delivery; until the lease runs out no other courier gets it."""
    due = select(Outbox.id).where(_due(now)).order_by(Outbox.next_attempt_at, Outbox.id).limit(5)
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    for outbox_id in session.scalars(due).all():
        token = uuid.uuid4().hex
        taken = session.execute(
            update(Outbox).where(Outbox.id == outbox_id, _due(now))
            .values(lease_until=now + lease, lease_token=token, attempts=Outbox.attempts + 1)
        ).rowcount
        if taken:
            return session.scalars(
                select(Outbox).where(Outbox.id == outbox_id)
                .options(selectinload(Outbox.handoff).selectinload(Handoff.qualification)
                         .selectinload(Qualification.lead),
                         selectinload(Outbox.handoff).selectinload(Handoff.qualification)
                         .selectinload(Qualification.score),
                         selectinload(Outbox.handoff).selectinload(Handoff.qualification)
                         .selectinload(Qualification.answers))
                .execution_options(populate_existing=True)
            ).one()
    return None


def next_due(session: Session) -> datetime | None:
    """When the courier should look again: the earliest retry time or lease expiry."""
    later = case((Outbox.lease_until > Outbox.next_attempt_at, Outbox.lease_until),
                 else_=Outbox.next_attempt_at)
    return session.scalar(select(func.min(later)).where(Outbox.status == "pending"))


def _leased(outbox_id: int, token: str) -> ColumnElement[bool]:
    return and_(Outbox.id == outbox_id, Outbox.lease_token == token, Outbox.status == "pending")


def outbox_done(session: Session, *, outbox_id: int, token: str, now: datetime) -> bool:
    """Record success; False if the lease was lost meanwhile (another courier has it)."""
    return bool(session.execute(update(Outbox).where(_leased(outbox_id, token)).values(
        status="done", done_at=now, lease_until=None, lease_token=None, last_error=None,
    )).rowcount)


def outbox_retry(session: Session, *, outbox_id: int, token: str, at: datetime,
                 error: str) -> bool:
    return bool(session.execute(update(Outbox).where(_leased(outbox_id, token)).values(
        next_attempt_at=at, lease_until=None, lease_token=None, last_error=error[:200],
    )).rowcount)


def outbox_failed(session: Session, *, outbox_id: int, token: str, error: str) -> bool:
    return bool(session.execute(update(Outbox).where(_leased(outbox_id, token)).values(
        status="failed", lease_until=None, lease_token=None, last_error=error[:200],
    )).rowcount)


def handoff_posted(session: Session, *, handoff_id: int, ts: str, now: datetime) -> None:
    session.execute(update(Handoff).where(Handoff.id == handoff_id, Handoff.message_ts.is_(None))
                    .values(message_ts=ts, sent_at=now))


def requeue_failed(session: Session, *, now: datetime, channel: str | None = None) -> list[int]:
    """Queue every failed delivery again; Slack ones to ``channel`` when given."""
    rows = list(session.scalars(select(Outbox).where(Outbox.status == "failed")))
    for row in rows:
        row.status, row.next_attempt_at, row.attempts = "pending", now, 0
        row.lease_until = row.lease_token = None
        if channel and row.kind == "slack":
            session.execute(update(Handoff).where(Handoff.id == row.handoff_id)
                            .values(channel=channel))
    return [row.id for row in rows]


def claim_handoff(session: Session, *, handoff_id: int, user: str, now: datetime) -> bool:
    """First claim wins: True if ``user`` now owns the handoff."""
    return bool(session.execute(
        update(Handoff).where(Handoff.id == handoff_id, Handoff.claimed_by.is_(None),
                              Handoff.sent_back_at.is_(None))
        .values(claimed_by=user, claimed_at=now)
    ).rowcount)


def send_back(session: Session, *, handoff_id: int, user: str, reason: str,
              now: datetime) -> bool:
    """Return a lead to its SDR: anyone while unclaimed, only the owner once claimed."""
    return bool(session.execute(
        update(Handoff).where(Handoff.id == handoff_id, Handoff.sent_back_at.is_(None),
                              or_(Handoff.claimed_by.is_(None), Handoff.claimed_by == user))
        .values(sent_back_by=user, sent_back_at=now, sent_back_reason=reason)
    ).rowcount)


def overdue_handoffs(session: Session, *, now: datetime, after: timedelta,
                     most: int) -> list[Handoff]:
    """Posted, unclaimed, not sent back, and quiet for ``after``: due an SLA reminder."""
    quiet_since = func.coalesce(Handoff.reminded_at, Handoff.sent_at)
    return list(session.scalars(
        select(Handoff).where(Handoff.message_ts.is_not(None), Handoff.claimed_by.is_(None),
                              Handoff.sent_back_at.is_(None), Handoff.reminders < most,
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


def get_handoff(session: Session, *, handoff_id: int) -> Handoff | None:
    return session.scalars(
        select(Handoff).where(Handoff.id == handoff_id).options(*_HANDOFF_GRAPH)
        .execution_options(populate_existing=True)
    ).first()
