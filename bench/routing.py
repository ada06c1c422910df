"""What routing adds to a Submit: the verdict's transaction timed with and without it.

    .venv/bin/python -m bench.routing [--leads 300] [--postgres URL]

On a fresh SQLite file and a fresh PostgreSQL schema, stores N qualified BANT leads the
way a Submit does (score, handoff and outbox in one transaction), alternating leads
routed by a two-rule file to a group of four AEs (round robin, daily cap, fallback)
and leads with no routing, and prints each's p50 and p99. Posting the card is the
same either way, so the difference is what routing adds to Submit → card. Prints
figures; asserts nothing about them.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from bench.preview import postgres_schema
from bot.core.db import make_engine, make_sessions, transaction, upgrade
from bot.core.deps import utcnow
from bot.qualify import steps, store, verdicts
from bot.routing import desk
from config.loader import load_flows
from flows.conversation import Pick, step
from flows.model import Draft, Flow
from flows.routing import Routing
from flows.scoring import score

ROUTING = Routing.model_validate({
    "groups": {"ae": {"members": ["U0A", "U0B", {"user": "U0C", "weight": 2}, "U0D"],
                      "daily_cap": 10_000, "fallback": "floor"},
               "floor": {"members": ["U0E"]}},
    "rules": [{"when": {"answers": {"size": "over_50k"}, "score_min": 21},
               "channel": "C0ENT", "assign": "ae", "accept_within_minutes": 30},
              {"when": {"flow": "meddic"}, "channel": "C0MEDDIC"}],
})


def _submit(sessions: sessionmaker[Session], flow: Flow, draft: Draft, name: str,
            routed: bool) -> float:
    scored = score(flow, draft)
    answers = {a.question_id: a.choice_id for a in draft.answers}
    with transaction(sessions) as s:  # the draft, as a conversation leaves it
        lead_id, _ = store.lead_for(s, team_id="T1", name=name, now=utcnow())
        qid = store.start_qualification(s, lead_id=lead_id, flow=flow, sdr="U1", now=utcnow())
        row = steps.lock_step(s, qualification_id=qid)
        steps.save_step(s, row=row, flow=flow, draft=draft, now=utcnow())
    began = time.perf_counter()
    with transaction(sessions) as s:  # the Submit's transaction
        placed = desk.place(s, routing=ROUTING, flow=flow, score=scored, answers=answers,
                            sales_channel="C0SALES", now=utcnow()) if routed else None
        verdicts.record_score(s, qualification_id=qid, score=scored, now=utcnow(),
                           sales_channel="C0SALES", placed=placed)
    return (time.perf_counter() - began) * 1000


def measure(url: str, label: str, leads: int) -> Iterator[str]:
    engine = make_engine(url)
    upgrade(engine)
    sessions = make_sessions(engine)
    flow = load_flows(check_examples=False)["bant"]
    draft = Draft(flow_id="bant", lead="x")
    for q in flow.questions:
        draft, _ = step(flow, draft, Pick(q.id, q.choices[0].id))
    times: dict[bool, list[float]] = {True: [], False: []}
    for i in range(leads):
        routed = i % 2 == 0
        times[routed].append(_submit(sessions, flow, draft, f"Lead {i}", routed))
    engine.dispose()
    for routed in (False, True):
        t = sorted(times[routed][5:])  # the first few warm the caches
        p99 = t[min(len(t) - 1, int(len(t) * 0.99))]
        yield (f"{label:<10} Submit's transaction, {'routed    ' if routed else 'not routed'}"
               f": p50 {statistics.median(t):6.2f} ms  p99 {p99:6.2f} ms  (n={len(t)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--leads", type=int, default=300)
    ap.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test",
                    help="a PostgreSQL server to measure on ('' to skip)")
    a = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qualibot-bench-routing-"))
    for line in measure(f"sqlite:///{folder}/routing.db", "SQLite", a.leads):
        print(line, flush=True)
    if a.postgres:
        url, drop = postgres_schema(a.postgres)
        try:
            for line in measure(url, "PostgreSQL", a.leads):
                print(line, flush=True)
        finally:
            drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
