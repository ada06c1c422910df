"""A step of the conversation as stored: its qualification read (locking nothing) or
locked, rechecked before a step decided on it is stored, the step's answers saved, and
the pointers to the messages that ask what is open (``asking``, ``set_question_ts``).

Like ``store``: the session first, keywords after, and the caller owns the transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from bot.core.models import AnswerRow, Lead, Qualification
from flows.conversation import current_question
from flows.model import Answer, Draft, Flow, Kind, Status


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
# The same, storing also where the message the step answered is (``save_step``'s ``clicked``).
_SAVE_STEP_CLICKED = _SAVE_STEP.values(question_ts=bindparam("ts"),
                                       asked_question_id=bindparam("asked"))
_SET_QUESTION = (update(Qualification.__table__).where(_q.id == bindparam("qid"))
                 .values(dm_channel=bindparam("channel"), question_ts=bindparam("ts"),
                         asked_question_id=bindparam("asked")))
_POINTERS = (select(_q.id, _q.dm_channel, _q.question_ts, _a.question_id, _a.typed, _a.source)
             .outerjoin(AnswerRow.__table__, _a.qualification_id == _q.id)
             .where(_q.id.in_(bindparam("ids", expanding=True))))
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
              now: datetime, clicked: tuple[str, str] | None = None) -> None:
    """Store the draft's answers that the row does not hold yet (or holds differently, as
    after a change of the flow's rules), and where the conversation stands; ``clicked``:
    the message a click answered, (its ts, what it asked), stored as the pointer (its own,
    waiting to be stored, then has nothing left to do)."""
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
    values = dict(qid=row.id, status_=draft.status.value, editing=draft.editing, at=now,
                  proposals_=proposals)
    if clicked is None:
        conn.execute(_SAVE_STEP, values)
    else:
        conn.execute(_SAVE_STEP_CLICKED, dict(values, ts=clicked[0], asked=clicked[1]))



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


def by_click(typed: str | None, source: str | None) -> bool:
    """An answer picked by a click on one of its question's buttons: nothing typed, not
    read from notes. (A choice made in the answers form is one too, but that form takes
    seconds: by then the pointer of the question it answers is long stored.)"""
    return typed is None and source is None


@dataclass(frozen=True)
class StoredPointer:
    """Where a qualification's stored pointer is, and how each of its questions was
    answered (question id: whether a click on its own buttons picked the answer)."""

    channel: str | None
    ts: str | None
    clicked: dict[str, bool]


def stored_pointers(session: Session, *,
                    qualification_ids: list[int]) -> dict[int, StoredPointer]:
    """Each qualification's stored pointer, read in one query."""
    found: dict[int, StoredPointer] = {}
    for qid, channel, ts, question, typed, source in session.connection().execute(
            _POINTERS, {"ids": qualification_ids}):
        each = found.setdefault(qid, StoredPointer(channel, ts, {}))
        if question is not None:
            each.clicked[question] = by_click(typed, source)
    return found


def set_preview_ts(session: Session, *, qualification_id: int, ts: str) -> None:
    session.connection().execute(_SET_PREVIEW, {"qid": qualification_id, "ts": ts})

