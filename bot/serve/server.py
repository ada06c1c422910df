"""Serving: gunicorn (threaded workers) in HTTP mode, Bolt's Socket Mode otherwise.

The master process validates everything, migrates the database once (in a forked
child of its own, so that Alembic never enters the process the workers are forked
from) and builds the runtime (engine, Bolt app, courier, jobs) without starting it; each
worker, once forked, starts its copy: its own database connections and threads.
"""
from __future__ import annotations

import gc
import logging
import threading
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

from gunicorn.app.base import BaseApplication
from slack_sdk.errors import SlackApiError

from bot.serve.runtime import Runtime, build_runtime
from bot.serve.wsgi import WebApp
from bot.slack.client import Identity, SlackUnavailable
from config.settings import Settings
from flows.glossary import Glossary
from flows.model import Flow
from flows.routing import Routing

log = logging.getLogger(__name__)


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, settings: Settings, runtime: Runtime):
        self.settings, self.runtime = settings, runtime
        self.started = False
        super().__init__()

    def load_config(self) -> None:
        s = self.settings
        options: dict[str, Any] = {
            "bind": f"0.0.0.0:{s.PORT}",
            "workers": s.WEB_CONCURRENCY,
            "worker_class": "gthread",
            "threads": s.WEB_THREADS,
            "backlog": 1024,
            "timeout": 30,
            "graceful_timeout": 10,
            # 0 (WEB_KEEPALIVE's default): "Connection: close" on each response. A kept
            # connection costs the worker a second pass through its main loop and a request
            # thread, to find the client's next request or its close: for a client that
            # sends one request per connection, as many as requests. A router that reuses
            # connections is told not to (and cannot race gunicorn closing an idle one).
            "keepalive": s.WEB_KEEPALIVE,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": s.LOG_LEVEL.lower(),
            "proc_name": "qualibot",
            "worker_exit": self._worker_exit,
        }
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self) -> WebApp:  # runs in each worker, after the fork
        self.runtime.start()
        self.started = True
        settle()
        return WebApp(self.runtime.app, self.runtime.engine)

    def _worker_exit(self, _server: Any, _worker: Any) -> None:
        if self.started:
            self.runtime.stop()


def settle() -> None:
    """Once started: what start-up built (modules, the flows, the glossary, the app) lives
    as long as the process, so the garbage collector stops going through it. A full
    collection then looks at what requests made, not at some 100,000 objects, and does
    not stall every thread of the process for tens of milliseconds.

    Called in gunicorn's master before it forks too: a worker's collections then never
    write to the objects it was forked with, so their pages stay shared with the master
    and the other workers instead of being copied into each worker."""
    gc.collect()
    gc.freeze()


def serve_http(settings: Settings, flows: dict[str, Flow], glossary: Glossary,
               identity: Identity | None, routing: Routing | None = None) -> None:
    log.info("serving Slack over HTTP on port %s (%s workers × %s threads)", settings.PORT,
             settings.WEB_CONCURRENCY, settings.WEB_THREADS)
    # Built once, here, before the fork: the workers share the Bolt app, the listeners and
    # what building them touched, instead of each building (and writing to) its own. Its
    # threads start in each worker (load), which opens its own database connections: the
    # master's, used to seed the glossary, are closed first.
    runtime = build_runtime(settings, flows, glossary, identity, start_background=False,
                            routing=routing)
    runtime.engine.dispose()
    settle()  # before the fork: the workers then share what the master loaded (see settle)
    _Gunicorn(settings, runtime).run()


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug(format, *args)


def serve_socket_mode(settings: Settings, flows: dict[str, Flow], glossary: Glossary,
                      identity: Identity | None, routing: Routing | None = None) -> None:
    """Development: events arrive over a WebSocket; ``/healthz`` still answers on $PORT."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    runtime = build_runtime(settings, flows, glossary, identity, routing=routing)
    health = make_server("0.0.0.0", settings.PORT, WebApp(runtime.app, runtime.engine, slack=False),
                         handler_class=_QuietHandler)
    threading.Thread(target=health.serve_forever, name="healthz", daemon=True).start()
    settle()
    assert settings.SLACK_APP_TOKEN is not None
    log.info("serving Slack over Socket Mode (/healthz on port %s)", settings.PORT)
    try:
        SocketModeHandler(runtime.app, settings.SLACK_APP_TOKEN.get_secret_value()).start()
    except SlackApiError as e:
        data = e.response.data if isinstance(e.response.data, dict) else {}
        raise SlackUnavailable(f"Slack refused the Socket Mode connection "
                               f"({data.get('error') or e.response.status_code}); check "
                               "SLACK_APP_TOKEN (an xapp- token with connections:write)") from None
    finally:
        health.shutdown()
        runtime.stop()
