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
        self._clients: dict[str, tuple[WebClient, float, float | None]] = {}

    def client(self, team_id: str | None, like: WebClient | None = None) -> WebClient:
        """The team's client (made like ``like``: its retry handlers; else like the base);
        raises :class:`NotInstalled` if the team has no bot token."""
        key = f"{team_id or ''}:{id(like) if like is not None else 0}"
        now = time.monotonic()
        with self._lock:
            held = self._clients.get(key)
        if held is not None and now - held[1] < KEEP_SECONDS and (
                held[2] is None or held[2] > time.time() + 60):
            return held[0]
        bot = self._bot(team_id)
        if bot is None or not bot.bot_token:
            self.forget(team_id)
            raise NotInstalled(team_id)
        client = self.with_token(bot.bot_token, like)
        with self._lock:
            self._clients[key] = (client, now, float(bot.bot_token_expires_at)
                                  if bot.bot_token_expires_at else None)
        return client

    def with_token(self, token: str, like: WebClient | None = None) -> PooledWebClient:
        b = like if like is not None else self.base
        return PooledWebClient(token=token, base_url=b.base_url, timeout=b.timeout, ssl=b.ssl,
                               proxy=b.proxy, headers=b.headers, logger=b.logger,
                               retry_handlers=list(b.retry_handlers), pools=self.base.pools)

    def forget(self, team_id: str | None) -> None:
        """Read the team's token from the store again next time (uninstalled, revoked)."""
        prefix = f"{team_id or ''}:"
        with self._lock:
            for key in [k for k in self._clients if k.startswith(prefix)]:
                del self._clients[key]

    def _bot(self, team_id: str | None) -> Bot | None:
        bot = self.store.find_bot(enterprise_id=None, team_id=team_id)
        if bot is None:  # an org-wide install: the bot is the enterprise's
            with self.reads() as s:
                enterprise = s.scalar(select(TeamRow.enterprise_id)
                                      .where(TeamRow.team_id == (team_id or "")))
            if enterprise:
                bot = self.store.find_bot(enterprise_id=enterprise, team_id=None,
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


_told: set[str] = set()
_told_lock = threading.Lock()


def team_client(clients: Any, team_id: str | None, default: WebClient) -> WebClient | None:
    """``Deps.client_for`` for a job: None (said once per team, at WARNING) when the team
    has no bot token any more, so that the job goes on with the other teams' rows."""
    try:
        return clients.client_for(team_id, default)  # type: ignore[no-any-return]
    except NotInstalled:
        with _told_lock:
            first = (team_id or "") not in _told
            _told.add(team_id or "")
        if first:
            log.warning("team %s has no bot token (uninstalled or revoked): its reminders "
                        "and deliveries wait until Qualibot is installed there again", team_id)
        return None
