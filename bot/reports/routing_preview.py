"""``qualibot routing preview``: past handoffs replayed through routing rules (a changed
``routing.yaml`` before it goes live, say): how many leads each rule, channel and AE would
have received. It only reads.

Each past handoff is routed in the order it happened. The round robin and the daily caps
are replayed too (a cap counts the AE's leads of that UTC day); who was away is not known
after the fact, so nobody is.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from bot.reports.export import records
from flows.model import Flow, Score
from flows.routing import Routing, pick, route


@dataclass
class RoutingPreview:
    leads: int = 0
    rules: Counter[str] = field(default_factory=Counter)  # "rule 2 (…)" -> leads
    channels: Counter[str] = field(default_factory=Counter)
    aes: Counter[tuple[str, str]] = field(default_factory=Counter)  # (group, user) -> leads
    open_to_claim: int = 0
    since: datetime | None = None


def preview(conn: Connection, *, routing: Routing, flows: dict[str, Flow],
            sales_channel: str | None, since: datetime | None = None,
            team: str | None = None) -> RoutingPreview:
    report = RoutingPreview(since=since)
    turns: dict[str, dict[str, int]] = {}  # group -> round-robin state
    per_day: Counter[tuple[str, object]] = Counter()  # (user, day) -> leads
    for q, answers in records(conn, since=since, team=team):
        if q.handoff_id is None or q.verdict is None:
            continue
        score = Score(flow_id=q.flow_id, flow_version=q.flow_version, items=(),
                      total=q.total, threshold=q.threshold, max_total=q.max_total,
                      verdict=q.verdict, handoff=bool(q.handoff))
        decision = route(routing, flows.get(q.flow_id), score,
                         {a.question_id: a.choice_id for a in answers})
        report.leads += 1
        report.rules[decision.why] += 1
        report.channels[decision.channel or sales_channel or "(SALES_CHANNEL)"] += 1
        day = (q.completed_at or q.created_at).date()
        chosen = None
        for name in routing.fallbacks(decision.group) if decision.group else []:
            group = routing.groups[name]
            capped = {m.user for m in group.members if group.daily_cap is not None
                      and per_day[(m.user, day)] >= group.daily_cap}
            got = pick(group, turns.get(name, {}), capped)
            if got is not None:
                turns[name], chosen = got.state, (name, got.user)
                break
        if chosen is None:
            report.open_to_claim += 1
        else:
            report.aes[chosen] += 1
            per_day[(chosen[1], day)] += 1
    return report


def lines(report: RoutingPreview, *, source: str) -> list[str]:
    since = f" since {report.since:%Y-%m-%d}" if report.since else ""
    out = [f"Routing preview of {source}: {report.leads} past handoff(s){since}, "
           "replayed in the order they happened (nobody away; daily caps by UTC day)."]
    if not report.leads:
        return [*out, "No handoffs to replay yet."]

    def table(title: tuple[str, str], rows: list[tuple[str, int]]) -> list[str]:
        width = max(len(title[0]), *(len(r) for r, _ in rows))
        return ["", f"{title[0]:<{width}}  {title[1]:>5}",
                *(f"{r:<{width}}  {n:>5}" for r, n in rows)]

    out += table(("rule", "leads"), report.rules.most_common())
    out += table(("channel", "leads"), [(f"#{c}", n) for c, n in report.channels.most_common()])
    aes = [(f"{user} ({group})", n) for (group, user), n in sorted(
        report.aes.items(), key=lambda x: (x[0][0], -x[1], x[0][1]))]
    if report.open_to_claim:
        aes.append(("open to the first to claim it", report.open_to_claim))
    out += table(("AE (group)", "leads"), aes)
    return out
