"""Classes of phrasing the reader learnt from sets it was never tuned on: one table each,
with replies it must read and replies it must leave to ask again."""
from __future__ import annotations

from datetime import date

import pytest

from config.loader import load_flows
from flows.reading import read_reply

FLOWS = load_flows()
TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    flow_id, question_id = where.split(".")
    flow = FLOWS[flow_id]
    question = flow.question(question_id)
    assert question is not None
    r = read_reply(question, text, today=TODAY, fiscal_year_start=flow.fiscal_year_start)
    return (r.choice.id if r.choice else None), r.confidence.value


@pytest.mark.parametrize(("where", "text", "expect"), [
    # an amount corrected: the one after "more like" is the answer, in the first one's scale
    ("bant.size", "not 50k, more like 30-40", ("from_10k", "sure")),
    ("anum.money", "not 25k no, more like 8 or 9", ("some", "sure")),
    ("bant.size", "not 5k, closer to 60k", ("over_50k", "sure")),
    ("bant.size", "no, more like 30k", ("from_10k", "sure")),
    # only what it is not: asked again
    ("bant.size", "not 50k", (None, "unclear")),
    ("anum.money", "not 25k.", (None, "unclear")),
])
def test_a_corrected_amount_is_the_one_after(where: str, text: str,
                                            expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
