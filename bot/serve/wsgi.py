"""The HTTP face: a small WSGI app in front of Bolt.

``POST /slack/events`` takes slash commands, interactivity and Events API
callbacks, each body read by its shape (``bot.slack.request``), and Bolt verifies each
signature on the raw body (401 when it is bad, stale or missing);
``GET /healthz`` is 200 while the database answers, 503 otherwise; with the OAuth install
(``bot.teams.install``), ``GET /slack/install`` (the "Add to Slack" page) and
``GET /slack/oauth_redirect`` (where Slack sends the installer back) are Bolt's OAuth flow.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from sqlalchemy import Engine

from bot.core.db import is_reachable
from bot.slack.request import SlackRequest

EVENTS_PATH = "/slack/events"
MAX_BODY = 1 << 20  # Slack's payloads are far smaller

StartResponse = Callable[..., Any]


class WebApp:
    """``slack=False`` serves ``/healthz`` only: in Socket Mode requests come over the
    socket, and an HTTP endpoint without signature checks must not exist."""

    def __init__(self, app: App, engine: Engine, *, slack: bool = True):
        self.app, self.engine, self.slack = app, engine, slack

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO") or "/"
        method = environ.get("REQUEST_METHOD", "GET")
        flow = self.app.oauth_flow if self.slack else None
        if flow is not None and path in (flow.install_path, flow.redirect_uri_path):
            if method not in ("GET", "HEAD"):
                return _reply(start_response, 405, {"error": "use GET"}, [("Allow", "GET")])
            request = BoltRequest(body="", query=environ.get("QUERY_STRING", ""),
                                  headers=_headers(environ))
            return _send(start_response, flow.handle_installation(request)
                         if path == flow.install_path else flow.handle_callback(request))
        if path == EVENTS_PATH and self.slack:
            if method != "POST":
                return _reply(start_response, 405, {"error": "use POST"}, [("Allow", "POST")])
            return self._slack(environ, start_response)
        if path == "/healthz":
            if method not in ("GET", "HEAD"):
                return _reply(start_response, 405, {"error": "use GET"}, [("Allow", "GET")])
            ok = is_reachable(self.engine)
            return _reply(start_response, 200 if ok else 503,
                          {"status": "ok" if ok else "database unreachable"})
        return _reply(start_response, 404, {"error": "not found"})

    def _slack(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _reply(start_response, 400, {"error": "bad Content-Length"})
        if length > MAX_BODY:
            return _reply(start_response, 413, {"error": "request too large"})
        raw = environ["wsgi.input"].read(length) if length else b""
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _reply(start_response, 400, {"error": "body is not UTF-8"})
        resp = self.app.dispatch(SlackRequest(raw=body, query=environ.get("QUERY_STRING", ""),
                                              headers=_headers(environ)))
        return _send(start_response, resp)


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            headers[key[5:].replace("_", "-").lower()] = value
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = environ["CONTENT_TYPE"]
    return headers


def _send(start_response: StartResponse, resp: BoltResponse) -> Iterable[bytes]:
    data = resp.body.encode("utf-8") if isinstance(resp.body, str) else bytes(resp.body)
    out = [(k, v) for k, vs in resp.headers.items() for v in vs
           if k.lower() != "content-length"]
    out.append(("Content-Length", str(len(data))))
    start_response(_status(resp.status), out)
    return [data]


_REASONS = {200: "OK", 302: "Found", 400: "Bad Request", 403: "Forbidden", 401: "Unauthorized",
            404: "Not Found",
            405: "Method Not Allowed", 413: "Payload Too Large", 500: "Internal Server Error",
            503: "Service Unavailable"}


def _status(code: int) -> str:
    return f"{code} {_REASONS.get(code, 'Status')}"


def _reply(start_response: StartResponse, code: int, payload: dict[str, Any],
           extra: list[tuple[str, str]] | None = None) -> Iterable[bytes]:
    data = json.dumps(payload).encode()
    start_response(_status(code), [("Content-Type", "application/json"),
                                   ("Content-Length", str(len(data))), *(extra or [])])
    return [data]
