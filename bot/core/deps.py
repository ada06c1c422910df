"""What the listeners and jobs are given: built once per process, passed in."""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Protocol

from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from bot.core.pointer import Pointer
from bot.core.team import TeamSettings, from_env
from config.loader import DEFAULT_FLOW
from config.settings import Settings
from flows.conversation import Reply
from flows.glossary import Glossary
from flows.model import Flow
from flows.routing import Routing


def utcnow() -> datetime:
    return datetime.now(UTC)


class Viewers:
    """Who opened their App Home tab lately, in this process: only their tab is worth
    publishing again when a draft closes (anyone else's is rebuilt when they open it)."""

    def __init__(self, ttl: timedelta = timedelta(hours=12)):
        self._seen: dict[str, datetime] = {}
        self._ttl = ttl
        self._lock = threading.Lock()

    def saw(self, user: str, at: datetime) -> None:
        with self._lock:
            self._seen[user] = at
            if len(self._seen) > 10_000:  # forget the oldest half rather than grow forever
                for old in sorted(self._seen, key=self._seen.__getitem__)[:5_000]:
                    del self._seen[old]

    def watching(self, user: str, now: datetime) -> bool:
        with self._lock:
            seen = self._seen.get(user)
        return seen is not None and now - seen <= self._ttl


class Said:
    """What this process said once already (a warning, a notice to a person), per team, so
    that it is not said again; a team installed again is forgotten."""

    def __init__(self) -> None:
        self._said: set[tuple[str, ...]] = set()
        self._lock = threading.Lock()

    def first(self, team: str, *what: str) -> bool:
        with self._lock:
            key = (team, *what)
            new = key not in self._said
            self._said.add(key)
            return new

    def forget(self, team: str) -> None:
        with self._lock:
            self._said = {k for k in self._said if k[0] != team}


class Roles(Protocol):
    """Who is a workspace admin (``bot.slack.people.Admins``: Slack's ``users.info``)."""

    def is_admin(self, client: WebClient, user: str, team: str = "") -> bool: ...


class LiveGlossary(Protocol):
    """The glossary as the team edits it (``bot.glossary.book.Book``)."""

    def current(self, team: str) -> Glossary: ...

    def forget(self, team: str) -> None: ...


class Clients(Protocol):
    """A Slack client with the bot token of a team (``bot.slack.workspaces.Workspaces``):
    in single-workspace mode always the one of SLACK_BOT_TOKEN."""

    def client(self, team_id: str | None, like: WebClient | None = None) -> WebClient: ...

    def forget(self, team_id: str | None) -> None: ...


class TeamSource(Protocol):
    """Each team's settings in effect (``bot.settings.effective.Teams``)."""

    def get(self, team_id: str) -> TeamSettings: ...

    def forget(self, team_id: str) -> None: ...


def nobody(team_id: str) -> str | None:
    return None


@dataclass(frozen=True)
class Deps:
    settings: Settings
    sessions: sessionmaker[Session]
    flows: dict[str, Flow]
    glossary: Glossary
    reads: sessionmaker[Session] | None = None  # read-only sessions; ``sessions`` if unset
    clock: Callable[[], datetime] = utcnow
    wake_courier: Callable[[], None] = field(default=lambda: None)
    # Runs work after the ack on the work pool, so listener threads only ever acknowledge.
    run_later: Callable[[Callable[[], None]], None] = field(default=lambda job: job())
    book: LiveGlossary | None = None  # the live glossary; ``glossary`` (shipped) if unset
    home_viewers: Viewers = field(default_factory=Viewers)
    # Stores where a posted question is, batched off the posting thread; inline if unset.
    remember: Callable[[Pointer], None] | None = None
    # Takes back the pointers ``remember`` holds, not yet stored, that match.
    withdraw_pointers: Callable[[Callable[[Pointer], bool]], list[Pointer]] | None = None
    # Called after each step of a conversation, once its messages are posted (the runtime
    # wires App Home to it): (deps, client, the SDR, their team, what the step replied).
    after_step: Callable[[Deps, WebClient, str, str, Reply], None] | None = None
    # Who is an admin; nobody if unset (the runtime asks Slack).
    roles: Roles | None = None
    # Publishes a person's App Home tab again (the runtime wires App Home to it), so that
    # a feature below or beside home can refresh it: (deps, client, the person, their team).
    refresh_home: Callable[[Deps, WebClient, str, str | None], None] | None = None
    # config/routing.yaml: which channel and AE each qualified lead goes to; None: every
    # lead to SALES_CHANNEL, for the first to claim it.
    routing: Routing | None = None
    # Members Slack says cannot take a lead now (left the workspace; away, if the routing
    # file asks), kept fresh by a job (``bot.routing.presence``); nobody if unset.
    unavailable: Callable[[], frozenset[str]] = field(default=lambda: frozenset())
    # A client per team, for the work that starts from a row rather than a request (the
    # courier, the jobs); unset: ``client_for`` gives the default one it is handed.
    clients: Clients | None = None
    # The single workspace's team (SLACK_BOT_TOKEN's); None with OAuth (many teams).
    team: str | None = None
    said: Said = field(default_factory=Said)  # told once: a team's token gone, say
    # Each team's settings (App Home over the environment's); the environment's if unset.
    teams: TeamSource | None = None
    # Who installed Qualibot in a team, if known (the OAuth install records it): an admin.
    installer_of: Callable[[str], str | None] = nobody

    def team_settings(self, team_id: str | None) -> TeamSettings:
        """The team's settings in effect now: what its admins chose in App Home, and the
        environment's defaults for the rest. The one way features read them."""
        team = team_id or self.team or ""
        if self.teams is not None:
            return self.teams.get(team)
        return from_env(self.settings, team, list(self.flows), DEFAULT_FLOW)

    def is_admin(self, client: WebClient, user: str, team_id: str | None = None) -> bool:
        """A Qualibot admin of the team: named so in App Home, its installer, or a Slack
        workspace admin or owner (asked of Slack last, and cached)."""
        team = team_id or self.team or ""
        if user and (user in self.team_settings(team).admins or user == self.installer_of(team)):
            return True
        return self.roles is not None and self.roles.is_admin(client, user, team)

    def terms(self, team: str) -> Glossary:
        """The glossary as the team has it now."""
        return self.book.current(team) if self.book is not None else self.glossary

    def forget_terms(self, team: str) -> None:
        if self.book is not None:
            self.book.forget(team)

    def sales_channel(self, team_id: str | None) -> str | None:
        """The channel that receives a team's handoffs; None: the team has not chosen one.
        (App Home's choice, else SALES_CHANNEL.)"""
        return self.team_settings(team_id).sales_channel or None

    def client_for(self, team_id: str | None, default: WebClient) -> WebClient:
        """The client with the bot token of ``team_id`` (``default`` in single-workspace
        mode, where it is the only one)."""
        return self.clients.client(team_id, like=default) if self.clients is not None \
            else default

    def forget_client(self, team_id: str | None) -> None:
        """Slack refused the team's token: read it from the installation store next time."""
        if self.clients is not None:
            self.clients.forget(team_id)

    @property
    def readers(self) -> sessionmaker[Session]:
        return self.reads or self.sessions

    def enabled(self, team_id: str | None) -> list[str]:
        """The flows the team's SDRs may use, the default first (all loaded flows stay
        readable)."""
        return list(self.team_settings(team_id).flows)

    def default_flow(self, team_id: str | None) -> Flow:
        return self.flows[self.team_settings(team_id).default_flow]

    def flow_name(self, flow_id: str) -> str:
        flow = self.flows.get(flow_id)
        return flow.name if flow else flow_id
