"""The domain's data: flows, questions, choices, answers, scores.

Everything here is frozen pydantic; a flow is plain data loaded from YAML by
``config`` and never changes while the app runs.
"""
from __future__ import annotations

import hashlib
import json
import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Choice(Frozen):
    """One fixed answer to a question: what the SDR sees, and what it is worth."""

    id: str
    label: str = Field(min_length=1, max_length=75)
    points: int = Field(ge=0, le=100)
    aliases: tuple[str, ...] = ()
    short: str = ""  # how the score explanation names this answer; defaults to the label

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("must be lower case letters, digits and _ (starting with a letter)")
        return v

    @property
    def summary_label(self) -> str:
        return self.short or self.label


class Question(Frozen):
    """A question of a flow; ``criterion`` is the name the score's line items use."""

    id: str
    criterion: str
    text: str = Field(min_length=1, max_length=2000)
    choices: tuple[Choice, ...] = Field(min_length=2, max_length=10)
    help_term: str | None = None  # glossary term that explains this question

    @field_validator("id")
    @classmethod
    def _id_shape(cls, v: str) -> str:
        if not _ID.match(v):
            raise ValueError("must be lower case letters, digits and _ (starting with a letter)")
        return v

    @model_validator(mode="after")
    def _unique_choices(self) -> Question:
        ids = [c.id for c in self.choices]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate choice id(s) {dupes} in question '{self.id}'")
        labels = [c.label.casefold() for c in self.choices]
        if len(set(labels)) != len(labels):
            raise ValueError(f"two choices of question '{self.id}' share a label")
        return self

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def max_points(self) -> int:
        return max(c.points for c in self.choices)


class Flow(Frozen):
    """A qualification flow: the questions asked in order and the pass mark."""

    id: str
    name: str
    description: str = ""
    threshold: int = Field(ge=0)
    questions: tuple[Question, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Flow:
        ids = [q.id for q in self.questions]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate question id(s): {', '.join(dupes)}")
        if self.threshold > self.max_points:
            raise ValueError(
                f"threshold {self.threshold} can never be reached: "
                f"the best answers add up to {self.max_points}"
            )
        return self

    @property
    def max_points(self) -> int:
        return sum(q.max_points for q in self.questions)

    @property
    def version(self) -> str:
        """A short content hash: two flows with the same rules share a version."""
        blob = json.dumps(self.model_dump(mode="json"), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def index(self, question_id: str) -> int:
        return [q.id for q in self.questions].index(question_id)


class Answer(Frozen):
    question_id: str
    choice_id: str
    typed: str | None = None  # what the SDR typed, if they typed rather than clicked


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

    def answer_for(self, question_id: str) -> Answer | None:
        return next((a for a in self.answers if a.question_id == question_id), None)


class Verdict(StrEnum):
    QUALIFIED = "qualified"
    NOT_QUALIFIED = "not_qualified"


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
    threshold: int
    max_total: int
    verdict: Verdict

    @property
    def qualified(self) -> bool:
        return self.verdict is Verdict.QUALIFIED
