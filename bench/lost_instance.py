"""A lost instance loses nothing: two instances on one PostgreSQL, a floor of SDRs, and
``kill -9`` of one of them mid-run; printed figures.

    .venv/bin/python -m bench.lost_instance [--sdrs 40] [--think 1] [--kill-at 0.4]
                                            [--lease 10] [--workers 2] [--postgres URL]

Each run uses a fresh schema of its own on the server (dropped at the end). The floor
is ``tests.failover``: a round-robin balancer over the instances; a request the lost
instance never answered is sent again to the live one with ``X-Slack-Retry-Num``; an
SDR whose acknowledged click led to nothing (its work died with the instance) clicks
again after a few seconds. Then it counts the cards the fake Slack received, per lead,
and the handoff rows and deliveries stored.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.preview import postgres_schema
from tests import failover
from tests.fakeslack import FakeSlack
from tests.harness import SALES
from tests.processes import AppProcess

REQUESTS = 7  # per conversation of the default flow: /qualify, five answers, Submit


def run(url: str, *, sdrs: int, think: float, kill_at: float, lease: float,
        workers: int) -> list[str]:
    """The figures of one run, as lines to print."""
    schema_url, drop = postgres_schema(url)
    fake = FakeSlack().start()
    settings = dict(secret="shared", WEB_CONCURRENCY=str(workers),
                    HANDOFF_LEASE_SECONDS=f"{lease:g}")
    a = AppProcess(fake, schema_url, Path.cwd(), **settings)
    b = AppProcess(fake, schema_url, Path.cwd(), **settings)
    try:
        sides = [a.start(timeout=60), b.start(timeout=60)]
        kill_after = int(kill_at * sdrs * REQUESTS)
        lost = failover.run(sides, fake, a.kill9, sdrs=sdrs, tag="X", think=think,
                            kill_after=kill_after, card_wait=lease + 30)
        floor = lost.floor
        leads = [f"Lost X {i:03d} Co" for i in range(sdrs)]
        per_lead = {lead: len(failover.card(fake, lead)) for lead in leads}
        fake.wait(lambda: failover.stored(schema_url)[1].get(("slack", "done")) == sdrs,
                  timeout=lease + 30)
        handoffs, deliveries = failover.stored(schema_url)
        quals = failover.qualifications(schema_url)
        posted = [c for c in fake.find("chat.postMessage", channel=SALES) if c.ok]
        return [
            f"lost instance: {sdrs} SDRs over 2 instances ({workers} worker(s) each) on one "
            f"PostgreSQL, reading {think:g} s (0.5-1.5x) per question; kill -9 of one "
            f"instance after {lost.killed_after} acknowledged requests "
            f"({lost.killed_at:.1f} s into the run); handoff lease {lease:g} s",
            f"  conversations completed: {len(floor.completed)}/{sdrs} in {lost.wall:.1f} s; "
            f"errors: {len(floor.errors)} {floor.errors[:3]}",
            f"  requests sent again to the live instance with X-Slack-Retry-Num: "
            f"{floor.retried}; clicks or /qualify repeated by an SDR who saw nothing come "
            f"of one: {floor.again}",
            f"  cards in the sales channel: {len(posted)}; leads with exactly one card: "
            f"{sum(1 for n in per_lead.values() if n == 1)}/{sdrs}; with none: "
            f"{sum(1 for n in per_lead.values() if n == 0)}; with more than one: "
            f"{sum(1 for n in per_lead.values() if n > 1)}",
            f"  stored: {handoffs} handoff rows; deliveries {dict(sorted(deliveries.items()))}; "
            f"qualifications {dict(sorted(quals.items()))}",
            f"  ack p50 {floor.p(50):.1f} ms, p99 {floor.p(99):.1f} ms "
            f"(n={len(floor.acks)})",
        ]
    finally:
        a.kill9()
        b.stop()
        fake.stop()
        drop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdrs", type=int, default=40)
    ap.add_argument("--think", type=float, default=1.0,
                    help="seconds (0.5-1.5x) each SDR reads a question before clicking")
    ap.add_argument("--kill-at", type=float, default=0.4,
                    help="kill when this share of the run's requests is acknowledged")
    ap.add_argument("--lease", type=float, default=10.0,
                    help="HANDOFF_LEASE_SECONDS: how long a delivery the lost instance "
                    "held waits before the live one takes it (production: 60)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    a = ap.parse_args()
    for figure in run(a.postgres, sdrs=a.sdrs, think=a.think, kill_at=a.kill_at,
                      lease=a.lease, workers=a.workers):
        print(figure, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
