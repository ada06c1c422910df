"""Reading amounts and times in sales talk: "six figures", "$8k a month", "after the summer".

The exact parsers (``flows.parsing``) read one amount or one time; here a reply is
first rewritten from sales shorthand into what they read ("high five figures" is
70,000 to 99,999; "$8k/mo" is 96,000 a year; "not for a couple of years" is "after
2 years"), the amount or time is found inside a longer reply, and the band it lands
in is chosen. A reply whose range straddles two bands is never taken as sure.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from flows.matching import band, band_for_days, parse_number
from flows.model import Choice, Question
from flows.parsing import Refusal, Timeframe, parse_money_range, parse_timeframe
from flows.parsing.common import FUTURE_HELP, MONEY_HELP, TIMEFRAME_HELP
from flows.reading.choices import decide, evidence, read_choice
from flows.reading.result import Confidence, Reading
from flows.reading.words import TURN, clauses, corrections
from flows.text import fold, tokens

APPROXIMATE = re.compile(r"\b(?:about|around|roughly|approx\w*|circa|ca|ish|or so|give or take"
                         r"|ballpark|something like|in the region of|north of|south of)\b|~")
_FIGURES = {"four": 3, "five": 4, "six": 5, "seven": 6, "eight": 7, "4": 3, "5": 4, "6": 5,
            "7": 6, "8": 7}
_FIGURE = re.compile(r"\b(?:(?P<part>low|lower|mid|middle|high|upper)[- ]?)?(?:end )?(?:of )?"
                     r"(?:the )?(?P<n>four|five|six|seven|eight|[4-8])[- ]?(?:figures?|figs?)\b")
_PERIOD = re.compile(
    r"(?:\s*(?:/|per|a|an|each|every)\s*(?P<unit>month|mo|mth|m|quarter|qtr|q|year|yr|y|annum"
    r"|week|wk)\b\.?|\s*(?P<adverb>monthly|quarterly|annually|yearly|weekly|pm|p/m|mrr|arr)\b)")
_TIMES = {"month": 12, "mo": 12, "mth": 12, "m": 12, "monthly": 12, "pm": 12, "p/m": 12,
          "mrr": 12, "quarter": 4, "qtr": 4, "q": 4, "quarterly": 4, "week": 52, "wk": 52,
          "weekly": 52, "year": 1, "yr": 1, "y": 1, "annum": 1, "annually": 1, "yearly": 1,
          "arr": 1}
_SEATS = re.compile(
    r"(?P<n>\d[\d,]*)\s*(?:seats?|users?|licen[cs]es?|people|reps?|agents?|beds?|sites?"
    r"|locations?|employees?|staff|heads?|stores?|clinics?)\s*(?:x|\*|×|at|@|times)\s*"
    r"(?P<price>[$€£]?\s*\d[\d,.]*\s*k?)")
_GRAND = re.compile(r"\b(?:a )?couple (?:of )?hundred (?:k|grand|thousand)\b")
_FEW_HUNDRED = re.compile(r"\b(?:a )?few hundred (?:k|grand|thousand)\b")
_AMOUNTISH = re.compile(
    r"(?:between|from)\s+[$€£]?\s*\d[\d,.]*\s*(?:k|m|grand|thousand)?\s+(?:and|to)\s+[$€£]?\s*"
    r"\d[\d,.]*\s*(?:k|m|mm|grand|thousand|million)?\b"
    r"|(?:[$€£¥₹]\s*)?\d[\d,.]*\s*(?:k|m|mm|mn|bn|b|grand|thousand|million|billion)?\b"
    r"(?:\s*(?:-|to|–)\s*(?:[$€£¥₹]\s*)?\d[\d,.]*\s*(?:k|m|mm|grand|thousand|million)?\b)?"
    r"(?:\s*(?:usd|eur|gbp|dollars?|euros?|pounds?|bucks))?"
    r"|(?:[a-z]+[ -]){0,3}(?:hundred|thousand|grand|million)\b(?:\s*(?:dollars?|bucks))?")
_DOLLARS = {"USD", "CAD", "AUD", "NZD", "SGD", "HKD"}
# Currencies within a quarter or so of a dollar: read with that much slack. Others (yen,
# rupees, kronor…) would need a rate: asked again in dollars.
_NEAR_DOLLAR = {"USD", "$", "CAD", "AUD", "NZD", "SGD", "EUR", "GBP", "CHF"}
_BELOW = re.compile(r"\b(?:under|less than|below|sub)\b|<")  # "max 3k", "up to 3k": 3k
_SHORTHAND = tuple((re.compile(p), a) for p, a in (
    (r"\b(?:a )?few (?:grand|k|thousand)\b", "2-5k"),
    (r"\b(?:a )?couple (?:of )?(?:grand|k|thousand)\b", "2k"),
    (r"\b(?:a )?few hundred(?: (?:bucks|dollars))?\b", "300"),
    (r"\b(?:a )?couple (?:of )?hundred(?: (?:bucks|dollars))?\b", "200"),
    (r"^(?:a |one )?hundred (?:bucks|dollars)$", "100"),
    (r"\b(?:a|one) hundred (?:bucks|dollars)\b", "$100"),  # "under a hundred bucks, …"
    (r"\b(thousand|million)s\b", r"\1"),  # "150 thousands dollars"
    (r"\b(?:a )?(?:million|mil)\b(?! \w)", "1m"),
    (r"\bhalf a (?:mil|million)\b", "500k"),
    (r"\b(?:a )?(?:grand|k)\b(?= (?:a|per|/) ?(?:month|mo|year|yr))", "1k"),
))


# "maybe 2-3k", "probably Q3": a guess at an amount or a time is an estimate, proposed
# for a click; "maybe", "not sure" standing alone are still no answer.
_GUESS = r"\b(?:maybe|perhaps|possibly|probably|prob|likely|my guess is|guessing)\s+"
_GUESSED_AMOUNT = re.compile(_GUESS + r"(?=[$€£~]?\s*\d|(?:low|mid|high|upper|lower|six|five"
                             r"|four|seven|a couple|a few|under|over|around|about)\b)")
_GUESSED_TIME = re.compile(_GUESS + r"(?=\d|(?:q[1-4]|h[12]|20\d\d|next|this|end|early|late"
                           r"|mid|in|within|after|by|around|jan\w*|feb\w*|mar\w*|apr\w*|may"
                           r"|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\b)")
# "high five figures, maybe more": the amount is a floor; "a few grand, if that": a ceiling.
_MORE = re.compile(r"[,;(]?\s*\b(?:maybe|possibly|perhaps|probably|could be|might be|if not"
                   r"|or|even|potentially|prob)\s+(?:more|higher|bigger)\b\)?")
_LESS = re.compile(r"[,;(]?\s*\b(?:(?:maybe|possibly|perhaps|probably|could be|might be|or"
                   r"|even|potentially|prob)\s+(?:less|lower|smaller)|if that)\b\)?")


_TYPED_RANGE = re.compile(r"\d\s*(?:k|m|grand|thousand)?\s*(?:-|to|–)\s*[$€£]?\s*\d")
_GUESS_WORD = re.compile(r"\b(?:maybe|perhaps|possibly|probably|prob|likely)\b")
_ISH = re.compile(r"(?<=[a-z0-9])[- ]?ish\b")  # "sept-ish", "50k ish": about


def _guessed(text: str, guess: re.Pattern[str]) -> tuple[str, bool]:
    folded = fold(text)
    if len(_GUESS_WORD.findall(folded)) > 1:  # "maybe Q2, maybe later": two guesses
        return text, False
    plain = _ISH.sub("", guess.sub("", folded))
    return (plain, True) if plain != folded else (text, False)


def _as_typed(reading: Reading, typed: str, guessed: bool) -> Reading:
    reading = replace(reading, typed=typed)
    return reading.weaker(Confidence.LIKELY) if guessed else reading


def read_money(question: Question, text: str) -> Reading:
    named = _exact(question, text)
    if named is not None:  # a bare "2" may be $2: the button is proposed, not taken
        return named.weaker(Confidence.LIKELY) if named.how == "number" else named
    typed, ish = text, bool(_ISH.search(fold(text)))
    text, guessed = _guessed(text, _GUESSED_AMOUNT)
    more, less = _MORE.search(fold(text)), _LESS.search(fold(text))
    if more or less:
        text = _LESS.sub(" ", _MORE.sub(" ", fold(text)))
    reading = _read_money(question, text, more=bool(more), less=bool(less), ish=ish)
    return _as_typed(reading, typed, guessed)


def _read_money(question: Question, text: str, *, more: bool, less: bool,
                ish: bool) -> Reading:
    if _FORMING.search(fold(text)):  # "no $ yet, they're putting one together"
        return Reading.unclear(text, hint="Type the amount once they know it, e.g. \"$50k\".")
    if _MULTI_YEAR.search(fold(text)):
        return Reading.unclear(text, hint="Type what they would spend in one year, e.g. "
                                          "\"$20k a year\".")
    found = _money_range(text)
    if isinstance(found, str):
        return _named(question, text) or Reading.unclear(text, hint=found)
    low, high, how, foreign = found
    approx = ish or bool(APPROXIMATE.search(fold(text)))
    slack = Decimal("0.15") if foreign else Decimal("0.05") if approx else Decimal(0)
    low, high = (Decimal(0) if less else low * (1 - slack)), high * (1 + slack)
    if more:
        high, how = high * 1000, how + " or more"
    elif less:
        how = "up to " + how
    if (low < high and _TYPED_RANGE.search(fold(text))
            and band(question, float(high)) != band(question, float(high) - 0.01)):
        high -= Decimal("0.01")  # "40-50k" ends where "$10,000 to $50,000" ends
    return _banded(question, text, float(low), float(high), how, lambda q, v: band(q, v))


def read_number(question: Question, text: str) -> Reading:
    named = _exact(question, text, numbers=False)
    if named is not None:
        return named
    value = parse_number(text)
    if value is None:
        match = re.search(r"\d[\d,.]*\s*k?", text)
        value = parse_number(match.group(0)) if match else None
    if value is None:
        return _named(question, text) or Reading.unclear(
            text, hint="Type the number, for example 250 or 1.5k.")
    return _banded(question, text, value, value, f"{value:,.0f}", lambda q, v: band(q, v))


def read_timeframe(question: Question, text: str, today: date,
                   fiscal_year_start: int | None = None) -> Reading:
    named = _exact(question, text)
    if named is not None:
        return named
    typed = text
    text, guessed = _guessed(text, _GUESSED_TIME)
    return _as_typed(_read_timeframe(question, text, today, fiscal_year_start), typed, guessed)


def _read_timeframe(question: Question, text: str, today: date,
                    fiscal_year_start: int | None) -> Reading:
    said = _FY_IS.search(fold(text))
    rest = fold(text)[:said.start()] + " " + fold(text)[said.end():] if said else ""
    if said and _FISCAL.search(rest):  # "next fiscal, their FY runs oct-sep": when it is
        fiscal_year_start, text = _fiscal_start(said), rest
    when = _timeframe(text, today, fiscal_year_start)
    if isinstance(when, Refusal):
        return _named(question, text) or Reading.unclear(text, hint=when.accepted)
    if _NOT_SOON.search(fold(text)):  # "not urgent" says when it is not, not when it is
        return _named(question, text) or Reading.unclear(text, hint=TIMEFRAME_HELP)
    reading = _banded(question, text, when.earliest, when.latest, when.said,
                      lambda q, v: band_for_days(q, int(v)), latest_decides=True)
    if _VAGUE.search(fold(text)):  # "by summer", "mid next year": a season, not a date
        reading = reading.weaker(Confidence.LIKELY)
    if reading.choice is not None and when.earliest > 0 and _RANGE.search(fold(text)):
        # "5-8 months", "Q1 or Q2": the SDR gave two times; ask if they fall apart
        first = band_for_days(question, when.earliest)
        if (first is not None and first.id != reading.choice.id
                and not (first.max_days and when.earliest >= first.max_days - _EDGE_DAYS)):
            # ("6-12 months" starts where "within six months" ends: it is within a year)
            return Reading.unclear(text, near=_between(question, first, reading.choice))
    return reading


_FISCAL = re.compile(r"\b(?:fy|fiscal|financial year)\b")
_EDGE_DAYS = 7  # a range that starts this close to a band's end starts past it
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_FY_IS = re.compile(r"\b(?:their |the |our |its )?(?:fy|fiscal(?: year)?|financial year) (?:year )?"
                    r"(?P<verb>runs|is|goes|starts|begins|ends|closes|end|start)"
                    r"(?: from| in| on| at| end of)? " + _MONTH.replace("(", "(?P<first>", 1)
                    + r"(?: \d{1,2}(?:st|nd|rd|th)?)?(?: ?(?:-|to|/|through|thru|–) ?"
                    + _MONTH.replace("(", "(?P<last>", 1) + r")?")


def _fiscal_start(said: re.Match[str]) -> int:
    """The month a fiscal year starts in, from "FY runs oct-sep", "FY ends in June"…."""
    first = _MONTHS.index(next(m for m in _MONTHS if m.startswith(said["first"]))) + 1
    if said["verb"] in ("ends", "closes", "end") and not said["last"]:
        return first % 12 + 1
    return first


_MULTI_YEAR = re.compile(r"\b(?:\d|two|three|four|five|multi)[- ]?(?:years?|yrs?)[- ]"
                         r"(?:deal|contract|term|agreement|commit)")
_NOT_SOON = re.compile(r"\b(?:not|no|never|isnt|arent|wasnt)(?: \w+)? (?:urgent\w*|asap|now|soon"
                       r"|immediately|right away|today)\b")
_DAY_OF_MONTH = re.compile(r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)"
                           r" ([0-2]?[0-9]|3[01])(?:st|nd|rd|th)?\b(?![0-9'])")
_FORMING = re.compile(r"\b(?:putting (?:one|a budget|it|the budget) together"
                      r"|working on (?:a |the )?(?:budget|number)"
                      r"|being (?:put together|formulated|scoped|worked out)"
                      r"|to be (?:decided|determined|confirmed)|tbd|tbc)\b")
_RANGE = re.compile(r"\d+ ?(?:-|to|–) ?\d+ ?(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)\b"
                    r"|\b(?:q[1-4]|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*"
                    r"|sep\w*|oct\w*|nov\w*|dec\w*|this year|next year)\b.{0,12}\b(?:or|to)\b.{0,6}"
                    r"\b(?:q[1-4]|h[12]|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*"
                    r"|sep\w*|oct\w*|nov\w*|dec\w*|later|next year|20\d\d)\b")
_VAGUE = re.compile(r"\b(?:spring|summer|fall|autumn|winter|mid|early|late|sometime|ish)\b")


def _exact(question: Question, text: str, *, numbers: bool = True) -> Reading | None:
    """The reply is an answer's number ("2"), label or one of its names, whole."""
    reading = read_choice(question, text, numbers=numbers)
    if reading.sure and reading.how in ("number", "label"):
        return reading
    words = " ".join(tokens(text))
    for c in question.choices:
        if words in {" ".join(tokens(n)) for n in (*c.aliases, *c.phrases)}:
            return Reading.of(text, c, Confidence.SURE, words)
    return None


def _named(question: Question, text: str) -> Reading | None:
    """An answer said by name or phrase ("no timeline", "tiny"), when no amount or date
    is in the reply to read instead."""
    ev = evidence(question, text)
    reading = decide(question, text, ev) if ev.found or ev.against or ev.hedged else None
    if reading is None or reading.choice is None:
        return reading if reading is not None and ev.hedged else None
    return reading


def _banded(question: Question, text: str, low: float, high: float, how: str,
            band_of: object, *, latest_decides: bool = False) -> Reading:
    """The band ``low`` to ``high`` lands in: sure in one band, likely when only the
    latest date decides (timeframes), unclear between bands."""
    first = band_of(question, low)  # type: ignore[operator]
    last = band_of(question, high)  # type: ignore[operator]
    if first is None or last is None:
        return Reading.unclear(text, hint="That is outside every answer this question offers.")
    ev = evidence(question, text)
    if ev.hedged:
        return Reading.unclear(text, near=_between(question, first, last))
    if first.id == last.id or (latest_decides and low <= 0):  # "by June": any day till then
        confidence = Confidence.LIKELY if ev.soft else Confidence.SURE
        return Reading.of(text, last, confidence, how)
    if latest_decides:
        return Reading.of(text, last, Confidence.LIKELY, how)
    return Reading.unclear(text, near=_between(question, first, last))


def _between(question: Question, first: Choice, last: Choice) -> tuple[Choice, ...]:
    ids = [c.id for c in question.choices]
    a, b = sorted((ids.index(first.id), ids.index(last.id)))
    return question.choices[a:b + 1]


# -- money ----------------------------------------------------------------------------

_MONEY_FILLER = re.compile(r"\b(?:somewhere|anywhere|something like|in the range of"
                           r"|in the region of|ballpark|about|around|roughly)\b")
_DECIMAL_COMMA = re.compile(r"\b(\d+),(\d{1,2})(?=\s*(?:k|m|mm|mil|million|grand)\b)")
_THOUSANDS_DOT = re.compile(r"\b(\d{1,3})((?:\.\d{3})+)(?![\d.,])")


def _money_range(text: str) -> tuple[Decimal, Decimal, str, bool] | str:
    """The lowest and highest amount a reply allows, a year's worth, how it was read, and
    whether it is in a currency other than dollars; or what is accepted."""
    clean = fold(text)
    clean = _DECIMAL_COMMA.sub(r"\1.\2", clean)  # "9,5k": 9.5 thousand
    clean = _MONEY_FILLER.sub(" ", clean)
    clean = _THOUSANDS_DOT.sub(lambda m: m[1] + m[2].replace(".", ""), clean)  # "35.000"
    times, period = 1, ""
    if found := _PERIOD.search(clean):
        word = found.group("unit") or found.group("adverb")
        times = _TIMES.get(word, 1)
        period = {12: "a month", 4: "a quarter", 52: "a week"}.get(times, "")
        clean = clean[:found.start()] + " " + clean[found.end():]
    if figure := _FIGURE.search(clean):
        low, high = _figures(figure.group("n"), figure.group("part"))
        return low * times, high * times, _said(low * times, high * times, period), False
    clean = _GRAND.sub("200k", _FEW_HUNDRED.sub("300k", clean))
    for pattern, amount in _SHORTHAND:
        clean = pattern.sub(amount, clean)
    if seats := _SEATS.search(clean):
        count = Decimal(seats.group("n").replace(",", ""))
        price = parse_money_range(seats.group("price"))
        if not isinstance(price, Refusal):
            low, high = price[0].amount * count * times, price[1].amount * count * times
            return low, high, _said(low, high, period), price[0].currency not in _DOLLARS
    parsed = parse_money_range(clean)
    if isinstance(parsed, Refusal):
        spans = {m.group(0).strip() for m in _AMOUNTISH.finditer(clean) if m.group(0).strip()}
        readings = [r for s in spans if not isinstance(r := parse_money_range(s), Refusal)
                    and _is_money(s, clean)]
        values = {(r[0].amount, r[1].amount) for r in readings}
        if len(values) != 1:
            return MONEY_HELP
        parsed = readings[0]
    low_money, high_money = parsed
    low, high = low_money.amount * times, high_money.amount * times
    said = _said(low, high, period)
    if low == high and _BELOW.search(clean):
        # "under 5k": less than it, but of its order ($500 to $5,000), not "under $100"
        said = "under " + said
        low, high = high / 10, high - Decimal("0.01")
    if low_money.currency not in _NEAR_DOLLAR:
        return ("Type the amount in dollars (bands are in US dollars), e.g. \"$30k\"; "
                f"{low_money.currency} is too far from a dollar to place it.")
    return low, high, said, low_money.currency not in _DOLLARS | {"$"}


def _is_money(span: str, whole: str) -> bool:
    """A number in a longer reply is an amount if it says so: a currency, k/m, grand…"""
    return bool(re.search(r"[$€£¥₹]|\d\s*(?:k|m|mm|bn)\b|grand|thousand|million|dollar|buck"
                          r"|usd|eur|gbp|euro|pound", span)) or span == whole.strip()


def _figures(n: str, part: str | None) -> tuple[Decimal, Decimal]:
    zeros = _FIGURES[n]
    low, high = Decimal(10) ** zeros, Decimal(10) ** (zeros + 1) - 1
    step = (high + 1 - low) / 10
    if part in ("low", "lower"):
        return low, low + step * 3 - 1
    if part in ("mid", "middle"):
        return low + step * 3, low + step * 7 - 1
    if part in ("high", "upper"):
        return low + step * 7, high
    return low, high


def _said(low: Decimal, high: Decimal, period: str) -> str:
    year = " a year" if period else ""
    if low == high:
        return f"${low:,.0f}{year}"
    return f"${low:,.0f} to ${high:,.0f}{year}"


# -- time -----------------------------------------------------------------------------

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11),
            "winter": (12, 2)}
_MONTHS = ("january february march april may june july august september october november "
           "december").split()


_TIME_WORDS = re.compile(
    r"\b(?:asap|now|today|tomorrow|urgent\w*|immediately|right away|q[1-4]|h[12]|eo[ywqm]"
    r"|days?|weeks?|months?|quarters?|years?|yrs?|mos?|wks?|20\d\d|jan\w*|feb\w*|mar\w*"
    r"|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|spring|summer|fall"
    r"|autumn|winter|later|eventually)\b")
_TIME_KNOWN = frozenset(
    "within next before after end this coming later months month weeks week quarter quarters "
    "year years days january february march april june july august september october "
    "november december immediately eventually".split())


def _timeframe(text: str, today: date, fiscal_year_start: int | None) -> Timeframe | Refusal:
    """The time a reply names, read whole, else from the times inside it ("ASAP, their
    contract ends feb 28"): the earliest to the latest of them."""
    clean = " ".join(re.sub(r"[^\w$+'/-]+", " ", _spelt(fold(text))).split())
    try:
        return _times_in(text, clean, today, fiscal_year_start)
    except _Past:
        return Refusal(FUTURE_HELP)


def _times_in(text: str, clean: str, today: date, fiscal_year_start: int | None
              ) -> Timeframe | Refusal:
    if clean in _BARE_UNITS:  # "year": no time at all
        return Refusal(TIMEFRAME_HELP)
    whole = _parse_any(clean, today, fiscal_year_start)
    if whole is not None:
        return whole
    found: list[Timeframe] = []
    for clause in clauses(text):
        part = " ".join(re.sub(r"[^\w$+'/-]+", " ", _spelt(clause.strip(TURN))).split())
        if not _TIME_WORDS.search(part):
            continue
        read = _parse_any(part, today, fiscal_year_start) or _window(part, today,
                                                                     fiscal_year_start)
        if read is not None:
            found.append(read)
    if not found:
        return Refusal(TIMEFRAME_HELP)
    if len(found) == 1:
        return found[0]
    return Timeframe(min(f.earliest for f in found), max(f.latest for f in found),
                     " / ".join(dict.fromkeys(f.said for f in found)))


def _spelt(clean: str) -> str:
    fixes = corrections(clean.split(), _TIME_KNOWN)
    return " ".join(fixes[w].read if w in fixes else w for w in clean.split())


class _Past(Exception):
    """A time the reply names is over (or too far ahead): asked again, never moved on a
    year by reading part of it ("Q3 2026" in December is not Q3 2027)."""


def _parse_any(clean: str, today: date, fy: int | None) -> Timeframe | None:
    for candidate in _rewrites(clean, today, fy):
        when = parse_timeframe(candidate, today)
        if isinstance(when, Timeframe):
            return when
        if when.accepted == FUTURE_HELP:
            raise _Past
    return None


_EARLIEST = re.compile(r"\s*\bat the (?:very )?earliest\b")
_BARE_UNITS = frozenset("year years month months week weeks quarter quarters day days".split())


def _window(part: str, today: date, fy: int | None) -> Timeframe | None:
    """The longest run of up to six words of ``part`` that names a time."""
    words = _DAY_OF_MONTH.sub(r"\1", part).split()
    for size in range(min(6, len(words)), 0, -1):
        for at in range(len(words) - size + 1):
            piece = " ".join(words[at:at + size])
            if piece in _BARE_UNITS:  # "budget year starts july": "year" is no date
                continue
            if _TIME_WORDS.search(piece) and (when := _parse_any(piece, today, fy)):
                return when
    return None


def _fiscal_end_month(start: int) -> str:
    return _MONTHS[(start - 2) % 12]


_FILLER = re.compile(r"\b(?:they|theyre|she|he|we|said|say|says|want|wants|to|go|live|buy"
                     r"|purchase|sign|start|decide|decision|implement|roll|out|looking|at"
                     r"|aiming|aim|for|hoping|hope|plan|plans|planning|target|targeting|is"
                     r"|are|be|would|will|like|it|done|in place|their|the|a|an|of|on|up"
                     r"|and|just|really|still|tho|lol|ideally|probably|prob|maybe|think"
                     r"|i|expect|expected|said|sometime|some|time|asap-ish|ish|kick|off|get"
                     r"|going|rollout|launch|by|within|in|around|about)\b")


_FY_END = re.compile(r"\b(?:their |the )?(?:fiscal|fy)(?: year)?[ -]?(?:end|close)s?\b"
                     r"|\bend of (?:the |their )?(?:fiscal|fy)(?: year)?\b"
                     r"|\b(?:their |the )?(?:fiscal|fy)(?: year)? (?:closes|ends|close|end)\b")


def _rewrites(clean: str, today: date, fy: int | None) -> list[str]:
    """The reply, then the reply in the words the timeframe parser reads."""
    out = _DAY_OF_MONTH.sub(r"\1", clean)  # "feb 28": February (its day matters not)
    out = re.sub(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b",  # "03/31/2027", as CRMs write it
                 lambda m: f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}" if int(m[1]) <= 12
                 else f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}", out)
    out = re.sub(r"\b(?:before|by|for) (?:x-?mas|christmas)\b", "by end of december", out)
    out = re.sub(r"\b(?:x-?mas|christmas)\b", "december", out)
    out = re.sub(r"\bnext (q[1-4]|h[12])\b", lambda m: _next_part(m[1], today), out)
    out = re.sub(r"\b(?:the )?(?:next|coming) few\b", "next 3", out)
    out = re.sub(r"\b(?:needed it |need it |wanted it )?yesterday\b", "asap", out)
    out = re.sub(r"\bimminent(?:ly)?\b", "asap", out)
    out = re.sub(r"\b(?:right )?after (?:the )?(?:new year|holidays|x-?mas|christmas)\b",
                 "by end of february", out)
    out = re.sub(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? ?(?:/|or|-|to)"
                 r" ?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
                 r"by end of \2", out)  # "feb/march": by the end of March
    for q, (first, middle, last) in {"1": ("jan", "feb", "mar"), "2": ("apr", "may", "jun"),
                                     "3": ("jul", "aug", "sep"),
                                     "4": ("oct", "nov", "dec")}.items():
        out = re.sub(rf"\b(?:early|start of|beginning of) q{q}\b", f"by end of {first}", out)
        out = re.sub(rf"\bmid[- ]?q{q}\b", f"by end of {middle}", out)
        out = re.sub(rf"\b(?:late|end of) q{q}\b", f"by end of {last}", out)
    if _FY_END.search(out):
        month = re.search(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", out)
        if month:  # "by FY end, theirs ends june 30": that month
            out = f"by end of {month.group(1)}"
        elif fy is not None:
            out = _FY_END.sub(f"end of {_fiscal_end_month(fy)}", out)
        else:  # a fiscal year nobody named ends within twelve months
            out = "within 12 months"
    if fy is not None:  # the fiscal year is known: next FY starts on its first month
        start_year = today.year + (today.month >= fy)
        last = _MONTHS[(fy - 2) % 12]
        out = re.sub(r"\b(?:the )?next (?:fiscal|fy)(?: year)?\b",
                     f"after {last} {start_year - (fy == 1)}", out)
        out = re.sub(r"\b(?:the )?this (?:fiscal|fy)(?: year)?\b",
                     f"by end of {last} {start_year - (fy == 1)}", out)
    out = re.sub(r"\bfy ?'?(\d\d)(?:/\d\d)?\b", r"20\1", out)  # "FY27", "FY27/28": 2027
    out = re.sub(r"\bnext (?:fiscal|fy)(?: year)?\b", "next year", out)
    out = re.sub(r"\bthis (?:fiscal|fy)(?: year)?\b", "this year", out)
    out = re.sub(r"\b(?:before|by) (?:the )?(?:q-?end|quarter[- ]end|eoq|end of (?:the )?q)\b",
                 "by end of this quarter", out)
    out = re.sub(r"\b(?:q-?end|quarter[- ]end|eoq)\b", "end of this quarter", out)
    for holiday, month in _HOLIDAYS:
        out = re.sub(rf"\b(?:next |this )?{holiday}\b", month, out)
    out = re.sub(r"\bnot (?:for|in|within|in the next|for another|for at least) ", "after ", out)
    out = re.sub(r"\bnot (?:until|till|til|before) ", "not before ", out)
    out = re.sub(r"\bnot this year\b", "after this year", out)
    out = re.sub(r"\b(\d+) ?\+ ?(mo|mos|months|month|yrs?|years?)\b", r"\1+ \2", out)
    out = re.sub(r"\bmos?\b|\bmths?\b", "months", out)
    out = re.sub(r"\byr\b", "year", out)
    out = re.sub(r"\byrs\b", "years", out)
    out = re.sub(r"\bwks?\b", "weeks", out)
    out = re.sub(r"\bnew year\b|\bthe holidays\b", "january", out)
    out = re.sub(r"\b(?:early|start of|beginning of) (q[1-4]|h[12])\b", r"\1", out)
    out = re.sub(r"\b(?:early|start of|beginning of) next year\b", "by march next year", out)
    # "early 2027": by its March; "mid 2027": by its July; "late 2027": by its end
    out = re.sub(r"\b(?:early|start of|beginning of) (20\d\d)\b", r"by end of march \1", out)
    out = re.sub(r"\bmid[- ]?(20\d\d)\b", r"by end of july \1", out)
    out = re.sub(r"\b(?:late|end of) (20\d\d)\b", r"by end of december \1", out)
    out = re.sub(r"\b(?:before|by) (?:the )?(?:year[- ]end|end of (?:the )?year)\b",
                 "by end of this year", out)
    out = re.sub(r"\bthis time next year\b", "in 12 months", out)
    out = re.sub(r"\b(?:by )?(?:late|end of) next year\b", "by end of next year", out)
    if _EARLIEST.search(out):  # "Q1 at the earliest": Q1 or later
        out = re.sub(r"\b(a|an|one|\d+) (years?|months?|weeks?) from now\b", r"in \1 \2", out)
        out = _EARLIEST.sub("", out).strip()
        if not re.search(r"\b(?:not before|after|from(?! now))\b", out):
            out = "not before " + re.sub(r"^(?:by|before|in) ", "", out)
    out = re.sub(r"\s*\bat the (?:very )?latest\b", "", out)
    out = re.sub(r"\bmid[- ]?(?:next )?year\b", "by july next year"
                 if today.month >= 7 else "by july", out)
    season = re.search(r"\b(after|before|by end of|end of|by|in|during|over|this|next)? ?(?:the )?"
                       r"(spring|summer|fall|autumn|winter)\b", out)
    if season:
        out = _season(out, season, today)
    found = [out]
    bare = " ".join(_FILLER.sub(" ", out).split())
    if bare and bare != out:
        found.append(bare)
    first = [] if _DAY_OF_MONTH.search(clean) or _EARLIEST.search(clean) else [clean]
    # ("jan 31" is no year 2031; "Q1 at the earliest" is not Q1)
    return [*first, *dict.fromkeys(found)]


# Holidays a purchase is timed by: the month (by its end) they fall in.
_HOLIDAYS = (("thanksgiving", "end of november"), ("black friday", "end of november"),
             ("cyber monday", "end of november"), ("easter", "end of april"),
             ("labou?r day", "end of september"), ("memorial day", "end of may"),
             ("(?:july 4th|4th of july|independence day)", "end of july"),
             ("halloween", "end of october"), ("valentines(?: day)?", "end of february"))


def _next_part(part: str, today: date) -> str:
    """ "next Q1": the first Q1 (or H1…) that starts after today, with its year."""
    length = 3 if part[0] == "q" else 6
    first_month = (int(part[1]) - 1) * length + 1
    year = today.year if first_month > today.month else today.year + 1
    return f"{part} {year}"


def _season(out: str, season: re.Match[str], today: date) -> str:
    """ "after the summer" -> by the end of October; "by spring" -> before March; "in the
    fall" -> by the end of November: the next such season not yet over."""
    word, name = season.group(1) or "in", season.group(2)
    first, last = _SEASONS[name]
    months_to_end = (last - today.month) % 12
    end = date(today.year + (today.month + months_to_end > 12), (last - 1) % 12 + 1, 1)
    start_year = end.year - (first > last)
    if word == "after":
        month = (last + 1) % 12 + 1  # two months after the season ends
        year = end.year + (month < last)
        phrase = f"by end of {_MONTHS[month - 1]} {year}"
    elif word in ("by end of", "end of"):
        phrase = f"by end of {_MONTHS[last - 1]} {end.year}"
    elif word in ("before", "by"):
        phrase = f"before {_MONTHS[first - 1]} {start_year}"
    else:
        phrase = f"by end of {_MONTHS[last - 1]} {end.year}"
    return out[:season.start()] + phrase + out[season.end():]
