"""What a change of the rules would do to past leads: rescore their stored answers with
the changed flow and compare with the verdicts they got.

Many leads share the same answers, so each distinct set of answers is scored once.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

from pydantic import ValidationError

from flows.model import Answer, Draft, Flow
from flows.scoring import IncompleteDraft, score

CANNOT = "cannot rescore: would need re-qualification"

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
    """A lead's latest scored qualification: its answers and the verdict it got."""

    ref: Hashable  # what the caller needs to name the lead again (id, name, SDR, date…)
    answers: Answers
    total: int
    verdict: str


@dataclass(frozen=True)
class Change:
    ref: Hashable
    old_total: int
    new_total: int
    old_verdict: str
    new_verdict: str


@dataclass
class Comparison:
    """Verdicts before and after, the leads that change (the first ``limit`` of them),
    and those the new rules cannot score."""

    limit: int
    leads: int = 0
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    transitions: Counter[tuple[str, str]] = field(default_factory=Counter)
    changes: list[Change] = field(default_factory=list)
    changed: int = 0  # leads whose verdict changes (``changes`` holds at most ``limit``)
    cannot: Counter[str] = field(default_factory=Counter)  # problem -> leads
    cannot_refs: list[Hashable] = field(default_factory=list)  # the first ``limit`` of them

    @property
    def more(self) -> int:
        """Changed leads left out of ``changes``."""
        return self.changed - len(self.changes)

    def add(self, past: Past, outcome: Outcome) -> None:
        self.leads += 1
        self.before[past.verdict] += 1
        self.after[outcome.verdict] += 1
        self.transitions[(past.verdict, outcome.verdict)] += 1
        if outcome.total is None:
            self.cannot[outcome.problem] += 1
            if len(self.cannot_refs) < self.limit:
                self.cannot_refs.append(past.ref)
            return
        if outcome.verdict == past.verdict:
            return
        self.changed += 1
        if len(self.changes) < self.limit:
            self.changes.append(Change(past.ref, past.total, outcome.total, past.verdict,
                                       outcome.verdict))


def compare(flow: Flow, pasts: Iterable[Past], *, limit: int = 50) -> Comparison:
    """Rescore each past lead with ``flow`` and compare with the verdict it got."""
    rescore = Rescorer(flow)
    result = Comparison(limit=limit)
    for past in pasts:
        result.add(past, rescore(past.answers))
    return result
