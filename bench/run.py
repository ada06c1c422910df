"""Qualibot under a sales floor's load, measured and printed.

    .venv/bin/python -m bench.run [--sdrs 40] [--drafts 10000] [--workers 2] [--think 2]
                                  [--preview-leads 100000] [--postgres URL]

Starts the real app (the Procfile's web process) and, in the same run, a bare Bolt app
on the same server stack (``bench.bare``) that answers the same requests, both against
a fake Slack Web API on loopback; drives each with N concurrent SDRs running whole
conversations (signed requests, real HTTP), first with no pause between clicks (how
much each can take, and the CPU it costs), then reading each question for a moment
(a sales floor); prints ack latency, click → next question, Submit → handoff, memory
over open drafts, two instances on one PostgreSQL, and ``qualibot rules preview`` over
100,000 stored leads (``bench.preview``).
"""
from __future__ import annotations

import argparse
import math
import os
import random
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.preview import postgres_schema
from bench.preview import run as preview_figures
from tests.fakeslack import FakeSlack, Posted
from tests.harness import SALES, SlackSide
from tests.processes import AppProcess

HELP = "What does this mean?"
BARE = f"exec {sys.executable} -m bench.bare"


class Figures:
    def __init__(self) -> None:
        self.acks: list[float] = []
        self.next_question: list[float] = []
        self.handoff: list[float] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def add(self, kind: str, value: float) -> None:
        with self.lock:
            getattr(self, kind).append(value)


def pct(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)] * 1000 if s else float("nan")


def line(name: str, xs: list[float]) -> str:
    return (f"{name:<32} p50 {pct(xs, 50):7.1f} ms  p95 {pct(xs, 95):7.1f}  "
            f"p99 {pct(xs, 99):7.1f}  max {max(xs, default=0) * 1000:7.1f}  (n={len(xs)})")


def converse(slack: SlackSide, sides: list[SlackSide], user: str, lead: str,
             f: Figures, think: float = 0.0) -> None:
    """One SDR: /qualify, then the first answer to each question, then Submit; with
    ``think``, a pause of 0.5 to 1.5 times that many seconds before each click, and a
    start at a moment within the first ``think`` seconds (a floor's SDRs do not all type
    /qualify in the same millisecond; the round without pauses shows that burst)."""
    fake = slack.fake
    pause = random.Random(user)
    if think:
        time.sleep(pause.uniform(0, think))
    t = time.perf_counter()
    r = sides[0].command("/qualify", lead, user)
    f.add("acks", time.perf_counter() - t)
    if r.status != 200:
        f.errors.append(f"/qualify {r.status}")
        return
    last_ts = ""
    for step in range(12):
        def asking(after: str = last_ts) -> Posted | None:
            for m in reversed(fake.channel(slack.dm(user))):
                if m.ts > after and [x for x in m.labels() if x != HELP]:
                    return m
            return None
        m = fake.wait_channel(slack.dm(user), asking, timeout=30)
        if m is None:
            f.errors.append(f"{lead}: no question after step {step}")
            return
        label = [x for x in m.labels() if x != HELP][0]
        if think:
            time.sleep(pause.uniform(0.5 * think, 1.5 * think))
        side = sides[step % len(sides)]
        sent = time.monotonic()
        t = time.perf_counter()
        r = side.click(user, m, label)
        f.add("acks", time.perf_counter() - t)
        if r.status != 200:
            f.errors.append(f"click {r.status}")
            return
        if label == "Submit":
            card = fake.wait_channel(SALES, lambda: next((c for c in fake.channel(SALES)
                                           if lead in c.visible()), None), timeout=30)
            if card is None:
                f.errors.append(f"{lead}: no handoff")
            else:
                f.add("handoff", card.at - sent)
            return
        last_ts = m.ts
        nxt = fake.wait_channel(slack.dm(user), lambda after=last_ts: asking(after),
                                timeout=30)
        if nxt is not None:
            f.add("next_question", nxt.at - sent)


def load(sides: list[SlackSide], n: int, tag: str,
         think: float = 0.0) -> tuple[Figures, float]:
    f = Figures()
    run = secrets.token_hex(3)
    threads = [threading.Thread(target=converse, args=(
        sides[0], sides, f"U0{tag}{i:03d}", f"Bench {tag} {run} {i:03d}", f, think))
        for i in range(n)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return f, time.perf_counter() - t0


def open_drafts(side: SlackSide, count: int) -> tuple[float, list[str]]:
    """``count`` /qualify from many SDRs, each leaving a draft at its first question;
    returns the seconds until every first question was posted, and any errors."""
    t0 = time.perf_counter()
    posted = side.fake.count("chat.postMessage")
    todo = iter(range(count))
    lock = threading.Lock()
    errors: list[str] = []

    def work() -> None:
        while True:
            with lock:
                i = next(todo, None)
            if i is None:
                return
            r = side.command("/qualify", f"Draft {i:05d}", f"U0D{i:05d}")
            if r.status != 200:
                errors.append(f"/qualify {r.status}")

    threads = [threading.Thread(target=work) for _ in range(16)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    if not side.fake.wait(lambda: side.fake.count("chat.postMessage") - posted >= count,
                          timeout=300):
        errors.append(f"only {side.fake.count('chat.postMessage') - posted} of {count} "
                      "first questions posted within 300 s")
    return time.perf_counter() - t0, errors


def report(title: str, label: str, f: Figures, wall: float) -> None:
    print(f"{title}:")
    print(line(f"{label}: ack", f.acks))
    print(line(f"{label}: click -> next message", f.next_question))
    print(line(f"{label}: Submit -> handoff posted", f.handoff))
    print(f"{label}: {len(f.handoff)} conversations in {wall:.1f} s, "
          f"{len(f.acks) / wall:.0f} requests/s, errors: {len(f.errors)} {f.errors[:3]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sdrs", type=int, default=40)
    ap.add_argument("--drafts", type=int, default=10000)
    ap.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    ap.add_argument("--workers", type=int, default=2,
                    help="gunicorn worker processes per side (production's default: 2)")
    ap.add_argument("--think", type=float, default=2.0,
                    help="a second round where each SDR reads for this long before each "
                    "click (0: skip it)")
    ap.add_argument("--preview-leads", type=int, default=100_000,
                    help="stored leads for the rules preview figures (0: skip them)")
    a = ap.parse_args()
    workers = {"WEB_CONCURRENCY": str(a.workers)}
    work = Path(tempfile.mkdtemp(prefix="qualibot-bench-"))
    print(f"Qualibot bench: {a.sdrs} concurrent SDRs, {a.drafts} open drafts; "
          f"gunicorn gthread, {a.workers} worker(s) x 8 threads each side, SQLite\n")

    for label, command in (("bare Bolt", BARE), ("Qualibot", None)):
        fake = FakeSlack().start()
        app = AppProcess(fake, f"sqlite:///{work}/{label[0]}.db", Path.cwd(), **workers,
                         **({"command": command} if command else {}))
        side = app.start(timeout=60)
        load([side], 4, "W")  # warm up
        app_cpu, own_cpu = app.cpu_seconds(), time.process_time()
        f, wall = load([side], a.sdrs, "L")
        report(f"{label}, no pause between clicks (saturation)", label, f, wall)
        cores = os.cpu_count() or 1
        print(f"{label}: CPU in that round: the app {app.cpu_seconds() - app_cpu:.2f} s, "
              f"the load generator and fake Slack {time.process_time() - own_cpu:.2f} s, "
              f"of {cores * wall:.2f} s ({cores} cores x {wall:.2f} s)")
        if a.think:
            f, wall = load([side], a.sdrs, "T", think=a.think)
            report(f"{label}, {a.think:g} s (0.5-1.5x) to read each question before clicking",
                   label, f, wall)
        if command is None and a.drafts:
            before = app.rss_mb()
            took, errors = open_drafts(side, a.drafts)
            after = app.rss_mb()
            print(f"Qualibot: memory {before:.1f} MB -> {after:.1f} MB after {a.drafts} open "
                  f"drafts ({after - before:+.1f} MB; {took:.0f} s to open them, "
                  f"{a.drafts / took:.0f} /qualify per second), errors: {len(errors)} "
                  f"{errors[:3]}")
        app.stop()
        fake.stop()
        print()

    url, drop = postgres_schema(a.postgres)
    fake = FakeSlack().start()
    try:
        a1 = AppProcess(fake, url, Path.cwd(), secret="shared", **workers)
        a2 = AppProcess(fake, url, Path.cwd(), secret="shared", **workers)
        sides = [a1.start(timeout=60), a2.start(timeout=60)]
        f, wall = load(sides, a.sdrs, "P")
        cards = [c for c in fake.channel(SALES)]
        leads = [c.visible() for c in cards]
        dupes = len(leads) - len(set(leads))
        print(line("2 instances on PostgreSQL: ack", f.acks))
        print(f"2 instances on PostgreSQL: {a.sdrs} conversations in {wall:.1f} s "
              f"({a.sdrs / wall:.1f}/s), {len(cards)} cards, duplicates: {dupes}, "
              f"errors: {len(f.errors)} {f.errors[:3]}")
        a1.stop()
        a2.stop()
    finally:
        fake.stop()
        drop()
    if a.preview_leads:
        print()
        for figure in preview_figures(a.preview_leads, a.postgres):
            print(figure, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
