"""Persistence: every function takes the session first and keywords after.

Callers own the transaction (``bot.core.db.transaction``); nothing here commits.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, select, text, update
from sqlalchemy.orm import Session, selectinload

from bot.core.db import add_if_new
from bot.core.models import AnswerRow, Handoff, Lead, Outbox, Qualification, ScoreRow
from flows.conversation import current_question
from flows.glossary import term_key
from flows.model import Answer, Draft, Flow, Kind, Knockout, LineItem, Score, Status
from flows.routing import Placement

_LEADS, _QUALS = Lead.__table__, Qualification.__table__
_LEAD_KEY = dict(index_elements=["team_id", "name_key"])
# The index's condition as SQL text, not a bound value: once psycopg prepares the insert
# (from its sixth run on a connection), PostgreSQL cannot match a parameter to the index.
_OPEN_DRAFT_INDEX = dict(index_elements=["lead_id", "sdr_user_id"],
                         index_where=text(f"status = '{Status.DRAFT.value}'"))


# -- leads and qualifications --------------------------------------------------------
def lead_key(name: str) -> str:
    return term_key(name)[:200] or name.strip().casefold()[:200]


_FIND_LEAD = select(_LEADS.c.id, _LEADS.c.name).where(
    _LEADS.c.team_id == bindparam("team_id"), _LEADS.c.name_key == bindparam("name_key"))
_FIND_DRAFT = (select(_QUALS.c.id, _QUALS.c.flow_id)
               .where(_QUALS.c.lead_id == bindparam("lead_id"),
                      _QUALS.c.sdr_user_id == bindparam("sdr_user_id"),
                      _QUALS.c.status == Status.DRAFT.value)
               .order_by(_QUALS.c.id.desc()).limit(1))
_POINT_DM = (update(_QUALS).where(_QUALS.c.id == bindparam("qid"))
             .values(dm_channel=bindparam("channel"), updated_at=bindparam("at")))
_CLOSE_DRAFT = (update(_QUALS).where(_QUALS.c.id == bindparam("qid"))
                .values(status=Status.CANCELLED.value))


def lead_for(session: Session, *, team_id: str, name: str, now: datetime) -> tuple[int, str]:
    """The lead's id and name as first written, the lead created if it is new (or taken
    as created by a concurrent request a moment ago)."""
    key = {"team_id": team_id, "name_key": lead_key(name)}
    found = session.connection().execute(_FIND_LEAD, key).first()
    if found is None:
        new = add_if_new(session, _LEADS, dict(key, name=name[:200], created_at=now),
                         conflict=_LEAD_KEY)
        found = (new, name[:200]) if new is not None else \
            session.connection().execute(_FIND_LEAD, key).one()
    return found[0], found[1]


def open_draft(session: Session, *, lead_id: int, sdr: str) -> tuple[int, str] | None:
    """The SDR's open draft of the lead, as (id, flow id)."""
    row = session.connection().execute(_FIND_DRAFT, {"lead_id": lead_id,
                                                     "sdr_user_id": sdr}).first()
    return (row[0], row[1]) if row else None


def start_qualification(session: Session, *, lead_id: int, flow: Flow, sdr: str,
                        now: datetime, dm_channel: str | None = None) -> int:
    """A new draft's id, or that of the one a concurrent request opened a moment ago."""
    new = add_if_new(session, _QUALS, conflict=_OPEN_DRAFT_INDEX, values=dict(
        lead_id=lead_id, flow_id=flow.id, flow_version=flow.version, sdr_user_id=sdr,
        dm_channel=dm_channel, status=Status.DRAFT.value, revision=0, created_at=now,
        updated_at=now))
    if new is not None:
        return new
    existing = open_draft(session, lead_id=lead_id, sdr=sdr)
    assert existing is not None, "an open draft vanished under us"
    return existing[0]


def point_dm(session: Session, *, qualification_id: int, channel: str, now: datetime) -> None:
    """Typed replies in ``channel`` belong to this draft from now on."""
    session.connection().execute(_POINT_DM, {"qid": qualification_id, "channel": channel,
                                             "at": now})


def close_draft(session: Session, *, qualification_id: int) -> None:
    session.connection().execute(_CLOSE_DRAFT, {"qid": qualification_id})


def set_source(session: Session, *, qualification_id: int, source_url: str | None = None,
               function_execution_id: str | None = None) -> str | None:
    """Where a qualification came from: the message it was started from (its permalink),
    the Workflow Builder step waiting for its verdict. What is not given stays as it was.
    Returns the step this one replaces, if the draft already had another."""
    values: dict[str, str] = {}
    if source_url:
        values["source_url"] = source_url[:500]
    if function_execution_id:
        values["function_execution_id"] = function_execution_id[:64]
    if not values:
        return None
    before = session.connection().execute(
        select(_q.function_execution_id).where(_q.id == qualification_id)).scalar()
    session.connection().execute(update(_QUALS).where(_q.id == qualification_id)
                                 .values(**values))
    return before if function_execution_id and before not in (None, function_execution_id) \
        else None


@dataclass(frozen=True)
class StoredAnswer:
    question_id: str
    choice_id: str
    typed: str | None
    points: int
    source: str | None = None


@dataclass(frozen=True)
class StepRow:
    """A qualification as one step of its conversation reads it: the row, its lead's name
    and its answers, read with plain queries (no ORM objects to build and track)."""

    id: int
    lead_id: int
    lead_name: str
    flow_id: str
    sdr_user_id: str
    dm_channel: str | None
    status: str
    question_ts: str | None
    asked_question_id: str | None
    editing_question_id: str | None
    preview_ts: str | None
    updated_at: datetime
    revision: int
    proposals: list[dict[str, Any]] | None
    function_execution_id: str | None  # a Workflow Builder step waiting for the verdict
    team_id: str  # the lead's workspace: whose settings apply
    answers: tuple[StoredAnswer, ...]


# The statements of one step, built once: building a statement costs more than running it.
_q, _l, _a = Qualification.__table__.c, Lead.__table__.c, AnswerRow.__table__.c
_STEP_COLUMNS = (_q.id, _q.lead_id, _l.name, _q.flow_id, _q.sdr_user_id, _q.dm_channel,
                 _q.status, _q.question_ts, _q.asked_question_id, _q.editing_question_id,
                 _q.preview_ts, _q.updated_at, _q.revision, _q.proposals,
                 _q.function_execution_id, _l.team_id)
_READ_STEP = (
    select(*_STEP_COLUMNS, _a.question_id, _a.choice_id, _a.typed, _a.points, _a.source)
    .join(Lead.__table__, _l.id == _q.lead_id)
    .outerjoin(AnswerRow.__table__, _a.qualification_id == _q.id)
    .where(_q.id == bindparam("qid")).order_by(_a.id)
)
# FOR NO KEY UPDATE on PostgreSQL: it keeps other changers of the row waiting, but not
# the inserts of rows that refer to it (answers, scores, handoffs).
_LOCK_STEP = _READ_STEP.with_for_update(of=Qualification.__table__, key_share=True)
# Unchanged by any step since it was read: the same revision, and the same updated_at
# (which a step by a version that knew no revision still moved). What may change without
# a step (where its messages are) is read again, with the lock.
_RECHECK = (select(_q.dm_channel, _q.question_ts, _q.asked_question_id, _q.preview_ts)
            .where(_q.id == bindparam("qid"), _q.revision == bindparam("revision_"),
                   _q.updated_at == bindparam("since"), _q.status == bindparam("status_"))
            .with_for_update(key_share=True))
_ADD_ANSWER = insert(AnswerRow.__table__)
_CHANGE_ANSWER = (update(AnswerRow.__table__)
                  .where(_a.qualification_id == bindparam("qid"),
                         _a.question_id == bindparam("question"))
                  .values(choice_id=bindparam("choice"), typed=bindparam("typed_"),
                          points=bindparam("points_"), answered_at=bindparam("at"),
                          source=bindparam("source_")))
_SAVE_STEP = (update(Qualification.__table__).where(_q.id == bindparam("qid"))
              .values(status=bindparam("status_"), editing_question_id=bindparam("editing"),
                      updated_at=bindparam("at"), revision=_q.revision + 1,
                      proposals=bindparam("proposals_")))
_SET_QUESTION = (update(Qualification.__table__).where(_q.id == bindparam("qid"))
                 .values(dm_channel=bindparam("channel"), question_ts=bindparam("ts"),
                         asked_question_id=bindparam("asked")))
_SET_PREVIEW = (update(Qualification.__table__).where(_q.id == bindparam("qid"))
                .values(preview_ts=bindparam("ts")))
_SET_QUESTION_IF_UNCHANGED = _SET_QUESTION.where(_q.revision == bindparam("revision_"),
                                                 _q.updated_at == bindparam("since"),
                                                 _q.status == Status.DRAFT.value)


def lock_step(session: Session, *, qualification_id: int) -> StepRow | None:
    """A qualification to change, in one query; concurrent changers wait (FOR UPDATE)."""
    return _step_row(session.connection().execute(_LOCK_STEP, {"qid": qualification_id}))


def read_step(session: Session, *, qualification_id: int) -> StepRow | None:
    """A qualification as it stands, locking nothing: a step decided on it is stored only
    if ``recheck`` finds it unchanged."""
    return _step_row(session.connection().execute(_READ_STEP, {"qid": qualification_id}))


def recheck(session: Session, *, row: StepRow) -> StepRow | None:
    """``row`` locked and brought up to date if no step changed it since it was read
    (where its messages are may have moved; that needs no new decision); else None."""
    now = session.connection().execute(_RECHECK, {
        "qid": row.id, "revision_": row.revision, "since": row.updated_at,
        "status_": row.status}).first()
    if now is None:
        return None
    return replace(row, dm_channel=now[0], question_ts=now[1], asked_question_id=now[2],
                   preview_ts=now[3])


def _step_row(result: Any) -> StepRow | None:
    rows = result.all()
    if not rows:
        return None
    n = len(_STEP_COLUMNS)
    answers = tuple(StoredAnswer(*r[n:]) for r in rows if r[n] is not None)
    return StepRow(*rows[0][:n], answers=answers)


def latest_draft_in_dm(session: Session, *, sdr: str, channel: str,
                       team_id: str | None = None) -> Qualification | None:
    """The draft a typed reply in this DM belongs to: the one of the team (``team_id``:
    an Enterprise Grid user has one id, and may have one DM, in every workspace of the org)
    asked about last."""
    team = (Lead.team_id == team_id,) if team_id is not None else ()
    return session.scalars(
        select(Qualification).join(Lead, Lead.id == Qualification.lead_id)
        .where(Qualification.sdr_user_id == sdr, Qualification.dm_channel == channel,
               Qualification.status == Status.DRAFT.value, *team)
        .order_by(Qualification.updated_at.desc(), Qualification.id.desc())
    ).first()


def _fits(flow: Flow | None, a: StoredAnswer) -> bool:
    question = flow.question(a.question_id) if flow else None
    if flow is None:
        return True
    if question is None:
        return False
    return question.kind is Kind.TEXT or question.choice(a.choice_id) is not None


def as_draft(row: StepRow, flow: Flow | None = None) -> Draft:
    """The stored conversation; with ``flow``, answers its current rules no longer offer
    are left out, so that their questions are asked again."""
    return Draft(
        flow_id=row.flow_id,
        lead=row.lead_name,
        answers=tuple(Answer(question_id=a.question_id, choice_id=a.choice_id, typed=a.typed,
                             source=a.source)
                      for a in row.answers if _fits(flow, a)),
        status=Status(row.status),
        editing=row.editing_question_id,
        proposals=tuple(p for p in (_proposal(d) for d in row.proposals or ())
                        if p is not None and _fits(flow, StoredAnswer(
                            p.question_id, p.choice_id, p.typed, 0))),
    )


def _proposal(data: Any) -> Answer | None:
    """A stored proposal, or None if it is not one (a row written by hand, say)."""
    try:
        return Answer.model_validate(data)
    except ValueError:
        return None


def save_step(session: Session, *, row: StepRow, flow: Flow, draft: Draft,
              now: datetime) -> None:
    """Store the draft's answers that the row does not hold yet (or holds differently, as
    after a change of the flow's rules), and where the conversation stands."""
    conn = session.connection()
    stored = {a.question_id: a for a in row.answers}
    for a in draft.answers:
        was = stored.get(a.question_id)
        if was is not None and (was.choice_id, was.typed, was.source) == (
                a.choice_id, a.typed, a.source):
            continue
        question = flow.question(a.question_id)
        choice = question.choice(a.choice_id) if question else None
        if question is None or (choice is None and question.kind is not Kind.TEXT):
            raise ValueError(f"an answer to '{a.question_id}' does not fit flow '{flow.id}'")
        points = choice.points if choice else 0
        if was is None:
            conn.execute(_ADD_ANSWER, dict(qualification_id=row.id, question_id=a.question_id,
                                           choice_id=a.choice_id, typed=a.typed,
                                           points=points, answered_at=now, source=a.source))
        else:
            conn.execute(_CHANGE_ANSWER, dict(qid=row.id, question=a.question_id,
                                              choice=a.choice_id, typed_=a.typed,
                                              points_=points, at=now, source_=a.source))
    proposals = [p.model_dump(mode="json") for p in draft.proposals] or None
    conn.execute(_SAVE_STEP, dict(qid=row.id, status_=draft.status.value,
                                  editing=draft.editing, at=now, proposals_=proposals))


_KEEP_NOTES = (update(Qualification.__table__).where(_q.id == bindparam("qid"))
               .values(notes=func.coalesce(_q.notes + "\n\n", "") + bindparam("notes_")))


def keep_notes(session: Session, *, qualification_id: int, notes: str) -> None:
    """Call notes pasted into a qualification, kept for the AE (appended to earlier ones)."""
    session.connection().execute(_KEEP_NOTES, {"qid": qualification_id, "notes_": notes})


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


REVIEW = "_review"  # asked_question_id of the message with Submit / Change / Cancel


def asking(flow: Flow, draft: Draft) -> str | None:
    """What the conversation waits for: a question's id, REVIEW, or None when closed."""
    if draft.status is not Status.DRAFT:
        return None
    question = current_question(flow, draft)
    return question.id if question else REVIEW


def set_question_ts(session: Session, *, qualification_id: int, flow: Flow, channel: str,
                    ts: str, asked: str, seen: tuple[int, datetime] | None = None
                    ) -> tuple[StepRow | None, bool]:
    """Remember the message that asks ``asked`` if it is still what is open (a late write
    must not move the pointer back): at once if the qualification is as the step that
    decided to ask it left it (``seen``: its revision and updated_at), else by looking.
    Returns whether it was kept, and the locked row when it was looked at."""
    values = dict(qid=qualification_id, channel=channel, ts=ts, asked=asked)
    if seen is not None and session.connection().execute(
            _SET_QUESTION_IF_UNCHANGED, dict(values, revision_=seen[0], since=seen[1])
    ).rowcount:
        return None, True
    row = lock_step(session, qualification_id=qualification_id)
    if row is None:
        return None, False
    still_open = asking(flow, as_draft(row, flow)) == asked
    if still_open:
        session.connection().execute(_SET_QUESTION, values)
    return row, still_open


def set_preview_ts(session: Session, *, qualification_id: int, ts: str) -> None:
    session.connection().execute(_SET_PREVIEW, {"qid": qualification_id, "ts": ts})


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


def teams_with_drafts(session: Session) -> list[str]:
    """The workspaces with an open draft (each has its own reminder and expiry times)."""
    return list(session.scalars(
        select(Lead.team_id).join(Qualification, Qualification.lead_id == Lead.id)
        .where(Qualification.status == Status.DRAFT.value).distinct()))


def _of_team(team_id: str | None) -> tuple[Any, ...]:
    return () if team_id is None else (Qualification.lead_id.in_(
        select(Lead.id).where(Lead.team_id == team_id)),)


def idle_drafts(session: Session, *, idle_since: datetime, team_id: str | None = None,
                limit: int = 200) -> list[Qualification]:
    """Drafts untouched since ``idle_since`` and not reminded since their last activity
    (of one workspace, if ``team_id``)."""
    return list(session.scalars(
        select(Qualification)
        .where(*_of_team(team_id), Qualification.status == Status.DRAFT.value,
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


def stale_drafts(session: Session, *, idle_since: datetime, team_id: str | None = None,
                 limit: int = 200) -> list[Qualification]:
    return list(session.scalars(
        select(Qualification)
        .where(*_of_team(team_id), Qualification.status == Status.DRAFT.value,
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
