"""Who may act for others: the workspace's admins and owners, as Slack says (``users.info``).

An admin (``is_admin``, ``is_owner`` or ``is_primary_owner``) sees every SDR's undelivered
handoffs in App Home and may send any of them again. The answer is kept for a while per
person, so a busy Home tab does not ask Slack each time.
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
        self._known: dict[str, tuple[bool, float]] = {}  # user -> (admin, until when, monotonic)
        self._lock = threading.Lock()

    def is_admin(self, client: WebClient, user: str) -> bool:
        now = time.monotonic()
        with self._lock:
            known = self._known.get(user)
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
            self._known[user] = (admin, now + keep)
        return admin
