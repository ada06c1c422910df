"""Reading one typed reply: the reader for the question's kind."""
from __future__ import annotations

import re
from datetime import date

from flows.model import Kind, Question
from flows.reading.amounts import read_number, read_timeframe
from flows.reading.choices import read_choice
from flows.reading.figures import measured_reply
from flows.reading.lexicon import lexicon
from flows.reading.money import read_money
from flows.reading.result import Confidence, Reading
from flows.text import fold

MAX_REPLY = 2000  # characters read of one reply; a longer one is notes, not an answer


def read_reply(question: Question, text: str, *, today: date,
               fiscal_year_start: int | None = None) -> Reading:
    """What ``text``, typed as the answer to ``question``, means."""
    text = text[:MAX_REPLY]
    if question.kind is Kind.TEXT:
        kept = " ".join(text.split())
        if not kept:
            return Reading.unclear(text, hint="Type your answer in a few words.")
        return Reading(text, None, Confidence.SURE, "as typed", text=kept[:2000])
    if question.kind is Kind.MONEY:
        return read_money(question, text)
    if question.kind is Kind.NUMBER:
        return read_number(question, text)
    if question.kind is Kind.TIMEFRAME:
        return read_timeframe(question, text, today, fiscal_year_start)
    reading = measured_reply(question, text, read_choice(question, text))
    return _named_year(question, _next_year(question, reading, today), today)


def _next_year(question: Question, reading: Reading, today: date) -> Reading:
    """ "On their list for next year", said in the year's last quarter, is the list for the
    coming twelve months, not "someday": proposed as the year's list, for a click."""
    if (reading.choice is None or today.month < 10 or reading.how != "next year"
            or not _NEXT_YEAR.search(fold(reading.typed))):
        return reading
    this_year = lexicon(question).longest(("this", "year"), 0)
    if this_year is None or this_year.choice is None or this_year.choice == reading.choice.id:
        return reading
    chosen = question.choice(this_year.choice)
    assert chosen is not None
    return Reading.of(reading.typed, chosen, Confidence.LIKELY,
                      f"next year (said in {today:%B})")


_NEXT_YEAR = re.compile(r"\bnext (?:year|yr)s?\b(?! (?:at the earliest|or later|at best))")


def _named_year(question: Question, reading: Reading, today: date) -> Reading:
    """ "Somewhere in 2027, after the POS upgrade", where the answers are a place on their
    list: this year's list for this year (or for next year said in the last quarter, as "next
    year" is), someday for a year after; proposed."""
    if reading.choice is not None or reading.near:
        return reading
    years = {int(y) for y in _YEAR.findall(fold(reading.typed))}
    this_year = next((c for c in question.choices if "priority_year" in c.means), None)
    someday = next((c for c in question.choices if "priority_someday" in c.means), None)
    if len(years) != 1 or this_year is None or someday is None:
        return reading
    (year,) = years
    if year == today.year or (year == today.year + 1 and today.month >= 10):
        return Reading.of(reading.typed, this_year, Confidence.LIKELY, str(year))
    if year > today.year:
        return Reading.of(reading.typed, someday, Confidence.LIKELY, str(year))
    return reading


_YEAR = re.compile(r"(?<![\d/.-])(20[2-9]\d)(?![\d/.-])")
