"""The pipeline in numbers, by ISO week (UTC, weeks start on Monday) and by SDR.

Every number of a week belongs to the qualifications *scored* that week: a lead scored
on Friday and claimed the next Tuesday counts as claimed in Friday's week. So a week's
row keeps filling in as its leads are claimed or sent back, and its funnel reads left to
right (scored → handed off → claimed → sent back).

``pipeline`` reads the database once; ``summarise`` is pure and makes the frozen
:class:`Report` that the CLI, ``/qualify stats`` and the App Home tab all render.
"""
from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.db import current_revision, database_url, make_engine, make_read_sessions
from bot.core.deps import Deps, utcnow
from bot.core.models import Handoff, Lead, Qualification, ScoreRow
from flows.model import Flow

MAX_WEEKS = 104
UNCLAIMED_SHOWN = 10


@dataclass(frozen=True)
class Fact:
    """One scored qualification and what became of its handoff, as stored."""

    sdr: str
    lead: str
    scored_at: datetime
    total: int
    threshold: int
    tier: str  # the verdict as people read it ("qualified", "Grade A")
    handed_off: bool = False
    posted_at: datetime | None = None  # the card in the channel (or the handoff, if unsent)
    claimed_at: datetime | None = None
    sent_back: bool = False
    claimed_by: str | None = None
    assigned_to: str | None = None  # routing: the AE it is (or was, once accepted) for
    assigned_at: datetime | None = None
    let_go: tuple[str, ...] = ()  # AEs it was assigned to before: passed or not accepted


@dataclass(frozen=True)
class Tally:
    scored: int = 0  # completed qualifications, whatever the verdict
    tiers: tuple[tuple[str, int], ...] = ()  # verdict → how many, best tier first
    handoffs: int = 0
    claims: int = 0
    sent_back: int = 0
    claim_seconds: float | None = None  # median, from the card being posted to its claim

    def of(self, tier: str) -> int:
        return dict(self.tiers).get(tier, 0)


@dataclass(frozen=True)
class AeTally:
    """One AE's handoffs: what routing gave them and what they did with it."""

    leads: int = 0  # handoffs they hold: assigned to them, or claimed by them
    assigned: int = 0  # of which routing assigned to them
    accepted: int = 0  # claimed or accepted by them
    let_go: int = 0  # assigned to them, then passed on or moved on for want of an accept
    accept_seconds: float | None = None  # median, from the assignment (or card) to accept


@dataclass(frozen=True)
class Unclaimed:
    lead: str
    total: int
    sdr: str
    posted_at: datetime


@dataclass(frozen=True)
class Report:
    weeks: tuple[tuple[date, Tally], ...]  # each week's Monday, oldest first, none left out
    sdrs: tuple[tuple[str, Tally], ...]  # the most leads scored first
    total: Tally
    tiers: tuple[str, ...]  # every verdict seen, best first
    scores: tuple[int, ...]  # every total, for the distribution
    thresholds: tuple[int, ...]  # the points the handoff tier needed
    unclaimed: tuple[Unclaimed, ...] = ()  # handed off, waiting, oldest first
    aes: tuple[tuple[str, AeTally], ...] = ()  # by AE, the most leads first
    moved_on: int = 0  # handoffs passed on or reassigned at least once

    @property
    def empty(self) -> bool:
        return self.total.scored == 0

    @property
    def first_day(self) -> date:
        return self.weeks[0][0]

    @property
    def last_day(self) -> date:
        return self.weeks[-1][0] + timedelta(days=6)

    @property
    def this_week(self) -> Tally:
        return self.weeks[-1][1]


def monday(at: datetime | date) -> date:
    day = at.astimezone(UTC).date() if isinstance(at, datetime) else at
    return day - timedelta(days=day.weekday())


def week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def tier_order(flows: Iterable[Flow]) -> tuple[str, ...]:
    """The verdicts of these flows as people read them, best first, each once."""
    return tuple(dict.fromkeys(t.title for f in flows for t in f.verdicts))


def duration(seconds: float | None) -> str:
    """A short, readable span: 45s, 12m, 3h 05m, 2d 4h; an en dash for none."""
    if seconds is None:
        return "–"
    s = max(0, round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m"
    if s < 86400:
        return f"{s // 3600}h {s % 3600 // 60:02d}m"
    return f"{s // 86400}d {s % 86400 // 3600}h"


def tally(facts: Sequence[Fact], order: Sequence[str] = ()) -> Tally:
    tiers = Counter(f.tier for f in facts)
    ranked = [t for t in order if t in tiers] + sorted(t for t in tiers if t not in order)
    waits = [(f.claimed_at - f.posted_at).total_seconds() for f in facts
             if f.claimed_at is not None and f.posted_at is not None]
    return Tally(scored=len(facts), tiers=tuple((t, tiers[t]) for t in ranked),
                 handoffs=sum(f.handed_off for f in facts),
                 claims=sum(f.claimed_at is not None for f in facts),
                 sent_back=sum(f.sent_back for f in facts),
                 claim_seconds=max(0.0, statistics.median(waits)) if waits else None)


def by_ae(facts: Sequence[Fact]) -> tuple[tuple[str, AeTally], ...]:
    """Each AE who holds, took or let go of a handoff, the most leads first."""
    held: dict[str, list[Fact]] = defaultdict(list)
    let_go: Counter[str] = Counter()
    for f in facts:
        holder = f.claimed_by or f.assigned_to
        if f.handed_off and holder and not (f.sent_back and not f.claimed_by
                                            and not f.assigned_to):
            held[holder].append(f)
        let_go.update(set(f.let_go))
    out = []
    for ae in set(held) | set(let_go):
        fs = held.get(ae, [])
        waits = [(f.claimed_at - (f.assigned_at if f.assigned_to == ae and f.assigned_at
                                  else f.posted_at)).total_seconds()
                 for f in fs if f.claimed_by == ae and f.claimed_at is not None
                 and (f.assigned_at or f.posted_at) is not None]
        out.append((ae, AeTally(leads=len(fs), assigned=sum(f.assigned_to == ae for f in fs),
                                accepted=sum(f.claimed_by == ae for f in fs),
                                let_go=let_go[ae],
                                accept_seconds=max(0.0, statistics.median(waits))
                                if waits else None)))
    return tuple(sorted(out, key=lambda kv: (-kv[1].leads, -kv[1].let_go, kv[0])))


def summarise(facts: Sequence[Fact], *, now: datetime, weeks: int,
              order: Sequence[str] = ()) -> Report:
    """The ``weeks`` ISO weeks up to and including the one of ``now``."""
    weeks = max(1, min(weeks, MAX_WEEKS))
    mondays = [monday(now) - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    facts = [f for f in facts if mondays[0] <= monday(f.scored_at) <= mondays[-1]]
    seen = Counter(f.tier for f in facts)
    order = [t for t in order if t in seen] + sorted(t for t in seen if t not in order)
    by_week: dict[date, list[Fact]] = defaultdict(list)
    by_sdr: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_week[monday(f.scored_at)].append(f)
        by_sdr[f.sdr].append(f)
    sdrs = sorted(by_sdr.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    waiting = sorted((f for f in facts if f.handed_off and f.claimed_at is None
                      and not f.sent_back and f.posted_at is not None),
                     key=lambda f: f.posted_at or now)
    return Report(
        weeks=tuple((m, tally(by_week[m], order)) for m in mondays),
        sdrs=tuple((sdr, tally(fs, order)) for sdr, fs in sdrs),
        total=tally(facts, order), tiers=tuple(order),
        scores=tuple(f.total for f in facts),
        thresholds=tuple(sorted({f.threshold for f in facts})),
        unclaimed=tuple(Unclaimed(f.lead, f.total, f.sdr, f.posted_at or now)
                        for f in waiting[:UNCLAIMED_SHOWN]),
        aes=by_ae(facts), moved_on=sum(bool(f.let_go) for f in facts),
    )


def facts(session: Session, *, since: datetime, team_id: str | None = None) -> list[Fact]:
    """Every qualification scored since ``since``, with its handoff's fate."""
    query = (
        select(Qualification.sdr_user_id, Lead.name, ScoreRow.created_at, ScoreRow.total,
               ScoreRow.threshold, ScoreRow.verdict, ScoreRow.verdict_label,
               Handoff.id.label("handoff_id"), Handoff.created_at.label("handed_at"),
               Handoff.sent_at, Handoff.claimed_at, Handoff.sent_back_at, Handoff.claimed_by,
               Handoff.assigned_to, Handoff.assigned_at, Handoff.route)
        .join(Qualification, Qualification.id == ScoreRow.qualification_id)
        .join(Lead, Lead.id == Qualification.lead_id)
        .outerjoin(Handoff, Handoff.qualification_id == Qualification.id)
        .where(ScoreRow.created_at >= since)
        .order_by(ScoreRow.id)
    )
    if team_id is not None:
        query = query.where(Lead.team_id == team_id)
    return [Fact(sdr=r.sdr_user_id, lead=r.name, scored_at=r.created_at, total=r.total,
                 threshold=r.threshold, tier=r.verdict_label or r.verdict.replace("_", " "),
                 handed_off=r.handoff_id is not None, posted_at=r.sent_at or r.handed_at,
                 claimed_at=r.claimed_at, sent_back=r.sent_back_at is not None,
                 claimed_by=r.claimed_by, assigned_to=r.assigned_to, assigned_at=r.assigned_at,
                 let_go=tuple(str(u) for u in (r.route or {}).get("tried", ())))
            for r in session.execute(query)]


def pipeline(session: Session, *, now: datetime, weeks: int, team_id: str | None = None,
             order: Sequence[str] = ()) -> Report:
    """The report of the ``weeks`` ISO weeks up to now, read in one query."""
    weeks = max(1, min(weeks, MAX_WEEKS))
    since = datetime.combine(monday(now) - timedelta(weeks=weeks - 1), time(), tzinfo=UTC)
    return summarise(facts(session, since=since, team_id=team_id), now=now, weeks=weeks,
                     order=order)


def current(deps: Deps, *, weeks: int, team_id: str | None = None) -> Report:
    """The report up to now, the enabled flows' verdicts first."""
    order = tier_order([deps.flows[f] for f in deps.enabled(team_id)]
                       + list(deps.flows.values()))
    with deps.readers() as s:
        return pipeline(s, now=deps.clock(), weeks=weeks, team_id=team_id, order=order)


def from_database(url: str, *, weeks: int, order: Sequence[str] = (),
                  team: str | None = None) -> Report:
    """The report up to now from the database at ``url``, read only: a SQLite file that
    does not exist, or a database Qualibot never ran on, is an empty report."""
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        return summarise([], now=utcnow(), weeks=weeks)
    engine = make_engine(url)
    try:
        if current_revision(engine) is None:
            return summarise([], now=utcnow(), weeks=weeks)
        with make_read_sessions(engine)() as s:
            return pipeline(s, now=utcnow(), weeks=weeks, order=order, team_id=team)
    finally:
        engine.dispose()
