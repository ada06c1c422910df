"""Exactly once across crashes and instances, with real processes from the Procfile."""
import threading
from pathlib import Path

from sqlalchemy import select

from bot.core.db import make_engine, make_sessions
from bot.core.models import Outbox
from tests.bot.test_qualify import HOT
from tests.fakeslack import FakeSlack
from tests.harness import SALES, SlackSide
from tests.processes import AppProcess


def to_sales(params: dict) -> bool:
    return params.get("channel") == SALES


def cards(fake: FakeSlack, lead: str) -> list:
    return [m for m in fake.channel(SALES) if lead in m.visible() and m.thread_ts is None]


def deliveries(url: str) -> list[tuple[str, str]]:
    engine = make_engine(url)
    try:
        with make_sessions(engine)() as s:
            return [(o.kind, o.status) for o in s.scalars(select(Outbox))]
    finally:
        engine.dispose()


def test_crash_after_slack_took_the_post_does_not_post_twice(
        tmp_path: Path, fake_slack: FakeSlack, sqlite_url: str) -> None:
    app = AppProcess(fake_slack, sqlite_url, tmp_path, HANDOFF_LEASE_SECONDS="2")
    slack = app.start()
    fake_slack.slow("chat.postMessage", 2.0, when=to_sales)
    slack.qualify("U0CRASH", "Crash Co", HOT)
    assert fake_slack.wait(lambda: [c for c in fake_slack.inflight if to_sales(c[1])])
    app.kill9()  # Slack gets the post; Qualibot never hears back
    assert fake_slack.wait(lambda: cards(fake_slack, "Crash Co"), timeout=5)
    fake_slack.latency.clear()
    app.start()
    assert fake_slack.wait(lambda: deliveries(sqlite_url) == [("slack", "done")], timeout=20)
    assert len(cards(fake_slack, "Crash Co")) == 1
    assert len(fake_slack.find("chat.postMessage", channel=SALES)) == 1
    app.stop()


def test_crash_before_the_post_landed_posts_it_after_restart(
        tmp_path: Path, fake_slack: FakeSlack, sqlite_url: str) -> None:
    app = AppProcess(fake_slack, sqlite_url, tmp_path, HANDOFF_LEASE_SECONDS="2")
    slack = app.start()
    fake_slack.slow("chat.postMessage", 2.0, when=to_sales)
    fake_slack.fail("chat.postMessage", 500, times=1, when=to_sales)  # this one never lands
    slack.qualify("U0LOST", "Lost Post Co", HOT)
    assert fake_slack.wait(lambda: [c for c in fake_slack.inflight if to_sales(c[1])])
    app.kill9()
    fake_slack.latency.clear()
    app.start()
    assert fake_slack.wait(lambda: cards(fake_slack, "Lost Post Co"), timeout=20)
    assert fake_slack.wait(lambda: deliveries(sqlite_url) == [("slack", "done")], timeout=20)
    assert len(cards(fake_slack, "Lost Post Co")) == 1
    app.stop()


def test_two_instances_on_one_postgres_post_each_handoff_once(
        tmp_path: Path, fake_slack: FakeSlack, postgres_url: str) -> None:
    a = AppProcess(fake_slack, postgres_url, tmp_path, secret="shared", WEB_CONCURRENCY="2")
    b = AppProcess(fake_slack, postgres_url, tmp_path, secret="shared", WEB_CONCURRENCY="2")
    sides: list[SlackSide] = [a.start(), b.start()]
    leads = [f"Twin {i} Co" for i in range(8)]
    errors: list[str] = []

    def conversation(i: int) -> None:
        user = f"U0TWIN{i}"
        try:
            assert sides[i % 2].command("/qualify", leads[i], user).status == 200
            for step, label in enumerate([*HOT, "Submit"]):  # each to the other instance
                side = sides[(i + step + 1) % 2]
                q = side.fake.wait(lambda s=side, lb=label: next(
                    (m for m in reversed(s.dm_messages(user)) if lb in m.labels()), None))
                assert q is not None, f"no {label!r} button"
                seen = len(side.dm_messages(user))
                assert side.click(user, q, label).status == 200
                if label != "Submit":
                    side.wait_dm(user, seen + 1)
        except AssertionError as e:
            errors.append(f"{leads[i]}: {e}")

    threads = [threading.Thread(target=conversation, args=(i,)) for i in range(len(leads))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not errors, errors
        assert fake_slack.wait(lambda: all(cards(fake_slack, lead) for lead in leads), 20)
        assert fake_slack.wait(lambda: deliveries(postgres_url).count(("slack", "done")) == 8)
        assert {lead: len(cards(fake_slack, lead)) for lead in leads} == dict.fromkeys(leads, 1)
        assert len(fake_slack.find("chat.postMessage", channel=SALES)) == 8
    finally:
        a.stop()
        b.stop()
