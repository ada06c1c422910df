"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that the app calls.

It records every call, keeps the messages the bot posted (so that a test reads
a channel the way a person would), serves ``response_url`` posts, checks the
Block Kit limits real Slack enforces, and can be told to fail.
"""
from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

TOKEN = "xoxb-test-token"
TEAM = "T0TEAM"
BOT_USER = "U0BOT"
CLIENT_ID, CLIENT_SECRET = "1111.2222", "client-secret"  # the app's, for oauth.v2.access


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    team: str | None = None  # whose bot token made the call (None: no valid token)

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.response.get("ok"))


@dataclass
class Posted:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    ephemeral_to: str | None = None
    thread_ts: str | None = None
    updates: int = 0
    at: float = field(default_factory=time.monotonic)  # when it was posted
    # What visible() and buttons() found, until text or blocks change: a load test's
    # waiters read every message of their channel on each change.
    _read: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("text", "blocks"):
            self.__dict__.get("_read", {}).clear()
        super().__setattr__(name, value)

    def buttons(self) -> list[dict[str, Any]]:
        """Buttons in actions blocks and section accessories, in order."""
        if "buttons" not in self._read:
            self._read["buttons"] = self._buttons()
        return list(self._read["buttons"])

    def _buttons(self) -> list[dict[str, Any]]:
        found = []
        for b in self.blocks:
            elements = b.get("elements", []) if b.get("type") == "actions" else \
                [b.get("accessory") or {}]
            found += [e for e in elements if e.get("type") == "button"]
        return found

    def labels(self) -> list[str]:
        return [b["text"]["text"] for b in self.buttons()]

    def visible(self) -> str:
        """Everything a person reads in the message, as one string."""
        if "visible" not in self._read:
            self._read["visible"] = self._visible()
        return self._read["visible"]

    def _visible(self) -> str:
        parts = [self.text]
        for b in self.blocks:
            t = b.get("text")
            if isinstance(t, dict):
                parts.append(t.get("text", ""))
            for f in b.get("fields") or []:
                parts.append(f.get("text", ""))
            for e in b.get("elements") or []:
                if e.get("type") in ("mrkdwn", "plain_text"):
                    parts.append(e.get("text", ""))
        return "\n".join(parts)

    def as_payload(self) -> dict[str, Any]:
        return {"type": "message", "ts": self.ts, "text": self.text, "blocks": self.blocks,
                "user": BOT_USER, "bot_id": "B0BOT"}


@dataclass
class Fault:
    method: str
    status: int  # 500, 429, or 200 with ok:false
    times: int
    error: str = "internal_error"
    retry_after: int = 1
    when: Callable[[dict[str, Any]], bool] = lambda p: True
    hits: int = 0


def block_errors(blocks: Any, most: int = 50) -> list[str]:
    """The Block Kit limits that make real Slack answer ``invalid_blocks`` (``most`` blocks:
    50 in a message, 100 in a Home tab or modal)."""
    if not isinstance(blocks, list):
        return ["blocks must be a list"]
    errors = []
    if len(blocks) > most:
        errors.append(f"more than {most} blocks")
    block_ids = set()
    for i, b in enumerate(blocks):
        if b.get("block_id"):
            if b["block_id"] in block_ids:
                errors.append(f"duplicate block_id at {i}")
            block_ids.add(b["block_id"])
        text = b.get("text")
        if b.get("type") == "section" and isinstance(text, dict) and len(text["text"]) > 3000:
            errors.append(f"section text over 3000 at {i}")
        if b.get("type") == "header" and len(text["text"]) > 150:
            errors.append(f"header over 150 at {i}")
        action_ids = set()
        for e in (b.get("elements") or []) + ([b["accessory"]] if b.get("accessory") else []):
            if e.get("type") != "button":
                continue
            if not 0 < len(e["text"]["text"]) <= 75:
                errors.append(f"button label length at {i}")
            if len(e.get("value", "")) > 2000:
                errors.append(f"button value over 2000 at {i}")
            if e.get("action_id") in action_ids:
                errors.append(f"duplicate action_id at {i}")
            action_ids.add(e.get("action_id"))
    return errors


def view_errors(view: Any) -> list[str]:
    """What makes real Slack refuse a modal: its blocks, its metadata, its inputs'
    initial values longer than they allow."""
    if not isinstance(view, dict) or view.get("type") != "modal":
        return ["not a modal"]
    errors = block_errors(view.get("blocks"), most=100)
    if len(view.get("private_metadata") or "") > 3000:
        errors.append("private_metadata over 3000")
    for key in ("title", "submit", "close"):
        if key in view and len(view[key]["text"]) > 24:
            errors.append(f"{key} over 24")
    for i, b in enumerate(view.get("blocks") or []):
        e = b.get("element") or {}
        if e.get("type") == "plain_text_input" and len(e.get("initial_value") or "") > \
                e.get("max_length", 3000):
            errors.append(f"initial_value longer than max_length at {i}")
        for o in e.get("options") or []:
            if not 0 < len(o["text"]["text"]) <= 75:
                errors.append(f"option text length at {i}")
    return errors


class _Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: with more apps' threads calling at once,
    # the kernel drops their connection attempts and each retries only after a second.
    request_queue_size = 128
    connections = 0  # accepted so far: a client that keeps connections alive makes few

    def process_request(self, request: Any, client_address: Any) -> None:
        self.connections += 1
        super().process_request(request, client_address)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._counts: dict[str, int] = {}
        self.messages: list[Posted] = []
        self._by_channel: dict[str, list[Posted]] = {}  # the same messages, per channel
        self.faults: list[Fault] = []
        self._mutex = threading.RLock()
        self._lock = threading.Condition(self._mutex)  # notified on every call
        self._channel_changed: dict[str, threading.Condition] = {}  # …on a channel's changes
        self._ts = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self.socket_mode_url = "ws://127.0.0.1:9/unused"  # what apps.connections.open returns
        self.views: list[dict[str, Any]] = []
        self.homes: dict[str, list[dict[str, Any]]] = {}  # views.publish, per user, oldest first
        self.latency: dict[str, tuple[float, Callable[[dict[str, Any]], bool]]] = {}
        self.inflight: list[tuple[str, dict[str, Any]]] = []  # received, not yet answered
        # A Slack this many seconds away (a round trip): a new connection costs 3 (TCP and
        # TLS set-up), a request half of one on the way in and half on the way back.
        self.rtt = 0.0
        self.admins: set[str] = set()  # users.info says these are workspace admins
        # …and these admins of one workspace only (asked with that team's bot token)
        self.admins_of: dict[str, set[str]] = {}
        self.bots: set[str] = set()  # users.info says these are bots
        self.away: set[str] = set()  # users.getPresence says these are away
        self.deactivated: set[str] = set()  # users.info says these left the workspace
        self.statuses: dict[str, dict[str, Any]] = {}  # users.info: a person's profile status
        # Channels: the bot is a member of ``joined``; ``private`` ones it is not in are
        # invisible to it (conversations.info: channel_not_found) and cannot be joined.
        self.joined: set[str] = set()
        self.private: set[str] = set()
        self.archived: set[str] = set()
        self.usergroups: list[dict[str, Any]] = []  # usergroups.list: {"id", "handle", …}
        # Bot tokens Slack accepts, and the team each is of (OAuth installs add theirs).
        self.tokens: dict[str, str] = {TOKEN: TEAM}
        self.expiry: dict[str, float] = {}  # a rotating token: when it stops working
        self.codes: dict[str, dict[str, Any]] = {}  # oauth.v2.access codes not yet used
        self.refresh: dict[str, str] = {}  # refresh token -> team
        self._minted = itertools.count(1)

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # As Slack's servers do: the answer's headers and body are written apart, and
            # on a kept-alive connection Nagle's algorithm would hold the body back until
            # the client's delayed ACK of the headers, some 40 ms later.
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()
                if fake.rtt:
                    time.sleep(3 * fake.rtt)  # the handshakes, before the first request

            def do_POST(self) -> None:  # noqa: N802
                url = urlparse(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if fake.rtt:
                    time.sleep(fake.rtt / 2)  # on its way to Slack
                if "json" in (self.headers.get("Content-Type") or ""):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[-1] for k, v in parse_qs(raw).items()}
                for k in ("blocks", "attachments"):
                    if isinstance(params.get(k), str):
                        params[k] = json.loads(params[k])
                auth = self.headers.get("Authorization", "")
                if url.path.startswith("/response/"):
                    status, headers, body = fake._response_url(url.path[10:], params)
                else:
                    status, headers, body = fake._api(url.path.removeprefix("/api/"), params,
                                                      auth.removeprefix("Bearer "))
                if status == 0:  # took effect; the answer is lost on the way back
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                data = json.dumps(body).encode()
                if fake.rtt:
                    time.sleep(fake.rtt / 2)  # the answer on its way back
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def connections(self) -> int:
        """TCP connections accepted so far."""
        assert self._server
        return self._server.connections  # type: ignore[attr-defined, no-any-return]

    @property
    def url(self) -> str:
        assert self._server
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(self, channel: str, user: str, message_ts: str | None = None) -> str:
        return f"{self.url}/response/{channel}.{user}.{message_ts or ''}"

    # -- OAuth -------------------------------------------------------------------------
    def grant(self, team: str, user: str, *, enterprise: str | None = None,
              rotating: bool = False, expires_in: int = 43200) -> str:
        """A code Slack would hand the installer's browser for ``oauth.v2.access``."""
        code = f"code-{team}-{next(self._minted)}"
        self.codes[code] = {"team": team, "user": user, "enterprise": enterprise,
                            "rotating": rotating, "expires_in": expires_in}
        return code

    def revoke(self, team: str) -> None:
        """The team uninstalled the app, or revoked its tokens: Slack refuses them now."""
        with self._lock:
            for token in [t for t, of in self.tokens.items() if of == team]:
                del self.tokens[token]

    def token_of(self, team: str) -> str | None:
        return next((t for t, of in self.tokens.items() if of == team), None)

    def _mint(self, team: str, rotating: bool, expires_in: int) -> dict[str, Any]:
        n = next(self._minted)
        token = f"xoxe.xoxb-{team}-{n}" if rotating else f"xoxb-{team}-{n}"
        self.tokens[token] = team
        out: dict[str, Any] = {"access_token": token, "token_type": "bot"}
        if rotating:
            refresh = f"xoxe-1-{team}-{n}"
            self.refresh[refresh] = team
            self.expiry[token] = time.time() + expires_in
            out.update(refresh_token=refresh, expires_in=expires_in)
        return out

    def _oauth(self, p: dict[str, Any], auth: str) -> dict[str, Any]:
        import base64

        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if auth != f"Basic {expected}":
            return {"ok": False, "error": "invalid_client_id"}
        if p.get("grant_type") == "refresh_token":
            team = self.refresh.pop(str(p.get("refresh_token")), None)
            if team is None:
                return {"ok": False, "error": "invalid_refresh_token"}
            return {"ok": True, **self._mint(team, True, 43200), "team": {"id": team}}
        grant = self.codes.pop(str(p.get("code")), None)
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        team, enterprise = grant["team"], grant["enterprise"]
        minted = self._mint(team, grant["rotating"], grant["expires_in"])
        return {"ok": True, **minted, "scope": "commands,chat:write,im:write,users:read",
                "bot_user_id": f"U{team}BOT", "app_id": "A0APP",
                "team": {"id": team, "name": f"Team {team}"},
                "enterprise": {"id": enterprise, "name": "Org"} if enterprise else None,
                "is_enterprise_install": False,
                "authed_user": {"id": grant["user"]}}

    # -- faults ------------------------------------------------------------------------
    def fail(self, method: str, status: int = 500, times: int = 1, *,
             error: str = "fatal_error", retry_after: int = 1,
             when: Callable[[dict[str, Any]], bool] = lambda p: True) -> Fault:
        """Fail matching calls: 500 / 429 (with Retry-After) / 200 with ``ok: false``, or
        0: the call takes effect but the connection drops before the answer."""
        fault = Fault(method, status, times, error, retry_after, when)
        with self._lock:
            self.faults.append(fault)
        return fault

    def slow(self, method: str, seconds: float,
             when: Callable[[dict[str, Any]], bool] = lambda p: True) -> None:
        """Answer matching calls only after ``seconds``; they take effect all the same,
        even if the caller is gone by then (as a post reaching Slack just before a crash)."""
        self.latency[method] = (seconds, when)

    # -- reading -----------------------------------------------------------------------
    def find(self, method: str, **match: Any) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method
                    and all(c.params.get(k) == v for k, v in match.items())]

    def count(self, method: str) -> int:
        """How many calls of ``method`` were made (without copying the list of calls)."""
        return self._counts.get(method, 0)

    def channel(self, channel: str, user: str | None = None) -> list[Posted]:
        """Messages in a channel as ``user`` sees them (ephemeral ones only if theirs)."""
        with self._lock:
            return [m for m in self._by_channel.get(channel, ())
                    if m.ephemeral_to is None or m.ephemeral_to == user]

    def home(self, user: str) -> dict[str, Any] | None:
        """The Home tab ``user`` sees now: the view last published for them."""
        with self._lock:
            views = self.homes.get(user)
            return views[-1] if views else None

    def wait(self, predicate: Callable[[], Any], timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                result = predicate()
                if result or time.monotonic() > deadline:
                    return result
                self._lock.wait(min(0.2, max(0.01, deadline - time.monotonic())))

    def wait_channel(self, channel: str, predicate: Callable[[], Any],
                     timeout: float = 10.0) -> Any:
        """``wait``, woken only when a message in ``channel`` is posted or changed: many
        waiters on their own channels (a load test's SDRs) do not all wake on every call."""
        deadline = time.monotonic() + timeout
        with self._mutex:
            changed = self._channel_changed.setdefault(channel, threading.Condition(self._mutex))
            while True:
                result = predicate()
                if result or time.monotonic() > deadline:
                    return result
                changed.wait(min(0.2, max(0.01, deadline - time.monotonic())))

    def _changed(self, channel: str) -> None:
        changed = self._channel_changed.get(channel)
        if changed is not None:
            changed.notify_all()

    # -- serving -----------------------------------------------------------------------
    def _record(self, method: str, params: dict[str, Any], status: int,
                body: dict[str, Any], team: str | None = None) -> None:
        self.calls.append(Call(method, params, status, body, team=team))
        self._counts[method] = self._counts.get(method, 0) + 1
        self._lock.notify_all()

    def _api(self, method: str, params: dict[str, Any],
             token: str) -> tuple[int, dict[str, str], dict[str, Any]]:
        delay, when = self.latency.get(method, (0.0, lambda p: True))
        if delay and when(params):
            with self._lock:
                self.inflight.append((method, params))
                self._lock.notify_all()
            time.sleep(delay)
        with self._lock:
            for f in self.faults:
                if f.method == method and f.hits < f.times and f.when(params) and f.status == 0:
                    f.hits += 1
                    body = self._answer(method, params) if token in self.tokens else {}
                    self._record(method, params, 0, body)
                    return 0, {}, body
                if f.method == method and f.hits < f.times and f.when(params):
                    f.hits += 1
                    body = {"ok": False, "error": "ratelimited" if f.status == 429 else f.error}
                    self._record(method, params, f.status, body)
                    headers = {"Retry-After": str(f.retry_after)} if f.status == 429 else {}
                    return f.status, headers, body
            if method == "oauth.v2.access":
                body = self._oauth(params, token)
                self._record(method, params, 200, body)
                return 200, {}, body
            app_token = method == "apps.connections.open" and token.startswith("xapp-")
            # A workflow step's own token (the function_executed event's bot_access_token).
            step_token = token.startswith("xwfp-")
            team = self.tokens.get(token)
            if team is not None and self.expiry.get(token, float("inf")) < time.time():
                body = {"ok": False, "error": "token_expired"}
            elif team is None and not app_token and not step_token:
                body = {"ok": False, "error": "invalid_auth"}
            elif method == "auth.test" and team is not None:
                body = {"ok": True, "team_id": team, "user_id":
                        BOT_USER if team == TEAM else f"U{team}BOT", "bot_id": f"B{team}"}
            else:
                body = self._answer(method, params, team)
            self._record(method, params, 200, body, team)
            return 200, {}, body

    def _add(self, message: Posted) -> None:
        self.messages.append(message)
        self._by_channel.setdefault(message.channel, []).append(message)
        self._changed(message.channel)

    def _answer(self, method: str, p: dict[str, Any], team: str | None = None
                ) -> dict[str, Any]:
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_mode_url}
        if method == "auth.test":
            return {"ok": True, "team_id": TEAM, "user_id": BOT_USER, "bot_id": "B0BOT"}
        if method == "conversations.history":
            ms = [m.as_payload() for m in reversed(self._by_channel.get(str(p.get("channel")), []))
                  if m.ephemeral_to is None
                  and float(m.ts) >= float(p.get("oldest") or 0)]
            return {"ok": True, "messages": ms, "has_more": False}
        if method == "views.open":
            view = p.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            errors = view_errors(view) if p.get("trigger_id") else ["no trigger_id"]
            if errors:
                return {"ok": False, "error": "invalid_arguments", "errors": errors}
            view = dict(view, id=f"V{len(self.views) + 1:06d}", hash=f"h{len(self.views)}")
            self.views.append(view)
            return {"ok": True, "view": view}
        if method == "views.publish":
            view = p.get("view")
            view = json.loads(view) if isinstance(view, str) else view
            if not p.get("user_id") or not isinstance(view, dict):
                return {"ok": False, "error": "invalid_arguments"}
            if view.get("type") != "home":
                return {"ok": False, "error": "invalid_arguments", "detail": "not a home view"}
            errors = block_errors(view.get("blocks"), most=100)
            if errors:
                return {"ok": False, "error": "invalid_blocks", "errors": errors}
            published = self.homes.setdefault(str(p["user_id"]), [])
            view = dict(view, id=f"VH{len(published) + 1:05d}", hash=f"hh{len(published)}")
            published.append(view)
            return {"ok": True, "view": view}
        if method == "users.info":
            user = str(p.get("user"))
            if not user.startswith(("U", "W")):
                return {"ok": False, "error": "user_not_found"}
            admin = user in self.admins or user in self.admins_of.get(team or "", ())
            return {"ok": True, "user": {"id": user, "team_id": TEAM, "name": user.lower(),
                                         "is_admin": admin, "is_owner": False,
                                         "is_primary_owner": False,
                                         "is_bot": user in self.bots,
                                         "deleted": user in self.deactivated,
                                         "profile": dict(self.statuses.get(user, {}))}}
        if method == "conversations.info":
            channel = str(p.get("channel") or "")
            if not channel.startswith(("C", "G")) or (
                    channel in self.private and channel not in self.joined):
                return {"ok": False, "error": "channel_not_found"}
            return {"ok": True, "channel": {
                "id": channel, "is_channel": True, "is_private": channel in self.private,
                "is_member": channel in self.joined, "is_archived": channel in self.archived}}
        if method == "conversations.join":
            channel = str(p.get("channel") or "")
            if channel in self.private:
                return {"ok": False, "error": "method_not_supported_for_channel_type"}
            if channel in self.archived:
                return {"ok": False, "error": "is_archived"}
            self.joined.add(channel)
            return {"ok": True, "channel": {"id": channel, "is_member": True}}
        if method == "usergroups.list":
            return {"ok": True, "usergroups": [dict(g) for g in self.usergroups]}
        if method == "users.getPresence":
            return {"ok": True, "presence": "away" if p.get("user") in self.away else "active"}
        if method == "chat.getPermalink":
            channel, ts = str(p.get("channel") or ""), str(p.get("message_ts") or "")
            if not channel or not ts:
                return {"ok": False, "error": "message_not_found"}
            return {"ok": True, "channel": channel,
                    "permalink": f"https://test.slack.com/archives/{channel}/"
                                 f"p{ts.replace('.', '')}"}
        if method in ("functions.completeSuccess", "functions.completeError"):
            if not p.get("function_execution_id"):
                return {"ok": False, "error": "invalid_arguments"}
            return {"ok": True}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(p.get("users"))}}
        if method in ("chat.postMessage", "chat.postEphemeral", "chat.update"):
            if p.get("blocks") is not None and block_errors(p["blocks"]):
                return {"ok": False, "error": "invalid_blocks", "errors": block_errors(p["blocks"])}
            channel = str(p.get("channel"))
            if method == "chat.update":
                m = next((m for m in self._by_channel.get(channel, ()) if m.ts == p.get("ts")),
                         None)
                if m is None:
                    return {"ok": False, "error": "message_not_found"}
                m.text, m.blocks = p.get("text", m.text), p.get("blocks", m.blocks)
                m.updates += 1
                self._changed(channel)
                return {"ok": True, "channel": channel, "ts": m.ts}
            ts = f"{int(time.time())}.{next(self._ts):06d}"
            self._add(Posted(channel, ts, p.get("text", ""), p.get("blocks") or [],
                             p.get("user") if method == "chat.postEphemeral" else None,
                             p.get("thread_ts")))
            return {"ok": True, "channel": channel, "ts": ts}
        return {"ok": True}

    def _response_url(self, key: str,
                      body: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        channel, user, message_ts = key.split(".", 2)
        with self._lock:
            self._record("response_url", dict(body, _channel=channel, _user=user), 200,
                         {"ok": True})
            original = next((m for m in self._by_channel.get(channel, ())
                             if m.ts == message_ts), None)
            if body.get("replace_original") and original is not None:
                original.text, original.blocks = body.get("text", ""), body.get("blocks") or []
                original.updates += 1
                self._changed(channel)
            else:
                public = body.get("response_type") == "in_channel"
                ts = f"{int(time.time())}.{next(self._ts):06d}"
                self._add(Posted(channel, ts, body.get("text", ""), body.get("blocks") or [],
                                 None if public else user))
            return 200, {}, {"ok": True}
