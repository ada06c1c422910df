"""Rescoring past answers with changed rules, and comparing the verdicts: pure tables."""
import itertools

import pytest

from config.loader import load_flows
from flows.model import Flow
from flows.preview import (
    CANNOT,
    DROPPED,
    Encoding,
    InvalidChange,
    Past,
    Rescorer,
    compare,
    with_threshold,
)

FLOWS = load_flows()
BANT = FLOWS["bant"]

# (need, role, timing, budget, size) choice ids -> points under the shipped BANT
PATTERNS = {
    "hot": (("clear", "decision_maker", "within_6_months", "funded", "over_50k"), 25),
    "twenty": (("clear", "decision_maker", "within_6_months", "funded", "under_100"), 20),
    "nineteen": (("clear", "influencer", "within_6_months", "formulating", "over_50k"), 19),
    "ten": (("none", "influencer", "year_or_later", "formulating", "over_50k"), 10),
    "cold": (("none", "influencer", "year_or_later", "none", "under_100"), 2),
}


def answers(name: str) -> tuple[tuple[str, str], ...]:
    ids = ("need", "role", "timing", "budget", "size")
    return tuple(zip(ids, PATTERNS[name][0], strict=True))


def past(name: str, verdict: str | None = None) -> Past:
    s = Rescorer(BANT)(answers(name))
    return Past(refs=(name,), answers=answers(name), total=PATTERNS[name][1],
                verdict=verdict or s.verdict)


def flips(result) -> dict:
    return {ref: (c.old_verdict, c.new_verdict) for c in result.changes for ref in c.refs}


def changed_bant(**points: int) -> Flow:
    """BANT with some choices worth other points: ``role__recommender=4``."""
    data = BANT.model_dump()
    for key, value in points.items():
        qid, cid = key.split("__")
        q = next(q for q in data["questions"] if q["id"] == qid)
        next(c for c in q["choices"] if c["id"] == cid)["points"] = value
    return Flow.model_validate(data)


@pytest.mark.parametrize("name", list(PATTERNS))
def test_the_shipped_rules_rescore_to_the_stored_totals(name: str) -> None:
    assert Rescorer(BANT)(answers(name)).total == PATTERNS[name][1]


@pytest.mark.parametrize(("threshold", "flipped"), [
    (21, {"twenty": ("qualified", "nurture")}),
    (19, {"nineteen": ("nurture", "qualified")}),
    (20, {}),
    (25, {"twenty": ("qualified", "nurture")}),
    (11, {"nineteen": ("nurture", "qualified")}),
])
def test_a_changed_threshold_flips_exactly_the_leads_across_it(threshold, flipped) -> None:
    result = compare(with_threshold(BANT, threshold), [past(n) for n in PATTERNS])
    assert flips(result) == flipped
    assert result.changed == len(flipped)
    assert result.leads == len(PATTERNS) and not result.cannot
    assert sum(result.before.values()) == sum(result.after.values()) == len(PATTERNS)


def test_counts_per_verdict_before_and_after_and_the_transitions() -> None:
    pasts = [past("hot"), past("twenty"), past("twenty"), past("nineteen"), past("cold")]
    result = compare(with_threshold(BANT, 21), pasts)
    assert result.before == {"qualified": 3, "nurture": 1, "disqualified": 1}
    assert result.after == {"qualified": 1, "nurture": 3, "disqualified": 1}
    assert result.transitions[("qualified", "nurture")] == 2
    assert result.transitions[("qualified", "qualified")] == 1
    assert [(c.old_total, c.new_total) for c in result.changes] == [(20, 20), (20, 20)]


@pytest.mark.parametrize(("points", "flipped"), [
    ({"role__influencer": 2}, {"nineteen": (19, 20, "nurture", "qualified")}),
    ({"size__under_100": 0, "need__clear": 4}, {"twenty": (20, 19, "qualified", "nurture")}),
    ({"budget__formulating": 0}, {"ten": (10, 7, "nurture", "disqualified")}),
    ({"role__recommender": 4}, {}),  # nobody answered recommender
])
def test_changed_points_flip_the_expected_leads(points, flipped) -> None:
    result = compare(changed_bant(**points), [past(n) for n in PATTERNS])
    assert {ref: (c.old_total, c.new_total, c.old_verdict, c.new_verdict)
            for c in result.changes for ref in c.refs} == flipped


def test_leads_sharing_answers_are_counted_together() -> None:
    shared = Past(refs=tuple(range(7)), answers=answers("twenty"), total=20, verdict="qualified")
    result = compare(with_threshold(BANT, 21), [shared, past("hot")])
    assert result.changed == 7 and result.leads == 8
    assert [c.refs for c in result.changes] == [tuple(range(7))]
    assert result.after == {"nurture": 7, "qualified": 1}


def test_the_same_answers_are_scored_once() -> None:
    rescore = Rescorer(with_threshold(BANT, 21))
    for _ in range(1000):
        rescore(answers("twenty"))
        rescore(answers("hot"))
    assert rescore.distinct == 2


def test_an_added_question_or_a_dropped_choice_cannot_be_rescored() -> None:
    data = BANT.model_dump()
    data["questions"] = [*data["questions"], {
        "id": "champion", "criterion": "champion", "text": "Champion?",
        "choices": [{"id": "yes", "label": "Yes", "points": 1},
                    {"id": "no", "label": "No", "points": 0}]}]
    added = Flow.model_validate(data)
    result = compare(added, [past("hot"), past("cold")])
    assert result.after == {CANNOT: 2}
    assert result.cannot == {"no answer for 'champion'": 2}
    assert result.changed == 0 and result.cannot_refs == ["hot", "cold"]

    data = BANT.model_dump()
    size = next(q for q in data["questions"] if q["id"] == "size")
    size["choices"] = [c for c in size["choices"] if c["id"] != "under_100"]
    size["choices"][-1]["min"] = None  # the lowest band now starts anywhere
    dropped = Flow.model_validate(data)
    result = compare(dropped, [past("hot"), past("twenty")])
    assert result.after == {"qualified": 1, CANNOT: 1}
    assert result.cannot == {"'under_100' is not a choice of 'size'": 1}


def test_a_removed_question_no_longer_counts() -> None:
    data = BANT.model_dump()
    data["questions"] = [q for q in data["questions"] if q["id"] != "size"]
    data["tiers"][0]["min"] = 18
    result = compare(Flow.model_validate(data), [past(n) for n in PATTERNS])
    assert {ref: (c.new_total, c.new_verdict) for c in result.changes for ref in c.refs} == {
        "ten": (5, "disqualified")}


def test_a_knockout_added_to_a_choice_settles_the_verdict() -> None:
    data = BANT.model_dump()
    budget = next(q for q in data["questions"] if q["id"] == "budget")
    budget["choices"][1]["knockout"] = {"reason": "no_money_yet", "tier": "nurture"}
    result = compare(Flow.model_validate(data), [past("hot"), past("nineteen"), past("ten")])
    assert result.changed == 0  # nineteen and ten were nurture already
    result = compare(with_threshold(Flow.model_validate(data), 19), [past("nineteen")])
    assert result.changed == 0 and result.after == {"nurture": 1}


def test_a_threshold_only_flow_changes_its_threshold() -> None:
    flow = Flow(id="short", name="Short", threshold=12, questions=BANT.questions)
    changed = with_threshold(flow, 13)
    assert (changed.threshold, changed.bar, changed.tiers) == (13, 13, ())
    assert changed.version != flow.version
    result = compare(changed, [Past("x", answers("ten"), 10, "not_qualified"),
                               Past("y", answers("nineteen"), 19, "qualified")])
    assert result.changed == 0 and result.after == {"not_qualified": 1, "qualified": 1}


@pytest.mark.parametrize(("points", "says"), [
    (30, "can never be reached: the best answers add up to 25"),
    (10, "two tiers start at the same number of points"),
    (5, "the handoff tier must be the highest"),
    (-1, "greater than or equal to 0"),
])
def test_an_invalid_threshold_says_why(points: int, says: str) -> None:
    with pytest.raises(InvalidChange, match="a threshold of") as e:
        with_threshold(BANT, points)
    assert says in str(e.value)


@pytest.mark.parametrize("flow_id", sorted(FLOWS))
def test_an_encoding_round_trips_every_answer_pattern(flow_id: str) -> None:
    flow = FLOWS[flow_id]
    enc = Encoding(flow)
    options = [[(q.id, c.id) for c in q.choices] or [(q.id, "")] for q in flow.questions]
    for n, combo in enumerate(itertools.product(*options)):
        if n > 2000:
            break
        assert enc.decode(enc.encode(combo)) == combo


def test_an_encoding_marks_dropped_choices_and_ignores_other_questions() -> None:
    enc = Encoding(BANT)
    stored = (("need", "clear"), ("role", "cto"), ("legacy", "whatever"))
    assert enc.decode(enc.encode(stored)) == (("need", "clear"), ("role", DROPPED))
    outcome = Rescorer(BANT)(enc.decode(enc.encode(stored)))
    assert outcome.verdict == CANNOT and "an answer to 'role'" in outcome.problem


def test_an_encoding_of_a_long_flow_uses_more_columns() -> None:
    questions = [{"id": f"q{i}", "criterion": f"c{i}", "text": "?",
                  "choices": [{"id": f"c{j}", "label": f"L{j}", "points": j}
                              for j in range(10)]} for i in range(40)]
    flow = Flow.model_validate({"id": "long", "name": "Long", "threshold": 1,
                                "questions": questions})
    enc = Encoding(flow)
    assert enc.columns > 1
    combo = tuple((f"q{i}", f"c{(i * 7) % 10}") for i in range(40))
    codes = enc.encode(combo)
    assert all(0 <= c < Encoding.LIMIT for c in codes)
    assert enc.decode(codes) == combo


def test_truly_qualified_threshold_changes_leave_knockouts_in_nurture() -> None:
    flow = FLOWS["truly_qualified"]
    ids = [q.id for q in flow.questions]
    leads = {  # answers in the flow's order, as far as they were asked
        "bar": ("clear", "hinted", "boss_asked", "recommender", "introduce", "within_year",
                "formulating", "from_10k"),  # 28: on the bar
        "close": ("clear", "hinted", "boss_asked", "influencer", "introduce", "within_year",
                  "formulating", "from_10k"),  # 26
        "idle": ("clear", "none", "none"),  # 5 points, knocked out: no project, no problem
        "blocked": ("clear", "stated", "task_force", "decision_maker", "no_path"),  # 20, out
    }
    pasts = []
    for name, chosen in leads.items():
        given = tuple(zip(ids, chosen, strict=False))
        s = Rescorer(flow)(given)
        pasts.append(Past(refs=(name,), answers=given, total=s.total, verdict=s.verdict))
    assert [p.verdict for p in pasts] == ["qualified", "nurture", "nurture", "nurture"]
    assert flips(compare(with_threshold(flow, 26), pasts)) == {"close": ("nurture", "qualified")}
    assert flips(compare(with_threshold(flow, 29), pasts)) == {"bar": ("qualified", "nurture")}
    # however low the bar, a knocked-out lead stays where its knockout put it
    assert flips(compare(with_threshold(flow, 17), pasts)) == {"close": ("nurture", "qualified")}
