"""Reading a seller's typed budget and timing: "$50k", "1.2M", "in 6 months", "Q3 '27".

``parse_money`` and ``parse_timeframe`` are pure (``today`` is passed in, never read from
a clock) and never raise. Each returns a value or a ``Refusal`` saying what is accepted:
an unclear reply is asked again, never guessed. Both tidy the reply (lower case, plain
dashes, filler such as "about" dropped), then read it against small tables of patterns.
"""
from flows.parsing.common import Money, Refusal, Timeframe
from flows.parsing.money import parse_money, parse_money_range
from flows.parsing.timeframe import parse_timeframe

__all__ = ["Money", "Refusal", "Timeframe", "parse_money", "parse_money_range", "parse_timeframe"]
