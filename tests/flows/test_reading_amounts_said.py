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
