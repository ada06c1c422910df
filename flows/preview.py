"""What a change of the rules would do to past leads: rescore their stored answers with
the changed flow and compare with the verdicts they got.

Many leads share the same answers, so each distinct set of answers is scored once; an
``Encoding`` lets the database fold a qualification's answers into a few integers and
group the leads by them before anything reaches Python.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from pydantic import ValidationError

from flows.model import Answer, Draft, Flow
from flows.scoring import IncompleteDraft, asked, score

CANNOT = "cannot rescore: would need re-qualification"
DROPPED = "?"  # stands for a stored choice the flow no longer offers (never a valid id)

Answers = tuple[tuple[str, str], ...]  # (question id, choice id) of each stored answer


class InvalidChange(ValueError):
    """The changed rules do not make a valid flow; the message says why."""


def with_threshold(flow: Flow, points: int) -> Flow:
    """``flow`` with its handoff tier starting at ``points``, validated as a whole flow."""
    data = flow.model_dump()
    if flow.tiers:
        data["tiers"] = [dict(t, min=points) if t["handoff"] else t for t in data["tiers"]]
    else:
        data["threshold"] = points
    try:
        return Flow.model_validate(data)
    except ValidationError as e:
        reasons = "; ".join(err["msg"].removeprefix("Value error, ") for err in e.errors())
        raise InvalidChange(f"a threshold of {points} does not make a valid '{flow.id}' flow: "
                            f"{reasons}") from None


@dataclass(frozen=True)
class Outcome:
    """A rescored set of answers: the new total and verdict, or why it cannot be rescored."""

    total: int | None
    verdict: str  # a tier name of the new flow, or CANNOT
    problem: str = ""  # for CANNOT: e.g. "no answer for 'champion'"


class Rescorer:
    """Scores sets of stored answers with one flow, each distinct set once."""

    def __init__(self, flow: Flow):
        self.flow = flow
        self._memo: dict[Answers, Outcome] = {}

    def __call__(self, answers: Answers) -> Outcome:
        found = self._memo.get(answers)
        if found is None:
            found = self._memo[answers] = self._score(answers)
        return found

    def _score(self, answers: Answers) -> Outcome:
        draft = Draft(flow_id=self.flow.id, lead="",
                      answers=tuple(Answer(question_id=q, choice_id=c) for q, c in answers))
        for q in asked(self.flow, draft):
            given = draft.answer_for(q.id)
            if given is not None and given.choice_id == DROPPED:
                return Outcome(None, CANNOT, f"an answer to '{q.id}' that it no longer offers")
        try:
            s = score(self.flow, draft)
        except IncompleteDraft as e:
            return Outcome(None, CANNOT, str(e))
        return Outcome(s.total, s.verdict)

    @property
    def distinct(self) -> int:
        """How many distinct sets of answers were scored."""
        return len(self._memo)


@dataclass(frozen=True)
class Past:
    """Stored answers and the score they got, shared by the leads in ``refs``."""

    refs: tuple[Hashable, ...]  # what the caller needs to name each lead again (an id…)
    answers: Answers
    total: int
    verdict: str


@dataclass(frozen=True)
class Change:
    """Leads with the same answers whose verdict changes the same way."""

    refs: tuple[Hashable, ...]
    old_total: int
    new_total: int
    old_verdict: str
    new_verdict: str


@dataclass
class Comparison:
    """Verdicts before and after, the leads that change, those that cannot be rescored."""

    leads: int = 0
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    transitions: Counter[tuple[str, str]] = field(default_factory=Counter)
    changes: list[Change] = field(default_factory=list)
    cannot: Counter[str] = field(default_factory=Counter)  # problem -> leads
    cannot_refs: list[Hashable] = field(default_factory=list)

    @property
    def changed(self) -> int:
        """How many leads change verdict."""
        return sum(len(c.refs) for c in self.changes)

    def add(self, past: Past, outcome: Outcome) -> None:
        n = len(past.refs)
        self.leads += n
        self.before[past.verdict] += n
        self.after[outcome.verdict] += n
        self.transitions[(past.verdict, outcome.verdict)] += n
        if outcome.total is None:
            self.cannot[outcome.problem] += n
            self.cannot_refs += past.refs
        elif outcome.verdict != past.verdict:
            self.changes.append(Change(past.refs, past.total, outcome.total, past.verdict,
                                       outcome.verdict))


def compare(flow: Flow, pasts: Iterable[Past]) -> Comparison:
    """Rescore each past set of answers with ``flow`` and compare with the verdict it got."""
    rescore = Rescorer(flow)
    result = Comparison()
    for past in pasts:
        result.add(past, rescore(past.answers))
    return result


@dataclass(frozen=True)
class Slot:
    """Where one question's answer sits in a pattern code: ``weight`` times its digit."""

    question: str
    column: int
    weight: int
    choices: tuple[str, ...]  # () for free text: any answer is digit 1

    @property
    def radix(self) -> int:  # 0 unanswered, 1..n a choice, n+1 a choice the flow lacks
        return len(self.choices) + 2


class Encoding:
    """The answers of a qualification as a few integers (mixed radix, one digit per
    question of ``flow``), so that a database can sum them per qualification and group
    qualifications by pattern; answers to questions ``flow`` does not ask add nothing."""

    LIMIT = 2 ** 62  # each column's codes stay below this: a 64-bit integer

    def __init__(self, flow: Flow):
        slots, column, weight = [], 0, 1
        for q in flow.questions:
            choices = tuple(c.id for c in q.choices)
            radix = len(choices) + 2
            if weight * radix > self.LIMIT:
                column, weight = column + 1, 1
            slots.append(Slot(q.id, column, weight, choices))
            weight *= radix
        self.slots = tuple(slots)
        self.columns = column + 1

    def values(self, slot: Slot) -> list[tuple[str | None, int]]:
        """(choice id, code) of each answer to the slot's question; None: any other."""
        if not slot.choices:
            return [(None, slot.weight)]
        return [*((c, slot.weight * (i + 1)) for i, c in enumerate(slot.choices)),
                (None, slot.weight * (len(slot.choices) + 1))]

    def encode(self, answers: Answers) -> tuple[int, ...]:
        """What the database computes, in Python (for tests and small batches)."""
        codes = [0] * self.columns
        given = dict(answers)
        for slot in self.slots:
            if slot.question in given:
                choice = given[slot.question]
                codes[slot.column] += next((v for c, v in self.values(slot) if c == choice),
                                           self.values(slot)[-1][1])
        return tuple(codes)

    def decode(self, codes: tuple[int, ...]) -> Answers:
        out = []
        for slot in self.slots:
            digit = codes[slot.column] // slot.weight % slot.radix
            if digit == 0:
                continue
            if not slot.choices:
                out.append((slot.question, ""))
            elif digit <= len(slot.choices):
                out.append((slot.question, slot.choices[digit - 1]))
            else:
                out.append((slot.question, DROPPED))
        return tuple(out)
