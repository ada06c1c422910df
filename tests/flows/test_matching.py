"""Typed answers: read when clear, re-asked when not. Never a silent guess."""
import pytest

from config.loader import load_flows
from flows.matching import Matched, Unclear, match_choice
from flows.model import Choice, Question

BANT = load_flows()["bant"]


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
    found = match_choice(q(question), typed)
    assert isinstance(found, Matched), found
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
    assert isinstance(match_choice(q(question), typed), Unclear)


def test_ambiguous_reply_names_the_candidates() -> None:
    found = match_choice(q("timing"), "plans to buy")
    assert isinstance(found, Unclear)
    assert len(found.near) >= 2


YES_NO = Question(id="signed", criterion="paperwork", text="Signed?", choices=(
    Choice(id="yes", label="Yes", points=5), Choice(id="no", label="No", points=0)))


@pytest.mark.parametrize(("typed", "expected"), [("yes", "yes"), ("NO", "no"), ("2", "no"),
                                                 ("yess", None), ("nope nope", None)])
def test_short_labels_match_exactly_or_not_at_all(typed: str, expected: str | None) -> None:
    found = match_choice(YES_NO, typed)
    if expected is None:
        assert isinstance(found, Unclear)
    else:
        assert isinstance(found, Matched) and found.choice.id == expected


@pytest.mark.parametrize("question", ["need", "role", "budget", "size", "timing"])
def test_a_wall_of_digits_is_unclear_not_a_crash(question: str) -> None:
    from flows.conversation import Say, Start, step
    from flows.model import Draft

    draft, _ = step(BANT, Draft(flow_id="bant", lead="Acme"), Start())
    for earlier in BANT.questions[:BANT.index(question)]:
        draft, _ = step(BANT, draft, Say(earlier.choices[0].label))
    after, reply = step(BANT, draft, Say("9" * 5000))
    assert after == draft and reply.unclear is not None  # type: ignore[union-attr]
