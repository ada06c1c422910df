"""A Slack client per team: the bot token of the team a row belongs to.

In single-workspace mode there is one token (SLACK_BOT_TOKEN) and :class:`Workspaces` is
not used: ``Deps.client_for`` hands back the one client, as fast as before. In OAuth
mode (``bot.teams``) each team's bot token is in slack_sdk's installation store; the
courier and the jobs, which start from a row and not from a request, ask
:meth:`Workspaces.client` for the team's. Clients share the process's kept-alive
connections (:mod:`bot.slack.http`), are kept a short while (an uninstall on another
instance is noticed within :data:`KEEP_SECONDS`, or at once by the first call Slack
refuses), and a token that rotates is refreshed before it expires, as Bolt does for
requests.
"""
from __future__ import annotations

import logging
import threading
import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Bot, InstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.deps import Deps
from bot.core.models import TeamRow
from bot.slack.http import PooledWebClient

log = logging.getLogger(__name__)
KEEP_SECONDS = 60.0  # how long a team's client is kept before the store is read again
# Slack's answers meaning the token is gone for good: uninstalled, revoked, deactivated.
REVOKED = frozenset({"invalid_auth", "token_revoked", "account_inactive", "not_authed",
                     "token_expired"})


class NotInstalled(Exception):
    """No bot token for the team: Qualibot was uninstalled there, or its tokens revoked."""

    def __init__(self, team_id: str | None):
        super().__init__(f"Qualibot is not installed in team {team_id} (no bot token)")
        self.team_id = team_id


class Workspaces:
    """Clients per team from the installation store, on ``base``'s connections and
    settings (its API URL, timeout and retry handlers)."""

    def __init__(self, base: PooledWebClient, store: InstallationStore, *,
                 reads: sessionmaker[Session], rotator: TokenRotator | None = None,
                 rotate_minutes: int = 120):
        self.base, self.store, self.reads = base, store, reads
        self.rotator, self.rotate_minutes = rotator, rotate_minutes
        self._lock = threading.Lock()
        self._bots: dict[str, tuple[Bot, float]] = {}
        self._clients: dict[tuple[str, int], PooledWebClient] = {}

    def bot(self, team_id: str | None, enterprise_id: str | None = None) -> Bot | None:
        """The team's bot (token, ids), kept :data:`KEEP_SECONDS`, its token rotated when
        it is about to expire; None if the team has no bot token."""
        key = team_id or enterprise_id or ""
        now = time.monotonic()
        with self._lock:
            held = self._bots.get(key)
        if held is not None and now - held[1] < KEEP_SECONDS and (
                held[0].bot_token_expires_at is None
                or held[0].bot_token_expires_at > time.time() + 60 * self.rotate_minutes):
            return held[0]
        bot = self._find(team_id, enterprise_id)
        with self._lock:
            if bot is None or not bot.bot_token:
                self._bots.pop(key, None)
                return None
            self._bots[key] = (bot, now)
        return bot

    def client(self, team_id: str | None, like: WebClient | None = None) -> WebClient:
        """The team's client (made like ``like``: its retry handlers; else like the base);
        raises :class:`NotInstalled` if the team has no bot token."""
        bot = self.bot(team_id)
        if bot is None or not bot.bot_token:
            raise NotInstalled(team_id)
        key = (bot.bot_token, id(like) if like is not None else 0)
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                if len(self._clients) > 1000:  # old tokens (rotated, revoked) are let go
                    self._clients.clear()
                client = self._clients[key] = self.with_token(bot.bot_token, like)
        return client

    def with_token(self, token: str, like: WebClient | None = None) -> PooledWebClient:
        b = like if like is not None else self.base
        return PooledWebClient(token=token, base_url=b.base_url, timeout=b.timeout, ssl=b.ssl,
                               proxy=b.proxy, headers=b.headers, logger=b.logger,
                               retry_handlers=list(b.retry_handlers), pools=self.base.pools)

    def forget(self, team_id: str | None) -> None:
        """Read the team's token from the store again next time (uninstalled, revoked)."""
        with self._lock:
            held = self._bots.pop(team_id or "", None)
            if held is not None:
                for key in [k for k in self._clients if k[0] == held[0].bot_token]:
                    del self._clients[key]

    def _find(self, team_id: str | None, enterprise_id: str | None) -> Bot | None:
        bot = self.store.find_bot(enterprise_id=enterprise_id, team_id=team_id) \
            if team_id else None
        if bot is None and team_id and enterprise_id:
            bot = self.store.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None:  # an org-wide install: the bot is the enterprise's
            if enterprise_id is None and team_id:
                with self.reads() as s:
                    enterprise_id = s.scalar(select(TeamRow.enterprise_id)
                                             .where(TeamRow.team_id == team_id))
            if enterprise_id:
                bot = self.store.find_bot(enterprise_id=enterprise_id, team_id=None,
                                          is_enterprise_install=True)
        if bot is not None and self.rotator is not None:
            rotated = self.rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=self.rotate_minutes)
            if rotated is not None:
                self.store.save_bot(rotated)
                log.info("the bot token of team %s was refreshed (token rotation)", team_id)
                bot = rotated
        return bot


def revoked(error: Any) -> bool:
    """Slack's answer (a ``SlackApiError``) says the token is gone for good."""
    response = getattr(error, "response", None)
    data = getattr(response, "data", None)
    return isinstance(data, dict) and data.get("error") in REVOKED


def team_client(deps: Deps, team_id: str | None, default: WebClient) -> WebClient | None:
    """``Deps.client_for`` for a job: None (said once per team, at WARNING) when the team
    has no bot token any more, so that the job goes on with the other teams' rows."""
    try:
        return deps.client_for(team_id, default)
    except NotInstalled:
        if deps.said.first(team_id or "", "no token"):
            log.warning("team %s has no bot token (uninstalled or revoked): its reminders "
                        "and deliveries wait until Qualibot is installed there again", team_id)
        return None
