"""Delivers handoffs from the outbox table to the sales channel.

A handoff row is written in the same transaction as the verdict. The courier
leases due rows (so that several instances never post the same one), posts
the card, and records the message ``ts``. Slack's 429 waits ``Retry-After``;
5xx, timeouts and connection errors back off and retry; a permanent error
(``channel_not_found``…) marks the handoff failed and tells the SDR, until
``qualibot handoffs retry`` sends it again.
"""
from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass
from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import render, store
from bot.db import transaction
from bot.deps import Deps
from bot.errors import slack_error
from bot.models import Handoff, ScoreRow
from flows.model import LineItem, Score, Verdict

log = logging.getLogger(__name__)

PERMANENT = {"channel_not_found", "not_in_channel", "is_archived", "invalid_auth",
             "account_inactive", "token_revoked", "missing_scope", "invalid_blocks",
             "msg_too_long", "no_permission", "restricted_action", "channel_is_archived"}
LEASE = timedelta(seconds=60)
MAX_BACKOFF = 300.0


def score_of(row: ScoreRow) -> Score:
    return Score(flow_id=row.flow_id, flow_version=row.flow_version,
                 items=tuple(LineItem.model_validate(i) for i in row.items), total=row.total,
                 threshold=row.threshold, max_total=row.max_total, verdict=Verdict(row.verdict))


@dataclass(frozen=True)
class Parcel:
    """A leased handoff, copied out of its transaction."""

    handoff_id: int
    attempts: int
    channel: str
    lead: str
    sdr: str
    flow_id: str
    score: Score

    @classmethod
    def of(cls, h: Handoff) -> Parcel:
        q = h.qualification
        assert q.score is not None, f"handoff {h.id} has no score"
        return cls(h.id, h.attempts, h.channel, q.lead.name, q.sdr_user_id, q.flow_id,
                   score_of(q.score))


def backoff(attempts: int, base: float = 1.0) -> float:
    """Seconds before the next try: base, 2×base, 4×base… up to five minutes, jittered."""
    return min(MAX_BACKOFF, base * 2.0 ** max(0, attempts - 1)) * random.uniform(1.0, 1.25)


class Courier:
    def __init__(self, deps: Deps, client: WebClient, *, poll_seconds: float = 2.0):
        self.deps, self.client, self.poll = deps, client, poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- running ---------------------------------------------------------------------------
    def start(self) -> Courier:
        self._thread = threading.Thread(target=self._run, name="handoff-courier", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.deliver_due()
                wait = self._until_next()
            except Exception:  # noqa: BLE001 -- the courier must outlive a bad moment
                log.exception("handoff courier: delivery round failed; retrying shortly")
                wait = self.poll
            self._wake.wait(wait)
            self._wake.clear()

    def _until_next(self) -> float:
        with self.deps.readers() as s:
            due = store.next_handoff_due(s)
        if due is None:
            return self.poll
        return max(0.05, min(self.poll, (due - self.deps.clock()).total_seconds()))

    # -- one round -------------------------------------------------------------------------
    def deliver_due(self) -> int:
        """Deliver every handoff that is due now; returns how many were posted."""
        posted = 0
        while not self._stop.is_set():
            with transaction(self.deps.sessions) as s:
                h = store.take_due_handoff(s, now=self.deps.clock(), lease=LEASE)
                parcel = Parcel.of(h) if h else None
            if parcel is None:
                return posted
            posted += self._deliver(parcel)
        return posted

    def _deliver(self, p: Parcel) -> int:
        card = render.handoff_card(handoff_id=p.handoff_id, lead=p.lead, score=p.score,
                                   sdr=p.sdr, flow_name=self.deps.flow_name(p.flow_id))
        try:
            resp = self.client.chat_postMessage(channel=p.channel, **card)
        except SlackApiError as e:
            status = e.response.status_code
            error = slack_error(e)
            if status == 429:
                wait = float(e.response.headers.get("Retry-After") or
                             e.response.headers.get("retry-after") or 1)
                self._retry(p, wait, "ratelimited")
            elif status >= 500 or error not in PERMANENT:
                self._retry(p, self._backoff(p), error)
            else:
                self._fail(p, error)
            return 0
        except (OSError, TimeoutError) as e:  # connection refused, reset, timed out
            self._retry(p, self._backoff(p), type(e).__name__)
            return 0
        with transaction(self.deps.sessions) as s:
            store.handoff_sent(s, handoff_id=p.handoff_id, ts=resp["ts"], now=self.deps.clock())
        log.info("handoff %s delivered to %s after %s attempt(s)", p.handoff_id, p.channel,
                 p.attempts)
        return 1

    def _backoff(self, p: Parcel) -> float:
        return backoff(p.attempts, self.deps.settings.HANDOFF_RETRY_SECONDS)

    def _retry(self, p: Parcel, seconds: float, error: str) -> None:
        at = self.deps.clock() + timedelta(seconds=seconds)
        with transaction(self.deps.sessions) as s:
            store.handoff_retry(s, handoff_id=p.handoff_id, at=at, error=error)
        log.warning("handoff %s not delivered (%s, attempt %s); retrying in %.1fs",
                    p.handoff_id, error, p.attempts, seconds)

    def _fail(self, p: Parcel, error: str) -> None:
        with transaction(self.deps.sessions) as s:
            store.handoff_failed(s, handoff_id=p.handoff_id, error=error)
        log.error("handoff %s to %s failed for good: %s; run `qualibot handoffs retry` once "
                  "fixed", p.handoff_id, p.channel, error)
        try:
            dm = self.client.conversations_open(users=p.sdr)["channel"]["id"]
            self.client.chat_postMessage(channel=dm, **render.handoff_undeliverable(
                p.lead, p.channel, error))
        except SlackApiError as e:
            log.error("could not tell %s about handoff %s either: %s", p.sdr, p.handoff_id,
                      slack_error(e))
