"""Scoring: which questions apply, points per answer, the tier reached, explained."""
from __future__ import annotations

from flows.model import Draft, Flow, Kind, Knockout, LineItem, Question, Score


class IncompleteDraft(ValueError):
    """The draft lacks an answer the flow needs; it cannot be scored yet."""


def knocked_out(flow: Flow, draft: Draft) -> Knockout | None:
    """The first knockout answer given, if any (it ends the questions)."""
    for q in flow.questions:
        a = draft.answer_for(q.id)
        choice = q.choice(a.choice_id) if a else None
        if choice is not None and choice.knockout is not None:
            return choice.knockout
    return None


def applies(flow: Flow, draft: Draft, question: Question) -> bool:
    """Is this question asked, given the answers so far? (Branches and knockouts.)"""
    for q in flow.questions:
        if q.id == question.id:
            break
        a = draft.answer_for(q.id)
        choice = q.choice(a.choice_id) if a else None
        if choice is not None and choice.knockout is not None:
            return False  # a knockout earlier ends the conversation
    if question.ask_if is None:
        return True
    target = flow.question(question.ask_if.question)
    answer = draft.answer_for(question.ask_if.question)
    return (target is not None and applies(flow, draft, target)
            and question.ask_if.holds(answer.choice_id if answer else None))


def asked(flow: Flow, draft: Draft) -> list[Question]:
    return [q for q in flow.questions if applies(flow, draft, q)]


def score(flow: Flow, draft: Draft) -> Score:
    items: list[LineItem] = []
    for question in asked(flow, draft):
        answer = draft.answer_for(question.id)
        if answer is None:
            raise IncompleteDraft(f"no answer for '{question.id}'")
        if question.kind is Kind.TEXT:
            continue  # recorded, not scored
        choice = question.choice(answer.choice_id)
        if choice is None:
            raise IncompleteDraft(f"'{answer.choice_id}' is not a choice of '{question.id}'")
        items.append(LineItem(question_id=question.id, criterion=question.criterion,
                              choice_id=choice.id, label=choice.summary_label,
                              points=choice.points, max_points=question.max_points))
    total = sum(i.points for i in items)
    knockout = knocked_out(flow, draft)
    tier = flow.tier(knockout.tier) if knockout else None
    if tier is None:
        tier = next(t for t in flow.verdicts if total >= t.min)
    return Score(flow_id=flow.id, flow_version=flow.version, items=tuple(items), total=total,
                 threshold=flow.bar, max_total=sum(i.max_points for i in items),
                 verdict=tier.name, verdict_label=tier.title, handoff=tier.handoff,
                 knockout=knockout)


def explain(score: Score) -> str:
    """One line a person can check by hand: ``Funding ready +5 · … = 25 ≥ 20``."""
    parts = " · ".join(f"{i.label} +{i.points}" for i in score.items)
    if score.knockout is not None:
        return f"{parts} = {score.total} · knocked out ({score.knockout.reason}): " \
               f"{score.verdict_label or score.verdict}"
    relation = "≥" if score.total >= score.threshold else "<"
    return f"{parts} = {score.total} {relation} {score.threshold}"
