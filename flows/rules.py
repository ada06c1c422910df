"""The written definition of a flow, in plain words: what sales, marketing and
management agreed a qualified lead is. Used by ``/qualify rules`` and ``qualibot rules``."""
from __future__ import annotations

from flows.model import MEASURED, Condition, Flow, Kind, Question


def _when(q: Question, flow: Flow) -> str:
    if q.ask_if is None:
        return ""
    target = flow.question(q.ask_if.question)
    names = {c.id: c.label for c in target.choices} if target else {}
    wanted = " or ".join(f"“{names.get(c, c)}”" for c in (q.ask_if.is_ or q.ask_if.is_not))
    verb = "is" if q.ask_if.is_ else "is not"
    about = target.criterion if target else q.ask_if.question
    return f" (asked only when “{about}” {verb} {wanted})"


def describe(flow: Flow) -> list[str]:
    """The flow as lines of plain text."""
    tiers = flow.verdicts
    verdicts = []
    for i, t in enumerate(tiers):
        what = f"{t.title} at {t.min} points or more" if t.min > 0 else f"{t.title} below " \
               f"{tiers[i - 1].min if i else 0} points"
        verdicts.append(what + (" (handed off to sales)" if t.handoff else ""))
    lines = [f"{flow.name} (version {flow.version})" + (f": {flow.description}"
                                                         if flow.description else ""),
             "Verdicts: " + " · ".join(verdicts) + ".",
             f"Best possible score: {flow.max_points}."]
    for n, q in enumerate(flow.questions, 1):
        lines.append(f"{n}. {q.criterion.capitalize()}: {q.text}{_when(q, flow)}")
        if q.kind is Kind.TEXT:
            lines.append("   Free text, recorded for the account executive, not scored.")
            continue
        lines.append("   " + " · ".join(f"{c.label}: {c.points}" for c in q.choices))
        if q.kind in MEASURED:
            lines.append(f"   A typed {_TYPED[q.kind]} is placed in the matching answer.")
        for c in q.choices:
            if c.knockout:
                again = (f", recheck in {c.knockout.recheck_days} days"
                         if c.knockout.recheck_days else "")
                also = _also(c.knockout.when, flow)
                tier = flow.tier(c.knockout.tier)
                lines.append(f"   Knockout: “{c.label}”{also} means "
                             f"{tier.title if tier else c.knockout.tier} whatever the "
                             f"points ({c.knockout.reason}{again}).")
    return lines


_TYPED = {Kind.NUMBER: "number", Kind.MONEY: "amount", Kind.TIMEFRAME: "date or timeframe"}


def _also(when: Condition | None, flow: Flow) -> str:
    """``when``, in words: ", when the business problem is “None admitted”,"."""
    if when is None:
        return ""
    target = flow.question(when.question)
    names = {c.id: c.label for c in target.choices} if target else {}
    wanted = " or ".join(f"“{names.get(c, c)}”" for c in (when.is_ or when.is_not))
    about = target.criterion if target else when.question
    return f", when the {about} {'is' if when.is_ else 'is not'} {wanted},"
