"""Scoring: which questions apply, points per answer, the tier reached, explained."""
from __future__ import annotations

from flows.model import Condition, Draft, Flow, Kind, Knockout, LineItem, Question, Score


class IncompleteDraft(ValueError):
    """The draft lacks an answer the flow needs; it cannot be scored yet."""


def _walk(flow: Flow, draft: Draft) -> tuple[list[Question], Knockout | None]:
    """The questions asked, in order, given the answers: a question applies if its branch
    condition holds on an answer to a question that applies itself, and nothing after
    a knockout answer (to a question that applies, and with the earlier answer its
    ``when`` names, if any) is asked."""
    applied: list[Question] = []

    def holds(cond: Condition) -> bool:
        target = next((x for x in applied if x.id == cond.question), None)
        answer = draft.answer_for(cond.question) if target else None
        return cond.holds(answer.choice_id if answer else None)

    for q in flow.questions:
        if q.ask_if is not None and not holds(q.ask_if):
            continue
        applied.append(q)
        answer = draft.answer_for(q.id)
        choice = q.choice(answer.choice_id) if answer else None
        knockout = choice.knockout if choice is not None else None
        if knockout is not None and (knockout.when is None or holds(knockout.when)):
            return applied, knockout
    return applied, None


def knocked_out(flow: Flow, draft: Draft) -> Knockout | None:
    """The knockout answer that ends the questions, if one was given."""
    return _walk(flow, draft)[1]


def asked(flow: Flow, draft: Draft) -> list[Question]:
    return _walk(flow, draft)[0]


def applies(flow: Flow, draft: Draft, question: Question) -> bool:
    """Is this question asked, given the answers so far? (Branches and knockouts.)"""
    return any(q.id == question.id for q in asked(flow, draft))


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
