"""Assemble one running Qualibot: Slack clients, the Bolt app, the courier, the jobs."""
from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient
from sqlalchemy import Engine

from bot.core.batches import Batches
from bot.core.db import make_engine, make_read_sessions, make_sessions
from bot.core.deps import Deps
from bot.core.pointer import Pointer
from bot.core.work import WorkPool
from bot.glossary.book import Book, seed
from bot.handoff.courier import Courier
from bot.home import tab
from bot.qualify import conversation
from bot.routing.presence import Presence
from bot.serve import jobs, listeners
from bot.slack.client import Identity, web_client
from bot.slack.http import PooledWebClient, pool_listener_clients
from bot.slack.people import Admins
from bot.slack.request import refuse_unreadable
from config.settings import Settings
from flows.conversation import Reply
from flows.glossary import Glossary
from flows.model import Flow
from flows.routing import Routing

log = logging.getLogger(__name__)


def bolt_app(deps: Deps, client: PooledWebClient, identity: Identity) -> App:
    settings = deps.settings
    token = client.token or ""

    def authorize(**_: object) -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id=identity.team_id, bot_token=token,
                               bot_id=identity.bot_id, bot_user_id=identity.bot_user_id)

    secret = settings.SLACK_SIGNING_SECRET.get_secret_value() if settings.SLACK_SIGNING_SECRET \
        else None
    app = App(
        name="runtime.py",  # what Bolt would find by reading this process's whole stack
        client=client,
        authorize=authorize,
        signing_secret=secret,
        request_verification_enabled=not settings.socket_mode,
        listener_executor=ThreadPoolExecutor(max_workers=settings.ACK_THREADS,
                                             thread_name_prefix="listener"),
        logger=logging.getLogger("slack_bolt.App"),
    )
    app.use(refuse_unreadable)  # HTTP bodies in none of Slack's shapes, once signed
    pool_listener_clients(app, client)
    listeners.register(app, deps)
    return app


@dataclass
class Runtime:
    """Everything one process runs, so that it can be stopped in order."""

    deps: Deps
    engine: Engine
    app: App
    courier: Courier
    scheduler: jobs.Scheduler
    work: WorkPool
    pointers: Batches[Pointer]

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until the work after every ack, and what it left to store, is done."""
        deadline = time.monotonic() + timeout
        while self.work.drain(max(0.0, deadline - time.monotonic())):
            if not self.pointers.drain(max(0.0, deadline - time.monotonic())):
                return False
            if self.work.drain(0):  # storing a pointer may have queued no work: done
                return True
        return False

    def stop(self) -> None:
        self.scheduler.shutdown()
        self.work.shutdown()
        self.pointers.stop()
        self.courier.stop()
        self.engine.dispose()


def _refresh_home(deps: Deps, client: WebClient, user: str, reply: Reply) -> None:
    tab.after_step(deps, client, user=user, reply=reply)


def _publish_home(deps: Deps, client: WebClient, user: str) -> None:
    tab.refresh(deps, client, user=user)


def make_deps(settings: Settings, flows: dict[str, Flow], glossary: Glossary,
              engine: Engine, routing: Routing | None = None) -> Deps:
    """What listeners, jobs and commands are given, with the glossary seeded if empty."""
    reads = make_read_sessions(engine)
    deps = Deps(settings=settings, sessions=make_sessions(engine), reads=reads, flows=flows,
                glossary=glossary, book=Book(reads), routing=routing)
    seed(deps, glossary)
    return deps


def build_runtime(settings: Settings, flows: dict[str, Flow], glossary: Glossary,
                  identity: Identity, *, start_background: bool = True,
                  routing: Routing | None = None) -> Runtime:
    engine = make_engine(settings.DATABASE_URL)
    base = make_deps(settings, flows, glossary, engine, routing)
    work = WorkPool(settings.WORK_THREADS)
    courier = Courier(base, web_client(settings, interactive=False))
    client = web_client(settings)
    pointers: Batches[Pointer] = Batches("question pointers")
    presence = Presence(routing) if routing is not None and routing.groups else None
    full = replace(base, wake_courier=courier.wake, run_later=work.submit,
                   remember=pointers.put, after_step=_refresh_home, roles=Admins(),
                   refresh_home=_publish_home,
                   **({"unavailable": presence.unavailable} if presence else {}))
    courier.deps = full
    # Its client retries nothing itself: a 429 on a tidy must not stall the pointers.
    pointers.write = partial(conversation.store_pointers, full,
                             web_client(settings, interactive=False))
    app = bolt_app(full, client, identity)
    scheduler = jobs.Scheduler(full, client, presence=presence)
    if start_background:
        pointers.start()
        courier.start()
        scheduler.start()
        courier.wake()  # deliver whatever an earlier run left pending
    return Runtime(full, engine, app, courier, scheduler, work, pointers)
