"""A team's settings in effect: the environment's defaults, overridden by what its admins
changed in App Home; kept in memory a few seconds.

Why a short cache and not a read per request: a request of a busy team would pay a query
for a row that changes a few times a year. Kept ``TTL`` seconds, the row is read at most
once per team per instance in that time (one indexed primary-key read); the instance that
saves forgets it at once, so the admin who saved sees the change on their next click, and
every other instance within ``TTL`` seconds, with no message between instances to lose.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from bot.core.db import transaction
from bot.core.team import TeamSettings, from_env
from bot.settings import store, values
from bot.settings.values import SECRET, TeamValues
from config.settings import Settings

TTL = 5.0  # seconds another instance may go on with a team's former settings
_LISTS = ("escalate_to", "glossary_editors", "glossary_approvers", "admins")


def merge(env: TeamSettings, stored: store.Stored | None, loaded: Sequence[str]) -> TeamSettings:
    """``env`` with what the team changed. A flow no longer loaded is left out; if that was
    the default, the first enabled one is."""
    if stored is None:
        return env
    v = stored.values
    enabled = [f for f in v.get("flows", env.flows) if f in loaded] or list(env.flows)
    default = v.get("default_flow", env.default_flow)
    default = default if default in enabled else enabled[0]
    changed: dict[str, Any] = {k: tuple(v[k]) for k in _LISTS if k in v}
    changed.update({k: v[k] for k in ("sales_channel", "sla_minutes", "sla_reminders",
                                      "draft_remind_hours", "draft_expire_days",
                                      "crm_webhook_url") if k in v})
    return replace(env, **changed, flows=(default, *(f for f in enabled if f != default)),
                   crm_webhook_secret=stored.secret if stored.secret is not None
                   else env.crm_webhook_secret, version=stored.version)


class Teams:
    """Every team's settings in effect, for ``Deps.team_settings``."""

    def __init__(self, settings: Settings, reads: sessionmaker[Session], loaded: Sequence[str],
                 default_flow: str, *, ttl: float = TTL,
                 clock: Callable[[], float] = time.monotonic):
        self._settings, self._reads = settings, reads
        self._loaded, self._default = tuple(loaded), default_flow
        self._ttl, self._clock = ttl, clock
        self._known: dict[str, tuple[TeamSettings, float]] = {}
        self._lock = threading.Lock()

    def defaults(self, team_id: str) -> TeamSettings:
        return from_env(self._settings, team_id, self._loaded, self._default)

    def get(self, team_id: str) -> TeamSettings:
        now = self._clock()
        known = self._known.get(team_id)
        if known is not None and known[1] > now:
            return known[0]
        with self._reads() as s:
            row = store.read(s, team_id=team_id)
        team = merge(self.defaults(team_id), row, self._loaded)
        with self._lock:
            if len(self._known) > 10_000:  # forget everyone rather than grow forever
                self._known.clear()
            self._known[team_id] = (team, now + self._ttl)
        return team

    def forget(self, team_id: str) -> None:
        with self._lock:
            self._known.pop(team_id, None)

    def change(self, sessions: sessionmaker[Session], *, team_id: str, by: str,
               new: TeamValues, secret: str | None, now: datetime,
               version: int | None = None) -> list[store.Change] | None:
        """Store what ``new`` (and a typed ``secret``; None keeps the one set) changes of
        the team's settings in effect, with one history row each; the changes made.
        ``version``: the settings' version ``new`` was chosen on; None (nothing stored)
        if another save came first."""
        with transaction(sessions) as s:
            row = store.lock(s, team_id=team_id, by=by, now=now)
            if version is not None and row.version != version:
                self.forget(team_id)
                return None
            current = merge(self.defaults(team_id), store.Stored(
                dict(row.values or {}), row.crm_webhook_secret, row.version), self._loaded)
            before, after = values.stored(values.of(current)), values.stored(new)
            diffs = [(k, before[k], after[k]) for k in after if after[k] != before[k]]
            kept = dict(row.values or {})
            kept.update({k: a for k, _, a in diffs})
            if secret is not None:
                diffs.append((SECRET, "set" if current.crm_webhook_secret else "not set",
                              "changed"))
            if diffs:
                store.save(s, row=row, values=kept,
                           secret=secret if secret is not None else row.crm_webhook_secret,
                           changes=diffs, by=by, now=now)
        self.forget(team_id)
        return [store.Change(k, b, a, by, now) for k, b, a in diffs]
