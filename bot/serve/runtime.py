"""Assemble one running Qualibot: Slack clients, the Bolt app, the courier, the jobs."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from slack_bolt import App
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Engine

from bot.core.batches import Batches
from bot.core.db import make_engine, make_read_sessions, make_sessions, transaction
from bot.core.deps import Deps
from bot.core.pointer import Pointer
from bot.core.work import WorkPool
from bot.glossary.book import Book
from bot.glossary.seeding import seed
from bot.handoff.courier import Courier
from bot.home import tab
from bot.qualify.pointers import store_pointers
from bot.routing.presence import Presence
from bot.serve import jobs, listeners
from bot.settings.effective import Teams
from bot.slack.client import Identity, web_client
from bot.slack.http import PooledWebClient, pool_listener_clients
from bot.slack.people import Admins
from bot.slack.quick import run_quick_listeners_inline
from bot.slack.request import refuse_unreadable
from bot.slack.workspaces import Workspaces
from bot.teams import install
from bot.teams import listeners as teams
from bot.teams import store as teams_store
from config.loader import DEFAULT_FLOW
from config.settings import Settings
from flows.conversation import Reply
from flows.glossary import Glossary
from flows.model import Flow
from flows.routing import Routing

log = logging.getLogger(__name__)
# Seconds a question's pointer waits before it is stored: a click on the question within
# that time makes it pointless (the click's step takes it back), and on a busy floor the
# next click comes well within it. Under REPOST_AFTER (``speaking``): a stale click does
# not take a question whose pointer waits for one never posted.
POINTER_DELAY = 1.0


def bolt_app(deps: Deps, client: PooledWebClient, identity: Identity | None,
             oauth: OAuthSettings | None = None, workspaces: Workspaces | None = None,
             has_room: Callable[[], bool] | None = None) -> App:
    """The Bolt app: for the one workspace of ``identity`` (its token is ``client``'s), or,
    given ``oauth``, for every team installed with it (each request authorized from the
    installation store, its token rotated when it is about to expire). ``has_room``: the
    work pool's; with it, quick listeners run on the request's thread while it has room
    (``bot.slack.quick``)."""
    settings = deps.settings
    secret = settings.SLACK_SIGNING_SECRET.get_secret_value() if settings.SLACK_SIGNING_SECRET \
        else None
    common: dict[str, Any] = dict(
        name="runtime.py",  # what Bolt would find by reading this process's whole stack
        client=client, signing_secret=secret,
        request_verification_enabled=not settings.socket_mode,
        listener_executor=ThreadPoolExecutor(max_workers=settings.ACK_THREADS,
                                             thread_name_prefix="listener"),
        logger=logging.getLogger("slack_bolt.App"))
    if oauth is not None:
        assert workspaces is not None, "OAuth needs the teams' bots (Workspaces)"
        app = App(oauth_settings=oauth, installation_store=oauth.installation_store,
                  authorize=install.TeamAuthorize(workspaces), **common)
    else:
        assert identity is not None, "a single workspace needs its identity (auth.test)"
        token, me = client.token or "", identity

        def authorize(**_: object) -> AuthorizeResult:
            return AuthorizeResult(enterprise_id=None, team_id=me.team_id, bot_token=token,
                                   bot_id=me.bot_id, bot_user_id=me.bot_user_id)
        # Explicit: Bolt would switch itself to OAuth if it found SLACK_CLIENT_ID and
        # SLACK_CLIENT_SECRET in the environment (Settings.oauth decides, not Bolt).
        app = App(authorize=authorize, oauth_settings=None, **common)
    if has_room is not None:
        run_quick_listeners_inline(app, has_room)
    app.use(refuse_unreadable)  # HTTP bodies in none of Slack's shapes, once signed
    pool_listener_clients(app, client)
    teams.register(app, deps, app.installation_store if oauth is not None else None)
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

    def start(self) -> None:
        """Its threads: the pointers' writer, the courier, the jobs."""
        self.pointers.start()
        self.courier.start()
        self.scheduler.start()
        self.courier.wake()  # deliver whatever an earlier run left pending

    def stop(self) -> None:
        self.scheduler.shutdown()
        self.work.shutdown()
        self.pointers.stop()
        self.courier.stop()
        self.engine.dispose()


def remember(pointers: Batches[Pointer], pointer: Pointer) -> None:
    """A pointer waits POINTER_DELAY before it is stored, but one with a score preview
    (which only the pointer's own write stores, for Submit to mark superseded) does not."""
    pointers.put(pointer, wait=pointer.preview_ts is None)


def _refresh_home(deps: Deps, client: WebClient, user: str, team_id: str,
                  reply: Reply) -> None:
    tab.after_step(deps, client, user=user, team_id=team_id, reply=reply)


def _publish_home(deps: Deps, client: WebClient, user: str, team_id: str | None) -> None:
    tab.refresh(deps, client, user=user, team_id=team_id)


def installer_of(deps: Deps) -> Callable[[str], str | None]:
    """Who installed Qualibot in a team (an admin of it), read from the teams table."""
    def of(team_id: str) -> str | None:
        with deps.readers() as s:
            return teams_store.installer(s, team_id=team_id)
    return of


def make_deps(settings: Settings, flows: dict[str, Flow], glossary: Glossary,
              engine: Engine, routing: Routing | None = None,
              team: str | None = None) -> Deps:
    """What listeners, jobs and commands are given, with each team's glossary seeded if
    empty (and given the shipped terms it never had). ``team``: the single workspace's,
    which also takes the rows that belong to no team yet (see migration 0006)."""
    reads = make_read_sessions(engine)
    deps = Deps(settings=settings, sessions=make_sessions(engine), reads=reads, flows=flows,
                glossary=glossary, book=Book(reads), routing=routing,
                teams=Teams(settings, reads, list(flows), DEFAULT_FLOW))
    if team is not None:
        with transaction(deps.sessions) as s:
            if teams_store.adopt(s, team_id=team):
                log.info("rows of no team given to the single workspace %s", team)
            teams_store.seen(s, team_id=team, now=deps.clock())
    with deps.readers() as s:
        known = teams_store.known(s)
    for each in known:
        seed(deps, glossary, team=each)
    return deps


def build_runtime(settings: Settings, flows: dict[str, Flow], glossary: Glossary,
                  identity: Identity | None, *, start_background: bool = True,
                  routing: Routing | None = None) -> Runtime:
    """One running Qualibot: single-workspace for ``identity`` (SLACK_BOT_TOKEN's), or,
    with OAuth (``settings.oauth``, ``identity`` None), for every team installed."""
    engine = make_engine(settings.DATABASE_URL)
    single = None if settings.oauth or identity is None else identity.team_id
    base = replace(make_deps(settings, flows, glossary, engine, routing, team=single),
                   team=single)
    work = WorkPool(settings.WORK_THREADS)
    if settings.oauth:  # no token of its own: each team's comes from its install
        settings = settings.model_copy(update={"SLACK_BOT_TOKEN": None})
    client = web_client(settings)
    oauth: OAuthSettings | None = None
    workspaces: Workspaces | None = None
    if settings.oauth:
        assert settings.SLACK_CLIENT_ID and settings.SLACK_CLIENT_SECRET
        installations = install.installation_store(engine, settings.SLACK_CLIENT_ID)
        rotator = TokenRotator(client_id=settings.SLACK_CLIENT_ID,
                               client_secret=settings.SLACK_CLIENT_SECRET.get_secret_value(),
                               client=client)
        workspaces = Workspaces(client, installations, reads=base.readers, rotator=rotator,
                                rotate_minutes=settings.SLACK_TOKEN_ROTATION_MINUTES)
        base = replace(base, clients=workspaces)
        oauth = install.oauth_settings(base, engine, client, scopes=install.bot_scopes(),
                                       installations=installations)
    courier = Courier(base, web_client(settings, interactive=False))
    pointers: Batches[Pointer] = Batches("question pointers", delay=POINTER_DELAY)
    presence = Presence(routing) if routing is not None and routing.groups \
        and not settings.oauth else None
    if settings.oauth and routing is not None and routing.groups:
        log.info("routing: who is away or left is read from Slack in single-workspace mode "
                 "only; with many workspaces, /qualify away still counts")
    full = replace(base, wake_courier=courier.wake, run_later=work.submit,
                   remember=partial(remember, pointers), withdraw_pointers=pointers.withdraw,
                   after_step=_refresh_home, roles=Admins(),
                   refresh_home=_publish_home, installer_of=installer_of(base),
                   **({"unavailable": presence.unavailable} if presence else {}))
    courier.deps = full
    # Its client retries nothing itself: a 429 on a tidy must not stall the pointers.
    pointers.write = partial(store_pointers, full,
                             web_client(settings, interactive=False))
    app = bolt_app(full, client, identity, oauth, workspaces, has_room=work.has_room)
    scheduler = jobs.Scheduler(full, client, presence=presence)
    runtime = Runtime(full, engine, app, courier, scheduler, work, pointers)
    if start_background:
        runtime.start()
    return runtime
