"""Reading when a prospect plans to buy: "ASAP", "Q3 '27", "within 6 months", "by March"."""
from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from flows.parsing.common import (
    _SMALL,
    _TENS,
    FURTHEST,
    FUTURE_HELP,
    MAX_CHARS,
    OPEN_ENDED,
    TIMEFRAME_HELP,
    Refusal,
    Timeframe,
    _clean,
)

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
