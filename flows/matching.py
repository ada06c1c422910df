"""Small helpers of the reader and the conversation: normalising a typed word, and the
band of a number, an amount or a timeframe (``flows.reading`` reads the replies)."""
from __future__ import annotations

import re
import unicodedata

from flows.model import Choice, Question


def normalise(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces (``$`` kept), spaces collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("’", "'").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9$]+", " ", text).split())


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
