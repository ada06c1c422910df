"""Reading call notes: every answer they state, with the sentence it came from.

Notes are cut into fragments (lines, bullets, sentences, comma-separated items). Each
question is read in each fragment with the same reader as a typed reply, but in notes
a fragment must show it is about the question: a word of its topic ("budget",
"timeline"…) or a phrase that can only mean one of its answers (a job title, "signed
off"). A bare "yes" or a number with no currency says nothing in notes. A question two
fragments answer differently is left to ask.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flows.model import Flow, Kind, Question
from flows.reading.choices import evidence
from flows.reading.lexicon import Strength, words_of
from flows.reading.result import Confidence, Reading
from flows.reading.words import fold, tokens

MAX_NOTES = 10_000  # characters of notes read
_FRAGMENT = re.compile(r"\n+|(?<=[.!?])\s+(?=[A-Za-z])|;|\s[-–—•*]\s|^\s*[-–—•*]\s*|,(?!\d{3})"
                       r"|\s\|\s", re.M)
_GENERIC = {"yes", "y", "no", "n", "none", "nothing", "never", "sure", "not yet", "zero",
            "correct", "nope", "yep", "yeah", "nah", "definitely", "absolutely", "of course",
            "def", "totally", "indeed", "certainly", "hot", "keen", "approved", "approves",
            "pending", "replacing", "user", "a user", "boss", "head", "lead", "influence",
            "future", "frozen", "freeze", "secured", "set aside", "allocated", "requested",
            "in progress", "in the works", "decides"}
_GENERIC_STEMS = {" ".join(words_of(g)) for g in _GENERIC}


@dataclass(frozen=True)
class Filled:
    """An answer the notes state: the reading, and the fragment it was read in."""

    question: Question
    reading: Reading
    sentence: str


def fragments(text: str) -> list[str]:
    parts = [" ".join(p.split()) for p in _FRAGMENT.split(text[:MAX_NOTES])]
    return [p.strip(" .") for p in parts if p and p.strip(" .")]


def _cued(question: Question, fragment: str) -> bool:
    folded = " " + " ".join(tokens(fragment)) + " "
    return any(f" {' '.join(tokens(cue))} " in folded for cue in question.cues) or (
        "$" in question.cues and bool(re.search(r"[$€£]", fragment)))


def _about(question: Question, fragment: str, reading: Reading) -> Reading | None:
    """The reading if this fragment is about ``question``, no surer than it shows."""
    if reading.choice is None:
        return None
    cued = _cued(question, fragment)
    if question.kind in (Kind.MONEY, Kind.NUMBER):
        money_like = re.search(r"[$€£¥₹]|\d\s*(?:k|m|mm|grand)\b|thousand|million|figures?\b"
                               r"|grand|\b(?:usd|eur|gbp)\b", fold(fragment))
        if not money_like and not cued:
            return None
        return reading if cued or question.kind is Kind.MONEY else reading.weaker(
            Confidence.LIKELY)
    if question.kind is Kind.TIMEFRAME:
        return reading if cued else reading.weaker(Confidence.LIKELY)
    ev = evidence(question, fragment)
    strong = [h for h in ev.kept() if h.choice == reading.choice.id
              and (h.strength is Strength.TITLE or (h.strength is Strength.PHRASE
                                                    and h.words not in _GENERIC_STEMS))]
    if cued:
        return reading
    if strong:
        return reading
    return None


def read_notes(flow: Flow, text: str, *, today: date) -> tuple[Filled, ...]:
    from flows.reading import read_reply  # noqa: PLC0415 -- the package's one reader

    parts = fragments(text)
    found: list[Filled] = []
    for question in flow.questions:
        if question.kind is Kind.TEXT:
            continue
        readings: list[tuple[Reading, str]] = []
        for part in parts:
            reading = read_reply(question, part, today=today,
                                 fiscal_year_start=flow.fiscal_year_start)
            kept = _about(question, part, reading)
            if kept is not None:
                readings.append((kept, part))
        choices = {r.choice.id for r, _ in readings if r.choice is not None}
        if len(choices) != 1:
            continue  # nothing said, or two answers: asked in the conversation
        best = max(readings, key=lambda rp: rp[0].confidence is Confidence.SURE)
        found.append(Filled(question, best[0], best[1]))
    return tuple(found)
