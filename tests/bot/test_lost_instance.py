"""An instance killed mid-run loses nothing: the other carries every conversation on,
and every lead is handed off exactly once (``bench.lost_instance`` has the floor of 40)."""
from pathlib import Path

import pytest

from tests import failover
from tests.fakeslack import FakeSlack
from tests.harness import SALES
from tests.processes import AppProcess

SDRS = 8


@pytest.mark.postgres
def test_kill_9_of_one_instance_mid_run_loses_no_conversation_and_doubles_no_card(
        tmp_path: Path, fake_slack: FakeSlack, postgres_url: str) -> None:
    fast = dict(secret="shared", WEB_CONCURRENCY="2", HANDOFF_LEASE_SECONDS="2",
                HANDOFF_RETRY_SECONDS="0.2")
    a = AppProcess(fake_slack, postgres_url, tmp_path, **fast)
    b = AppProcess(fake_slack, postgres_url, tmp_path, **fast)
    sides = [a.start(), b.start()]
    try:
        # 8 SDRs x 7 requests: the kill lands with about a third of them answered.
        lost = failover.run(sides, fake_slack, a.kill9, sdrs=SDRS, tag="K", think=0.3,
                            kill_after=20, card_wait=20)
        floor = lost.floor
        assert 0 < lost.killed_after < SDRS * 7  # killed while conversations were under way
        assert not floor.errors, floor.errors
        leads = [f"Lost K {i:03d} Co" for i in range(SDRS)]
        assert sorted(floor.completed) == leads
        assert {lead: len(failover.card(fake_slack, lead)) for lead in leads} == \
            dict.fromkeys(leads, 1)
        assert fake_slack.wait(lambda: failover.stored(postgres_url) == (
            SDRS, {("slack", "done"): SDRS}), timeout=20), failover.stored(postgres_url)
        posted = [c for c in fake_slack.find("chat.postMessage", channel=SALES) if c.ok]
        assert len(posted) == SDRS
        assert failover.qualifications(postgres_url) == {"completed": SDRS}
    finally:
        a.kill9()
        b.stop()
