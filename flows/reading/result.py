"""What reading a reply gives: a choice (or free text), how sure, and why."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flows.model import Choice


class Confidence(StrEnum):
    SURE = "sure"  # taken, saying how it was read
    LIKELY = "likely"  # proposed: one click (or "yes") to confirm
    UNCLEAR = "unclear"  # asked again, saying what is accepted


@dataclass(frozen=True)
class Reading:
    typed: str
    choice: Choice | None = None
    confidence: Confidence = Confidence.UNCLEAR
    how: str = ""  # what it was read from: "label", "number", a phrase, "$96,000 a year"
    near: tuple[Choice, ...] = ()  # when unclear between a few answers: those answers
    hint: str = ""  # when unclear: what is accepted (amounts, dates)
    text: str | None = None  # free-text questions: the answer as kept

    @classmethod
    def of(cls, typed: str, choice: Choice, confidence: Confidence, how: str) -> Reading:
        return cls(typed, choice, confidence, how)

    @classmethod
    def unclear(cls, typed: str, near: tuple[Choice, ...] = (), hint: str = "") -> Reading:
        return cls(typed, None, Confidence.UNCLEAR, "", near, hint)

    @property
    def sure(self) -> bool:
        return self.confidence is Confidence.SURE

    @property
    def likely(self) -> bool:
        return self.confidence is Confidence.LIKELY

    def weaker(self, confidence: Confidence) -> Reading:
        """The same reading, no surer than ``confidence``."""
        order = [Confidence.UNCLEAR, Confidence.LIKELY, Confidence.SURE]
        if order.index(confidence) >= order.index(self.confidence):
            return self
        if confidence is Confidence.UNCLEAR:
            return Reading.unclear(self.typed, (self.choice,) if self.choice else ())
        return Reading(self.typed, self.choice, confidence, self.how, self.near, self.hint)
