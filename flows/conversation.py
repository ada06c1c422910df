"""The qualification conversation as a pure state machine.

``step(flow, draft, event) -> (draft, reply)`` is the one entry point: the bot
turns Slack traffic into events, stores the new draft and renders the reply.

The stages: questions, one at a time; then a review (the scored summary, not
final yet) where the SDR submits, changes any answer, or cancels. Only a
submitted draft is final.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flows.matching import (
    Matched,
    Unclear,
    band,
    band_for_days,
    match_choice,
    match_yes_no,
    normalise,
    parse_number,
)
from flows.model import MEASURED, Answer, Draft, Flow, Kind, Question, Score, Status
from flows.parsing import Money, Refusal, Timeframe, parse_money, parse_timeframe
from flows.scoring import applies, score


# -- what happened -------------------------------------------------------------
@dataclass(frozen=True)
class Start:
    """The SDR opened (or came back to) the conversation."""


@dataclass(frozen=True)
class Pick:
    """A button was clicked: the answer to a named question."""

    question_id: str
    choice_id: str


@dataclass(frozen=True)
class Say:
    """The SDR typed something in the conversation (``today`` reads dates like "Q3")."""

    text: str
    today: date | None = None


@dataclass(frozen=True)
class Submit:
    """Make the reviewed draft final."""


@dataclass(frozen=True)
class Cancel:
    pass


@dataclass(frozen=True)
class Edit:
    """Change an answer: of ``question_id``, or let the SDR choose which (None)."""

    question_id: str | None = None


@dataclass(frozen=True)
class Help:
    """Explain a question: the one named, else the open one."""

    question_id: str | None = None


Event = Start | Pick | Say | Submit | Cancel | Edit | Help

# Words that mean the same as the buttons, when typed (normalised).
SUBMIT_WORDS = {"submit", "yes", "y", "ok", "okay", "confirm", "send", "send it", "done",
                "hand off", "handoff", "hand it off", "go", "looks good", "lgtm"}
CANCEL_WORDS = {"cancel", "stop", "quit", "abort", "cancel it", "discard"}
EDIT_WORDS = {"change", "edit", "back", "go back", "change an answer", "fix", "undo"}
HELP_WORDS = {"help", "what", "what is this", "what does this mean", "explain", "huh", ""}


# -- what to say ----------------------------------------------------------------
@dataclass(frozen=True)
class Ask:
    question: Question
    number: int  # 1-based position in the flow
    of: int
    unclear: Unclear | None = None  # set when re-asking after an unreadable reply
    previous: Answer | None = None  # set when the SDR is changing this answer


@dataclass(frozen=True)
class Review:
    """Every question answered: the score as it stands, waiting for Submit."""

    score: Score
    unclear: str | None = None  # something typed at this stage that meant nothing


@dataclass(frozen=True)
class ChooseEdit:
    """Which answer to change: each question with its current answer."""

    answers: tuple[tuple[Question, Answer], ...]


@dataclass(frozen=True)
class Explain:
    question: Question


@dataclass(frozen=True)
class Finished:
    score: Score


@dataclass(frozen=True)
class Cancelled:
    answered: int


@dataclass(frozen=True)
class Stale:
    """An answer to a question that is no longer open (double click, old message)."""

    current: Ask | Review | None  # what is open now; None when the draft is closed


Reply = Ask | Review | ChooseEdit | Explain | Finished | Cancelled | Stale


def current_question(flow: Flow, draft: Draft) -> Question | None:
    """The question being asked: the one being changed, else the first that applies
    (branches, knockouts) and has no answer yet."""
    if draft.editing and flow.question(draft.editing):
        return flow.question(draft.editing)
    return next((q for q in flow.questions
                 if draft.answer_for(q.id) is None and applies(flow, draft, q)), None)


def read(question: Question, text: str, today: date | None) -> Matched | Unclear | Answer:
    """What a typed reply means for this question: a choice, free text, or unclear."""
    if question.kind is Kind.TEXT:
        cleaned = " ".join(text.split())
        return Answer(question_id=question.id, choice_id="", typed=cleaned[:2000]) if cleaned \
            else Unclear(text, hint="Type your answer in a few words.")
    if question.kind is Kind.YES_NO:
        return match_yes_no(question, text)
    if question.kind not in MEASURED:
        return match_choice(question, text)
    exact = match_choice(question, text, fuzzy=False, numbers=False)  # a band's label or alias
    if isinstance(exact, Matched):
        return exact
    if question.kind is Kind.TIMEFRAME:
        when = parse_timeframe(text, today or date.today())
        if isinstance(when, Refusal):
            fuzzy = match_choice(question, text, numbers=False)
            return fuzzy if isinstance(fuzzy, Matched) else Unclear(text, hint=when.accepted)
        assert isinstance(when, Timeframe)
        chosen = band_for_days(question, when.latest)
    elif question.kind is Kind.NUMBER:
        value = parse_number(text)
        if value is None:
            fuzzy = match_choice(question, text, numbers=False)
            return fuzzy if isinstance(fuzzy, Matched) else Unclear(
                text, hint="Type the number, for example 250 or 1.5k.")
        chosen = band(question, value)
    else:
        amount = parse_money(text)
        if isinstance(amount, Refusal):
            fuzzy = match_choice(question, text, numbers=False)
            return fuzzy if isinstance(fuzzy, Matched) else Unclear(text, hint=amount.accepted)
        assert isinstance(amount, Money)
        chosen = band(question, float(amount.amount))
    if chosen is None:
        return Unclear(text, hint="That is outside every answer this question offers.")
    return Matched(chosen, "parsed")


def _ask(flow: Flow, draft: Draft, question: Question, unclear: Unclear | None = None) -> Ask:
    previous = draft.answer_for(question.id) if draft.editing == question.id else None
    return Ask(question, flow.index(question.id) + 1, len(flow.questions), unclear, previous)


def _open(flow: Flow, draft: Draft) -> Ask | Review:
    question = current_question(flow, draft)
    return _ask(flow, draft, question) if question else Review(score(flow, draft))


def _answered(flow: Flow, draft: Draft) -> tuple[tuple[Question, Answer], ...]:
    return tuple((q, a) for q in flow.questions
                 if (a := draft.answer_for(q.id)) is not None and applies(flow, draft, q))


def _intent(text: str) -> Event | None:
    """What a typed word means when it is not an answer."""
    words = normalise(text)
    if words in CANCEL_WORDS:
        return Cancel()
    if words in EDIT_WORDS:
        return Edit()
    if words in HELP_WORDS or text.strip() == "?":
        return Help()
    return None


def _edit(flow: Flow, draft: Draft, question_id: str | None) -> tuple[Draft, Reply]:
    if question_id is None:
        answered = _answered(flow, draft)
        if not answered:
            return draft, _open(flow, draft)
        return draft, ChooseEdit(answered)
    question = flow.question(question_id)
    if question is None or draft.answer_for(question_id) is None:
        return draft, _open(flow, draft)
    editing = draft.model_copy(update={"editing": question_id})
    return editing, _ask(flow, editing, question)


def step(flow: Flow, draft: Draft, event: Event) -> tuple[Draft, Reply]:
    if draft.status is not Status.DRAFT:
        return draft, Stale(None)
    question = current_question(flow, draft)
    if isinstance(event, Say):
        said = _intent(event.text)
        if question is not None and question.kind is Kind.TEXT and not isinstance(said, Cancel):
            said = None  # free text is taken as written ("back", "?"… are answers here)
        if question is None and normalise(event.text) in SUBMIT_WORDS:
            said = Submit()
        elif (said is None and question is not None and draft.editing
              and normalise(event.text) in SUBMIT_WORDS
              and isinstance(read(question, event.text, event.today), Unclear)):
            said = Submit()  # "ok" while changing an answer: keep it (unless it IS an answer)
        if said is not None:
            event = said

    match event:
        case Cancel():
            closed = draft.model_copy(update={"status": Status.CANCELLED, "editing": None})
            return closed, Cancelled(len(draft.answers))
        case Edit(question_id=qid):
            return _edit(flow, draft, qid)
        case Help(question_id=qid) if qid and flow.question(qid):
            return draft, Explain(flow.question(qid))  # type: ignore[arg-type]
        case Help() if question is not None:
            return draft, Explain(question)
        case Start() | Help():
            return draft, _open(flow, draft)
        case Submit() if question is None:
            done = draft.model_copy(update={"status": Status.COMPLETED})
            return done, Finished(score(flow, done))
        case Submit() if draft.editing and all(draft.answer_for(q.id) for q in flow.questions
                                               if applies(flow, draft, q)):
            kept = draft.model_copy(update={"editing": None})  # keep the answer it had
            return kept, _open(flow, kept)
        case Submit():
            return draft, _open(flow, draft)
        case Pick(question_id=qid, choice_id=cid):
            if question is None or qid != question.id or question.choice(cid) is None:
                return draft, Stale(_open(flow, draft))
            answer = Answer(question_id=qid, choice_id=cid)
        case Say(text=text, today=today):
            if question is None:
                return draft, Review(score(flow, draft), unclear=text)
            found = read(question, text, today)
            if isinstance(found, Unclear):
                return draft, _ask(flow, draft, question, found)
            answer = found if isinstance(found, Answer) else Answer(
                question_id=question.id, choice_id=found.choice.id, typed=text)
        case _:
            raise TypeError(f"not a conversation event: {event!r}")

    kept = tuple(a for a in draft.answers if a.question_id != answer.question_id)
    ordered = sorted((*kept, answer), key=lambda a: flow.index(a.question_id)
                     if flow.question(a.question_id) else len(flow.questions))
    after = draft.model_copy(update={"answers": tuple(ordered), "editing": None})
    return after, _open(flow, after)


__all__ = [
    "Ask", "Cancel", "Cancelled", "ChooseEdit", "Edit", "Event", "Explain", "Finished",
    "Help", "Pick", "Reply", "Review", "Say", "Stale", "Start", "Submit", "current_question",
    "step",
]
