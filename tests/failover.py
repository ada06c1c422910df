"""A sales floor on several instances behind a load balancer, one of them lost mid-run.

Used by ``tests/bot/test_lost_instance.py`` (a few SDRs) and ``bench.lost_instance``
(a floor of 40, with figures). The balancer sends each request to the live instances
in turn. A request that a lost instance never answered is sent again to a live one
with ``X-Slack-Retry-Num``, as Slack retries a delivery that got no answer. A click
that was acknowledged but whose work died with the instance gets no next message;
the SDR, seeing none after a while, does what a person does: clicks the same button
again (or types ``/qualify`` again), and the live instance carries on from what was
stored.
"""
from __future__ import annotations

import http.client
import itertools
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from bot.core.db import make_engine, make_sessions
from bot.core.models import Handoff, Outbox, Qualification
from tests.fakeslack import FakeSlack, Posted
from tests.harness import SALES, Response, SlackSide
from tests.processes import healthz

HELP = "What does this mean?"
FORM = "application/x-www-form-urlencoded"
# Longer than the stale-click re-post delay (speaking.REPOST_AFTER, 5 s): a second
# click on a question whose next one was lost re-posts it.
PATIENCE = 7.0


@dataclass
class Floor:
    """What happened on the floor, for the test's assertions and the bench's figures."""

    acks: list[float] = field(default_factory=list)
    retried: int = 0  # requests sent again to a live instance with X-Slack-Retry-Num
    again: int = 0  # clicks or /qualify repeated by an SDR who saw no answer
    completed: list[str] = field(default_factory=list)  # leads whose card was seen
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, value: object = 1) -> None:
        with self.lock:
            target = getattr(self, name)
            if isinstance(target, list):
                target.append(value)
            else:
                setattr(self, name, target + value)

    def p(self, q: float) -> float:
        s = sorted(self.acks)
        return s[max(0, math.ceil(q / 100 * len(s)) - 1)] * 1000 if s else float("nan")


class Balancer:
    """Round robin over the live instances; one that fails a request is taken out."""

    def __init__(self, sides: list[SlackSide], floor: Floor):
        self.sides, self.floor = list(sides), floor
        self.live = list(sides)
        self._turn = itertools.count()
        self._lock = threading.Lock()

    def lost(self, side: SlackSide) -> None:
        """The balancer's health check has noticed that ``side`` is gone (the last one
        left is kept: there is nowhere else to send)."""
        with self._lock:
            if side in self.live and len(self.live) > 1:
                self.live.remove(side)

    def _pick(self, avoid: SlackSide | None) -> SlackSide:
        with self._lock:
            choices = [s for s in self.live if s is not avoid] or self.live
            return choices[next(self._turn) % len(choices)]

    def post(self, body: str, content_type: str = FORM) -> Response:
        failed: SlackSide | None = None
        for retry in range(4):
            side = self._pick(failed)
            headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_error"} \
                if retry else None
            t = time.perf_counter()
            try:
                r = side.post(body, content_type, headers=headers)
            except (OSError, http.client.HTTPException):
                failed = side
                if healthz(side.port) != 200:  # gone, not merely slow this once
                    self.lost(side)
                self.floor.add("retried")
                continue
            self.floor.add("acks", time.perf_counter() - t)
            return r
        raise RuntimeError("no instance answered in four tries")


def _asking(fake: FakeSlack, dm: str, after: str) -> Posted | None:
    """The newest message in the DM posted after ``after`` that has answer buttons."""
    for m in reversed(fake.channel(dm)):
        if m.ts > after and [x for x in m.labels() if x != HELP]:
            return m
    return None


def card(fake: FakeSlack, lead: str) -> list[Posted]:
    return [m for m in fake.channel(SALES) if m.thread_ts is None and lead in m.visible()]


def converse(lb: Balancer, fake: FakeSlack, user: str, lead: str, floor: Floor,
             pause: Callable[[], float], card_wait: float) -> None:
    """One SDR's whole conversation through the balancer: /qualify, the first answer to
    each question, Submit, until the card is in the sales channel."""
    side = lb.sides[0]
    dm = side.dm(user)
    try:
        last = ""
        m = None
        for _ in range(3):  # /qualify, and again if nothing came of it
            r = lb.post(side.command_body("/qualify", lead, user))
            if r.status != 200:
                floor.add("errors", f"/qualify {r.status}")
                return
            m = fake.wait_channel(dm, lambda: _asking(fake, dm, last), timeout=PATIENCE)
            if m is not None:
                break
            floor.add("again")
        for _step in range(14):
            if m is None:
                floor.add("errors", f"{lead}: no question")
                return
            label = [x for x in m.labels() if x != HELP][0]
            time.sleep(pause())
            for _ in range(4):  # the click, and again while nothing comes of it
                if label not in m.labels():  # answered meanwhile: its next message is out
                    break
                r = lb.post(side.click_body(user, m, label))
                if r.status != 200:
                    floor.add("errors", f"click {r.status}")
                    return
                if label == "Submit":
                    done = fake.wait(lambda: card(fake, lead), timeout=PATIENCE)
                else:
                    done = fake.wait_channel(dm, lambda after=m.ts: _asking(fake, dm, after),
                                             timeout=PATIENCE)
                if done:
                    break
                floor.add("again")
            if label == "Submit":
                if fake.wait(lambda: card(fake, lead), timeout=card_wait):
                    floor.add("completed", lead)
                else:
                    floor.add("errors", f"{lead}: no card")
                return
            last = m.ts
            m = fake.wait_channel(dm, lambda after=last: _asking(fake, dm, after),
                                  timeout=PATIENCE)
        floor.add("errors", f"{lead}: never reached Submit")
    except Exception as e:  # noqa: BLE001 -- one SDR's failure is a figure, not a crash
        floor.add("errors", f"{lead}: {type(e).__name__}: {e}")


def stored(url: str) -> tuple[int, dict[tuple[str, str], int]]:
    """The handoff rows, and the deliveries by (kind, status)."""
    engine = make_engine(url)
    try:
        with make_sessions(engine)() as s:
            handoffs = s.scalar(select(func.count()).select_from(Handoff)) or 0
            rows = s.execute(select(Outbox.kind, Outbox.status, func.count())
                             .group_by(Outbox.kind, Outbox.status)).all()
            return handoffs, {(k, st): n for k, st, n in rows}
    finally:
        engine.dispose()


def qualifications(url: str) -> dict[str, int]:
    """The qualifications stored, by status (one per lead, whatever was sent twice)."""
    engine = make_engine(url)
    try:
        with make_sessions(engine)() as s:
            rows = s.execute(select(Qualification.status, func.count())
                             .group_by(Qualification.status)).all()
            return {status: n for status, n in rows}
    finally:
        engine.dispose()


@dataclass
class Lost:
    """A run of the floor in which one instance was killed."""

    floor: Floor
    wall: float  # seconds from the first /qualify to the last conversation's end
    killed_after: int  # requests acknowledged before the kill
    killed_at: float  # seconds into the run


def run(sides: list[SlackSide], fake: FakeSlack, kill: Callable[[], None], *, sdrs: int,
        tag: str, think: float, kill_after: int, card_wait: float) -> Lost:
    """``sdrs`` conversations through a balancer over ``sides``; once ``kill_after``
    requests are acknowledged, ``kill()`` (which loses ``sides[0]``) is called."""
    import random

    floor = Floor()
    lb = Balancer(sides, floor)
    rng = random.Random(tag)
    lock = threading.Lock()

    def pause() -> float:
        with lock:
            return rng.uniform(0.5 * think, 1.5 * think) if think else 0.0

    threads = [threading.Thread(target=converse, args=(
        lb, fake, f"U0{tag}{i:03d}", f"Lost {tag} {i:03d} Co", floor, pause, card_wait))
        for i in range(sdrs)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    while len(floor.acks) < kill_after and any(th.is_alive() for th in threads):
        time.sleep(0.01)
    acked, at = len(floor.acks), time.perf_counter() - t0
    kill()
    lb.lost(sides[0])
    for th in threads:
        th.join()
    return Lost(floor, time.perf_counter() - t0, acked, at)
