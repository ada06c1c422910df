"""Scoring a finished draft: points per answer, total, verdict, explained."""
from __future__ import annotations

from flows.model import Draft, Flow, LineItem, Score, Verdict


class IncompleteDraft(ValueError):
    """The draft lacks an answer the flow needs; it cannot be scored yet."""


def score(flow: Flow, draft: Draft) -> Score:
    items: list[LineItem] = []
    for question in flow.questions:
        answer = draft.answer_for(question.id)
        if answer is None:
            raise IncompleteDraft(f"no answer for '{question.id}'")
        choice = question.choice(answer.choice_id)
        if choice is None:
            raise IncompleteDraft(f"'{answer.choice_id}' is not a choice of '{question.id}'")
        items.append(
            LineItem(
                question_id=question.id,
                criterion=question.criterion,
                choice_id=choice.id,
                label=choice.summary_label,
                points=choice.points,
                max_points=question.max_points,
            )
        )
    total = sum(i.points for i in items)
    verdict = Verdict.QUALIFIED if total >= flow.threshold else Verdict.NOT_QUALIFIED
    return Score(
        flow_id=flow.id,
        flow_version=flow.version,
        items=tuple(items),
        total=total,
        threshold=flow.threshold,
        max_total=flow.max_points,
        verdict=verdict,
    )


def explain(score: Score) -> str:
    """One line a person can check by hand: ``Funding ready +5 · … = 25 ≥ 20``."""
    parts = " · ".join(f"{i.label} +{i.points}" for i in score.items)
    relation = "≥" if score.qualified else "<"
    return f"{parts} = {score.total} {relation} {score.threshold}"
