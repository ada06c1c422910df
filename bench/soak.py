"""Soak: a floor of SDRs working for a long while, with the app's memory, errors and ack
latency printed each minute (``bench.run --soak SECONDS``).

Each SDR runs conversation after conversation (a new lead each time), reading each
question before clicking. Every minute it prints, for that minute: conversations
completed, requests, ack p50 and p99, errors so far (the floor's, and ERROR lines in
the app's log), and the resident memory of each of the app's processes (the gunicorn
master and each worker). At the end: each worker's growth since the first minute (the
warm-up) and ack p99 minute by minute (the first includes the ramp-up: SDRs start
within their first reading time, and conversations complete only from its middle on).
"""
from __future__ import annotations

import itertools
import re
import threading
import time
from pathlib import Path

from bench.floor import Figures, converse, pct
from tests.fakeslack import FakeSlack
from tests.harness import SlackSide
from tests.processes import AppProcess

_LOG_ERROR = re.compile(r"^\S+ \S+ (ERROR|CRITICAL) |^Traceback", re.M)


def _sdr(side: SlackSide, user: str, figures: Figures, think: float, until: float) -> None:
    for n in itertools.count():
        if time.monotonic() >= until:
            return
        try:
            converse(side, [side], user, f"Soak {user} {n:05d}", figures, think)
        except Exception as e:  # noqa: BLE001 -- a figure, and the SDR carries on
            figures.errors.append(f"{user}: {type(e).__name__}: {e}")
            time.sleep(1)


def soak(database_url: str, *, seconds: float, sdrs: int, think: float, workers: int,
         every: float = 60.0) -> int:
    """Run the floor for ``seconds``, printing as it goes; returns the error count."""
    fake = FakeSlack().start()
    app = AppProcess(fake, database_url, Path.cwd(), WEB_CONCURRENCY=str(workers))
    side = app.start(timeout=60)
    master = app.pid
    figures = Figures()
    print(f"soak: {sdrs} SDRs for {seconds:g} s, each reading {think:g} s (0.5-1.5x) per "
          f"question, conversation after conversation; gunicorn gthread, {workers} "
          f"worker(s); {database_url.split(':', 1)[0]}", flush=True)
    t0 = time.monotonic()
    until = t0 + seconds
    threads = [threading.Thread(target=_sdr, args=(
        side, f"U0S{i:03d}", figures, think, until), daemon=True)
        for i in range(sdrs)]
    for th in threads:
        th.start()
    rows: list[tuple[dict[int, float], float]] = []
    start = t0
    try:
        while start < until:
            end = min(start + every, until)
            time.sleep(max(0.0, end - time.monotonic()))
            memory = app.rss_by_process()
            acks = figures.between("acks", start, end)
            cards = figures.between("handoff", start, end)
            app_errors = len(_LOG_ERROR.findall(app.output))
            rows.append((memory, pct(acks, 99)))
            workers_mb = "  ".join(f"{role} {mb:6.1f}" for role, _, mb in _named(master, memory))
            print(f"minute {len(rows):>2} ({end - t0:5.0f} s): {len(cards):4d} conversations, "
                  f"{len(acks):5d} requests, ack p50 {pct(acks, 50):6.1f} ms p99 "
                  f"{pct(acks, 99):6.1f} ms; errors: floor {len(figures.errors)}, app log "
                  f"{app_errors}; RSS MB: {workers_mb}", flush=True)
            start = end
        for th in threads:  # each SDR finishes the conversation it is in
            th.join(timeout=60)
        errors = len(figures.errors) + len(_LOG_ERROR.findall(app.output))
    finally:
        app.stop()
        fake.stop()
    first, last = rows[0], rows[-1]
    growth = "  ".join(f"{role} {last[0].get(pid, float('nan')) - mb:+.1f}"
                       for role, pid, mb in _named(master, first[0]))
    print(f"soak: {len(figures.handoff)} conversations, {len(figures.acks)} requests; "
          f"errors: {errors} {figures.errors[:3]}; RSS growth since minute 1 (MB): "
          f"{growth}; ack p99 by minute (ms): {', '.join(f'{p99:.0f}' for _, p99 in rows)}",
          flush=True)
    return errors


def _named(master: int | None, memory: dict[int, float]) -> list[tuple[str, int, float]]:
    """The group's processes by role (the master, then the workers by pid)."""
    workers = sorted(pid for pid in memory if pid != master)
    named = [("master", pid, memory[pid]) for pid in memory if pid == master]
    return named + [(f"worker{i}", pid, memory[pid]) for i, pid in enumerate(workers, 1)]
