"""The qualification conversation as a pure state machine.

``step(flow, draft, event) -> (draft, reply)`` is the one entry point: the bot
turns Slack traffic into events, stores the new draft and renders the reply.
"""
from __future__ import annotations

from dataclasses import dataclass

from flows.matching import Matched, Unclear, match_choice
from flows.model import Answer, Draft, Flow, Question, Score, Status
from flows.scoring import score


# -- what happened -------------------------------------------------------------
@dataclass(frozen=True)
class Start:
    pass


@dataclass(frozen=True)
class Pick:
    """A button was clicked: the answer to a named question."""

    question_id: str
    choice_id: str


@dataclass(frozen=True)
class Say:
    """The SDR typed a reply to the current question."""

    text: str


Event = Start | Pick | Say


# -- what to say ----------------------------------------------------------------
@dataclass(frozen=True)
class Ask:
    question: Question
    number: int  # 1-based position in the flow
    of: int
    unclear: Unclear | None = None  # set when re-asking after an unreadable reply


@dataclass(frozen=True)
class Finished:
    score: Score


@dataclass(frozen=True)
class Stale:
    """An answer to a question that is no longer open (double click, old message)."""

    current: Ask | None  # what is open now, or None when the draft is finished


Reply = Ask | Finished | Stale


def current_question(flow: Flow, draft: Draft) -> Question | None:
    return next((q for q in flow.questions if draft.answer_for(q.id) is None), None)


def _ask(flow: Flow, question: Question, unclear: Unclear | None = None) -> Ask:
    return Ask(question, flow.index(question.id) + 1, len(flow.questions), unclear)


def _next(flow: Flow, draft: Draft) -> tuple[Draft, Reply]:
    question = current_question(flow, draft)
    if question is None:
        done = draft.model_copy(update={"status": Status.COMPLETED})
        return done, Finished(score(flow, done))
    return draft, _ask(flow, question)


def step(flow: Flow, draft: Draft, event: Event) -> tuple[Draft, Reply]:
    if draft.status is not Status.DRAFT:
        return draft, Stale(None)
    question = current_question(flow, draft)
    if question is None:  # every answer in, not yet marked: finish it
        return _next(flow, draft)

    match event:
        case Start():
            return draft, _ask(flow, question)
        case Pick(question_id=qid, choice_id=cid):
            choice = question.choice(cid)
            if qid != question.id or choice is None:
                return draft, Stale(_ask(flow, question))
            answer = Answer(question_id=qid, choice_id=cid)
        case Say(text=text):
            found = match_choice(question, text)
            if isinstance(found, Unclear):
                return draft, _ask(flow, question, found)
            answer = Answer(question_id=question.id, choice_id=found.choice.id, typed=text)
        case _:
            raise TypeError(f"not a conversation event: {event!r}")

    return _next(flow, draft.model_copy(update={"answers": (*draft.answers, answer)}))


__all__ = [
    "Ask", "Event", "Finished", "Matched", "Pick", "Reply", "Say", "Stale", "Start",
    "current_question", "step",
]
