"""Who Slack says cannot take a lead now: members who left the workspace (``users.info``),
members whose status says they are out (a vacation, sick or out-of-office status that has
not expired: :func:`out_of_office`), and, with ``presence: true`` in routing.yaml,
members whose presence is away (``users.getPresence``).

Kept in memory per process and refreshed by a job, so assigning a lead never waits for
Slack. A Slack error keeps what was known of that member (nobody is skipped for want of
an answer)."""
from __future__ import annotations

import logging
import re
import threading
import time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.errors import slack_error
from flows.routing import Routing

log = logging.getLogger(__name__)

# Statuses people set when they are out: Slack's own suggestions and what teams type.
OUT_EMOJI = frozenset({":palm_tree:", ":face_with_thermometer:", ":thermometer:",
                       ":sick:", ":airplane:", ":desert_island:", ":beach_with_umbrella:",
                       ":baby:"})
OUT_TEXT = re.compile(r"\b(ooo|out of( the)? office|on (vacation|holiday|leave|pto)|vacation"
                      r"|vacationing|holidays?|pto|annual leave|sick|off sick|parental leave"
                      r"|maternity|paternity|away until|back on|back [a-z]+day)\b", re.I)


def out_of_office(profile: dict[str, Any], now: float) -> bool:
    """Whether a Slack profile's status says its owner is out, and has not expired."""
    expires = profile.get("status_expiration") or 0
    if expires and float(expires) <= now:
        return False
    emoji = str(profile.get("status_emoji") or "")
    text = str(profile.get("status_text") or "")
    return emoji in OUT_EMOJI or bool(OUT_TEXT.search(text))


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
                    info = client.users_info(user=user).get("user") or {}
                    if info.get("deleted"):
                        if user not in self._left:
                            log.warning("routing: %s left the workspace and is skipped; remove "
                                        "them from the routing file", user)
                            self._left.add(user)
                        now.add(user)
                        continue
                    self._left.discard(user)
                    if out_of_office(info.get("profile") or {}, time.time()):
                        now.add(user)
                        continue
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
