"""Typed budgets and timings: read when clear, refused (with examples) when not, never a crash."""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.parsing import Money, Refusal, Timeframe, parse_money, parse_timeframe

TODAY = date(2026, 11, 23)  # a Monday in Q4
FEB = date(2027, 2, 10)  # a Wednesday in Q1
OPEN = 3650  # the `latest` of open-ended replies ("later", "6+ months")


def usd(amount: str) -> Money:
    return Money(Decimal(amount), "USD")


# Money ------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "money"), [
    ("$50k", usd("50000")),
    ("50k", usd("50000")),
    ("50K USD", usd("50000")),
    ("50,000", usd("50000")),
    ("50000", usd("50000")),
    ("USD 50000", usd("50000")),
    ("usd 50,000.00", usd("50000")),
    ("$1,234.56", usd("1234.56")),
    ("50 thousand", usd("50000")),
    ("fifty thousand", usd("50000")),
    ("twenty-five thousand dollars", usd("25000")),
    ("one hundred and fifty thousand", usd("150000")),
    ("twenty five hundred", usd("2500")),
    ("1.2M", usd("1200000")),
    ("1.2 million", usd("1200000")),
    ("$2.5m", usd("2500000")),
    ("2 mil", usd("2000000")),
    ("3bn", usd("3000000000")),
    ("100 grand", usd("100000")),
    ("a million", usd("1000000")),
    ("half a million", usd("500000")),
    ("€20k", Money(Decimal("20000"), "EUR")),
    ("20 000 euros", Money(Decimal("20000"), "EUR")),
    ("£1,500", Money(Decimal("1500"), "GBP")),
    ("¥5,000,000", Money(Decimal("5000000"), "JPY")),
    ("₹10 lakh", Money(Decimal("1000000"), "INR")),
    ("C$50k", Money(Decimal("50000"), "CAD")),
    ("CA$50k", Money(Decimal("50000"), "CAD")),
    ("A$2m", Money(Decimal("2000000"), "AUD")),
    ("AU$ 2m", Money(Decimal("2000000"), "AUD")),
    ("CHF 80k", Money(Decimal("80000"), "CHF")),
    ("80k chf", Money(Decimal("80000"), "CHF")),
    ("about $75k", usd("75000")),
    ("around 50k", usd("50000")),
    ("roughly 1m", usd("1000000")),
    ("~50k", usd("50000")),
    ("50k+", usd("50000")),
    ("50k-ish", usd("50000")),
    ("$50k a year", usd("50000")),
    ("50k/year", usd("50000")),
    ("50k-100k", usd("50000")),
    ("50k – 100k", usd("50000")),
    ("$50k to $100k", usd("50000")),
    ("50-100k", usd("50000")),
    ("$1-2m", usd("1000000")),
    ("between 100 and 150 thousand", usd("100000")),
    ("$0", usd("0")),
    ("0", usd("0")),
    ("nothing", usd("0")),
    ("none", usd("0")),
    ("No budget", usd("0")),
    ("no budget yet", usd("0")),
    ("1 500 000", usd("1500000")),
    ("  $50K.  ", usd("50000")),
])
def test_amounts_are_read(typed: str, money: Money) -> None:
    assert parse_money(typed) == money


@pytest.mark.parametrize(("typed", "shown"), [("1.2M", "1200000"), ("$1,234.5", "1234.50")])
def test_amounts_are_whole_units_or_cents(typed: str, shown: str) -> None:
    read = parse_money(typed)
    assert isinstance(read, Money)
    assert str(read.amount) == shown


@pytest.mark.parametrize("typed", [
    "", "   ", "maybe", "big deal", "tbd",  # no number at all
    "-50k", "$-50k", "minus 50k",  # negative
    "10%", "10 percent",  # a share, not an amount
    "50k 100k", "5 10", "fifty thousand sixty thousand",  # two unrelated numbers
    "100k-50k",  # a range upside down
    "1.500.000", "50.000,50", "1,5", "1.500",  # thousands dots or decimal commas: ambiguous
    "$50k EUR", "€20k dollars",  # two currencies
    "50k per month",  # not a budget we can compare
    "a", "half",
    "9" * 40,  # absurdly large
    "$50k " + "x" * 200,  # too long to be an answer
])
def test_unreadable_amounts_are_refused(typed: str) -> None:
    refused = parse_money(typed)
    assert isinstance(refused, Refusal)
    assert '"$50k"' in refused.accepted


# Timeframe --------------------------------------------------------------------------

def days(when: date, today: date = TODAY) -> int:
    return (when - today).days


@pytest.mark.parametrize(("typed", "first", "last"), [
    ("ASAP", TODAY, TODAY),
    ("now", TODAY, TODAY),
    ("immediately", TODAY, TODAY),
    ("right away", TODAY, TODAY),
    ("today", TODAY, TODAY),
    ("tomorrow", date(2026, 11, 24), date(2026, 11, 24)),
    ("this week", TODAY, date(2026, 11, 29)),
    ("next week", date(2026, 11, 30), date(2026, 12, 6)),
    ("within 6 months", TODAY, date(2027, 5, 23)),
    ("within six months", TODAY, date(2027, 5, 23)),
    ("in the next 6 months", TODAY, date(2027, 5, 23)),
    ("next 6 months", TODAY, date(2027, 5, 23)),
    ("< 6 months", TODAY, date(2027, 5, 23)),
    ("under 6 months", TODAY, date(2027, 5, 23)),
    ("6 months", TODAY, date(2027, 5, 23)),
    ("in 3 weeks", TODAY, date(2026, 12, 14)),
    ("in 90 days", TODAY, date(2027, 2, 21)),
    ("within a year", TODAY, date(2027, 11, 23)),
    ("within 12 months", TODAY, date(2027, 11, 23)),
    ("within the next year", TODAY, date(2027, 11, 23)),
    ("twenty-four months", TODAY, date(2028, 11, 23)),
    ("in 6 months", date(2027, 5, 23), date(2027, 5, 23)),
    ("in about 6 months' time", date(2027, 5, 23), date(2027, 5, 23)),
    ("in a year", date(2027, 11, 23), date(2027, 11, 23)),
    ("3-6 months", date(2027, 2, 23), date(2027, 5, 23)),
    ("this month", TODAY, date(2026, 11, 30)),
    ("end of month", TODAY, date(2026, 11, 30)),
    ("this quarter", TODAY, date(2026, 12, 31)),
    ("end of quarter", TODAY, date(2026, 12, 31)),
    ("next quarter", date(2027, 1, 1), date(2027, 3, 31)),
    ("Q1", date(2027, 1, 1), date(2027, 3, 31)),
    ("Q2", date(2027, 4, 1), date(2027, 6, 30)),
    ("Q3", date(2027, 7, 1), date(2027, 9, 30)),  # Q3 2026 is over
    ("Q4", TODAY, date(2026, 12, 31)),  # the current quarter
    ("Q3 2027", date(2027, 7, 1), date(2027, 9, 30)),
    ("Q3 '27", date(2027, 7, 1), date(2027, 9, 30)),
    ("Q3/27", date(2027, 7, 1), date(2027, 9, 30)),
    ("3Q27", date(2027, 7, 1), date(2027, 9, 30)),
    ("q3 next year", date(2027, 7, 1), date(2027, 9, 30)),
    ("by end of Q3 2027", TODAY, date(2027, 9, 30)),
    ("H1", date(2027, 1, 1), date(2027, 6, 30)),
    ("H2", TODAY, date(2026, 12, 31)),
    ("H2 2027", date(2027, 7, 1), date(2027, 12, 31)),
    ("first half of 2027", date(2027, 1, 1), date(2027, 6, 30)),
    ("this year", TODAY, date(2026, 12, 31)),
    ("end of year", TODAY, date(2026, 12, 31)),
    ("EOY", TODAY, date(2026, 12, 31)),
    ("next year", date(2027, 1, 1), date(2027, 12, 31)),
    ("2027", date(2027, 1, 1), date(2027, 12, 31)),
    ("by March", TODAY, date(2027, 3, 31)),
    ("in March", date(2027, 3, 1), date(2027, 3, 31)),
    ("sometime in March", date(2027, 3, 1), date(2027, 3, 31)),
    ("March 2027", date(2027, 3, 1), date(2027, 3, 31)),
    ("03/2027", date(2027, 3, 1), date(2027, 3, 31)),
    ("by 2027-03-31", TODAY, date(2027, 3, 31)),
    ("2027-03-31", date(2027, 3, 31), date(2027, 3, 31)),
    ("before March", TODAY, date(2027, 2, 28)),
])
def test_timeframes_are_read(typed: str, first: date, last: date) -> None:
    read = parse_timeframe(typed, TODAY)
    assert isinstance(read, Timeframe), read
    assert (read.earliest, read.latest) == (days(first), days(last))


@pytest.mark.parametrize(("typed", "earliest", "latest"), [
    ("within 6 months", 0, 181),
    ("in 6 months", 181, 181),
    ("6+ months", 181, OPEN),
    ("more than 6 months", 181, OPEN),
    ("over a year", 365, OPEN),
    ("a year or more", 365, OPEN),
    ("one year or later", 365, OPEN),
    ("after Q1 2027", 129, OPEN),
    ("later", 0, OPEN),
    ("Q3", 220, 311),
    ("next year", 39, 403),
    ("within 10 years", 0, 3653),
])
def test_timeframes_in_days(typed: str, earliest: int, latest: int) -> None:
    read = parse_timeframe(typed, TODAY)
    assert isinstance(read, Timeframe)
    assert (read.earliest, read.latest) == (earliest, latest)


@pytest.mark.parametrize(("typed", "first", "last"), [
    ("Q1", FEB, date(2027, 3, 31)),  # the current quarter
    ("March", date(2027, 3, 1), date(2027, 3, 31)),
    ("January", date(2028, 1, 1), date(2028, 1, 31)),  # this January is over
    ("this week", FEB, date(2027, 2, 14)),
    ("end of month", FEB, date(2027, 2, 28)),
    ("H1", FEB, date(2027, 6, 30)),
    ("within 6 months", FEB, date(2027, 8, 10)),
])
def test_timeframes_depend_on_today(typed: str, first: date, last: date) -> None:
    read = parse_timeframe(typed, FEB)
    assert isinstance(read, Timeframe), read
    assert (read.earliest, read.latest) == (days(first, FEB), days(last, FEB))


def test_months_are_calendar_months_clamped_to_month_end() -> None:
    read = parse_timeframe("in 6 months", date(2026, 8, 31))
    assert isinstance(read, Timeframe)
    assert read.earliest == days(date(2027, 2, 28), date(2026, 8, 31))


@pytest.mark.parametrize(("typed", "said"), [
    ("asap", "ASAP"),
    ("within six months", "within 6 months"),
    ("in the next 6 months", "within 6 months"),
    ("in 6 months", "in 6 months"),
    ("6+ months", "6 months or later"),
    ("Q3 '27", "Q3 2027"),
    ("end of Q3 2027", "by end of Q3 2027"),
    ("EOY", "by end of 2026"),
    ("by 2027-03-31", "by 2027-03-31"),
    ("in March", "March 2027"),
])
def test_timeframes_are_described_plainly(typed: str, said: str) -> None:
    read = parse_timeframe(typed, TODAY)
    assert isinstance(read, Timeframe)
    assert read.said == said


@pytest.mark.parametrize("typed", [
    "", "   ", "when they feel like it", "unsure", "tbd", "don't know", "soon", "maybe",
    "2020", "Q1 2025", "March 2025",  # in the past
    "in 11 years", "2037", "10+ years",  # more than ~10 years ahead
    "Q5", "H3", "13/2027", "2027-02-30", "in a five months",  # not a time
    "within 6 months " + "x" * 200,  # too long to be an answer
])
def test_unreadable_timeframes_are_refused(typed: str) -> None:
    refused = parse_timeframe(typed, TODAY)
    assert isinstance(refused, Refusal)
    assert refused.accepted


# Properties: any input at all -------------------------------------------------------

_MONEY_BITS = st.one_of(
    st.sampled_from(["$", "€", "£", "¥", "₹", "C$", "A$", "usd", "EUR", "k", "K", "m", "mil",
                     "million", "thousand", "grand", "bn", "a", "half", "and", "hundred",
                     "fifty", "twenty-five", "-", "to", "between", "about", "%", ",", "."]),
    st.integers(min_value=-10**6, max_value=10**15).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.builds("{}{:,}{}".format, st.sampled_from(["", "$", "€", "-"]),
              st.integers(min_value=0, max_value=10**9), st.sampled_from(["", "k", "M", " usd"])),
    st.text(max_size=3),
)
_TIME_BITS = st.one_of(
    st.sampled_from(["in", "within", "next", "over", "under", "<", "+", "by", "end of", "this",
                     "q", "Q3", "h2", "'", "/", "-", "days", "weeks", "months", "years", "a",
                     "six", "twenty-four", "march", "2027", "27", "or more", "asap", "later"]),
    st.integers(min_value=-10, max_value=10**6).map(str),
    st.builds("{}{}{}".format, st.sampled_from(["Q", "H", "", "in "]),
              st.integers(min_value=0, max_value=9999), st.sampled_from(["", " months", "/27"])),
    st.text(max_size=3),
)
_MONEY_TEXT = st.one_of(st.text(), st.lists(_MONEY_BITS, max_size=8).map(" ".join),
                        st.lists(_MONEY_BITS, max_size=8).map("".join))
_TIME_TEXT = st.one_of(st.text(), st.lists(_TIME_BITS, max_size=6).map(" ".join),
                       st.lists(_TIME_BITS, max_size=6).map("".join))
_TODAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31))


@settings(max_examples=300)
@given(_MONEY_TEXT)
def test_any_money_reply_is_read_or_refused(typed: str) -> None:
    read = parse_money(typed)
    assert isinstance(read, Money | Refusal)
    if isinstance(read, Money):
        assert read.amount >= 0
        assert len(read.currency) == 3 and read.currency.isupper()
    else:
        assert read.accepted


@settings(max_examples=300)
@given(_TIME_TEXT, _TODAYS)
def test_any_timeframe_reply_is_read_or_refused(typed: str, today: date) -> None:
    read = parse_timeframe(typed, today)
    assert isinstance(read, Timeframe | Refusal)
    if isinstance(read, Timeframe):
        assert 0 <= read.earliest <= read.latest <= OPEN + 366
        assert read.said
    else:
        assert read.accepted


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(["${:,}", "{} USD", "{:,}"]))
def test_whole_amounts_read_back(amount: int, layout: str) -> None:
    assert parse_money(layout.format(amount)) == usd(str(amount))


@settings(max_examples=300)
@given(st.integers(min_value=0, max_value=OPEN), _TODAYS)
def test_within_days_reads_back(count: int, today: date) -> None:
    assert parse_timeframe(f"within {count} days", today) == Timeframe(
        0, count, f"within {count} day{'' if count == 1 else 's'}")
