"""Reading a seller's typed budget and timing: "$50k", "1.2M", "in 6 months", "Q3 '27".

``parse_money`` and ``parse_timeframe`` are pure (``today`` is passed in, never read from
a clock) and never raise. Each returns a value or a ``Refusal`` saying what is accepted:
an unclear reply is asked again, never guessed. Both tidy the reply (lower case, plain
dashes, filler such as "about" dropped), then read it against small tables of patterns.
"""
from __future__ import annotations

import re
import unicodedata
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
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


# Money -----------------------------------------------------------------------------

_NOTHING = re.compile(r"(?:nothing|none|nil|zero|no budget|no money)(?: (?:yet|at all|so far))?")
_CODES = "usd eur gbp cad aud nzd chf jpy inr sgd hkd cny sek nok dkk mxn brl zar".split()
_CURRENCIES = {
    "$": "$", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
    "nz$": "NZD", "s$": "SGD", "hk$": "HKD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "dollar": "$", "buck": "$", "euro": "EUR", "pound": "GBP", "quid": "GBP",
    "yen": "JPY", "rupee": "INR", "franc": "CHF", **{code: code.upper() for code in _CODES},
}
_DOLLARS = {"$", "USD", "CAD", "AUD", "NZD", "SGD", "HKD"}
_CURRENCY = re.compile(
    r"(?:(?<![a-z])(?:us|ca|c|au|a|nz|s|hk))?\$|[€£¥₹]"
    rf"|(?<![a-z])(?:{'|'.join(_CODES)}|dollar|buck|euro|pound|quid|yen|rupee|franc)s?(?![a-z])"
)
_HALF = re.compile(r"\bhalf an?\b")
_MONEY_FILLER = re.compile(
    r"\b(?:about|around|roughly|approximately|approx|circa|ca|some|maybe|probably|estimated"
    r"|est|at least|min|minimum|budget(?: is| of)?|total|or so|plus|annually|yearly"
    r"|(?:per|a) (?:year|yr|annum))\b|/ ?(?:year|yr)\b|(?:-|\b)ish\b|[~+:()]"
)
_SPACED = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?: [0-9]{3})+(?![0-9a-z,])")  # "1 500 000"
_TOKEN = re.compile(r"[0-9](?:[0-9.,]*[0-9])?|[a-z]+|\S")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_SCALES = {
    "k": 10**3, "thousand": 10**3, "grand": 10**3, "lakh": 10**5, "m": 10**6, "mm": 10**6,
    "mn": 10**6, "mil": 10**6, "mio": 10**6, "million": 10**6, "crore": 10**7,
    "b": 10**9, "bn": 10**9, "billion": 10**9,
}
_FOLLOWS = {  # a token of this kind may come after a token of these kinds
    "digits": {"start", "scale"},
    "unit": {"start", "scale", "hundred", "tens"},
    "tens": {"start", "scale", "hundred"},
    "hundred": {"digits", "unit", "tens"},
    "scale": {"digits", "unit", "tens", "hundred"},
    "and": {"hundred", "scale"},
}


def parse_money(text: str) -> Money | Refusal:
    """Read a budget: "$50k", "1.2M", "fifty thousand", "€20k"; a range gives its lower end."""
    clean = _clean(text) if len(text) <= MAX_CHARS else ""
    if _NOTHING.fullmatch(clean):
        return Money(Decimal(0), "USD")
    currency = _currency(clean)
    tokens = _money_tokens(_CURRENCY.sub(" ", clean))
    if "%" in clean or "percent" in clean or currency is None or tokens is None:
        return Refusal(MONEY_HELP)
    amount = _lowest(tokens)
    if amount is None or amount > MAX_AMOUNT:
        return Refusal(MONEY_HELP)
    return Money(_tidy(amount), currency)


def _currency(clean: str) -> str | None:
    """The one currency named ("USD" if none); None when two disagree ("$50k EUR")."""
    named = {_CURRENCIES[found.removesuffix("s")] for found in _CURRENCY.findall(clean)}
    codes = named - {"$"}
    if len(codes) > 1 or ("$" in named and not codes <= _DOLLARS):
        return None
    return codes.pop() if codes else "USD"


def _money_tokens(text: str) -> list[str] | None:
    """Numbers, words and dashes once filler is gone; None if a stray symbol remains."""
    text = _MONEY_FILLER.sub(" ", _HALF.sub("0.5", text))
    text = _SPACED.sub(lambda spaced: spaced[0].replace(" ", ""), text)
    tokens = [token for token in _TOKEN.findall(text) if token not in (",", ".")]
    if all(token == "-" or token[0].isascii() and token[0].isalnum() for token in tokens):
        return tokens
    return None


def _lowest(tokens: list[str]) -> Decimal | None:
    """The amount, or the lower end of a range ("50k-100k", "between 5 and 10 thousand")."""
    between = tokens[:1] in (["between"], ["from"])
    tokens = tokens[1:] if between else tokens
    separators = {"-", "to", "and"} if between else {"-", "to"}
    for i, token in enumerate(tokens):
        if token not in separators:
            continue
        low, high = _amount(tokens[:i]), _amount(tokens[i + 1:])
        if low is not None and high is not None:
            (low_value, low_scale), (high_value, high_scale) = low, high
            if low_scale == 1 and low_value * high_scale <= high_value:
                low_value *= high_scale  # "50-100k" means 50k to 100k
            return low_value if low_value <= high_value else None
    whole = _amount(tokens)
    return whole[0] if whole else None


def _amount(tokens: list[str]) -> tuple[Decimal, int] | None:
    """One amount in digits and/or words, and the scale it ends with (1 if none)."""
    total, group, last, cap = Decimal(0), Decimal(0), "start", 0
    for token, following in zip(tokens, [*tokens[1:], ""], strict=False):
        read = _amount_word(token, following)
        if read is None or last not in _FOLLOWS[read[0]]:
            return None
        kind, value = read
        if (kind, last) == ("unit", "tens") and value >= 10:
            return None  # "twenty twelve"
        if kind == "hundred" and group >= 100:
            return None  # "five hundred hundred"
        if kind == "scale" and cap and value >= cap:
            return None  # "50k 100k": two amounts, not one
        if kind in ("digits", "unit", "tens"):
            group += value
        elif kind == "hundred":
            group *= value
        elif kind == "scale":
            total, group, cap = total + group * value, Decimal(0), int(value)
        last = last if kind == "and" else kind
    if last == "start" or (last == "digits" and (cap or group.as_tuple().exponent < -2)):
        return None  # nothing, "50k 20", or "1.500" (a thousands dot?)
    return total + group, cap if last == "scale" else 1


def _amount_word(token: str, following: str) -> tuple[str, Decimal] | None:
    """What one token is in an amount ("50", "fifty", "hundred", "k"...) and its value."""
    if _NUMBER.fullmatch(token):
        return "digits", Decimal(token.replace(",", ""))
    if token in _SMALL or (token == "a" and (following == "hundred" or following in _SCALES)):
        return "unit", Decimal(_SMALL.get(token, 1))
    if token in _TENS:
        return "tens", Decimal(_TENS[token])
    if token == "hundred":
        return "hundred", Decimal(100)
    if token in _SCALES:
        return "scale", Decimal(_SCALES[token])
    return ("and", Decimal(0)) if token == "and" else None


def _tidy(amount: Decimal) -> Decimal:
    """Whole units when whole ("1.2M" -> 1200000), else cents."""
    return amount.quantize(Decimal(1) if amount == amount.to_integral_value() else Decimal("0.01"))


# Timeframe -------------------------------------------------------------------------

_REWRITES = tuple((re.compile(pattern), replacement) for pattern, replacement in (
    (r"<=?|≤", " under "), (r">=?|≥", " over "), (r",", " "),
    (r"\b(?:the|about|around|roughly|approximately|approx|maybe|probably|likely|hopefully"
     r"|ideally|sometime|some time|(?:plans?|planning|looking) to buy)\b|~", " "),
    (r"\b(?:a )?couple(?: of)?\b", "2"), (r"\ba few\b", "3"),
    (r"\bhalf an? year\b", "6 months"), (r"\ba year and a half\b", "18 months"),
    (r"\bfirst half\b", "h1"), (r"\bsecond half\b", "h2"),
    (r"\beow\b", "end of week"), (r"\beom\b", "end of month"),
    (r"\beoq\b", "end of quarter"), (r"\beoy\b", "end of year"),
))
_FIXED = {  # reply -> (first day, last day or None for open-ended, as days from today; said)
    **dict.fromkeys(("asap", "now", "right now", "immediately", "right away", "straight away",
                     "urgent", "urgently"), (0, 0, "ASAP")),
    "today": (0, 0, "today"),
    "tomorrow": (1, 1, "tomorrow"),
    **dict.fromkeys(("later", "eventually", "someday", "long term"), (0, None, "later")),
}
_WORDS = "|".join(sorted([*_SMALL, *_TENS, "a", "an"], key=len, reverse=True))
_N = rf"[0-9]{{1,4}}|(?:{_WORDS})(?: (?:{_WORDS}))?"
_COUNT = rf"(?P<n>{_N})(?: ?(?:-|to|or) ?(?P<m>{_N}))? "  # "6 ", "3-6 ", "three to six "
_UNIT = r"(?P<unit>day|week|wk|month|mo|mth|quarter|qtr|year|yr)s?"
_WITHIN = ("within|within next|in next|over next|during next|in coming|in under|in less than"
           "|under|less than|no more than|inside|inside of|up to")
_AFTER = "more than|over|after|at least|beyond|longer than|in more than|in over|not before"
_DURATIONS = tuple((re.compile(pattern), shape) for pattern, shape in (
    (rf"(?:{_WITHIN}) (?:{_COUNT})?{_UNIT}", "within"),
    (rf"(?:next|coming) {_COUNT}{_UNIT}", "within"),
    (rf"(?:{_AFTER}) (?:{_COUNT})?{_UNIT}", "after"),
    (rf"(?:in )?{_COUNT}{_UNIT} ?(?:\+|plus|or (?:more|later|longer|after)|and (?:up|beyond))",
     "after"),
    (rf"(?:in )?(?P<n>{_N}) ?\+ ?{_UNIT}", "after"),  # "6+ months"
    (rf"in {_COUNT}{_UNIT}(?: from now|'? time| out)?", "in"),
    (rf"{_COUNT}{_UNIT} (?:from now|out)", "in"),
    (rf"{_COUNT}{_UNIT}", "bare"),
))
_UNITS = {"d": "day", "w": "week", "m": "month", "q": "quarter", "y": "year"}
_MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_MONTH_NAMES = ("january february march april may june july august september october"
                " november december").split()
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)} | {
    name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)} | {"sept": 9}
_PREP = re.compile(r"(?:(?P<prep>by|before|after|in|during|for|at|until|till|through|within"
                   r"|no later than|not before|from) )?(?P<end>end of )?(?P<what>.+)")
_SHAPES = {  # preposition -> how the period is read
    "": "in", "in": "in", "during": "in", "for": "in", "at": "in", "by": "by", "until": "by",
    "till": "by", "through": "by", "within": "by", "no later than": "by", "before": "before",
    "after": "after", "not before": "from", "from": "from",
}
_YEAR = r"(?:of )?(?:'?(?P<y>[0-9]{4}|[0-9]{2})|(?P<rel>this|next) year)"
_RELATIVE = re.compile(
    r"(?P<which>this|current|next|coming) (?P<unit>week|month|quarter|half|year)")
_PARTS = tuple(re.compile(pattern) for pattern in (
    rf"(?P<kind>[qh])(?P<i>[1-4])(?: ?[/-]? ?{_YEAR})?",  # "q3", "q3 2027", "q3/27", "h1 '27"
    rf"(?P<i>[1-4])(?P<kind>[qh]) ?(?:{_YEAR})?",  # "3q27"
    r"(?P<y>[0-9]{4}) ?-? ?(?P<kind>[qh])(?P<i>[1-4])",  # "2027 q3"
))
_MONTH = re.compile(rf"(?P<mon>[a-z]+)(?: {_YEAR})?")  # "march", "mar 2027", "march '27"
_NUMERIC_MONTH = (re.compile(r"(?P<mon>[0-9]{1,2}) ?[/.-] ?(?P<y>[0-9]{4})"),  # "03/2027"
                  re.compile(r"(?P<y>[0-9]{4})[/.-](?P<mon>[0-9]{1,2})"))  # "2027-03"
_DAY = re.compile(r"(?P<y>[0-9]{4})[/.-](?P<mon>[0-9]{1,2})[/.-](?P<d>[0-9]{1,2})")
_YEAR_ONLY = re.compile(r"[0-9]{4}")


@dataclass(frozen=True)
class _Span:
    first: date
    last: date
    label: str  # "Q3 2027", "March 2027", "2027", "this week", "2027-03-31"


def parse_timeframe(text: str, today: date) -> Timeframe | Refusal:
    """Read when a lead plans to buy: "ASAP", "within 6 months", "Q3 '27", "by March"..."""
    clean = _clean(text) if len(text) <= MAX_CHARS else ""
    for pattern, replacement in _REWRITES:
        clean = pattern.sub(replacement, clean)
    clean = " ".join(clean.split())
    if clean in _FIXED:
        first, last, said = _FIXED[clean]
        end = None if last is None else today + timedelta(days=last)
        return _frame(today, today + timedelta(days=first), end, said)
    found = _duration(clean, today) if clean else None
    found = found or (_calendar(clean, today) if clean else None)
    return found or Refusal(TIMEFRAME_HELP)


def _frame(today: date, first: date, last: date | None, said: str) -> Timeframe | Refusal:
    """Days from today to `first` and `last` (None: open-ended), if neither past nor too far."""
    earliest = max(0, (first - today).days)
    latest = OPEN_ENDED if last is None else (last - today).days
    if latest < 0 or latest > FURTHEST or earliest > latest:
        return Refusal(FUTURE_HELP)
    return Timeframe(earliest, latest, said)


def _duration(clean: str, today: date) -> Timeframe | Refusal | None:
    """ "within 6 months", "in 3 weeks", "6+ months", "3-6 months"; None if not a duration."""
    for pattern, shape in _DURATIONS:
        if found := pattern.fullmatch(clean):
            return _from_duration(found, shape, today)
    return None


def _from_duration(found: re.Match[str], shape: str, today: date) -> Timeframe | Refusal:
    """The days a matched duration allows: from today ("within"), from then ("after")..."""
    unit, upto = _UNITS[found["unit"][0]], found.groupdict().get("m")
    first, second = _count(found["n"]), _count(upto or found["n"])
    if first is None or second is None:
        return Refusal(TIMEFRAME_HELP)
    low, high = min(first, second), max(first, second)
    near, far = _ahead(today, low, unit), _ahead(today, high, unit)
    if near is None or far is None:
        return Refusal(FUTURE_HELP)
    if shape == "after":
        return _frame(today, near, None, f"{_size(low, unit)} or later")
    if upto is not None and shape != "within":
        return _frame(today, near, far, f"in {low}-{high} {unit}s")
    if shape == "in" and unit not in ("day", "week"):  # "in 3 weeks" is loose: within
        return _frame(today, near, near, f"in {_size(low, unit)}")
    return _frame(today, today, far, f"within {_size(high, unit)}")


def _count(words: str | None) -> int | None:
    """ "6", "six", "twenty four", "a" as a number; a missing count is 1."""
    if words is None or words in ("a", "an"):
        return 1
    if words[0] in "0123456789":
        return int(words)
    values = [_SMALL.get(word, _TENS.get(word)) for word in words.split()]
    if None in values or (len(values) == 2 and (words.split()[0] not in _TENS or values[1] == 0)):
        return None
    return sum(value for value in values if value is not None)


def _size(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _ahead(today: date, count: int, unit: str) -> date | None:
    """`count` units after today (months by the calendar); None if far past any horizon."""
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return today + timedelta(days=days) if days <= FURTHEST else None
    months = count * _MONTHS_PER[unit]
    return _add_months(today, months) if months <= 12 * 11 else None


def _add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (Aug 31 + 6 months = Feb 28)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def _calendar(clean: str, today: date) -> Timeframe | Refusal | None:
    """ "Q3 2027", "by March", "end of quarter", "next year", "2027-03-31"; None if not one."""
    found = _PREP.fullmatch(clean)
    if found is None:
        return None
    what = found["what"]
    span = _span(f"this {what}" if what in _MONTHS_PER or what == "week" else what, today)
    if span is None:
        return None
    shape = _SHAPES[found["prep"] or ""]
    if found["end"] and shape in ("in", "before"):
        shape = "by"  # "end of March", "before end of Q3"
    if shape == "in":
        return _frame(today, span.first, span.last, span.label)
    if shape == "by":
        end_of = "" if span.first == span.last else "end of "
        return _frame(today, today, span.last, f"by {end_of}{span.label}")
    if shape == "before":
        return _frame(today, today, span.first - timedelta(days=1), f"before {span.label}")
    if shape == "after":
        return _frame(today, span.last + timedelta(days=1), None, f"after {span.label}")
    return _frame(today, span.first, None, f"from {span.label}")


def _span(what: str, today: date) -> _Span | None:
    """The calendar period a phrase names: a week, month, quarter, half, year or day."""
    if found := _RELATIVE.fullmatch(what):
        return _relative(found["which"], found["unit"], today)
    for pattern in _PARTS:
        found = pattern.fullmatch(what)
        if found and (found["kind"] == "q" or found["i"] in "12"):
            length = 3 if found["kind"] == "q" else 6
            first_month = (int(found["i"]) - 1) * length + 1
            return _months(_year(found, today), first_month, length, today)
    if (found := _MONTH.fullmatch(what)) and found["mon"] in _MONTHS:
        return _months(_year(found, today), _MONTHS[found["mon"]], 1, today)
    for pattern in _NUMERIC_MONTH:
        if (found := pattern.fullmatch(what)) and 1 <= int(found["mon"]) <= 12:
            return _months(int(found["y"]), int(found["mon"]), 1, today)
    if found := _DAY.fullmatch(what):
        return _day(int(found["y"]), int(found["mon"]), int(found["d"]))
    return _months(int(what), 1, 12, today) if _YEAR_ONLY.fullmatch(what) else None


def _relative(which: str, unit: str, today: date) -> _Span | None:
    """This or next week, month, quarter, half or year."""
    step = 0 if which in ("this", "current") else 1
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=step)
        return _Span(monday, monday + timedelta(days=6), f"{'this' if step == 0 else 'next'} week")
    length = _MONTHS_PER[unit]
    current = date(today.year, (today.month - 1) // length * length + 1, 1)
    first = _add_months(current, length * step)
    return _months_at(first.year, first.month, length)


def _year(found: re.Match[str], today: date) -> int | None:
    """The year a match names ("27", "2027", "next year"); None if it names none."""
    year, relative = found.groupdict().get("y"), found.groupdict().get("rel")
    if relative:
        return today.year + (relative == "next")
    if year is None:
        return None
    return int(year) + (2000 if len(year) == 2 else 0)


def _months(year: int | None, first_month: int, length: int, today: date) -> _Span | None:
    """A month, quarter, half or year; with no year, the next one not yet over."""
    span = _months_at(today.year if year is None else year, first_month, length)
    if span is not None and year is None and span.last < today:
        span = _months_at(today.year + 1, first_month, length)
    return span


def _months_at(year: int, first_month: int, length: int) -> _Span | None:
    if not 1900 <= year <= 2199:
        return None
    first = date(year, first_month, 1)
    last = _add_months(first, length) - timedelta(days=1)
    labels = {1: f"{_MONTH_NAMES[first_month - 1].title()} {year}",
              3: f"Q{first_month // 3 + 1} {year}", 6: f"H{first_month // 6 + 1} {year}"}
    return _Span(first, last, labels.get(length, str(year)))


def _day(year: int, month: int, day: int) -> _Span | None:
    if not (1900 <= year <= 2199 and 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]):
        return None
    when = date(year, month, day)
    return _Span(when, when, when.isoformat())
