"""The CRM webhook: signed JSON, delivered by the outbox with the same guarantees."""
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot.handoff import webhook
from flows.routing import Routing
from tests.bot.test_qualify import COLD, HOT
from tests.fakeslack import FakeSlack
from tests.harness import Harness

SECRET = "s3cret-shared-with-the-crm"


class Receiver:
    """A CRM endpoint: checks every signature, can be told to fail first."""

    def __init__(self, fail_first: int = 0, fail_status: int = 500):
        self.accepted: list[dict] = []
        self.rejected = 0
        self.seen: list[dict] = []
        self.fail_first, self.fail_status = fail_first, fail_status
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {k.lower(): v for k, v in self.headers.items()}
                receiver.seen.append(headers)
                ok = webhook.verify(SECRET, headers.get("x-qualibot-timestamp", "0"), body,
                                    headers.get("x-qualibot-signature", ""))
                if not ok:
                    receiver.rejected += 1
                    status = 401
                elif len(receiver.seen) <= receiver.fail_first:
                    status = receiver.fail_status
                else:
                    receiver.accepted.append(json.loads(body))
                    status = 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/qualibot"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def crm() -> Iterator[Receiver]:
    r = Receiver(fail_first=2)
    yield r
    r.close()


@pytest.fixture
def with_crm(fake_slack: FakeSlack, sqlite_url: str, crm: Receiver) -> Iterator[Harness]:
    with Harness.serve(fake_slack, sqlite_url, CRM_WEBHOOK_URL=crm.url,
                       CRM_WEBHOOK_SECRET=SECRET, HANDOFF_RETRY_SECONDS=0.05) as h:
        yield h


def test_qualified_lead_reaches_the_crm_once_signed(with_crm: Harness, crm: Receiver) -> None:
    h = with_crm
    h.qualify("U0CRM", "Webhook Co", HOT)
    assert h.fake.wait(lambda: crm.accepted, timeout=15)
    h.runtime.courier.deliver_due()
    assert len(crm.accepted) == 1 and crm.rejected == 0
    assert len(crm.seen) == 3  # two 500s, then accepted
    assert len({s["x-qualibot-delivery"] for s in crm.seen}) == 1  # same id on every retry
    event = crm.accepted[0]
    assert event["event"] == "lead.qualified" and event["lead"] == "Webhook Co"
    assert event["sdr_user_id"] == "U0CRM" and event["score"]["total"] == 25
    assert event["score"]["verdict"] == "qualified" and event["flow"]["id"] == "bant"
    assert [a["criterion"] for a in event["answers"]] == ["need", "role", "timing", "budget",
                                                          "size"]
    assert len([m for m in h.sales_posts() if "Webhook Co" in m.visible()]) == 1
    assert event["routing"] is None  # no routing file: SALES_CHANNEL, claim-first


def test_the_crm_hears_where_routing_sent_the_lead(fake_slack: FakeSlack, sqlite_url: str,
                                                   crm: Receiver) -> None:
    routing = Routing.model_validate({"groups": {"ae": {"members": ["U0ANA"]}},
                                      "default": {"channel": "C0DEALS", "assign": "ae"}})
    with Harness.serve(fake_slack, sqlite_url, routing=routing, CRM_WEBHOOK_URL=crm.url,
                       CRM_WEBHOOK_SECRET=SECRET, HANDOFF_RETRY_SECONDS=0.05) as h:
        h.qualify("U0CRM", "Routed Co", HOT)
        assert h.fake.wait(lambda: crm.accepted, timeout=15)
    assert crm.accepted[0]["routing"] == {
        "channel": "C0DEALS", "assigned_to": "U0ANA",
        "why": "the default rule → #C0DEALS: assigned to @U0ANA (round robin, 1 today)"}


def test_unqualified_lead_is_not_sent(with_crm: Harness, crm: Receiver) -> None:
    with_crm.qualify("U0CRM", "Cold Webhook Co", COLD)
    with_crm.runtime.courier.deliver_due()
    assert crm.seen == []


def test_signature_check_refuses_tampering_and_replays() -> None:
    body = b'{"lead":"Acme"}'
    good = webhook.signature(SECRET, "1000", body)
    assert webhook.verify(SECRET, "1000", body, good, now=1000)
    assert not webhook.verify(SECRET, "1000", b'{"lead":"Evil"}', good, now=1000)
    assert not webhook.verify("other-secret", "1000", body, good, now=1000)
    assert not webhook.verify(SECRET, "1000", body, good, now=1000 + 301)  # too old


def test_a_refusing_crm_is_not_hammered(fake_slack: FakeSlack, sqlite_url: str) -> None:
    crm = Receiver(fail_first=100, fail_status=400)
    try:
        with Harness.serve(fake_slack, sqlite_url, CRM_WEBHOOK_URL=crm.url,
                           CRM_WEBHOOK_SECRET=SECRET, HANDOFF_RETRY_SECONDS=0.05) as h:
            h.qualify("U0CRM", "Refused Co", HOT)
            assert h.fake.wait(lambda: crm.seen, timeout=10)
            assert h.fake.wait(lambda: _webhook_status(h) == "failed")  # for `handoffs retry`
            assert len(crm.seen) == 1  # a 400 is permanent: not retried
            assert h.fake.wait(lambda: [m for m in h.sales_posts() if "Refused Co" in
                                        m.visible()])  # the Slack card is unaffected
    finally:
        crm.close()


def _webhook_status(h: Harness) -> str | None:
    from sqlalchemy import select

    from bot.core.models import Outbox
    with h.runtime.deps.sessions() as s:
        return s.scalars(select(Outbox.status).where(Outbox.kind == "webhook")).first()


def test_a_redirect_is_refused_not_followed(fake_slack: FakeSlack, sqlite_url: str) -> None:
    crm = Receiver(fail_first=100, fail_status=302)
    try:
        with Harness.serve(fake_slack, sqlite_url, CRM_WEBHOOK_URL=crm.url,
                           CRM_WEBHOOK_SECRET=SECRET) as h:
            h.qualify("U0CRM", "Moved Co", HOT)
            assert h.fake.wait(lambda: _webhook_status(h) == "failed")
            assert len(crm.seen) == 1  # one POST, no GET to wherever it pointed
    finally:
        crm.close()
