"""What the money and timeframe readers share: results, limits, number words, tidying.

(The package's own docstring says what they read.)

``parse_money`` and ``parse_timeframe`` are pure (``today`` is passed in, never read from
a clock) and never raise. Each returns a value or a ``Refusal`` saying what is accepted:
an unclear reply is asked again, never guessed. Both tidy the reply (lower case, plain
dashes, filler such as "about" dropped), then read it against small tables of patterns.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

MAX_CHARS = 200  # a longer reply is not an answer to "what budget?" or "when?"
MAX_AMOUNT = Decimal(10) ** 15
OPEN_ENDED = 3650  # days: the `latest` of "later", "6+ months", "after Q3"
FURTHEST = OPEN_ENDED + 366  # days: no period may end further ahead than this

MONEY_HELP = 'Type an amount, e.g. "$50k", "1.2 million" or "€20,000".'
TIMEFRAME_HELP = 'Type when they plan to buy, e.g. "within 6 months", "Q3 2027" or "by March".'
FUTURE_HELP = 'Type a time from today to 10 years ahead, e.g. "next quarter" or "in 2 years".'


@dataclass(frozen=True)
class Refusal:
    """The reply could not be read; `accepted` says, for a salesperson, what is."""

    accepted: str


@dataclass(frozen=True)
class Money:
    amount: Decimal  # >= 0, in whole currency units (cents allowed)
    currency: str  # ISO 4217 code; "USD" when the reply names none


@dataclass(frozen=True)
class Timeframe:
    earliest: int  # days from today to the earliest date the reply allows (>= 0)
    latest: int  # days from today to the latest date it allows (>= earliest)
    said: str  # normalised: "within 6 months", "by end of Q3 2027", "ASAP"



# Shared ----------------------------------------------------------------------------

_SMALL = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {word: 10 * n for n, word in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_TYPOGRAPHY = str.maketrans("‐‑‒–—−’‘", "------''")
_TENS_HYPHEN = re.compile(rf"\b({'|'.join(_TENS)})-(?=[a-z])")  # "twenty-five"


def _clean(text: str) -> str:
    """Lower case, plain dashes and quotes, single spaces, no closing punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_TYPOGRAPHY)
    return " ".join(_TENS_HYPHEN.sub(r"\1 ", text).split()).strip(" .!?")
