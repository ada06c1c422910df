"""Numbers in notes that a typed reply would leave unread: a goal with a number ("cut
onboarding from 6 weeks to 2"), proposed where a question asks for one; a ceiling ("under
$5k a year"), proposed in the band that holds it.
"""
from __future__ import annotations

import re

from flows.model import Kind, Question
from flows.reading.choices import read_choice
from flows.reading.limits import number
from flows.reading.result import Confidence, Reading
from flows.text import fold

MEASURED = "a number to move"
# (a number may be rough or a bound, "~40/mo", "<5"; "in 7 days vs 15 now", "5 days instead
# of 12" set a number against today's)
_NUM = r"[~<>≈]?\s*\$?\d"
_TARGET = re.compile(r"\d+ ?%|\bfrom " + _NUM + r"[\d.,]*\s*[a-z%/]*\s*(?:to|->|→)\s*" + _NUM
                     + r"|\d[\d.,]*\s*[a-z%/]*\s*(?:->|→)\s*" + _NUM
                     + r"|\d[\d.,]*\s*[a-z%/]*\s*(?:vs\.?|versus|instead of|rather than)\s*"
                     + _NUM + r"|\b(?:want|target|goal)\w*\s+\$?\d"
                     r"|\b(?:reduce|cut|grow|increase|improve|lower|raise|boost|shorten)\w* "
                     r"[a-z -]{0,30}\bby \$?\d")
_MEASURE_CUES = {"target", "targets", "kpi", "kpis", "metric", "metrics", "goal", "goals"}


def measured(question: Question, text: str, reading: Reading) -> Reading:
    """ "cut onboarding from 6 weeks to 2", "87% today, want 95%": a goal with a number,
    proposed where a question asks for one."""
    if reading.choice is not None or not _MEASURE_CUES & set(question.cues) \
            or not _TARGET.search(fold(text)):
        return reading
    with_number = read_choice(question, "a number")
    if not with_number.sure or with_number.choice is None:
        return reading
    return Reading.of(text, with_number.choice, Confidence.LIKELY, MEASURED)


_UNDER = re.compile(r"\b(?:under|below|less than|up to|max(?:imum)?|no more than)\s*[$€£]?\s*"
                    r"(\d[\d.,]*\s*(?:k|m|mm|grand|thousand|million)?)\b|<\s*[$€£]?\s*(\d[\d.,]*\s*"
                    r"(?:k|m|mm|grand|thousand|million)?)\b")


def at_most(question: Question, text: str, reading: Reading) -> Reading:
    """ "Wants something small, under $5k a year": unclear between the bands below $5k, it is
    proposed in the band that holds its ceiling (a deal is seldom near nothing)."""
    if question.kind is not Kind.MONEY or reading.choice is not None or len(reading.near) != 2:
        return reading
    found = _UNDER.search(fold(text))
    ceiling = number(found[1] or found[2]) if found else None
    if ceiling is None:
        return reading
    yearly = ceiling * 12 if re.search(r"/\s*mo|a month|per month|monthly", fold(text)) else ceiling
    holding = [c for c in reading.near if (c.min is None or c.min < yearly)
               and (c.max is None or yearly <= c.max)]
    if len(holding) != 1:
        return reading
    return Reading.of(text, holding[0], Confidence.LIKELY, f"under {found[0]}")


__all__ = ["MEASURED", "at_most", "measured"]
