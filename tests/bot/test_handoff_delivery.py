"""The outbox: a qualified lead reaches the sales channel once, whatever Slack does."""
from collections.abc import Iterator

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from bot.core.db import transaction
from bot.core.models import Outbox
from bot.handoff import store as handoff_store
from tests.bot.test_qualify import HOT
from tests.fakeslack import FakeSlack
from tests.harness import SALES, Harness


@pytest.fixture
def fast_retries(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[Harness]:
    with Harness.serve(fake_slack, sqlite_url, HANDOFF_RETRY_SECONDS=0.05) as h:
        yield h


def sales_attempts(h: Harness) -> list:
    return h.fake.find("chat.postMessage", channel=SALES)


def test_three_server_errors_then_exactly_one_post(fast_retries: Harness) -> None:
    h = fast_retries
    h.fake.fail("chat.postMessage", 500, times=3, when=lambda p: p.get("channel") == SALES)
    h.qualify("U0OUT", "Outbox Co", HOT)
    assert h.fake.wait(lambda: [c for c in sales_attempts(h) if c.ok], timeout=15)
    attempts = sales_attempts(h)
    assert [c.status for c in attempts] == [500, 500, 500, 200]
    def delivery() -> Outbox:
        with h.runtime.deps.sessions() as s:
            return s.scalars(select(Outbox).options(selectinload(Outbox.handoff))).one()
    assert h.fake.wait(lambda: delivery().status == "done")
    h.runtime.courier.deliver_due()
    assert len([m for m in h.sales_posts() if "Outbox Co" in m.visible()]) == 1
    row = delivery()
    assert (row.attempts, row.handoff.message_ts) == (4, h.sales_posts()[0].ts)


def test_rate_limit_waits_for_retry_after(qualibot: Harness) -> None:
    h = qualibot
    h.fake.fail("chat.postMessage", 429, times=1, retry_after=1,
                when=lambda p: p.get("channel") == SALES)
    h.qualify("U0RATE", "Rate Co", HOT)
    assert h.fake.wait(lambda: [c for c in sales_attempts(h) if c.ok], timeout=15)
    limited, delivered = sales_attempts(h)
    assert limited.status == 429 and delivered.ok
    assert delivered.at - limited.at >= 1.0  # Retry-After: 1 was honoured


def test_permanent_error_tells_the_sdr_and_retry_command_resends(fast_retries: Harness) -> None:
    h = fast_retries
    h.fake.fail("chat.postMessage", 200, times=1, error="channel_not_found",
                when=lambda p: p.get("channel") == SALES)
    h.qualify("U0PERM", "Lost Channel Co", HOT)
    told = h.fake.wait(lambda: [m for m in h.dm_messages("U0PERM")
                                if "couldn't post it" in m.visible()])
    assert told and "channel_not_found" in told[0].visible()
    assert "qualibot handoffs retry" in told[0].visible()
    assert len(sales_attempts(h)) == 1  # a permanent error is not hammered
    with transaction(h.runtime.deps.sessions) as s:
        assert handoff_store.requeue_failed(s, now=h.runtime.deps.clock()) == [1]
    h.runtime.courier.wake()
    assert h.fake.wait(lambda: [m for m in h.sales_posts() if "Lost Channel Co" in m.visible()])


def test_pending_handoff_left_by_a_stopped_instance_is_delivered_on_start(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    fake_slack.fail("chat.postMessage", 500, times=100, when=lambda p: p.get("channel") == SALES)
    with Harness.serve(fake_slack, sqlite_url, HANDOFF_RETRY_SECONDS=30) as h:
        h.qualify("U0STOP", "Restart Co", HOT)
        assert h.fake.wait(lambda: sales_attempts(h))
    fake_slack.faults.clear()
    with Harness.serve(fake_slack, sqlite_url) as h:
        with transaction(h.runtime.deps.sessions) as s:  # due now rather than in 30 s
            s.execute(update(Outbox).values(next_attempt_at=h.runtime.deps.clock()))
        h.runtime.courier.wake()
        assert h.fake.wait(lambda: [m for m in h.sales_posts() if "Restart Co" in m.visible()])
        assert len([c for c in sales_attempts(h) if c.ok]) == 1


def test_connection_lost_after_slack_took_the_post_is_not_posted_again(
        fast_retries: Harness) -> None:
    h = fast_retries
    h.fake.fail("chat.postMessage", 0, times=1, when=lambda p: p.get("channel") == SALES)
    h.qualify("U0RESET", "Reset Co", HOT)
    h.fake.wait(lambda: [m for m in h.sales_posts() if "Reset Co" in m.visible()])

    def delivery() -> str:
        with h.runtime.deps.sessions() as s:
            return s.scalars(select(Outbox.status)).one()
    assert h.fake.wait(lambda: delivery() == "done", timeout=15)
    assert len(sales_attempts(h)) == 1  # looked in the history instead of posting again
    assert h.fake.find("conversations.history", channel=SALES)
    assert len([m for m in h.sales_posts() if "Reset Co" in m.visible()]) == 1


def test_a_burst_of_submits_is_posted_several_at_once_and_each_once(qualibot: Harness) -> None:
    """While Slack is slow to take one card, the leads qualified meanwhile are not left
    queueing behind it: the courier posts the due ones together, still each once."""
    h = qualibot
    to_sales = lambda p: p.get("channel") == SALES  # noqa: E731
    h.fake.slow("chat.postMessage", 1.0, when=to_sales)
    leads = [f"Burst {n}" for n in range(5)]
    for n, lead in enumerate(leads):
        h.qualify(f"U0BURST{n}", lead, HOT)

    def in_flight() -> int:  # posts Slack has received and not yet answered
        return sum(1 for _, p in h.fake.inflight if to_sales(p)) - len(sales_attempts(h))

    assert h.fake.wait(lambda: in_flight() >= 3, timeout=15)  # the four after the first
    assert h.fake.wait(lambda: len(h.sales_posts()) == 5, timeout=15)
    h.runtime.courier.deliver_due()
    assert sorted(lead for m in h.sales_posts() for lead in leads if lead in m.visible()) == leads


def test_a_handoff_that_cannot_be_read_does_not_hold_back_the_others(
        fake_slack: FakeSlack, sqlite_url: str) -> None:
    from sqlalchemy import text

    with Harness.serve(fake_slack, sqlite_url, background=False) as h:  # no courier yet
        for n, lead in enumerate(["Readable First", "Unreadable Co", "Readable Second"]):
            h.qualify(f"U0UNR{n}", lead, HOT)
        with transaction(h.runtime.deps.sessions) as s:  # its stored line items are damaged
            s.execute(text("UPDATE scores SET items = '[{\"oops\": 1}]' WHERE qualification_id "
                           "= (SELECT q.id FROM qualifications q JOIN leads l ON "
                           "l.id = q.lead_id WHERE l.name = 'Unreadable Co')"))
        assert h.runtime.courier.deliver_due() == 2  # the three taken together
        posted = " ".join(m.visible() for m in h.sales_posts())
        assert "Readable First" in posted and "Readable Second" in posted
        assert "Unreadable Co" not in posted
        with h.runtime.deps.sessions() as s:
            rows = s.scalars(select(Outbox)).all()
            stuck = [r for r in rows if r.status == "pending"]
            assert [(r.last_error, r.lease_token) for r in stuck] == [("unreadable", None)]
