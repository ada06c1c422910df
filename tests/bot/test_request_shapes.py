"""Slack's bodies are read by their shape, whatever the people typed: over HTTP (our WSGI
app in front of Bolt) and over Socket Mode (Bolt's adapter, which never parses a form)."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlencode

import pytest

from bot.slack.request import Unreadable, read_body
from tests.bot.test_qualify import HOT
from tests.fakeslack import TEAM, FakeSlack
from tests.harness import Harness

FORM = "application/x-www-form-urlencoded"
# Slack's own field names, and text that looks like a form of its own.
COLLIDING = ["payload", "Payload Systems", "command", "text", "token", "type", "ssl_check",
             "trigger_id", "payload={}", "a&payload=%7B%7D&command=/x", "ssl_check=1", "{",
             '{"type": "url_verification", "challenge": "x"}']


# -- the reader alone ------------------------------------------------------------------
def test_each_shape_is_read_by_its_fields_not_its_text() -> None:
    command = urlencode({"command": "/define", "text": "payload", "user_id": "U1"})
    assert read_body(command, FORM) == {"command": "/define", "text": "payload", "user_id": "U1"}
    click = urlencode({"payload": json.dumps({"type": "block_actions", "actions": []})})
    assert read_body(click, FORM) == {"type": "block_actions", "actions": []}
    event = json.dumps({"type": "event_callback", "event": {"text": "command=/x&payload=1"}})
    assert read_body(event, "application/json")["event"]["text"] == "command=/x&payload=1"
    assert read_body(event, "application/json; charset=utf-8")["type"] == "event_callback"
    assert read_body(event, None)["type"] == "event_callback"  # no content type: by its look
    assert read_body("ssl_check=1&token=t", FORM) == {"ssl_check": "1", "token": "t"}
    assert read_body("", FORM) == {}
    # A form that starts with "{" is still a form when it says so.
    assert read_body("{=1&command=/define&text=x", FORM)["command"] == "/define"


def test_a_copy_for_a_lazy_listener_is_read_the_same_way() -> None:
    from bot.slack.request import SlackRequest

    raw = urlencode({"command": "/define", "text": "payload", "team_id": TEAM})
    request = SlackRequest(raw=raw, query="a=1", headers={"Content-Type": FORM})
    copy = request.to_copyable()
    assert isinstance(copy, SlackRequest) and copy.mode == "http"
    assert copy.raw_body == request.raw_body == raw  # what the signature covers
    assert copy.body == request.body == {"command": "/define", "text": "payload",
                                         "team_id": TEAM}
    assert copy.context.team_id == TEAM and copy.query == {"a": ["1"]}


@pytest.mark.parametrize("body, content_type, reason", [
    ("payload=not-json", FORM, "the payload field is not JSON"),
    ("payload=%5B1%5D", FORM, "the payload field is JSON but not an object"),
    ("{not json", "application/json", "the JSON body is not JSON"),
    ("[1, 2]", "application/json", "the JSON body is JSON but not an object"),
])
def test_a_body_in_none_of_the_shapes_says_why(body: str, content_type: str,
                                                reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        read_body(body, content_type)


# -- over HTTP -------------------------------------------------------------------------
@pytest.mark.parametrize("text", COLLIDING)
def test_define_reaches_its_listener_whatever_the_text(qualibot: Harness, text: str) -> None:
    r = qualibot.command("/define", text, "U0ASK")
    assert r.status == 200, r
    assert r.json["response_type"] == "ephemeral"
    assert r.json["text"]  # a definition, a "did you mean", or "isn't in the glossary"


def test_define_payload_is_answered(qualibot: Harness) -> None:
    r = qualibot.command("/define", "payload", "U0ASK")
    assert r.status == 200 and "payload" in r.json["text"]


@pytest.mark.parametrize("lead", ["Payload Systems", "payload.io"])
def test_qualify_payload_systems_starts_a_conversation(qualibot: Harness, lead: str) -> None:
    h = qualibot
    r = h.command("/qualify", lead, "U0PAY")
    assert r.status == 200 and lead in r.json["text"]
    first = h.question("U0PAY")
    assert first.labels()[0] == HOT[0]
    summary = h.answer_all("U0PAY", HOT)
    assert "score *25*" in summary.visible()
    assert h.fake.wait(lambda: [m for m in h.sales_posts() if lead in m.visible()])


def test_a_click_and_an_event_are_read_by_their_shape(qualibot: Harness) -> None:
    h = qualibot
    h.command("/qualify", "command=/define&text=payload", "U0SHP")
    q = h.question("U0SHP")
    assert h.click("U0SHP", q, HOT[0]).status == 200  # form with a payload field
    h.question("U0SHP", after=1)
    assert h.say("U0SHP", "payload=1&command=/qualify").status == 200  # JSON
    h.drain()
    assert "payload=1&amp;command=/qualify" in h.wait_dm("U0SHP", 3)[-1].visible()


def test_json_with_a_charset_is_json(qualibot: Harness) -> None:
    r = qualibot.post('{"type":"url_verification","challenge":"c-42","token":"t"}',
                      "application/json; charset=utf-8")
    assert r.status == 200 and "c-42" in r.body


def test_ssl_check_is_answered_and_changes_nothing(qualibot: Harness) -> None:
    r = qualibot.post("ssl_check=1&token=verification", FORM)
    assert r.status == 200 and r.body == ""
    qualibot.drain()
    assert [c.method for c in qualibot.fake.calls if c.method != "auth.test"] == []


@pytest.mark.parametrize("body, content_type", [
    ("payload=not-json", FORM), ("payload=%5B1%5D", FORM), ("{not json", "application/json"),
    ("[1, 2]", "application/json")])
def test_unreadable_bodies_get_400_when_signed_and_401_when_not(
        qualibot: Harness, body: str, content_type: str) -> None:
    signed = qualibot.post(body, content_type)
    assert signed.status == 400 and "error" in signed.json
    assert qualibot.post(body, content_type, signed=False).status == 401
    assert qualibot.post(body, content_type, secret="not-the-secret").status == 401
    qualibot.drain()
    assert [c.method for c in qualibot.fake.calls if c.method != "auth.test"] == []


@pytest.mark.parametrize("how", ["bad signature", "stale timestamp", "no signature",
                                 "body changed after signing"])
def test_signature_is_checked_on_the_raw_body_whatever_its_shape(qualibot: Harness,
                                                                 how: str) -> None:
    h = qualibot
    body = h.command_body("/qualify", "Payload Systems", "U0FORGE")
    kw = {"bad signature": {"secret": "not-the-secret"},
          "stale timestamp": {"timestamp": int(time.time()) - 6 * 60},
          "no signature": {"signed": False}, "body changed after signing": {}}[how]
    if how == "body changed after signing":
        ts = str(int(time.time()))
        sig = hmac.new(h.secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
        r = h.request("POST", "/slack/events", body.replace("Payload", "Paylaod"), {
            "Content-Type": FORM, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": f"v0={sig}"})
    else:
        r = h.post(body, FORM, **kw)
    assert r.status == 401
    h.drain()
    assert [c.method for c in h.fake.calls if c.method != "auth.test"] == []


# -- over Socket Mode ------------------------------------------------------------------
@pytest.fixture
def socket_mode(fake_slack: FakeSlack, sqlite_url: str) -> Iterator[tuple[Harness, object]]:
    """Qualibot's Bolt app behind Bolt's own Socket Mode adapter, on the fake socket."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from tests.wsfake import SocketModeFake

    ws = SocketModeFake()
    fake_slack.socket_mode_url = ws.url
    with Harness.serve(fake_slack, sqlite_url, SLACK_APP_TOKEN="xapp-1-test") as h:
        handler = SocketModeHandler(h.runtime.app, "xapp-1-test")
        handler.connect()
        try:
            assert ws.connected(timeout=10)
            yield h, ws
        finally:
            handler.close()
            ws.close()


def test_socket_mode_hands_bolt_decoded_payloads_so_no_text_collides(socket_mode) -> None:
    h, ws = socket_mode
    for text in COLLIDING:
        envelope = ws.send("slash_commands", {
            "command": "/define", "text": text, "user_id": "U0SOCK", "team_id": TEAM,
            "channel_id": "C0GENERAL", "trigger_id": "1.2.3", "api_app_id": "A0APP",
            "response_url": h.fake.response_url("C0GENERAL", "U0SOCK")})
        ack = ws.ack(envelope, timeout=10)
        assert ack is not None and ack.get("payload", {}).get("response_type") == "ephemeral", \
            (text, ack)
    envelope = ws.send("slash_commands", {
        "command": "/qualify", "text": "Payload Systems", "user_id": "U0SOCK", "team_id": TEAM,
        "channel_id": "C0GENERAL", "trigger_id": "4.5.6", "api_app_id": "A0APP",
        "response_url": h.fake.response_url("C0GENERAL", "U0SOCK")})
    assert "Payload Systems" in json.dumps(ws.ack(envelope, timeout=10))
    q = h.question("U0SOCK")
    click = json.loads(parse_qs(h.click_body("U0SOCK", q, HOT[0]))["payload"][0])
    envelope = ws.send("interactive", click)  # interactivity: the decoded payload itself
    assert ws.ack(envelope, timeout=10) is not None
    assert h.question("U0SOCK", after=1).labels()[0] == "Decision maker"
    event = json.loads(h.event_body({
        "type": "message", "channel": h.dm("U0SOCK"), "channel_type": "im", "user": "U0SOCK",
        "text": "payload=1&command=/define", "ts": "2.000001", "event_ts": "2.000001"}))
    envelope = ws.send("events_api", event)  # an Events API callback, as the socket sends it
    assert ws.ack(envelope, timeout=10) is not None
    assert "payload=1&amp;command=/define" in h.wait_dm("U0SOCK", 3)[-1].visible()
