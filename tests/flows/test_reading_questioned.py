"""A question mark on an amount or a time: the SDR is unsure, so it is proposed, never
taken; two of them, or one on a guess ("maybe 20k?", "soon-ish?"), ask again. A range
that stays in one band is proposed when it "depends". Replies as SDRs type them."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.size", "20k?", ("from_10k", "likely")),
    ("bant.size", "~20k?", ("from_10k", "likely")),
    ("bant.size", "six figures?", ("over_50k", "likely")),
    ("gpctba.budget", "€120k?", ("large", "likely")),
    ("bant.size", "maybe 20k?", (None, "unclear")),
    ("bant.size", "20k??", (None, "unclear")),
    ("champ.money", "30k-ish?", (None, "unclear")),
    ("anum.money", "probably 40k? he wasn't sure", (None, "unclear")),
])
def test_a_questioned_amount_is_never_sure(where: str, text: str,
                                           expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.timing", "Q3?", ("within_year", "likely")),
    ("bant.timing", "next month?", ("within_6_months", "likely")),
    ("gpctba.timeline", "asap?", ("quarter", "likely")),
    ("bant.timing", "maybe Q3?", (None, "unclear")),
    ("bant.timing", "Q3??", (None, "unclear")),
    ("bant.timing", "Q3? Q4?", (None, "unclear")),
    ("bant.size", "20k? 30k?", (None, "unclear")),
    ("anum.urgency", "march-ish?", (None, "unclear")),
    # "soon-ish" is vaguer than "soon", which is vague already
    ("bant.timing", "soon-ish?", (None, "unclear")),
    ("bant.timing", "soonish", (None, "unclear")),
    ("gpctba.timeline", "later-ish", (None, "unclear")),
])
def test_a_questioned_time_is_never_sure(where: str, text: str,
                                         expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a range in one band that depends on something: proposed; across an edge: asked
    ("bant.size", "50-100k depending on scope", ("over_50k", "likely")),
    ("gpctba.budget", "15-25k, depends on seats", ("medium", "likely")),
    ("bant.size", "20-60k depending on scope", (None, "unclear")),
    ("bant.size", "depends", (None, "unclear")),
    # a time that depends on something is no time yet
    ("bant.timing", "depends on the board, they meet in jan", (None, "unclear")),
])
def test_a_range_that_depends(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
