"""What the benches share: a floor of SDRs running whole conversations over real HTTP,
and the figures they make."""
from __future__ import annotations

import math
import random
import secrets
import threading
import time

from tests.fakeslack import Posted
from tests.harness import SALES, SlackSide

HELP = "What does this mean?"


class Figures:
    def __init__(self) -> None:
        self.acks: list[float] = []
        self.next_question: list[float] = []
        self.handoff: list[float] = []
        self.errors: list[str] = []
        self.at: dict[str, list[float]] = {}  # when each figure was added (monotonic)
        self.lock = threading.Lock()

    def add(self, kind: str, value: float) -> None:
        with self.lock:
            getattr(self, kind).append(value)
            self.at.setdefault(kind, []).append(time.monotonic())

    def between(self, kind: str, start: float, end: float) -> list[float]:
        """The figures of ``kind`` added from ``start`` to before ``end`` (monotonic)."""
        with self.lock:
            return [v for v, t in zip(getattr(self, kind), self.at.get(kind, ()), strict=True)
                    if start <= t < end]


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
