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

from flows.matching import normalise
from flows.model import Answer, Draft, Flow, Kind, Question, Score, Status
from flows.reading import Filled, Reading, read_notes, read_reply
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
class Confirm:
    """The SDR's answer to "Did you mean …?" for the question named: yes takes the
    proposed answer, no shows every answer."""

    question_id: str
    yes: bool


@dataclass(frozen=True)
class Notes:
    """Call notes pasted into the conversation: they fill in every answer they state."""

    text: str
    today: date | None = None


@dataclass(frozen=True)
class Fill:
    """Answers given all at once (the answers form): ``answers`` as the SDR's own, in place
    of any earlier ones; ``proposals`` read as likely, to confirm as a typed reply's are."""

    answers: tuple[Answer, ...] = ()
    proposals: tuple[Answer, ...] = ()


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


Event = Start | Pick | Say | Confirm | Notes | Fill | Submit | Cancel | Edit | Help

# Words that mean the same as the buttons, when typed (normalised).
SUBMIT_WORDS = {"submit", "yes", "y", "ok", "okay", "confirm", "send", "send it", "done",
                "hand off", "handoff", "hand it off", "go", "looks good", "lgtm"}
CANCEL_WORDS = {"cancel", "stop", "quit", "abort", "cancel it", "discard"}
EDIT_WORDS = {"change", "edit", "back", "go back", "change an answer", "fix", "undo"}
HELP_WORDS = {"help", "what", "what is this", "what does this mean", "explain", "huh", ""}
CONFIRM_WORDS = {"yes", "y", "yep", "yeah", "yup", "yes please", "correct", "right", "thats it",
                 "thats right", "exactly", "confirm", "ok", "okay", "sure", "👍"}
DENY_WORDS = {"no", "n", "nope", "nah", "wrong", "not that", "no show the answers",
              "show the answers", "other", "neither", "👎"}
NOTES_MIN = 2  # a typed reply that states this many answers is read as call notes


# -- what to say ----------------------------------------------------------------
@dataclass(frozen=True)
class Ask:
    question: Question
    number: int  # 1-based position in the flow
    of: int
    unclear: Reading | None = None  # set when re-asking after an unreadable reply
    previous: Answer | None = None  # set when the SDR is changing this answer
    proposal: Answer | None = None  # "Did you mean …?": an answer read as likely
    rejected: bool = False  # the SDR said no to the proposal: show every answer


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
class NotesRead:
    """What pasted notes filled in (sure) and proposed (likely), then what is open."""

    filled: tuple[tuple[Question, Answer], ...]
    proposed: tuple[tuple[Question, Answer], ...]
    next: Ask | Review


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


Reply = Ask | Review | ChooseEdit | Explain | NotesRead | Finished | Cancelled | Stale


def current_question(flow: Flow, draft: Draft) -> Question | None:
    """The question being asked: the one being changed, else the first that applies
    (branches, knockouts) and has no answer yet."""
    if draft.editing and flow.question(draft.editing):
        return flow.question(draft.editing)
    return next((q for q in flow.questions
                 if draft.answer_for(q.id) is None and applies(flow, draft, q)), None)


def read(question: Question, text: str, today: date | None, *,
         fiscal_year_start: int | None = None) -> Reading:
    """What a typed reply means for this question (``flows.reading``: one reader for
    Slack, the console and ``qualibot read``)."""
    return read_reply(question, text, today=today or date.today(),
                      fiscal_year_start=fiscal_year_start)


def _as_answer(question: Question, reading: Reading, source: str | None = None,
               typed: str | None = None) -> Answer:
    if question.kind is Kind.TEXT:
        return Answer(question_id=question.id, choice_id="", typed=reading.text,
                      source=source)
    assert reading.choice is not None
    return Answer(question_id=question.id, choice_id=reading.choice.id,
                  typed=typed if typed is not None else reading.typed, source=source)


def _ask(flow: Flow, draft: Draft, question: Question, unclear: Reading | None = None, *,
         rejected: bool = False) -> Ask:
    previous = draft.answer_for(question.id) if draft.editing == question.id else None
    proposal = None if unclear is not None or rejected else draft.proposal_for(question.id)
    return Ask(question, flow.index(question.id) + 1, len(flow.questions), unclear, previous,
               proposal, rejected)


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


def _as_notes(flow: Flow, question: Question | None, text: str, today: date | None
              ) -> tuple[Filled, ...] | None:
    """What a typed reply fills in if it is call notes ("VP Ops, budget approved, ~80k"):
    it states several answers, not only the open question's; else None."""
    if question is not None and question.kind is Kind.TEXT:
        return None
    found = read_notes(flow, text, today=today or date.today())
    return found if len(found) >= NOTES_MIN else None


def _in_order(flow: Flow, answers: list[Answer]) -> tuple[Answer, ...]:
    """Answers in the order of the flow's questions (any no longer in it last)."""
    return tuple(sorted(answers, key=lambda a: flow.index(a.question_id)
                        if flow.question(a.question_id) else len(flow.questions)))


def _with_notes(flow: Flow, draft: Draft, found: tuple[Filled, ...]) -> tuple[Draft, Reply]:
    """Fill every unanswered question the notes state: sure readings as answers (marked as
    from the notes, with their sentence), likely ones as proposals to confirm."""
    filled: list[tuple[Question, Answer]] = []
    proposed: list[tuple[Question, Answer]] = []
    answers, proposals = list(draft.answers), list(draft.proposals)
    for f in found:
        q = f.question
        if draft.answer_for(q.id) is not None:
            continue  # the SDR's own answer stands
        answer = _as_answer(q, f.reading, source="notes", typed=f.sentence)
        proposals = [p for p in proposals if p.question_id != q.id]
        if f.reading.sure:
            answers.append(answer)
            filled.append((q, answer))
        else:
            proposals.append(answer)
            proposed.append((q, answer))
    after = draft.model_copy(update={"answers": _in_order(flow, answers),
                                     "proposals": tuple(proposals), "editing": None})
    return after, NotesRead(tuple(filled), tuple(proposed), _open(flow, after))


def _fits(flow: Flow, a: Answer) -> bool:
    q = flow.question(a.question_id)
    return q is not None and (q.kind is Kind.TEXT or q.choice(a.choice_id) is not None)


def _fill(flow: Flow, draft: Draft, given: tuple[Answer, ...], offered: tuple[Answer, ...]
          ) -> tuple[Draft, Reply]:
    """The answers form: its answers replace those of their questions, its likely readings
    wait as proposals (an answer given stands over a proposal); what is open comes next."""
    given = tuple(a for a in given if _fits(flow, a))
    named = {a.question_id for a in given}
    answers = [a for a in draft.answers if a.question_id not in named] + list(given)
    answered = {a.question_id for a in answers}
    offered = tuple(p for p in offered if _fits(flow, p) and p.question_id not in answered)
    moved = {p.question_id for p in offered} | named
    proposals = tuple(p for p in draft.proposals if p.question_id not in moved) + offered
    after = draft.model_copy(update={"answers": _in_order(flow, answers),
                                     "proposals": proposals, "editing": None})
    return after, _open(flow, after)


def step(flow: Flow, draft: Draft, event: Event) -> tuple[Draft, Reply]:
    if draft.status is not Status.DRAFT:
        return draft, Stale(None)
    question = current_question(flow, draft)
    proposal = draft.proposal_for(question.id) if question is not None else None
    if isinstance(event, Say) and proposal is not None:
        words = normalise(event.text)
        if words in CONFIRM_WORDS or event.text.strip() == "👍":
            event = Confirm(proposal.question_id, True)
        elif words in DENY_WORDS or event.text.strip() == "👎":
            event = Confirm(proposal.question_id, False)
    if isinstance(event, Say) and (notes := _as_notes(flow, question, event.text,
                                                      event.today)) is not None:
        return _with_notes(flow, draft, notes)
    if isinstance(event, Say):
        said = _intent(event.text)
        if question is not None and question.kind is Kind.TEXT and not isinstance(said, Cancel):
            said = None  # free text is taken as written ("back", "?"… are answers here)
        if question is None and normalise(event.text) in SUBMIT_WORDS:
            said = Submit()
        elif (said is None and question is not None and draft.editing
              and normalise(event.text) in SUBMIT_WORDS
              and read(question, event.text, event.today,
                       fiscal_year_start=flow.fiscal_year_start).choice is None
              and question.kind is not Kind.TEXT):
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
        case Confirm(question_id=qid, yes=yes):
            if question is None or qid != question.id or proposal is None:
                return draft, Stale(_open(flow, draft))
            if not yes:
                rest = tuple(p for p in draft.proposals if p.question_id != qid)
                refused = draft.model_copy(update={"proposals": rest})
                return refused, _ask(flow, refused, question, rejected=True)
            answer = proposal
        case Notes(text=text, today=today):
            return _with_notes(flow, draft, read_notes(flow, text, today=today or date.today()))
        case Fill(answers=given, proposals=offered):
            return _fill(flow, draft, given, offered)
        case Say(text=text, today=today):
            if question is None:
                return draft, Review(score(flow, draft), unclear=text)
            found = read(question, text, today, fiscal_year_start=flow.fiscal_year_start)
            if found.likely:
                offer = _as_answer(question, found)
                rest = tuple(p for p in draft.proposals if p.question_id != question.id)
                offered = draft.model_copy(update={"proposals": (*rest, offer)})
                return offered, _ask(flow, offered, question)
            if not found.sure:
                return draft, _ask(flow, draft, question, found)
            answer = _as_answer(question, found)
        case _:
            raise TypeError(f"not a conversation event: {event!r}")

    kept = [a for a in draft.answers if a.question_id != answer.question_id]
    proposals = tuple(p for p in draft.proposals if p.question_id != answer.question_id)
    after = draft.model_copy(update={"answers": _in_order(flow, [*kept, answer]),
                                     "editing": None, "proposals": proposals})
    return after, _open(flow, after)


__all__ = [
    "Ask", "Cancel", "Cancelled", "ChooseEdit", "Confirm", "Edit", "Event", "Explain",
    "Fill", "Finished", "Help", "Notes", "NotesRead", "Pick", "Reply", "Review", "Say", "Stale",
    "Start", "Submit", "current_question", "step",
]
