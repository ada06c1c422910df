"""Typed answers: read when clear, re-asked when not. Never a silent guess."""
from datetime import date

import pytest

from config.loader import load_flows
from flows.reading import read_reply

BANT = load_flows()["bant"]
TODAY = date(2026, 12, 2)


def q(question_id: str):
    question = BANT.question(question_id)
    assert question is not None
    return question


@pytest.mark.parametrize(("question", "typed", "choice"), [
    ("budget", "Funding, ready to go", "funded"),
    ("budget", "funding ready to go", "funded"),
    ("budget", "FUNDED", "funded"),
    ("budget", "no budget", "none"),
    ("budget", "budget in formulaton", "formulating"),  # typo
    ("budget", "2", "formulating"),  # choice number
    ("role", "Decision maker", "decision_maker"),
    ("role", "DM", "decision_maker"),
    ("role", "she is the decision maker", "decision_maker"),
    ("role", "recomender", "recommender"),
    ("need", "yes", "clear"),
    ("need", "No clear need", "none"),
    ("timing", "within 6 months", "within_6_months"),
    ("timing", "Plans to buy in one year or later", "year_or_later"),
    ("size", "$50,000 or more", "over_50k"),
    ("size", "Plans to buy less than $100", "under_100"),
])
def test_clear_replies_are_read(question: str, typed: str, choice: str) -> None:
    found = read_reply(q(question), typed, today=TODAY)
    assert found.choice is not None, found
    assert found.choice.id == choice


@pytest.mark.parametrize(("question", "typed"), [
    ("budget", ""),
    ("budget", "   "),
    ("budget", "maybe"),
    ("budget", "<!here> <@U0BOSS> maybe"),
    ("role", "not the decision maker"),  # a negation must not read as its opposite
    ("role", "xy"),
    ("role", "9"),  # no ninth choice
    ("need", "banana smoothie"),
])
def test_unclear_replies_are_refused(question: str, typed: str) -> None:
    assert read_reply(q(question), typed, today=TODAY).choice is None


@pytest.mark.parametrize("question", ["need", "role", "budget", "size", "timing"])
def test_a_wall_of_digits_is_unclear_not_a_crash(question: str) -> None:
    from flows.conversation import Say, Start, step
    from flows.model import Draft

    draft, _ = step(BANT, Draft(flow_id="bant", lead="Acme"), Start())
    for earlier in BANT.questions[:BANT.index(question)]:
        draft, _ = step(BANT, draft, Say(earlier.choices[0].label))
    after, reply = step(BANT, draft, Say("9" * 5000))
    assert after == draft and reply.unclear is not None  # type: ignore[union-attr]
