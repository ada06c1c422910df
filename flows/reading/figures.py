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
# (an amount in any currency: "~PLN 200k", "₦40m", "R$ 2 mi")
_NUM = r"[~<>≈]?\s*(?:[$€£¥₹₦₱₩₺₪]|[a-z]{1,3}\$|[a-z]{1,3} ?)?\d"
# "from 3 wks to 1" in the languages teams mix in: "de 8% a 3%", "z 3 tygodni do 1", "von 12
# auf 5 Tage"
_FROM = r"\b(?:from|de|desde|von|od|z|da|dari|van|fra|fran)\s"
_TO = r"(?:to|a|para|auf|bis|do|na|ke|naar|til|till|->|→)"
_TARGET = re.compile(r"\d+ ?%|" + _FROM + _NUM + r"[\d.,]*\s*[a-z%/]*\s*" + _TO + r"\s*" + _NUM
                     + r"|\d[\d.,]*\s*[a-z%/]*\s*(?:->|→)\s*" + _NUM
                     + r"|\d[\d.,]*\s*[a-z%/]*\s*(?:vs\.?|versus|instead of|rather than)\s*"
                     + _NUM + r"|\b(?:want|target|goal)\w*\s*(?:[=:]|is|of)?\s*(?:\$?\d|zero\b)"
                     # "get double payments down to zero", "ridurre … a zero"
                     r"|\b(?:down to|to|a|do|auf|down) (?:zero|0)\b(?! ?(?:budget|money|\$))"
                     r"|\b(?:reduce|cut|grow|increase|improve|lower|raise|boost|shorten|slash)\w* "
                     r"[a-z -]{0,30}\bby " + _NUM
                     # "recover ~₦40m/yr", "save 2 FTE", "free up 10 hrs a week": a gain counted
                     + r"|\b(?:recover|reclaim|recoup|claw back|win back|save|saving|free up"
                     r"|freeing up)\w* (?:about |around |roughly |up to )?" + _NUM
                     # "under 4hrs, currently 2 days": a number set against today's
                     + r"|\d[^,;]{0,30}[,;(]\s*(?:currently|today|now|vs today|down from|up from)"
                     r"\s*(?:at |is |its )?" + _NUM)
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


# (a typed reply in doubt keeps its doubt: "not sure those were targets", "20%?")
_DOUBT = re.compile(r"\?|\b(?:not sure|unsure|idk|no idea|dont know|maybe|unclear|if|unless"
                    r"|no target|no goal|not a target|not a goal)\b")


def measured_reply(question: Question, text: str, reading: Reading) -> Reading:
    """A typed reply to a question that asks for a goal's number, read as in notes: "reduce
    write-offs by ~PLN 200k/yr", "onboarding down from 3 wks to 1", proposed; never over
    a doubt or a reply read between answers."""
    if reading.near or _DOUBT.search(fold(text)):
        return reading
    return measured(question, text, reading)


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


__all__ = ["MEASURED", "at_most", "measured", "measured_reply"]
