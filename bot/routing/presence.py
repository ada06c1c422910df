"""Who Slack says cannot take a lead now: members who left the workspace (``users.info``)
and, with ``presence: true`` in routing.yaml, members whose presence is away
(``users.getPresence``).

Kept in memory per process and refreshed by a job, so assigning a lead never waits for
Slack. A Slack error keeps what was known of that member (nobody is skipped for want of
an answer)."""
from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.errors import slack_error
from flows.routing import Routing

log = logging.getLogger(__name__)


class Presence:
    def __init__(self, routing: Routing):
        self.routing = routing
        self._unavailable: frozenset[str] = frozenset()
        self._left: set[str] = set()  # told once in the log, not every minute
        self._lock = threading.Lock()

    def unavailable(self) -> frozenset[str]:
        return self._unavailable

    def refresh(self, client: WebClient) -> frozenset[str]:
        with self._lock:
            known, now = self._unavailable, set()
            for user in self.routing.members:
                try:
                    if (client.users_info(user=user).get("user") or {}).get("deleted"):
                        if user not in self._left:
                            log.warning("routing: %s left the workspace and is skipped; remove "
                                        "them from the routing file", user)
                            self._left.add(user)
                        now.add(user)
                        continue
                    self._left.discard(user)
                    if self.routing.presence and \
                            client.users_getPresence(user=user).get("presence") == "away":
                        now.add(user)
                except (SlackApiError, OSError, TimeoutError) as e:
                    why = slack_error(e) if isinstance(e, SlackApiError) else type(e).__name__
                    log.warning("routing: cannot ask Slack about %s (%s); as before", user, why)
                    if user in known:
                        now.add(user)
            self._unavailable = frozenset(now)
            return self._unavailable
