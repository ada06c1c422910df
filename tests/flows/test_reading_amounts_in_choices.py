"""Amounts and dates inside a reply to a question of answers (the budget's status, the
deal's size as a word): the amount is detail, the words say the answer; "sanctioned" is
approved, as Indian and British English say it."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.budget", "1 crore sanctioned in the security capex, ready", ("funded", "sure")),
    ("bant.budget", "budget sanctioned, ₹40 lakh", ("funded", "sure")),
    ("bant.budget", "80k approved", ("funded", "sure")),
    ("bant.budget", "€60k set aside for 2027", ("funded", "sure")),
    ("truly_qualified.budget", "funds sanctioned last week", ("funded", "sure")),
    ("bant.budget", "awaiting sanction from the board, ~30 lakh", ("formulating", "sure")),
    ("bant.budget", "yet to be sanctioned", ("formulating", "sure")),
    ("bant.budget", "not sanctioned yet", (None, "unclear")),
])
def test_a_budget_status_with_an_amount(where: str, text: str,
                                        expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
