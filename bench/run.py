"""Qualibot under a sales floor's load, measured and printed.

    .venv/bin/python -m bench.run [--sdrs 40] [--drafts 10000] [--workers 2] [--think 2]
                                  [--slack-rtt 40] [--rounds 5] [--preview-leads 100000]
                                  [--postgres URL]
    .venv/bin/python -m bench.run --memory | --saturation [--rounds 5]
    .venv/bin/python -m bench.run --cpu CONVERSATIONS [--sdrs 4] [--against TREE]
    .venv/bin/python -m bench.run --soak SECONDS [--sdrs 40] [--think 2] [--workers 2]
    .venv/bin/python -m bench.run --kill [--sdrs 40] [--workers 2] [--postgres URL]

Starts the real app (the Procfile's web process) and, in the same run, a bare Bolt app
on the same server stack (``bench.bare``) that answers the same requests, both against
a fake Slack Web API on loopback; drives each with N concurrent SDRs running whole
conversations (signed requests, real HTTP), first with no pause between clicks (how
much each can take, and the CPU it costs), then reading each question for a moment
(a sales floor), then the same with Slack 40 ms away (a new connection costs three
round trips, a call one: what keeping connections alive saves); prints ack latency,
click → next question, Submit → handoff, memory over open drafts, two instances on
one PostgreSQL, and ``qualibot rules preview`` over 100,000 stored leads
(``bench.preview``).

It first starts both apps side by side, with the stack floor (``bench.stack``: the
stack Qualibot is built on and the least its conversation must do, on the bare app's
server, with slack_sdk's client and with kept-alive connections), and prints each
process's memory at rest (RSS, USS, PSS: ``bench.memory``), then runs ``--rounds``
saturation rounds on the four in turn and prints the medians of requests/s and CPU per
request, and their ratios; ``--memory`` and ``--saturation`` run only those.

``--soak SECONDS`` runs only the sales floor, for that long, printing the app's memory
per process, errors and ack latency each minute (``bench.soak``); ``--kill`` runs only
two instances on one PostgreSQL and ``kill -9`` of one mid-run (``bench.lost_instance``).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench import lost_instance, memory
from bench.floor import Figures, line, load
from bench.preview import postgres_schema
from bench.preview import run as preview_figures
from bench.soak import soak
from tests.fakeslack import FakeSlack
from tests.harness import SALES, SlackSide
from tests.processes import AppProcess

BARE = f"exec {sys.executable} -m bench.bare"
STACK = f"exec {sys.executable} -m bench.stack"
BARE_LABEL, FLOOR, FLOOR_KEPT = "bare Bolt", "stack floor", "stack floor kept-alive"
# The apps --memory and --saturation run in turn (None: the Procfile's web process), and
# the ratios they print.
APPS = [(BARE_LABEL, BARE), (FLOOR, STACK), (FLOOR_KEPT, f"{STACK} keep-alive"),
        ("Qualibot", None)]
COMPARED = [(FLOOR, BARE_LABEL), (FLOOR_KEPT, BARE_LABEL), ("Qualibot", BARE_LABEL),
            ("Qualibot", FLOOR), ("Qualibot", FLOOR_KEPT)]


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


def apps_in_turn(work: Path, name: str, workers: dict[str, str]
                 ) -> tuple[list[FakeSlack], list[tuple[str, AppProcess]]]:
    """The bare app, the stack floor (a connection per Slack call, then kept alive) and
    Qualibot, each against its own fake Slack and database file."""
    fakes = [FakeSlack().start() for _ in APPS]
    apps = [(label, AppProcess(fake, f"sqlite:///{work}/{name}-{i}.db", Path.cwd(),
                               **workers, **({"command": command} if command else {})))
            for i, ((label, command), fake) in enumerate(zip(APPS, fakes, strict=True))]
    return fakes, apps


def _ratios(rows: list[tuple[str, list[tuple[str, memory.Memory]]]], a: str, b: str) -> str:
    """``a``'s memory over ``b``'s: the total and the largest worker."""
    by = dict(rows)

    def total(label: str, k: str) -> float:
        return max(1e-9, sum(getattr(m, k) for _, m in by[label]))

    def worker(label: str, k: str) -> float:
        return max(1e-9, max((getattr(m, k) for n, m in by[label] if n != "master"),
                             default=0))
    keys = ("rss", "uss", "pss")
    t = [total(a, k) / total(b, k) for k in keys]
    w = [worker(a, k) / worker(b, k) for k in keys]
    return (f"  {a} / {b}: total RSS x{t[0]:.2f} USS x{t[1]:.2f} PSS x{t[2]:.2f}; "
            f"largest worker RSS x{w[0]:.2f} USS x{w[1]:.2f} PSS x{w[2]:.2f}")


def at_rest(work: Path, workers: dict[str, str], settle: float = 3.0) -> None:
    """The apps started side by side on the same server stack, each against its own fake
    Slack; once started and idle for ``settle`` s, each process's memory, then again after
    4 conversations (what the first requests load)."""
    fakes, apps = apps_in_turn(work, "mem", workers)
    try:
        sides = [app.start(timeout=60) for _, app in apps]
        time.sleep(settle)
        for when in ("after start-up", "after 4 conversations"):
            rows = [(label, memory.by_role(app.pid, app.pids())) for label, app in apps]
            print(f"{when}:")
            for row in memory.table(rows):
                print(row)
            for a, b in COMPARED:
                print(_ratios(rows, a, b))
            if when == "after start-up":
                for side in sides:
                    load([side], 4, "M")
                time.sleep(1)
    finally:
        for _, app in apps:
            app.stop()
        for fake in fakes:
            fake.stop()


def saturation(work: Path, workers: dict[str, str], sdrs: int, rounds: int) -> None:
    """The apps running side by side, each against its own fake Slack; ``rounds`` rounds
    of ``sdrs`` SDRs clicking with no pause, the apps in turn, so that the machine's other
    work weighs on all alike. Per round: requests per second and the app's CPU (all its
    processes) per request; then the medians and their ratios."""
    fakes, apps = apps_in_turn(work, "sat", workers)
    figures: dict[str, tuple[list[float], list[float], list[str]]] = {
        label: ([], [], []) for label, _ in apps}
    try:
        sides = [app.start(timeout=60) for _, app in apps]
        for side in sides:
            load([side], 4, "W")  # warm up
        for i in range(rounds):
            for (label, app), side in zip(apps, sides, strict=True):
                cpu = app.cpu_seconds()
                f, wall = load([side], sdrs, f"S{i}")
                rates, costs, errors = figures[label]
                rates.append(len(f.acks) / wall)
                costs.append((app.cpu_seconds() - cpu) / max(1, len(f.acks)) * 1000)
                errors.extend(f.errors)
    finally:
        for _, app in apps:
            app.stop()
        for fake in fakes:
            fake.stop()
    print(f"saturation, {rounds} rounds of {sdrs} SDRs with no pause, the apps in turn:")
    medians = {}
    for label, (rates, costs, errors) in figures.items():
        medians[label] = (statistics.median(rates), statistics.median(costs))
        print(f"  {label:<22} requests/s median {medians[label][0]:5.0f} "
              f"({', '.join(f'{r:.0f}' for r in rates)}); CPU per request median "
              f"{medians[label][1]:5.2f} ms ({', '.join(f'{c:.2f}' for c in costs)}); "
              f"errors: {len(errors)} {errors[:3]}")
    for a, b in COMPARED:
        (rate_b, cost_b), (rate_a, cost_a) = medians[b], medians[a]
        goals = (" (goal: at least 0.60)", " (goal: at most 1.7)") if b == BARE_LABEL and \
            a == "Qualibot" else ("", "")
        print(f"  {a} / {b}: requests/s x{rate_a / rate_b:.2f}{goals[0]}, "
              f"CPU per request x{cost_a / cost_b:.2f}{goals[1]}")


def cpu_per_conversation(work: Path, workers: dict[str, str], conversations: int,
                         sdrs: int, against: str | None = None) -> None:
    """The apps of ``apps_in_turn`` (and, with ``against``, Qualibot served from that
    tree, by PYTHONPATH) side by side, each against its own fake Slack; ``conversations``
    conversations on each, ``sdrs`` at a time, the apps in turn every ``sdrs``
    conversations, so that the machine's other work weighs on all alike. Prints the app's
    CPU (all its processes' user and system time) per conversation and per request: at
    low concurrency, a steadier figure than the saturation rounds'."""
    fakes, apps = apps_in_turn(work, "cpu", workers)
    if against:
        fakes.append(FakeSlack().start())
        apps.append((f"{Path(against).name}", AppProcess(
            fakes[-1], f"sqlite:///{work}/cpu-a.db", Path.cwd(), PYTHONPATH=against,
            **workers)))
    totals = {label: [0.0, 0, 0, 0] for label, _ in apps}  # CPU s, conversations, requests, errors
    try:
        sides = [app.start(timeout=60) for _, app in apps]
        for side in sides:
            load([side], 4, "W")  # warm up
        done = 0
        while done < conversations:
            n = min(sdrs, conversations - done)
            for (label, app), side in zip(apps, sides, strict=True):
                cpu = app.cpu_seconds()
                f, _wall = load([side], n, f"C{done}")
                t = totals[label]
                t[0] += app.cpu_seconds() - cpu
                t[1] += len(f.handoff)
                t[2] += len(f.acks)
                t[3] += len(f.errors)
            done += n
    finally:
        for _, app in apps:
            app.stop()
        for fake in fakes:
            fake.stop()
    print(f"CPU per conversation, {conversations} conversations each, {sdrs} at a time, "
          "the apps in turn:")
    bare = totals["bare Bolt"]
    for label, (cpu, convs, requests, errors) in totals.items():
        print(f"  {label:<22} {cpu / max(1, convs) * 1000:6.1f} ms a conversation, "
              f"{cpu / max(1, requests) * 1000:5.2f} ms a request "
              f"(x{(cpu / max(1, requests)) / max(1e-9, bare[0] / max(1, bare[2])):.2f} "
              f"the bare app's); {convs} conversations, {requests} requests, "
              f"errors: {errors}")


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
    ap.add_argument("--slack-rtt", type=float, default=40.0, metavar="MS",
                    help="a round where the fake Slack is this far away: a new connection "
                    "costs 3 round trips (TCP + TLS), a call one (0: skip it)")
    ap.add_argument("--preview-leads", type=int, default=100_000,
                    help="stored leads for the rules preview figures (0: skip them)")
    ap.add_argument("--soak", type=float, metavar="SECONDS",
                    help="only keep the SDRs (reading --think s per question) working this "
                    "long, printing memory per process, errors and ack p99 each minute")
    ap.add_argument("--rounds", type=int, default=5,
                    help="saturation rounds, the apps in turn, for the medians")
    ap.add_argument("--saturation", action="store_true",
                    help="only run the saturation rounds, the apps in turn")
    ap.add_argument("--memory", action="store_true",
                    help="only start the apps side by side and print their memory at rest")
    ap.add_argument("--cpu", type=int, metavar="CONVERSATIONS",
                    help="only the CPU per conversation: this many on each app, --sdrs at a "
                    "time (give e.g. --sdrs 4), the apps in turn")
    ap.add_argument("--against", metavar="TREE",
                    help="with --cpu: also Qualibot served from another checkout's tree")
    ap.add_argument("--kill", action="store_true",
                    help="only run two instances on PostgreSQL and kill -9 one of them "
                    "mid-run (bench.lost_instance has more options)")
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="qualibot-bench-"))
    if a.soak:
        try:
            errors = soak(f"sqlite:///{work}/soak.db", seconds=a.soak, sdrs=a.sdrs,
                          think=a.think, workers=a.workers)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 1 if errors else 0
    if a.kill:
        for figure in lost_instance.run(a.postgres, sdrs=a.sdrs, think=1.0, kill_at=0.4,
                                        lease=10.0, workers=a.workers):
            print(figure, flush=True)
        return 0
    workers = {"WEB_CONCURRENCY": str(a.workers)}
    if a.cpu:
        try:
            cpu_per_conversation(work, workers, a.cpu, a.sdrs, a.against)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    if a.memory or a.saturation:
        try:
            if a.memory:
                at_rest(work, workers)
            if a.saturation:
                saturation(work, workers, a.sdrs, a.rounds)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    print(f"Qualibot bench: {a.sdrs} concurrent SDRs, {a.drafts} open drafts; "
          f"gunicorn gthread, {a.workers} worker(s) x 8 threads each side, SQLite\n")
    at_rest(work, workers)
    print()
    if a.rounds:
        saturation(work, workers, a.sdrs, a.rounds)
        print()

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
        if a.slack_rtt:
            fake.rtt = a.slack_rtt / 1000
            connections, calls = fake.connections, len(fake.calls)
            f, wall = load([side], a.sdrs, "R", think=a.think or 2.0)
            report(f"{label}, Slack {a.slack_rtt:g} ms away, {a.think or 2.0:g} s to read "
                   "each question", label, f, wall)
            made, opened = len(fake.calls) - calls, fake.connections - connections
            print(f"{label}: {made} Web API calls over {opened} new connections "
                  f"({opened * 3} round trips of handshakes, "
                  f"{opened / max(1, len(f.handoff)):.1f} per conversation)")
            fake.rtt = 0.0
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
