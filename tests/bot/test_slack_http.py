"""Kept-alive connections to the Slack Web API (bot/slack/http.py), against the fake Slack
over real HTTP: calls share connections, errors come back as slack_sdk's callers expect,
a broken connection is repeated only where that is safe, and a forked worker opens its
own."""
from __future__ import annotations

import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.error import URLError

import pytest
from slack_sdk.errors import SlackApiError

from bot.slack.client import web_client
from bot.slack.http import PooledWebClient, Pools
from config.settings import Settings
from tests.fakeslack import TOKEN, FakeSlack
from tests.harness import Harness


def client(fake: FakeSlack, *, interactive: bool = True, **settings: Any) -> PooledWebClient:
    config = Settings(_env_file=None, SLACK_BOT_TOKEN=TOKEN, SLACK_API_URL=fake.api_url,
                      **settings)
    made = web_client(config, interactive=interactive)
    made.pools = Pools()  # this test's own connections, not the process's
    return made


def test_calls_in_a_row_share_one_connection(fake_slack: FakeSlack) -> None:
    c = client(fake_slack)
    for n in range(5):
        c.chat_postMessage(channel="C1", text=f"hello {n}")
    c.auth_test()
    assert fake_slack.count("chat.postMessage") == 5
    assert fake_slack.connections == 1


def test_threads_at_once_get_connections_of_their_own_then_reuse_them(
        fake_slack: FakeSlack) -> None:
    c = client(fake_slack)
    fake_slack.slow("auth.test", 0.2)
    start = threading.Barrier(4)

    def call() -> None:
        start.wait()
        c.auth_test()
        c.auth_test()

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert fake_slack.count("auth.test") == 8
    assert 1 <= fake_slack.connections <= 4  # never a connection per call


def test_an_error_answer_is_a_slack_api_error_as_before(fake_slack: FakeSlack) -> None:
    c = client(fake_slack)
    fake_slack.fail("chat.postMessage", status=200, error="channel_not_found")
    with pytest.raises(SlackApiError) as e:
        c.chat_postMessage(channel="C1", text="hi")
    assert e.value.response["error"] == "channel_not_found"
    assert c.chat_postMessage(channel="C1", text="again")["ok"]  # the connection still serves
    assert fake_slack.connections == 1


def test_429_waits_retry_after_and_5xx_is_retried_on_interactive_clients(
        fake_slack: FakeSlack) -> None:
    c = client(fake_slack)
    fake_slack.fail("chat.postMessage", status=429, retry_after=1)
    began = time.monotonic()
    assert c.chat_postMessage(channel="C1", text="hi")["ok"]
    assert time.monotonic() - began >= 0.9
    fake_slack.fail("chat.update", status=500)
    ts = c.chat_postMessage(channel="C1", text="to edit")["ts"]
    assert c.chat_update(channel="C1", ts=ts, text="edited")["ok"]
    assert fake_slack.count("chat.postMessage") == 3 and fake_slack.count("chat.update") == 2


def test_the_couriers_client_gets_a_429_back_with_its_retry_after(fake_slack: FakeSlack) -> None:
    c = client(fake_slack, interactive=False)
    fake_slack.fail("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as e:
        c.chat_postMessage(channel="C1", text="hi")
    assert e.value.response.status_code == 429
    assert e.value.response.headers.get("retry-after") == "7"
    assert fake_slack.count("chat.postMessage") == 1


def test_a_broken_connection_repeats_a_safe_call_once_on_a_fresh_one(
        fake_slack: FakeSlack) -> None:
    c = client(fake_slack, interactive=False)
    ts = c.chat_postMessage(channel="C1", text="to edit")["ts"]
    fake_slack.fail("chat.update", status=0)  # takes effect; the answer never comes back
    assert c.chat_update(channel="C1", ts=ts, text="edited")["ok"]
    assert fake_slack.count("chat.update") == 2
    assert fake_slack.connections == 2


def test_a_broken_connection_never_repeats_a_post(fake_slack: FakeSlack) -> None:
    c = client(fake_slack, interactive=False)
    fake_slack.fail("chat.postMessage", status=0)
    with pytest.raises(ConnectionResetError):  # an OSError: the courier looks before it posts
        c.chat_postMessage(channel="C1", text="the card")
    assert fake_slack.count("chat.postMessage") == 1
    assert c.auth_test()["ok"]  # and the next call gets a fresh connection


def test_no_slack_to_reach_is_a_url_error(fake_slack: FakeSlack) -> None:
    c = client(fake_slack, interactive=False)
    fake_slack.stop()
    with pytest.raises(URLError):
        c.auth_test()


class _Proxy(BaseHTTPRequestHandler):
    """A forward proxy that answers every request itself and notes what it was asked."""

    protocol_version = "HTTP/1.1"
    seen: list[str] = []

    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append(self.path)
        body = json.dumps({"ok": True, "user_id": "UPROXY", "team_id": "T1"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_https_proxy_from_the_environment_is_honoured(fake_slack: FakeSlack,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    proxy = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    threading.Thread(target=proxy.serve_forever, args=(0.05,), daemon=True).start()
    try:
        monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.server_address[1]}")
        _Proxy.seen = []
        c = client(fake_slack)
        assert c.auth_test()["user_id"] == "UPROXY"
        assert _Proxy.seen == [fake_slack.api_url + "auth.test"]  # the absolute URL: a proxy
        assert fake_slack.count("auth.test") == 0
    finally:
        proxy.shutdown()
        proxy.server_close()


def test_a_forked_worker_opens_its_own_connection(fake_slack: FakeSlack) -> None:
    c = client(fake_slack)
    c.auth_test()
    pid = os.fork()
    if pid == 0:  # the child: its call must not go down the parent's socket
        try:
            ok = c.auth_test()["ok"]
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    c.auth_test()
    assert fake_slack.count("auth.test") == 3
    assert fake_slack.connections == 2


def test_a_whole_conversation_costs_a_few_connections(qualibot: Harness) -> None:
    fake = qualibot.fake
    before = fake.connections
    calls = len(fake.calls)
    qualibot.qualify("U1", "Acme Corp", [
        "Has a clear need for the product", "Decision maker", "Plans to buy within six months",
        "Funding, ready to go", "Plans to buy $50,000 or more"])
    fake.wait(lambda: len(qualibot.sales_posts()) == 1)
    made = len(fake.calls) - calls
    assert made >= 10
    assert fake.connections - before <= 6, (made, fake.connections - before)
