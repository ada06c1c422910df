"""Reading what an SDR typed: which choice of a question did they mean?

Exact label, alias or choice number first; then a fuzzy match (rapidfuzz) that
must be both close and clearly better than the runner-up. Anything else is
``Unclear`` and the question is asked again: never a silent guess.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from flows.model import Choice, Question

CUTOFF = 85  # a fuzzy match must score at least this (0-100)
MARGIN = 6  # and beat the best other choice by this much
_NEGATION = re.compile(r"\b(not|no|isn ?t|aren ?t|doesn ?t|don ?t|never|without|none)\b")


def normalise(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces (``$`` kept), spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("’", "'").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9$]+", " ", text).split())


@dataclass(frozen=True)
class Matched:
    choice: Choice
    how: str  # "number" | "exact" | "fuzzy"


@dataclass(frozen=True)
class Unclear:
    typed: str
    near: tuple[Choice, ...] = ()  # plausible choices, when the reply was ambiguous
    hint: str = ""  # what is accepted, for questions that take amounts or dates


def _names(choice: Choice) -> list[str]:
    return [normalise(choice.label), *(normalise(a) for a in choice.aliases)]


def match_choice(question: Question, typed: str, *, fuzzy: bool = True,
                 numbers: bool = True) -> Matched | Unclear:
    """A choice by its number (``numbers``), exact label or alias, then (``fuzzy``) a close
    and clear-cut match."""
    text = normalise(typed)
    if not text:
        return Unclear(typed)
    # (int() refuses strings of over 4300 digits; a choice number has at most two)
    if numbers and text.isdigit() and len(text) <= 3 and 1 <= int(text) <= len(question.choices):
        return Matched(question.choices[int(text) - 1], "number")
    for choice in question.choices:
        if text in _names(choice):
            return Matched(choice, "exact")
    if len(text) < 4 or not fuzzy:  # too short to guess at: "dm" must be an exact alias
        return Unclear(typed)

    scored = sorted(
        ((max((fuzz.WRatio(text, n) for n in _names(c) if len(n) >= 4), default=0.0), c)
         for c in question.choices),
        key=lambda pair: pair[0],
        reverse=True,
    )
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score < CUTOFF:
        return Unclear(typed)
    if best_score - runner_up < MARGIN:
        near = tuple(c for s, c in scored if best_score - s < MARGIN)
        return Unclear(typed, near)
    if _NEGATION.search(text) and not any(_NEGATION.search(n) for n in _names(best)):
        # "not the decision maker" must not read as "Decision maker".
        return Unclear(typed)
    return Matched(best, "fuzzy")


YES = {"yes", "y", "yep", "yeah", "yup", "sure", "true", "correct", "affirmative", "they do",
       "it is", "we do", "absolutely", "definitely"}
NO = {"no", "n", "nope", "nah", "false", "not really", "they dont", "it isnt", "negative",
      "none", "never"}


def match_yes_no(question: Question, typed: str) -> Matched | Unclear:
    text = normalise(typed)
    if text in YES and question.choice("yes"):
        return Matched(question.choice("yes"), "exact")  # type: ignore[arg-type]
    if text in NO and question.choice("no"):
        return Matched(question.choice("no"), "exact")  # type: ignore[arg-type]
    return match_choice(question, typed)


def band(question: Question, value: float) -> Choice | None:
    """The band of a number or money question that ``value`` falls in."""
    for c in question.choices:
        if (c.min is None or value >= c.min) and (c.max is None or value < c.max):
            return c
    return None


def band_for_days(question: Question, latest: int) -> Choice | None:
    """The band of a timeframe question: the first whose max_days covers ``latest``."""
    bands = sorted(question.choices, key=lambda c: (c.max_days is None, c.max_days or 0))
    return next((c for c in bands if c.max_days is None or latest <= c.max_days), None)


_NUMBER = re.compile(r"^\s*(?:about|around|roughly|~)?\s*(\d+(?:[.,]\d+)*)\s*([km])?\b", re.I)


def parse_number(typed: str) -> float | None:
    """A plain count: "250", "1,200", "1.5k", "about 40 people"; None if there is none."""
    m = _NUMBER.match(typed)
    if not m:
        return None
    digits = m.group(1)
    if "," in digits and "." not in digits:
        digits = digits.replace(",", "")
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    scale = {"k": 1e3, "m": 1e6}.get((m.group(2) or "").lower(), 1.0)
    return value * scale
