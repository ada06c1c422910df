"""The domain's data: flows, questions, choices, answers, scores.

Everything here is frozen pydantic; a flow is plain data loaded from YAML by
``config`` and never changes while the app runs.
"""
from __future__ import annotations

import hashlib
import json
import re
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from flows.text import words_of

_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _id_shape(v: str) -> str:
    if not _ID.match(v):
        raise ValueError("must be lower case letters, digits and _ (starting with a letter)")
    return v


Id = Annotated[str, AfterValidator(_id_shape)]  # ids of flows, questions and choices


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Kind(StrEnum):
    CHOICE = "choice"  # buttons
    YES_NO = "yes_no"  # two buttons, ids "yes" and "no"; typed yes/no words understood
    NUMBER = "number"  # a typed number, or a band's button; bands by min/max
    MONEY = "money"  # "$50k", "1.2M"…, or a band's button; bands by min/max (dollars)
    TIMEFRAME = "timeframe"  # "Q3", "within 6 months"…, or a band's button; bands by max_days
    TEXT = "text"  # free text: recorded, not scored


MEASURED = (Kind.NUMBER, Kind.MONEY, Kind.TIMEFRAME)


class Choice(Frozen):
    """One fixed answer to a question (or a band of a measured one), and its worth."""

    id: Id
    label: str = Field(min_length=1, max_length=75)
    points: int = Field(ge=0, le=100)
    aliases: tuple[str, ...] = ()  # other names of the answer, said outright
    # How people type it, for the reader (never scored, so not part of the version):
    phrases: tuple[str, ...] = ()  # say it outright: "signed off", "makes the call"
    keywords: tuple[str, ...] = ()  # point at it: proposed for a click to confirm
    titles: tuple[str, ...] = ()  # job titles that usually have this role: "CFO"
    means: tuple[str, ...] = ()  # concepts of the shipped vocabulary whose words it borrows
    examples: tuple[str, ...] = ()  # typed replies that must read as this answer
    short: str = ""  # how the score explanation names this answer; defaults to the label
    min: float | None = None  # measured kinds: the band starts here (inclusive)
    max: float | None = None  # …and ends here (exclusive)
    max_days: int | None = Field(default=None, ge=0)  # timeframe: buys within this many days
    knockout: Knockout | None = None

    @property
    def summary_label(self) -> str:
        return self.short or self.label


class Condition(Frozen):
    """Ask a question only when an earlier answer is (or is not) one of some choices."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    question: str
    is_: tuple[str, ...] = Field(default=(), alias="is")
    is_not: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        if bool(self.is_) == bool(self.is_not):
            raise ValueError("give either `is` or `is_not` (a list of choice ids)")
        return self

    def holds(self, choice_id: str | None) -> bool:
        if choice_id is None:  # the question it depends on was skipped itself
            return False
        return choice_id in self.is_ if self.is_ else choice_id not in self.is_not


class Knockout(Frozen):
    """An answer that settles the verdict whatever the points: the conversation ends.
    With ``when``, only together with an earlier answer ("no project" when no problem
    was admitted either)."""

    reason: str = Field(min_length=1, max_length=40)  # a code for reports, e.g. no_budget
    tier: str  # the verdict it forces; a tier of the flow
    recheck_days: int | None = Field(default=None, ge=1, le=3650)
    when: Condition | None = None

    @model_serializer(mode="wrap")
    def _without_empty_when(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A knockout without ``when`` dumps as it always did: the same flow versions and
        # the same stored scores as before ``when`` existed.
        data: dict[str, Any] = handler(self)
        if self.when is None:
            data.pop("when", None)
        return data


class Question(Frozen):
    """A question of a flow; ``criterion`` is the name the score's line items use."""

    id: Id
    criterion: str
    text: str = Field(min_length=1, max_length=2000)
    kind: Kind = Kind.CHOICE
    choices: tuple[Choice, ...] = Field(default=(), max_length=10)
    ask_if: Condition | None = None
    help_term: str | None = None  # glossary term that explains this question
    cues: tuple[str, ...] = ()  # words that show a sentence of call notes is about it
    # words of other languages among its choices' (config/languages): read only as typed,
    # never what a misspelt word is taken for ("Kevin" is no "kein")
    foreign: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        ids = [c.id for c in self.choices]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate choice id(s) {dupes} in question '{self.id}'")
        labels = [c.label.casefold() for c in self.choices]
        if len(set(labels)) != len(labels):
            raise ValueError(f"two choices of question '{self.id}' share a label")
        if self.kind is Kind.TEXT:
            if self.choices:
                raise ValueError(f"'{self.id}' is free text: it has no choices")
            return self
        if len(self.choices) < 2:
            raise ValueError(f"'{self.id}' needs at least two choices")
        twice = _said_twice(self.choices)
        if twice:
            raise ValueError(f"'{self.id}': {twice} name(s) more than one choice; a phrase "
                             "may mean one answer of a question only")
        if self.kind is Kind.YES_NO and sorted(ids) != ["no", "yes"]:
            raise ValueError(f"'{self.id}' is yes/no: its choices must have the ids yes and no")
        ranged = any(c.min is not None or c.max is not None for c in self.choices)
        if ranged and self.kind not in (Kind.NUMBER, Kind.MONEY):
            raise ValueError(f"'{self.id}': min/max only apply to number and money questions")
        if any(c.max_days is not None for c in self.choices) and self.kind is not Kind.TIMEFRAME:
            raise ValueError(f"'{self.id}': max_days only applies to timeframe questions")
        if self.kind in (Kind.NUMBER, Kind.MONEY):
            for c in self.choices:
                if c.min is None and c.max is None:
                    raise ValueError(f"band '{c.id}' of '{self.id}' needs min and/or max")
                if c.min is not None and c.max is not None and c.min >= c.max:
                    raise ValueError(f"band '{c.id}' of '{self.id}': min must be below max")
            bands = sorted(self.choices, key=lambda c: c.min if c.min is not None else -1e30)
            for low, high in zip(bands, bands[1:], strict=False):
                if low.max is None or high.min is None or low.max != high.min:
                    raise ValueError(f"'{self.id}': bands '{low.id}' and '{high.id}' leave a gap "
                                     "or overlap; each band's max must be the next one's min")
        if self.kind is Kind.TIMEFRAME and sum(c.max_days is None for c in self.choices) > 1:
            raise ValueError(f"'{self.id}': only one band may leave out max_days (the latest)")
        return self

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def max_points(self) -> int:
        return max((c.points for c in self.choices), default=0)


def _said_twice(choices: tuple[Choice, ...]) -> list[str]:
    """Names, aliases, phrases, keywords and titles that two choices share (compared as the
    reader compares them: case, accents and punctuation aside)."""
    owners: dict[str, set[str]] = {}
    for c in choices:
        for name in (c.label, *c.aliases, *c.phrases, *c.keywords, *c.titles):
            key = " ".join(words_of(name))
            if key:
                owners.setdefault(key, set()).add(c.id)
    return sorted(k for k, ids in owners.items() if len(ids) > 1)


# Fields that say how answers are typed, not how they score: left out of a flow's version.
READING_FIELDS = {"phrases", "keywords", "titles", "means", "examples"}
_NOT_VERSIONED = {"fiscal_year_start": True, "questions": {"__all__": {
    "cues": True, "foreign": True, "choices": {"__all__": READING_FIELDS}}}}


class Tier(Frozen):
    """A verdict: reached at ``min`` points; the ``handoff`` tier goes to the sales channel."""

    name: str = Field(min_length=1, max_length=40)
    min: int = Field(ge=0)
    handoff: bool = False
    label: str = ""  # how people read it; defaults to the name

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ")


class Flow(Frozen):
    """A qualification flow: the questions asked in order and how answers become verdicts."""

    id: Id
    name: str
    description: str = ""
    threshold: int | None = Field(default=None, ge=0)  # shorthand: qualified at this, else not
    tiers: tuple[Tier, ...] = ()
    questions: tuple[Question, ...] = Field(min_length=1)
    # The month prospects' fiscal years start in, for "by FY end" (None: not known).
    fiscal_year_start: int | None = Field(default=None, ge=1, le=12)

    @model_validator(mode="after")
    def _consistent(self) -> Flow:
        ids = [q.id for q in self.questions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate question id(s): {', '.join(dupes)}")
        if self.threshold is None and not self.tiers:
            raise ValueError("give a threshold (qualified at that many points) or tiers")
        if self.threshold is not None and self.tiers:
            raise ValueError("give a threshold or tiers, not both")
        tiers = self.verdicts
        if not any(t.min == 0 for t in tiers):
            raise ValueError("the lowest tier must start at min: 0, so every score has one")
        if sum(t.handoff for t in tiers) != 1 and self.tiers:
            raise ValueError("exactly one tier must have handoff: true")
        mins = [t.min for t in tiers]
        if len(set(mins)) != len(mins):
            raise ValueError("two tiers start at the same number of points")
        if tiers[0].handoff is False:
            raise ValueError(f"the handoff tier must be the highest; '{tiers[0].name}' is above it")
        names = [t.name for t in tiers]
        if len(set(names)) != len(names):
            raise ValueError("two tiers share a name")
        handoff = next(t for t in tiers if t.handoff)
        if handoff.min > self.max_points:
            raise ValueError(f"the '{handoff.name}' tier needs {handoff.min} points, which can "
                             f"never be reached: the best answers add up to {self.max_points}")
        for i, q in enumerate(self.questions):
            for c in q.choices:
                if c.knockout and c.knockout.tier not in names:
                    raise ValueError(f"knockout of '{q.id}.{c.id}' names tier "
                                     f"'{c.knockout.tier}', which is not one of {names}")
                if c.knockout and c.knockout.tier == handoff.name:
                    raise ValueError(f"knockout of '{q.id}.{c.id}' would hand the lead off after "
                                     "one answer; a knockout names a tier below the handoff")
                if c.knockout and c.knockout.when:
                    _check_condition(self.questions[:i],
                                     f"the knockout of '{q.id}' (answer {c.id})",
                                     c.knockout.when)
            if q.ask_if is None:
                continue
            target = q.ask_if.question
            if target == q.id or target in ids[i:]:
                raise ValueError(f"'{q.id}' is asked if '{target}' is answered, which comes "
                                 "at or after it: a branch cycle (refer to earlier questions)")
            _check_condition(self.questions[:i], f"'{q.id}'", q.ask_if)
        return self

    @property
    def verdicts(self) -> tuple[Tier, ...]:
        """The tiers, best first (a threshold makes two: qualified / not qualified)."""
        if self.tiers:
            return tuple(sorted(self.tiers, key=lambda t: -t.min))
        assert self.threshold is not None
        return (Tier(name="qualified", min=self.threshold, handoff=True),
                Tier(name="not_qualified", min=0, label="not qualified"))

    @property
    def bar(self) -> int:
        """The points the handoff tier needs."""
        return next(t.min for t in self.verdicts if t.handoff)

    def tier(self, name: str) -> Tier | None:
        return next((t for t in self.verdicts if t.name == name), None)

    @property
    def max_points(self) -> int:
        return sum(q.max_points for q in self.questions)

    @cached_property
    def version(self) -> str:
        """A short content hash: two flows with the same rules share a version (computed
        once: a flow never changes)."""
        blob = json.dumps(self.model_dump(mode="json", exclude=_NOT_VERSIONED),  # type: ignore[arg-type]
                          sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Flow:
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("version", None)  # other rules: hash them again
        return copy

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def index(self, question_id: str) -> int:
        return [q.id for q in self.questions].index(question_id)


def _check_condition(earlier: tuple[Question, ...], what: str, cond: Condition) -> None:
    """A branch or a knockout's ``when`` names an earlier question and choices it has."""
    target = next((x for x in earlier if x.id == cond.question), None)
    if target is None:
        raise ValueError(f"{what} depends on '{cond.question}', which is not a question "
                         "of this flow asked before it")
    known = {c.id for c in target.choices}
    unknown = [c for c in (*cond.is_, *cond.is_not) if c not in known]
    if unknown:
        raise ValueError(f"{what} depends on choice(s) {unknown} that '{cond.question}' "
                         f"does not have ({sorted(known)})")


class Answer(Frozen):
    question_id: str
    choice_id: str  # "" for free text
    typed: str | None = None  # what the SDR typed (or the sentence of their notes)
    source: str | None = None  # "notes": read from pasted call notes, not answered


class Status(StrEnum):
    DRAFT = "draft"  # being answered, or answered and waiting for Submit
    COMPLETED = "completed"  # submitted: scored for good
    CANCELLED = "cancelled"
    EXPIRED = "expired"  # left idle too long


class Draft(Frozen):
    """Where a qualification conversation stands: the answers so far."""

    flow_id: str
    lead: str
    answers: tuple[Answer, ...] = ()
    status: Status = Status.DRAFT
    editing: str | None = None  # the question whose answer is being changed
    # Answers read as likely, waiting for the SDR to confirm them (one per question).
    proposals: tuple[Answer, ...] = ()

    def answer_for(self, question_id: str) -> Answer | None:
        return next((a for a in self.answers if a.question_id == question_id), None)

    def proposal_for(self, question_id: str) -> Answer | None:
        return next((a for a in self.proposals if a.question_id == question_id), None)


class LineItem(Frozen):
    question_id: str
    criterion: str
    choice_id: str
    label: str
    points: int
    max_points: int


class Score(Frozen):
    """A scored qualification, with the line items that explain it."""

    flow_id: str
    flow_version: str
    items: tuple[LineItem, ...]
    total: int
    threshold: int  # the points the handoff tier needs
    max_total: int
    verdict: str  # the tier's name
    verdict_label: str = ""  # how people read it
    handoff: bool = False  # the verdict goes to the sales channel
    knockout: Knockout | None = None  # the answer that settled it, if one did

    @property
    def qualified(self) -> bool:
        return self.handoff
