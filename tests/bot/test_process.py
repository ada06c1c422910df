"""The Procfile's web process, started as an operator would."""
import http.client
import json
import os
import re
import signal
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.fakeslack import TOKEN, FakeSlack
from tests.processes import environment, free_port, healthz, start


def test_missing_setting_stops_start_up_with_one_line(tmp_path: Path) -> None:
    env = environment(SLACK_SIGNING_SECRET="s", SALES_CHANNEL="C0SALES", PORT=str(free_port()))
    proc = start(env, tmp_path)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert out.strip().splitlines() == [
        "qualibot: SLACK_BOT_TOKEN is not set: set it to the Bot User OAuth Token (xoxb-…) "
        "under OAuth & Permissions in your app's settings at api.slack.com/apps"]


def test_broken_flow_file_stops_start_up_with_file_and_line(tmp_path: Path) -> None:
    flows = tmp_path / "flows"
    flows.mkdir()
    (flows / "bant.yaml").write_text("id: bant\nname: B\nthreshold: 1\nquestions:\n  - id: q\n")
    env = environment(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", SALES_CHANNEL="C0S",
                      QUALIBOT_FLOWS_DIR=str(flows), PORT=str(free_port()))
    proc = start(env, tmp_path)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert re.search(r"bant\.yaml:5: questions\[0\]\.criterion: Field required", out), out


def test_unreachable_database_never_reports_ready(tmp_path: Path, fake_slack: FakeSlack) -> None:
    port = free_port()
    env = environment(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET="s", SALES_CHANNEL="C0SALES",
                      SLACK_API_URL=fake_slack.api_url, PORT=str(port),
                      DATABASE_URL="sqlite:////proc/no-such-dir/q.db")
    proc = start(env, tmp_path)
    seen = set()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and proc.poll() is None:
        seen.add(healthz(port))
        time.sleep(0.2)
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    out = proc.communicate(timeout=10)[0]
    assert 200 not in seen
    assert proc.returncode == 1 and "cannot prepare the database" in out


def test_serves_healthz_and_slack_then_stops_on_sigterm(tmp_path: Path,
                                                         fake_slack: FakeSlack) -> None:
    port = free_port()
    env = environment(SLACK_BOT_TOKEN=TOKEN, SLACK_SIGNING_SECRET="s", SALES_CHANNEL="C0SALES",
                      SLACK_API_URL=fake_slack.api_url, PORT=str(port),
                      DATABASE_URL=f"sqlite:///{tmp_path}/q.db", WEB_CONCURRENCY="1")
    proc = start(env, tmp_path)
    try:
        deadline = time.monotonic() + 30
        while healthz(port) != 200:
            assert proc.poll() is None, proc.communicate()[0]
            assert time.monotonic() < deadline, "never became healthy"
            time.sleep(0.1)
        assert fake_slack.find("auth.test")  # start-up identity check went to SLACK_API_URL
        req = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=b"x=1",
                                     method="POST")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=5)
        e.value.close()
        assert e.value.code == 401
        # Each response closes its connection (WEB_KEEPALIVE 0): a worker does not spend a
        # second pass per request on a connection its client will not use again.
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/healthz")
        answer = conn.getresponse()
        assert answer.status == 200 and answer.getheader("Connection") == "close"
        answer.read()
        conn.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out = proc.communicate(timeout=20)[0]
    assert proc.returncode == 0, out
    assert TOKEN not in out and "xoxb" not in out


def test_socket_mode_serves_slack_over_the_websocket(tmp_path: Path,
                                                     fake_slack: FakeSlack) -> None:
    from tests.wsfake import SocketModeFake

    ws = SocketModeFake()
    fake_slack.socket_mode_url = ws.url
    port = free_port()
    env = environment(SLACK_BOT_TOKEN=TOKEN, SLACK_APP_TOKEN="xapp-1-test", SALES_CHANNEL="C0S",
                      SLACK_API_URL=fake_slack.api_url, PORT=str(port),
                      DATABASE_URL=f"sqlite:///{tmp_path}/q.db")
    proc = start(env, tmp_path)
    try:
        assert ws.connected(timeout=30), "Qualibot never opened the Socket Mode connection"
        opened = fake_slack.find("apps.connections.open")
        assert opened and opened[0].ok  # asked SLACK_API_URL for the socket, with the app token
        deadline = time.monotonic() + 10
        while healthz(port) != 200:  # /healthz still answers on $PORT
            assert time.monotonic() < deadline
            time.sleep(0.1)
        envelope = ws.send("slash_commands", {
            "command": "/define", "text": "prospect", "user_id": "U0SOCK", "team_id": "T0TEAM",
            "channel_id": "C0GENERAL",
            "response_url": fake_slack.response_url("C0GENERAL", "U0SOCK"),
            "trigger_id": "1.2.3", "api_app_id": "A0APP"})
        ack = ws.ack(envelope, timeout=10)
        assert ack is not None and "*prospect*" in json.dumps(ack)
        req = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=b"x=1",
                                     method="POST")  # no unsigned HTTP door in Socket Mode
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=5)
        e.value.close()
        assert e.value.code == 404
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        out = proc.communicate(timeout=20)[0]
        ws.close()
    assert "xapp-1-test" not in out and TOKEN not in out


def test_refused_app_token_stops_with_a_reason(tmp_path: Path, fake_slack: FakeSlack) -> None:
    fake_slack.fail("apps.connections.open", 200, times=100, error="invalid_auth")
    env = environment(SLACK_BOT_TOKEN=TOKEN, SLACK_APP_TOKEN="xapp-1-revoked", SALES_CHANNEL="C0S",
                      SLACK_API_URL=fake_slack.api_url, PORT=str(free_port()),
                      DATABASE_URL=f"sqlite:///{tmp_path}/q.db")
    proc = start(env, tmp_path)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert "qualibot: Slack refused the Socket Mode connection (invalid_auth)" in out
    assert "Traceback" not in out
