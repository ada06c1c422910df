"""Routing at work: place a qualified lead (with its verdict), move it on when its AE
passes or lets the window run out, and AEs away or back.

Every function here runs inside the caller's transaction (the verdict's, a pass's, a
reassignment's), so a lead is never placed, moved or counted twice.
"""
from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.models import Handoff
from bot.routing import store
from flows.model import Flow, Score
from flows.routing import Placement, Routing, assigned_why, headline, pick, route

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Chosen:
    user: str | None
    group: str | None
    today: int | None = None  # leads assigned to them today, this one included
    cap: int | None = None
    note: str = ""  # why the first group could not take it


def choose(session: Session, *, routing: Routing, team_id: str, group: str, now: datetime,
           exclude: Collection[str] = ()) -> Chosen:
    """The next AE of ``group`` who is not away, capped or excluded; else of its fallback,
    and so on; else nobody."""
    skipped: list[str] = []
    for name in routing.fallbacks(group):
        g = routing.groups[name]
        seats = store.seats(session, team_id=team_id, name=name,
                            users=[m.user for m in g.members], now=now)
        cap = g.daily_cap
        unavailable = {u for u, seat in seats.items()
                       if seat.away or (cap is not None and seat.today >= cap)}
        chosen = pick(g, {u: seat.current for u, seat in seats.items()},
                      unavailable | set(exclude))
        if chosen is not None:
            store.save_turns(session, team_id=team_id, name=name, turns={
                u: c for u, c in chosen.state.items() if seats[u].current != c})
            note = f"fallback: nobody in {', '.join(skipped)} could take it" if skipped else ""
            return Chosen(chosen.user, name, seats[chosen.user].today + 1, cap, note)
        skipped.append(name)
    return Chosen(None, None, note=f"nobody in {', '.join(skipped) or group} could take it: "
                                   "away, at their daily cap or passed")


def _explained(head: str, chosen: Chosen, how: str = "round robin") -> str:
    return assigned_why(head, chosen.user, how=how, today=chosen.today, cap=chosen.cap,
                        note=chosen.note)


def place(session: Session, *, routing: Routing, flow: Flow | None, score: Score,
          answers: Mapping[str, str], sales_channel: str | None, now: datetime,
          team_id: str, unavailable: Collection[str] = ()) -> Placement:
    """Where the lead goes and to whom: the rule, then the AE whose turn it is. Run in the
    verdict's transaction; a failure to pick an AE (anything at all) is logged and leaves
    the lead open to claim in the rule's channel, never lost. ``unavailable``: members
    Slack says cannot take it (left the workspace, away)."""
    decision = route(routing, flow, score, answers)
    channel = decision.channel or sales_channel or ""
    head = headline(decision, channel)
    chosen = Chosen(None, None)
    if decision.group is not None:
        try:
            with session.begin_nested():
                chosen = choose(session, routing=routing, team_id=team_id,
                                group=decision.group, now=now, exclude=unavailable)
        except Exception as e:  # noqa: BLE001 -- the lead still goes out, open to claim
            log.exception("routing: could not assign a lead of group %s", decision.group)
            chosen = Chosen(None, None, note=f"could not assign it: {type(e).__name__}")
    why = _explained(head, chosen) if decision.group else f"{head}: open to the first to claim it"
    return Placement(channel=channel, assigned_to=chosen.user, why=why, head=head,
                     rule=decision.rule, rule_group=decision.group, group=chosen.group,
                     window=decision.accept_within_minutes if chosen.user else None,
                     most=decision.reassign_at_most)


def move_on(session: Session, *, routing: Routing | None, handoff: Handoff, now: datetime,
            passed_by: str | None = None, reason: str | None = None,
            unavailable: Collection[str] = ()) -> str | None:
    """Give a locked, assigned handoff to the next AE of its group (not one who had it):
    after a pass when ``passed_by`` is given, else because its window ran out (counted, and
    escalated — open to anyone — once it has moved on as often as its rule allows).
    Returns the new AE, or None when it is open to claim now."""
    record = dict(handoff.route or {})
    tried = [*record.get("tried", []), *([handoff.assigned_to] if handoff.assigned_to else [])]
    head = str(record.get("head") or record.get("why") or "routing")
    group = record.get("rule_group")
    if passed_by is None:
        handoff.reassignments += 1
        escalate = handoff.reassignments > int(record.get("most") or 0)
    else:
        record["passes"] = [*record.get("passes", []),
                            {"by": passed_by, "reason": reason, "at": now.isoformat()}]
        escalate = False
    if escalate or routing is None or group not in routing.groups:
        chosen = Chosen(None, None, note="not accepted in time, reassigned "
                        f"{handoff.reassignments - 1} time(s)" if escalate
                        else "its group is no longer in the routing rules")
    else:
        chosen = choose(session, routing=routing, team_id=handoff.qualification.lead.team_id,
                        group=str(group), now=now, exclude={*tried, *unavailable})
    how = f"passed on by <@{passed_by}>" if passed_by else \
        (f"reassigned after {record.get('window'):g} min" if record.get("window") else
         "reassigned")
    record.update(tried=tried, group=chosen.group, why=_explained(head, chosen, how))
    handoff.route = record
    handoff.assigned_to = chosen.user
    handoff.assigned_at = now if chosen.user else handoff.assigned_at
    handoff.accept_by = store.window_end(now, record.get("window")) if chosen.user else None
    if chosen.user is None:
        handoff.reminded_at = now  # the SLA reminders count from here
    return chosen.user


def toggle_away(deps: Deps, *, team_id: str, user: str, away: bool) -> dict[str, Any]:
    """``/qualify away`` or ``back``: stored, and the answer (only the AE sees it)."""
    with transaction(deps.sessions) as s:
        changed = store.set_away(s, team_id=team_id, user=user, now=deps.clock()) if away \
            else store.set_back(s, team_id=team_id, user=user)
    log.info("%s is %s", user, "away" if away else "back")
    if away:
        text = ("You're away: routing gives you no new leads until you type `/qualify back`."
                if changed else "You're already away; `/qualify back` when you return.")
    else:
        text = ("Welcome back: routing gives you leads again, in turn with your group."
                if changed else "You weren't away: routing gives you leads in turn.")
    return {"response_type": "ephemeral", "text": text}
