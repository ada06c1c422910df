"""Reading one typed reply: the reader for the question's kind."""
from __future__ import annotations

from datetime import date

from flows.model import Kind, Question
from flows.reading.amounts import read_number, read_timeframe
from flows.reading.money import read_money
from flows.reading.choices import read_choice
from flows.reading.result import Confidence, Reading

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
    return read_choice(question, text)
