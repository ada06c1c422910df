"""Keep-alive connections to Slack's Web API, shared by every client of one process.

slack_sdk's ``WebClient`` sends each call with ``urllib.request.urlopen``: a new TCP
(and TLS) connection per call, so every click that reaches a distant Slack pays the
handshakes again. :class:`PooledWebClient` keeps the ``WebClient`` API, its retry
handlers (429 ``Retry-After``, 5xx, connection errors) and its proxy and TLS settings,
and sends the request through a urllib3 connection pool instead. It replaces only
``_perform_urllib_http_request_internal``, the one step of slack_sdk 3.x that opens a
connection; everything around it (building the request, the retry loop, parsing the
answer) is slack_sdk's own. Errors come back as the ``urllib`` errors slack_sdk and the
courier expect: ``HTTPError`` for a 4xx/5xx answer, ``URLError`` when no connection
could be made, ``ConnectionResetError`` when one broke, ``TimeoutError`` when Slack did
not answer in time.

A connection Slack closed while it sat in the pool is noticed by urllib3 before reuse.
If one breaks anyway before an answer, the call is sent again once, on a fresh
connection, only when repeating it cannot do anything twice (:data:`SAFE_TO_REPEAT`);
otherwise the error goes to the caller (the courier looks for a card before posting
it again).
"""
from __future__ import annotations

import io
import os
import ssl
import threading
from collections.abc import Callable
from http.client import HTTPMessage
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.request import Request

import urllib3
from slack_bolt import App, BoltContext, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackRequestError
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import ProtocolError, ReadTimeoutError

# Calls that change nothing, or set a state rather than add to it: sent once more on a
# fresh connection when a kept-alive one broke before the answer.
SAFE_TO_REPEAT = frozenset({
    "auth.test", "conversations.open", "conversations.history", "conversations.info",
    "conversations.replies", "users.info", "users.getPresence", "users.profile.get",
    "chat.update", "chat.getPermalink", "views.publish", "views.update",
    "team.info", "bots.info", "apps.connections.open",
})
POOL_SIZE = 16  # connections kept per host and process: the work pool, courier and listeners


class Pools:
    """One urllib3 pool manager per (proxy, TLS context) and per process: a forked worker
    never shares a socket with its parent."""

    def __init__(self, *, size: int = POOL_SIZE) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._pid = os.getpid()
        self._managers: dict[tuple[str | None, int], urllib3.PoolManager] = {}

    def manager(self, proxy: str | None, context: ssl.SSLContext | None) -> urllib3.PoolManager:
        key = (proxy or None, id(context) if context is not None else 0)
        with self._lock:
            if os.getpid() != self._pid:  # forked: the parent's sockets are not ours
                self._pid, self._managers = os.getpid(), {}
            pm = self._managers.get(key)
            if pm is None:
                options: dict[str, Any] = {"maxsize": self.size, "block": False,
                                           "retries": False}
                if context is not None:
                    options["ssl_context"] = context
                pm = (urllib3.ProxyManager(proxy, **options) if proxy
                      else urllib3.PoolManager(**options))
                self._managers[key] = pm
            return pm

    def clear(self) -> None:
        with self._lock:
            for pm in self._managers.values():
                pm.clear()
            self._managers = {}


POOLS = Pools()  # per process: what makes connections shared by every client


class PooledWebClient(WebClient):
    """A ``WebClient`` whose calls go through kept-alive connections (:class:`Pools`)."""

    def __init__(self, *args: Any, pools: Pools = POOLS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pools = pools

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        if not url.lower().startswith(("http://", "https://")):
            raise SlackRequestError(f"Invalid URL detected: {url}")
        if self.proxy is not None and not isinstance(self.proxy, str):
            raise SlackRequestError(f"Invalid proxy detected: {self.proxy} must be a str value")
        pm = self.pools.manager(self.proxy or None, self.ssl)
        method = url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
        tries = 2 if method in SAFE_TO_REPEAT else 1
        for attempt in range(tries):
            try:
                resp = pm.request(req.get_method(), url, body=req.data,
                                  headers=dict(req.header_items()), timeout=self.timeout,
                                  redirect=False, preload_content=True)
                break
            except ProtocolError as e:  # the connection broke before an answer came
                if attempt + 1 < tries:
                    continue
                raise ConnectionResetError(f"connection to Slack broken: {e}") from e
            except ReadTimeoutError as e:
                raise TimeoutError(f"Slack did not answer in {self.timeout} s") from e
            except Urllib3Error as e:  # no connection could be made (refused, TLS, proxy…)
                raise URLError(str(e)) from e
        headers = _message(resp.headers.items())
        if resp.status >= 400:
            raise HTTPError(url, resp.status, resp.reason or "", headers, io.BytesIO(resp.data))
        if headers.get_content_type() == "application/gzip":  # admin.analytics.getFile
            return {"status": resp.status, "headers": headers, "body": resp.data}
        charset = headers.get_content_charset() or "utf-8"
        return {"status": resp.status, "headers": headers, "body": resp.data.decode(charset)}


def _message(items: Any) -> HTTPMessage:
    """Headers as ``urllib`` gives them (``get_content_charset``, case-blind ``get``)."""
    message = HTTPMessage()
    for k, v in items:
        message[k] = v
    return message


def pool_listener_clients(app: App, client: PooledWebClient) -> None:
    """Bolt gives each request a fresh plain ``WebClient`` (``context.client``, the
    ``client`` listeners are given); this middleware hands them a pooled one instead:
    ``client`` itself for its own token, a pooled copy for another."""
    @app.middleware
    def pooled(context: BoltContext, next: Callable[[], BoltResponse]) -> BoltResponse:
        given = context.get("client")
        if given is not None and not isinstance(given, PooledWebClient):
            context["client"] = client if given.token == client.token else PooledWebClient(
                token=given.token, base_url=client.base_url, timeout=client.timeout,
                ssl=client.ssl, proxy=client.proxy, headers=client.headers,
                team_id=getattr(given, "team_id", None), logger=client.logger,
                retry_handlers=list(client.retry_handlers), pools=client.pools)
        return next()
