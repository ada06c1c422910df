"""Amounts as SDRs say them: a free tier with something added to it (the addition is the
spend), a guess ahead of "a" or "one", shorthand and prices over time. Bands in US
dollars."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("truly_qualified.size", "free tier + a $20 add-on, thats it", ("under_100", "sure")),
    ("truly_qualified.size", "free tier + maybe a $20 add-on", ("under_100", "likely")),
    ("truly_qualified.size", "free plan plus one add-on, under 50 bucks", ("under_100", "sure")),
    ("bant.size", "free plan + the $49/month pro add-on", ("from_100", "sure")),
    ("truly_qualified.size", "free tier", ("under_100", "sure")),
    # no price for what is added: asked
    ("truly_qualified.size", "free tier + 2 add-ons", (None, "unclear")),
])
def test_a_free_tier_and_an_add_on(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.size", "high five figures", ("over_50k", "sure")),
    ("bant.size", "low six figures", ("over_50k", "sure")),
    ("bant.size", "a couple hundred grand", ("over_50k", "sure")),
    ("bant.size", "$8k a month", ("over_50k", "sure")),
    ("bant.size", "$30 per seat per month, 100 seats", ("from_10k", "sure")),
    ("truly_qualified.size", "under 50 bucks", ("under_100", "sure")),
    ("bant.size", "maybe a couple grand", ("from_100", "likely")),
    ("gpctba.budget", "probably one hundred k", ("large", "likely")),
])
def test_amounts_in_sales_shorthand(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # fractions of a million, and plurals of a scale
    ("bant.size", "half a mil", ("over_50k", "sure")),
    ("gpctba.budget", "quarter mil", ("large", "sure")),
    ("gpctba.budget", "a quarter million", ("large", "sure")),
    ("gpctba.budget", "hundreds of thousands", ("large", "sure")),
    ("bant.size", "several grand", ("from_100", "sure")),
    ("bant.size", "tens of thousands", (None, "unclear")),
    # a total over some years, however written: a year's worth
    ("bant.size", "$50k/3yrs", ("from_10k", "sure")),
    ("gpctba.budget", "90k per 3 years", ("medium", "sure")),
    # a one-off fee and a recurring price: the first year's spend, proposed
    ("bant.size", "15k one-off + 500/mo", ("from_10k", "likely")),
    ("bant.size", "10k setup plus 2k a month", ("from_10k", "likely")),
    ("gpctba.budget", "$5k implementation, then $800/month", ("medium", "likely")),
    ("anum.money", "setup 2k, 300 a month", ("some", "likely")),
])
def test_fractions_totals_and_fees(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # an "a" inside a word is no "a month"
    ("bant.size", "$5k for the team", ("from_100", "sure")),
    ("bant.size", "5k program", ("from_100", "sure")),
    ("bant.size", "5k p.m.", ("over_50k", "sure")),
    ("bant.size", "60k p.a.", ("over_50k", "sure")),
    # a month or a year as other languages write it
    ("bant.size", "€2.500/Monat", ("from_10k", "likely")),
    ("bant.size", "2.500 € pro Monat", ("from_10k", "likely")),
    ("bant.size", "15 000 kr/mån", ("from_10k", "likely")),
    ("bant.size", "5 000 zł miesięcznie", ("from_10k", "likely")),
    ("gpctba.budget", "20k por año", ("medium", "sure")),
    ("bant.size", "50.000,00 €", ("over_50k", "likely")),
    ("gpctba.budget", "nada", ("small", "sure")),
])
def test_periods_and_separators(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a share of a bigger amount: that share, proposed
    ("bant.size", "20% of their 200k IT budget", ("from_10k", "likely")),
    ("gpctba.budget", "10% of the 1.2M project", ("large", "likely")),
    ("bant.size", "our part is maybe 5% of a €2M program", ("over_50k", "likely")),
])
def test_a_share_of_an_amount(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the total the SDR worked out, however it is marked, over its parts
    ("bant.size", "15 devs x $40/mo ≈ $7.2k/yr", ("from_100", "sure")),
    ("bant.size", "120 users x 30 = 3600/mo", ("from_10k", "sure")),
    ("bant.size", "50 seats → $24k", ("from_10k", "sure")),
    ("gpctba.budget", "€45/user/mo, 200 users => ~€108k/yr", ("large", "likely")),
])
def test_a_worked_out_total(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # two amounts no way reads as one are no answer's name
    ("bant.size", "30k year 1, 50k year 2", (None, "unclear")),
    # a monthly price for a term shorter than a year is the deal
    ("bant.size", "5k/mo for 6 months", ("from_10k", "sure")),
    ("bant.size", "5k a month for 18 months", ("over_50k", "sure")),
    # per user per month, per head, a price in a named currency
    ("bant.size", "150 users, $10 pupm", ("from_10k", "sure")),
    ("bant.size", "10 bucks a head, 300 heads", ("from_100", "sure")),
    ("bant.size", "250 users @ 12 EUR/month", ("from_10k", "likely")),
])
def test_terms_and_prices(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a budget still being put together: nothing set aside yet, where an answer says so
    ("anum.money", "no budget yet but they're putting one together", ("none", "likely")),
    ("anum.money", "no $ yet, they're putting one together", ("none", "likely")),
    # ...else no amount yet: asked
    ("bant.size", "no budget yet but they're putting one together", (None, "unclear")),
    ("gpctba.budget", "no budget yet but they're putting one together", (None, "unclear")),
    # an amount for this year
    ("anum.money", "0 this year", ("none", "sure")),
    ("anum.money", "20k this year", ("some", "sure")),
])
def test_nothing_yet_and_this_year(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a bare number under a thousand: dollars, or thousands with the "k" left out? Asked
    ("bant.size", "50", (None, "unclear")),
    ("bant.size", "25-30", (None, "unclear")),
    ("gpctba.budget", "40 to 80", (None, "unclear")),
    ("bant.size", "0.5", (None, "unclear")),
    # ...with its unit, or an answer's number, or nothing, it is read
    ("bant.size", "$50", ("under_100", "sure")),
    ("bant.size", "25-30k", ("from_10k", "sure")),
    ("bant.size", "1", ("over_50k", "likely")),
    ("bant.size", "0", ("under_100", "sure")),
    ("bant.size", "1000", ("from_100", "sure")),
])
def test_a_bare_small_number(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "45 or 55k", "25/30k": a range, asked across an edge
    ("bant.size", "45 or 55k", (None, "unclear")),
    ("bant.size", "45/55k", (None, "unclear")),
    ("bant.size", "25/30k", ("from_10k", "sure")),
    # a floor under a band's top may pass it: proposed; in the top band, taken
    ("bant.size", "40k+", ("from_10k", "likely")),
    ("bant.size", "north of 40k", ("from_10k", "likely")),
    ("gpctba.budget", "at least 5k", ("small", "likely")),
    ("bant.size", "100k+", ("over_50k", "sure")),
    ("bant.size", "60k plus", ("over_50k", "sure")),
])
def test_either_and_floors(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
