"""SPEC's default flow: its points, the threshold of 20, and explained scores."""
import itertools

import pytest

from config.loader import load_flows
from flows.model import Answer, Draft
from flows.scoring import IncompleteDraft, explain, score

BANT = load_flows()["bant"]

SPEC = {  # criterion -> {label: points}, exactly as SPEC.md's table
    "budget": {"Funding, ready to go": 5, "Budget in formulation": 3, "No budget for project": 0},
    "role": {"Decision maker": 5, "Recommender": 3, "Influencer": 1},
    "need": {"Has a clear need for the product": 5, "No clear need": 0},
    "timing": {"Plans to buy within six months": 5, "Plans to buy in one year or later": 1},
    "size": {"Plans to buy $50,000 or more": 5, "Plans to buy less than $100": 0},
}


def draft_for(labels: dict[str, str]) -> Draft:
    answers = []
    for question in BANT.questions:
        choice = next(c for c in question.choices if c.label == labels[question.criterion])
        answers.append(Answer(question_id=question.id, choice_id=choice.id))
    return Draft(flow_id="bant", lead="Acme", answers=tuple(answers))


def test_default_flow_has_spec_labels_and_points() -> None:
    assert BANT.bar == 20
    assert [(t.name, t.min, t.handoff) for t in BANT.verdicts] == [
        ("qualified", 20, True), ("nurture", 10, False), ("disqualified", 0, False)]
    assert sorted(q.criterion for q in BANT.questions) == sorted(SPEC)
    for question in BANT.questions:
        offered = {c.label: c.points for c in question.choices}
        for label, points in SPEC[question.criterion].items():
            assert offered.get(label) == points, (question.criterion, label)


@pytest.mark.parametrize("combo", list(itertools.product(*(SPEC[c].items() for c in SPEC))))
def test_every_spec_combination_scores_its_sum(combo) -> None:
    labels = {crit: label for crit, (label, _) in zip(SPEC, combo, strict=True)}
    total = sum(points for _, points in combo)
    s = score(BANT, draft_for(labels))
    assert s.total == total
    assert s.verdict == ("qualified" if total >= 20 else "nurture" if total >= 10
                         else "disqualified")
    assert s.qualified is (total >= 20)
    assert s.flow_version == BANT.version


def test_boundary_twenty_qualifies_nineteen_does_not() -> None:
    twenty = {"budget": "Funding, ready to go", "role": "Decision maker",
              "need": "Has a clear need for the product",
              "timing": "Plans to buy within six months", "size": "Plans to buy less than $100"}
    nineteen = dict(twenty, budget="Budget in formulation", role="Influencer",
                    size="Plans to buy $50,000 or more")
    assert score(BANT, draft_for(twenty)).qualified
    s = score(BANT, draft_for(nineteen))
    assert (s.total, s.qualified) == (19, False)


def test_explanation_adds_up() -> None:
    best = {c: next(iter(SPEC[c])) for c in SPEC}
    line = explain(score(BANT, draft_for(best)))
    assert line.endswith("= 25 ≥ 20")
    assert "Funding ready +5" in line


def test_incomplete_draft_cannot_be_scored() -> None:
    with pytest.raises(IncompleteDraft):
        score(BANT, Draft(flow_id="bant", lead="Acme"))


def test_version_changes_with_the_rules() -> None:
    changed = BANT.model_copy(update={"description": "changed"})
    assert changed.version != BANT.version
