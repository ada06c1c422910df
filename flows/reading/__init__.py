"""Reading what SDRs type: a reply to one question, or call notes for a whole flow.

``read_reply(question, text, today=…)`` gives a :class:`Reading`: the choice, and how
sure it is (``sure``: taken; ``likely``: proposed for one click to confirm;
``unclear``: asked again). ``read_notes(flow, text, today=…)`` reads pasted call notes
into the answers they state, each with the sentence it came from. Both are pure and
read the same way in Slack, the console and ``qualibot read``.
"""
from __future__ import annotations

from datetime import date

from flows.model import Kind, Question
from flows.reading.amounts import read_money, read_number, read_timeframe
from flows.reading.choices import read_choice
from flows.reading.notes import Filled, read_notes
from flows.reading.result import Confidence, Reading
from flows.reading.words import warm

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


__all__ = ["Confidence", "Filled", "Reading", "read_notes", "read_reply", "warm"]
