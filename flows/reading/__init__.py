"""Reading what SDRs type: a reply to one question, or call notes for a whole flow.

``read_reply(question, text, today=…)`` gives a :class:`Reading`: the choice, and how
sure it is (``sure``: taken; ``likely``: proposed for one click to confirm;
``unclear``: asked again). ``read_notes(flow, text, today=…)`` reads pasted call notes
into the answers they state, each with the sentence it came from. Both are pure and
read the same way in Slack, the console and ``qualibot read``.
"""
from __future__ import annotations

from flows.reading.notes import Filled, read_notes
from flows.reading.reply import MAX_REPLY, read_reply
from flows.reading.result import Confidence, Reading
from flows.reading.words import warm

__all__ = ["MAX_REPLY", "Confidence", "Filled", "Reading", "read_notes", "read_reply", "warm"]
