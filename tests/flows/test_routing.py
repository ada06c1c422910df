"""Routing rules and round robin, as tables: no Slack, no database."""
from collections import Counter

import pytest

from config.loader import load_flows
from flows.model import Answer, Draft
from flows.routing import Group, Member, Routing, assigned_why, headline, pick, route
from flows.scoring import score

FLOWS = load_flows(check_examples=False)
BANT = FLOWS["bant"]

ROUTING = Routing.model_validate({
    "groups": {"enterprise": {"members": ["U0ANA", "U0BEN"]},
               "smb": {"members": ["U0CY"]}},
    "rules": [
        {"when": {"answers": {"size": "over_50k"}, "score_min": 23}, "channel": "C0ENT",
         "assign": "enterprise", "accept_within_minutes": 30},
        {"name": "MEDDIC deals", "when": {"flow": "meddic"}, "channel": "C0MEDDIC"},
        {"when": {"verdict": ["qualified"], "score_max": 21}, "assign": "smb"},
    ],
})


def bant(**picked: str) -> tuple:
    """A scored BANT lead: the first choice of each question unless ``picked`` says."""
    answers = {q.id: picked.get(q.id, q.choices[0].id) for q in BANT.questions}
    draft = Draft(flow_id="bant", lead="Acme", answers=tuple(
        Answer(question_id=q, choice_id=c) for q, c in answers.items()))
    return score(BANT, draft), answers


@pytest.mark.parametrize("picked, rule, channel, group, why", [
    ({}, 1, "C0ENT", "enterprise", "rule 1 (size: $50,000 or more · score ≥ 23)"),
    ({"budget": "formulating"}, 1, "C0ENT", "enterprise", None),  # 23: still rule 1
    ({"budget": "none"}, 3, None, "smb", "rule 3 (qualified · score ≤ 21)"),  # 20
    ({"size": "from_10k"}, 0, None, None, "the default rule"),  # 22, not over 50k
    ({"role": "recommender", "size": "from_10k"}, 3, None, "smb", None),  # 21
])
def test_the_first_matching_rule_decides(picked, rule, channel, group, why) -> None:
    s, answers = bant(**picked)
    assert s.qualified
    d = route(ROUTING, BANT, s, answers)
    assert (d.rule, d.channel, d.group) == (rule, channel, group), (s.total, d)
    if why:
        assert d.why == why


def test_a_named_rule_is_explained_by_its_name() -> None:
    meddic = FLOWS["meddic"]
    answers = {q.id: q.choices[0].id for q in meddic.questions if q.choices}
    draft = Draft(flow_id="meddic", lead="Acme", answers=tuple(
        Answer(question_id=q.id, choice_id=answers.get(q.id, ""),
               typed=None if q.choices else "x") for q in meddic.questions))
    d = route(ROUTING, meddic, score(meddic, draft), answers)
    assert (d.rule, d.channel, d.why) == (2, "C0MEDDIC", "rule 2 (MEDDIC deals)")


def test_no_rules_is_todays_behaviour() -> None:
    s, answers = bant()
    d = route(Routing(), BANT, s, answers)
    assert (d.rule, d.channel, d.group, d.accept_within_minutes) == (0, None, None, None)


def test_the_explanation_names_rule_channel_ae_and_count() -> None:
    s, answers = bant()
    d = route(ROUTING, BANT, s, answers)
    head = headline(d, "C0ENT")
    text = assigned_why(head, "U0ANA", today=3, cap=8)
    assert text == ("rule 1 (size: $50,000 or more · score ≥ 23) → <#C0ENT>: assigned to "
                    "<@U0ANA> (round robin, 3 of 8 today)")
    assert assigned_why(head, None).endswith("open to the first to claim it")


def deal(group: Group, n: int, unavailable=()) -> Counter:
    state: dict[str, int] = {}
    got: Counter = Counter()
    for _ in range(n):
        p = pick(group, state, unavailable)
        assert p is not None
        got[p.user] += 1
        state = p.state
    return got


@pytest.mark.parametrize("weights", [(1, 1, 1), (1, 2, 3), (5, 1), (1, 1, 1, 1, 1, 1, 7),
                                     (3, 3, 2)])
def test_round_robin_over_1000_leads_is_within_one_of_each_share(weights) -> None:
    group = Group(members=tuple(Member(user=f"U{i:03d}", weight=w)
                                for i, w in enumerate(weights)))
    total = sum(weights)
    for n in (1000, 999, 7):
        got = deal(group, n)
        for i, w in enumerate(weights):
            assert abs(got[f"U{i:03d}"] - n * w / total) <= 1, (n, weights, got)


def test_round_robin_takes_turns_in_order() -> None:
    group = Group(members=(Member(user="U0A"), Member(user="U0B"), Member(user="U0C")))
    state: dict[str, int] = {}
    order = []
    for _ in range(6):
        p = pick(group, state)
        order.append(p.user)
        state = p.state
    assert order == ["U0A", "U0B", "U0C"] * 2


def test_away_members_are_skipped_and_nobody_left_is_none() -> None:
    group = Group(members=(Member(user="U0A"), Member(user="U0B"), Member(user="U0C")))
    got = deal(group, 100, unavailable={"U0B"})
    assert got["U0B"] == 0 and abs(got["U0A"] - got["U0C"]) <= 1
    assert pick(group, {}, {"U0A", "U0B", "U0C"}) is None


def test_a_member_back_from_away_is_not_flooded() -> None:
    group = Group(members=(Member(user="U0A"), Member(user="U0B")))
    state: dict[str, int] = {}
    for _ in range(50):  # U0B away for 50 leads
        state = pick(group, state, {"U0B"}).state
    got = Counter()
    for _ in range(10):
        p = pick(group, state)
        got[p.user] += 1
        state = p.state
    assert got == Counter({"U0A": 5, "U0B": 5})
