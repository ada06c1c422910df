"""Who may act for others: the workspace's admins and owners, as Slack says (``users.info``).

An admin (``is_admin``, ``is_owner`` or ``is_primary_owner``) sees every SDR's undelivered
handoffs in App Home and may send any of them again. The answer is kept for a while per
person and workspace (an Enterprise Grid user has one id in every workspace of the org, and
may be an admin in one of them only), so a busy Home tab does not ask Slack each time.
"""
from __future__ import annotations

import logging
import threading
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.errors import describe

log = logging.getLogger(__name__)
KEEP_SECONDS = 600.0  # a promotion or demotion shows within ten minutes
KEEP_FAILED_SECONDS = 30.0  # Slack could not say: not an admin, asked again soon


class Admins:
    def __init__(self, keep: float = KEEP_SECONDS):
        self._keep = keep
        # (team, user) -> (admin, until when, monotonic)
        self._known: dict[tuple[str, str], tuple[bool, float]] = {}
        self._lock = threading.Lock()

    def is_admin(self, client: WebClient, user: str, team: str = "") -> bool:
        """Whether ``user`` is an admin of ``team``, the workspace ``client`` is the bot of."""
        now = time.monotonic()
        with self._lock:
            known = self._known.get((team, user))
        if known is not None and known[1] > now:
            return known[0]
        try:
            person = client.users_info(user=user).get("user") or {}
            admin = any(bool(person.get(k)) for k in ("is_admin", "is_owner",
                                                        "is_primary_owner"))
            keep = self._keep
        except SlackApiError as e:
            log.warning("could not ask Slack whether %s is an admin (%s); taken as not",
                        user, describe(e))
            admin, keep = False, KEEP_FAILED_SECONDS
        with self._lock:
            if len(self._known) > 10_000:  # forget everyone rather than grow forever
                self._known.clear()
            self._known[(team, user)] = (admin, now + keep)
        return admin
