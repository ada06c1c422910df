"""Qualibot served for real over HTTP, and the Slack side that talks to it.

``Harness.serve`` builds the app the way ``qualibot serve`` does (settings,
migrations, ``auth.test`` against the fake, the runtime with its courier) and
serves its WSGI app on a free loopback port. The methods below send requests
signed exactly as Slack signs them, so tests read like a transcript.
"""
from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from bot.core.db import make_engine, upgrade
from bot.serve.runtime import Runtime, build_runtime
from bot.serve.wsgi import WebApp
from bot.slack.client import identify, web_client
from config.loader import load_flows as _load_flows
from config.loader import load_glossary
from config.settings import Settings
from flows.routing import Routing
from tests.fakeslack import CLIENT_ID, CLIENT_SECRET, TEAM, TOKEN, FakeSlack, Posted

# The shipped flows, loaded (and their examples read) once per test process: they are
# frozen, so every app in the run can share them.
load_flows = cache(_load_flows)

SALES = "C0SALES"


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class Response:
    status: int
    body: str
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names

    @property
    def json(self) -> Any:
        return json.loads(self.body) if self.body.strip() else None


class SlackSide:
    """Slack's side of the conversation with a Qualibot listening on ``port``."""

    team = TEAM  # the workspace the requests come from

    def __init__(self, fake: FakeSlack, port: int, secret: str):
        self.fake, self.port, self.secret = fake, port, secret

    def as_team(self, team: str) -> SlackSide:
        """The same app, with requests from another workspace."""
        other = SlackSide(self.fake, self.port, self.secret)
        other.team = team
        other.drain = self.drain  # type: ignore[method-assign]
        return other

    def drain(self) -> None:
        """Wait until the app finished the work after its acks (in-process apps only)."""

    # -- transport ---------------------------------------------------------------------
    def post(self, body: str, content_type: str, *, timestamp: int | None = None,
             secret: str | None = None, headers: dict[str, str] | None = None,
             signed: bool = True, path: str = "/slack/events") -> Response:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        h = {"Content-Type": content_type, **(headers or {})}
        if signed:
            base = f"v0:{ts}:{body}".encode()
            sig = hmac.new((secret or self.secret).encode(), base, hashlib.sha256).hexdigest()
            h.update({"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={sig}"})
        return self.request("POST", path, body, h)

    def request(self, method: str, path: str, body: str = "",
                headers: dict[str, str] | None = None) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body.encode(), headers=headers or {})
            r = conn.getresponse()
            return Response(r.status, r.read().decode(),
                            {k.lower(): v for k, v in r.getheaders()})
        finally:
            conn.close()

    # -- what Slack sends --------------------------------------------------------------
    def command_body(self, command: str, text: str, user: str, channel: str = "C0GENERAL") -> str:
        return urlencode({
            "token": "verification", "team_id": self.team, "team_domain": "test",
            "channel_id": channel, "channel_name": "general", "user_id": user,
            "user_name": user.lower(), "command": command, "text": text,
            "api_app_id": "A0APP", "response_url": self.fake.response_url(channel, user),
            "trigger_id": f"{secrets.randbelow(10**10)}.{secrets.token_hex(8)}",
        })

    def command(self, command: str, text: str, user: str, **kw: Any) -> Response:
        return self.post(self.command_body(command, text, user),
                         "application/x-www-form-urlencoded", **kw)

    def click_body(self, user: str, message: Posted, label: str) -> str:
        button = next(b for b in message.buttons() if b["text"]["text"] == label)
        block = next(b for b in message.blocks
                     if button in b.get("elements", []) or button == b.get("accessory"))
        return self._actions_body(user, block, button, {
            "container": {"type": "message", "message_ts": message.ts,
                          "channel_id": message.channel, "is_ephemeral": False},
            "channel": {"id": message.channel}, "message": message.as_payload(),
            "response_url": self.fake.response_url(message.channel, user, message.ts)})

    def _actions_body(self, user: str, block: dict[str, Any], button: dict[str, Any],
                      where: dict[str, Any]) -> str:
        """A ``block_actions`` payload for a click on ``button``; ``where`` says what holds it."""
        action = {"type": "button", "action_id": button["action_id"], "value": button["value"],
                  "block_id": block.get("block_id", "b"), "text": button["text"],
                  "action_ts": f"{time.time():.6f}"}
        payload = {
            "type": "block_actions", "user": {"id": user, "team_id": self.team},
            "api_app_id": "A0APP",
            "team": {"id": self.team}, "token": "verification", "trigger_id": "1.2.3",
            **where, "actions": [action],
        }
        return urlencode({"payload": json.dumps(payload)})

    def click(self, user: str, message: Posted, label: str, **kw: Any) -> Response:
        return self.post(self.click_body(user, message, label),
                         "application/x-www-form-urlencoded", **kw)

    def event_body(self, event: dict[str, Any], event_id: str | None = None) -> str:
        return json.dumps({
            "token": "verification", "team_id": self.team, "api_app_id": "A0APP", "event": event,
            "type": "event_callback", "event_id": event_id or "Ev" + secrets.token_hex(5),
            "event_time": int(time.time()),
            "authorizations": [{"team_id": self.team, "user_id": "U0BOT", "is_bot": True}],
        })

    def say(self, user: str, text: str, **kw: Any) -> Response:
        """The SDR types ``text`` in their DM with the bot."""
        ts = f"{time.time():.6f}"
        event = {"type": "message", "channel": self.dm(user), "channel_type": "im",
                 "user": user, "text": text, "ts": ts, "event_ts": ts,
                 "client_msg_id": str(uuid.uuid4())}
        return self.post(self.event_body(event), "application/json", **kw)

    def open_home(self, user: str, tab: str = "home", **kw: Any) -> Response:
        """The person opens the app's Home tab (or, with ``tab="messages"``, its DM)."""
        ts = f"{time.time():.6f}"
        event = {"type": "app_home_opened", "user": user, "channel": self.dm(user),
                 "tab": tab, "event_ts": ts}
        return self.post(self.event_body(event), "application/json", **kw)

    def click_view_body(self, user: str, view: dict[str, Any], label: str,
                        block_id: str | None = None) -> str:
        """A click on a button of a published view (the Home tab): no message, no
        response_url, the container is the view."""
        block, button = next(
            (b, e) for b in view["blocks"] if block_id in (None, b.get("block_id"))
            for e in (b.get("elements", []) if b.get("type") == "actions"
                      else [b.get("accessory") or {}])
            if e.get("type") == "button" and e["text"]["text"] == label)
        return self._actions_body(user, block, button, {
            "container": {"type": "view", "view_id": view["id"]}, "view": view})

    def click_view(self, user: str, view: dict[str, Any], label: str,
                   block_id: str | None = None, **kw: Any) -> Response:
        return self.post(self.click_view_body(user, view, label, block_id),
                         "application/x-www-form-urlencoded", **kw)

    def interaction(self, payload: dict[str, Any], **kw: Any) -> Response:
        """An interactivity payload (a shortcut, a form submitted), signed and sent."""
        base = {"team": {"id": self.team}, "api_app_id": "A0APP", "token": "verification"}
        return self.post(urlencode({"payload": json.dumps({**base, **payload})}),
                         "application/x-www-form-urlencoded", **kw)

    def message_shortcut(self, user: str, message: dict[str, Any], channel: str = "C0INBOUND",
                         callback_id: str = "qualify_message", **kw: Any) -> Response:
        """``user`` picks a message shortcut on ``message`` (``text``, ``ts``, …)."""
        message = {"type": "message", "ts": f"{time.time():.6f}", "user": "U0COLLEAGUE",
                   **message}
        return self.interaction({
            "type": "message_action", "callback_id": callback_id,
            "trigger_id": f"{secrets.randbelow(10**10)}.{secrets.token_hex(8)}",
            "user": {"id": user, "team_id": self.team}, "channel": {"id": channel},
            "message_ts": message["ts"], "message": message,
            "response_url": self.fake.response_url(channel, user),
            "action_ts": f"{time.time():.6f}"}, **kw)

    def shortcut(self, user: str, callback_id: str = "qualify_shortcut", **kw: Any) -> Response:
        """``user`` picks a global shortcut from the ⚡ menu."""
        return self.interaction({
            "type": "shortcut", "callback_id": callback_id,
            "trigger_id": f"{secrets.randbelow(10**10)}.{secrets.token_hex(8)}",
            "user": {"id": user, "team_id": self.team}, "action_ts": f"{time.time():.6f}"}, **kw)

    def submit(self, user: str, view: dict[str, Any], values: dict[str, dict[str, Any]],
               **kw: Any) -> Response:
        """``user`` submits the modal ``view`` (as views.open returned it) with ``values``:
        {block_id: {action_id: element state}}, as Slack sends them."""
        return self.interaction({
            "type": "view_submission", "user": {"id": user, "team_id": self.team},
            "trigger_id": "1.2.3", "view": dict(view, state={"values": values})}, **kw)

    @staticmethod
    def form_values(view: dict[str, Any], **changed: Any) -> dict[str, dict[str, Any]]:
        """The state Slack sends when ``view`` is submitted: each input as the form opened
        it, but those named in ``changed`` (by block id) set to a channel or option value,
        a list of them or of users, or the text typed (None: left empty)."""
        values: dict[str, dict[str, Any]] = {}
        for b in view["blocks"]:
            if b.get("type") != "input":
                continue
            e, block = b["element"], b["block_id"]
            kind, given = e["type"], changed.get(block, ...)
            options = {o["value"]: o for o in e.get("options") or []}
            if kind == "conversations_select":
                state = {"selected_conversation": e.get("initial_conversation")
                         if given is ... else given}
            elif kind == "multi_static_select":
                state = {"selected_options": e.get("initial_options") or [] if given is ...
                         else [options[v] for v in given]}
            elif kind == "static_select":
                state = {"selected_option": e.get("initial_option") if given is ...
                         else options[given]}
            elif kind == "multi_users_select":
                state = {"selected_users": e.get("initial_users") or [] if given is ...
                         else list(given)}
            else:  # plain_text_input, number_input
                state = {"value": e.get("initial_value") if given is ... else given}
            values[block] = {e["action_id"]: {"type": kind, **state}}
        return values

    def function_executed(self, inputs: dict[str, Any], execution_id: str = "Fx0001",
                          callback_id: str = "qualify_lead", **kw: Any) -> Response:
        """A workflow runs the step ``callback_id`` with ``inputs``."""
        event = {"type": "function_executed", "function_execution_id": execution_id,
                 "workflow_execution_id": "Wx0001", "inputs": inputs,
                 "function": {"id": "Fn0001", "callback_id": callback_id,
                              "title": "Qualify a lead", "type": "app",
                              "app_id": "A0APP"},
                 "event_ts": f"{time.time():.6f}", "bot_access_token": "xwfp-step-token"}
        return self.post(self.event_body(event), "application/json", **kw)

    def opened_view(self, count: int, timeout: float = 10.0) -> dict[str, Any]:
        """The ``count``-th modal opened (1-based), once it is."""
        views = self.fake.wait(lambda: len(self.fake.views) >= count and self.fake.views,
                               timeout)
        assert views, f"no modal {count} was opened: {self.fake.find('views.open')}"
        return views[count - 1]  # type: ignore[no-any-return]

    # -- what the people see -----------------------------------------------------------
    @staticmethod
    def dm(user: str) -> str:
        return "D" + user

    def dm_messages(self, user: str) -> list[Posted]:
        return self.fake.channel(self.dm(user), user)

    def question(self, user: str, after: int = 0, timeout: float = 10.0) -> Posted:
        """The newest message in the SDR's DM that has answer buttons, once it arrives."""
        def newest() -> Posted | None:
            ms = [m for m in self.dm_messages(user)[after:] if m.buttons()]
            return ms[-1] if ms else None
        q = self.fake.wait(newest, timeout)
        assert q is not None, f"no question in {self.dm(user)}: {self.dm_messages(user)}"
        return q

    def wait_dm(self, user: str, count: int, timeout: float = 10.0) -> list[Posted]:
        """Wait until the SDR's DM holds at least ``count`` messages."""
        ok = self.fake.wait(lambda: len(self.dm_messages(user)) >= count, timeout)
        assert ok, f"{self.dm(user)} has {len(self.dm_messages(user))} messages, wanted {count}"
        return self.dm_messages(user)

    def sales_posts(self) -> list[Posted]:
        return self.fake.channel(SALES)

    def answer_all(self, user: str, labels: list[str], *, typed: bool = False,
                   submit: bool = True, after: int = 0) -> Posted:
        """Answer the open questions in order, then submit the review (unless told not
        to); return the final summary (or the review message). Questions are looked for
        among the DM's messages from ``after`` on: an earlier conversation's answered
        questions may keep their buttons a moment longer."""
        seen = after
        for label in labels:
            q = self.question(user, after=seen)
            seen = len(self.dm_messages(user))
            r = self.say(user, label) if typed else self.click(user, q, label)
            assert r.status == 200, r
            self.wait_dm(user, seen + 1)
        review = self.fake.wait(lambda: next((m for m in reversed(self.dm_messages(user)[seen:])
                                              if "Submit" in m.labels()), None))
        assert review is not None, f"no review: {[m.visible() for m in self.dm_messages(user)]}"
        if not submit:
            return review
        seen = len(self.dm_messages(user))
        r = self.say(user, "submit") if typed else self.click(user, review, "Submit")
        assert r.status == 200, r

        def final() -> Posted | None:  # the review turned into the result, or a new message
            if not review.buttons():
                return review
            newer = [m for m in self.dm_messages(user)[seen:] if "score *" in m.visible()]
            return newer[-1] if newer else None
        result = self.fake.wait(final)
        assert result is not None, "the review was never submitted"
        return result

    def qualify(self, user: str, lead: str, labels: list[str], *, typed: bool = False) -> Posted:
        before = len(self.dm_messages(user))
        r = self.command("/qualify", lead, user)
        assert r.status == 200, r
        self.question(user, after=before)
        return self.answer_all(user, labels, typed=typed, after=before)


class Harness(SlackSide):
    """Qualibot built in this process and served over HTTP, with the Slack side."""

    def __init__(self, fake: FakeSlack, runtime: Runtime, port: int, secret: str):
        super().__init__(fake, port, secret)
        self.runtime = runtime

    def drain(self) -> None:
        """Wait until every piece of work after an ack has finished."""
        assert self.runtime.drain(10), "background work did not finish within 10 s"

    @classmethod
    @contextmanager
    def serve(cls, fake: FakeSlack, database_url: str, *, background: bool = True,
              routing: Routing | None = None, oauth: bool = False,
              **settings: Any) -> Iterator[Harness]:
        """Served until the block ends; ``background=False``: no courier, scheduler or
        pointer thread running (the test drives them)."""
        secret = secrets.token_hex(16)
        if oauth:  # many workspaces: installed with "Add to Slack", no SLACK_BOT_TOKEN
            settings = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET,
                        "SLACK_STATE_SECRET": "state-" + secrets.token_hex(8), **settings}
        else:
            settings = {"SLACK_BOT_TOKEN": TOKEN, **settings}
        config = Settings(_env_file=None, SLACK_SIGNING_SECRET=secret,
                          SLACK_API_URL=fake.api_url, DATABASE_URL=database_url,
                          **{"SALES_CHANNEL": SALES, **settings})
        engine = make_engine(database_url)
        upgrade(engine)
        engine.dispose()
        runtime = build_runtime(config, load_flows(), load_glossary(),
                                None if oauth else identify(web_client(config)),
                                start_background=background, routing=routing)
        server = make_server("127.0.0.1", 0, WebApp(runtime.app, runtime.engine),
                             server_class=_ThreadingServer, handler_class=_Quiet)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        try:
            yield cls(fake, runtime, server.server_address[1], secret)
        finally:
            server.shutdown()
            server.server_close()
            runtime.stop()

