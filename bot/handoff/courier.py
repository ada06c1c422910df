"""Delivers handoffs from the outbox: the card to the sales channel, the CRM webhook.

Outbox rows are written in the same transaction as the verdict. The courier
leases due rows (several instances never hold the same one), delivers, and
records the result only while it still holds the lease. Slack's 429 waits
``Retry-After``; 5xx, timeouts and connection errors back off and retry; a
permanent error (``channel_not_found``…) marks the delivery failed and tells the
SDR, whose message offers *Try again* (``bot.handoff.redeliver``; so do App Home and
inviting the bot back to the channel, besides ``qualibot handoffs retry``). Before any
retry of a card, the channel's history is searched for it: a post that reached Slack
just before a crash (or whose answer was lost) is recorded, not posted again.
"""
from __future__ import annotations

import logging
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import slack_error
from bot.core.models import Outbox
from bot.handoff import store, views, webhook
from bot.qualify import verdicts as qualify_verdicts
from bot.reports.export import routing_why
from bot.slack.dm import open_dm
from bot.slack.workspaces import NotInstalled, revoked
from flows.model import Score

log = logging.getLogger(__name__)

PERMANENT = {"channel_not_found", "not_in_channel", "is_archived", "invalid_auth",
             "account_inactive", "token_revoked", "missing_scope", "invalid_blocks",
             "msg_too_long", "no_permission", "restricted_action", "channel_is_archived"}
MAX_BACKOFF = 300.0
# Deliveries one courier makes at once: a burst of Submits is not posted one by one, and
# Slack still sees a short burst per channel, which it allows (a 429 waits Retry-After).
PARALLEL = 4
HISTORY_PAGES = 2  # with the client's 10 s timeout, an attempt stays well inside its lease
# A channel whose history we can never read: post anyway (logged), rather than never.
HISTORY_BLIND = {"missing_scope", "not_in_channel", "channel_not_found", "no_permission"}


class _Unsure(Exception):
    """The history search failed for now: whether the card was posted is unknown."""


@dataclass(frozen=True)
class Parcel:
    """A leased delivery, copied out of its transaction."""

    outbox_id: int
    token: str
    kind: str
    attempts: int
    handoff_id: int
    channel: str
    message_ts: str | None
    created_at: datetime
    lead: str
    sdr: str
    flow_id: str
    score: Score
    answers: tuple[tuple[str, str, str | None], ...]  # question, choice, typed
    last_error: str | None = None  # why the attempt before this one failed
    source_url: str | None = None  # the message the qualification was started from
    assigned_to: str | None = None  # routing: the AE it is for
    routed: str | None = None  # routing: the decision explained
    team_id: str = ""  # the lead's team: whose bot token posts it

    @classmethod
    def of(cls, row: Outbox) -> Parcel:
        h = row.handoff
        q = h.qualification
        assert q.score is not None and row.lease_token, f"outbox {row.id} is not deliverable"
        return cls(row.id, row.lease_token, row.kind, row.attempts, h.id, h.channel,
                   h.message_ts, h.created_at, q.lead.name, q.sdr_user_id, q.flow_id,
                   qualify_verdicts.score_of(q.score),
                   tuple((a.question_id, a.choice_id, a.typed) for a in q.answers),
                   row.last_error, q.source_url, h.assigned_to, (h.route or {}).get("why"),
                   q.lead.team_id)

    @property
    def marker(self) -> str:
        return views.handoff_marker(self.handoff_id)


def backoff(attempts: int, base: float = 1.0) -> float:
    """Seconds before the next try: base, 2×base, 4×base… up to five minutes, jittered."""
    return min(MAX_BACKOFF, base * 2.0 ** max(0, attempts - 1)) * random.uniform(1.0, 1.25)


class Courier:
    def __init__(self, deps: Deps, client: WebClient, *, poll_seconds: float = 2.0):
        self.deps, self.client, self.poll = deps, client, poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._posters = ThreadPoolExecutor(max_workers=PARALLEL, thread_name_prefix="courier")
        self._looked: tuple[datetime | None] | None = None  # what the last round last saw

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
        self._posters.shutdown(wait=False)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()  # before the round: a wake during it starts another at once
            try:
                self.deliver_due()
                wait = self._until_next(self._looked)
            except Exception:  # noqa: BLE001 -- the courier must outlive a bad moment
                log.exception("handoff courier: delivery round failed; retrying shortly")
                wait = self.poll
            self._wake.wait(wait)

    def _until_next(self, looked: tuple[datetime | None] | None = None) -> float:
        """Seconds until the next delivery is due (``looked``: when the round that just
        ended last looked, it found this; no need to look again)."""
        if looked is None:
            with self.deps.readers() as s:
                looked = (store.next_due(s),)
        due = looked[0]
        if due is None:
            return self.poll
        return max(0.05, min(self.poll, (due - self.deps.clock()).total_seconds()))

    # -- one round -------------------------------------------------------------------------
    def deliver_due(self) -> int:
        """Deliver everything due now, up to PARALLEL at once; returns how many deliveries
        succeeded."""
        lease = timedelta(seconds=self.deps.settings.HANDOFF_LEASE_SECONDS)
        done = 0
        self._looked = None
        while not self._stop.is_set():
            with self.deps.readers() as s:  # nothing due: no write transaction for nothing
                due = store.next_due(s)
            if due is None or due > self.deps.clock():
                self._looked = (due,)  # the round ends on what it last saw
                return done
            with transaction(self.deps.sessions) as s:
                taken = store.take_due(s, now=self.deps.clock(), lease=lease, most=PARALLEL)
            if not taken:
                return done
            parcels = self._unpack(taken)
            if len(parcels) <= 1 or self._stop.is_set():
                done += sum(self._deliver(p) for p in parcels)
            else:
                done += sum(self._posters.map(self._deliver, parcels))
        return done

    def _unpack(self, taken: list[int]) -> list[Parcel]:
        """The leased deliveries as parcels; one whose stored handoff cannot be read is put
        off with backoff (and logged), rather than holding back the others."""
        parcels = []
        with self.deps.readers() as s:
            rows = store.leased(s, outbox_ids=taken)
        for row in rows:
            try:
                parcels.append(Parcel.of(row))
            except Exception:  # noqa: BLE001 -- reported, and tried again later
                log.exception("delivery %s (%s) cannot be read; trying again later", row.id,
                              row.kind)
                at = self.deps.clock() + timedelta(seconds=backoff(
                    row.attempts, self.deps.settings.HANDOFF_RETRY_SECONDS))
                with transaction(self.deps.sessions) as s:
                    store.outbox_retry(s, outbox_id=row.id, token=row.lease_token or "",
                                        at=at, error="unreadable")
        return parcels

    def _deliver(self, parcel: Parcel) -> bool:
        try:
            return self._to_slack(parcel) if parcel.kind == "slack" else self._to_crm(parcel)
        except NotInstalled:  # uninstalled, or its tokens revoked: kept, not retried forever
            self._fail(parcel, "not_installed")
            return False
        except Exception:  # noqa: BLE001 -- one bad delivery must not stop the others
            log.exception("delivery %s (%s) failed unexpectedly", parcel.outbox_id,
                          parcel.kind)
            self._retry(parcel, self._backoff(parcel), "unexpected_error")
            return False

    # -- the sales channel -----------------------------------------------------------------
    def _client(self, p: Parcel) -> WebClient:
        """The client with the bot token of the parcel's team."""
        return self.deps.client_for(p.team_id, self.client)

    def _to_slack(self, p: Parcel) -> bool:
        try:
            ts = p.message_ts or (self._find_posted(p) if p.attempts > 1 else None)
        except _Unsure as e:
            self._retry(p, self._backoff(p), f"history_{e}")
            return False
        if ts is None:
            card = views.handoff_card(handoff_id=p.handoff_id, lead=p.lead, score=p.score,
                                       sdr=p.sdr, flow_name=self.deps.flow_name(p.flow_id),
                                       source_url=p.source_url,
                                       assigned_to=p.assigned_to, routed=p.routed)
            try:
                ts = self._client(p).chat_postMessage(channel=p.channel, **card)["ts"]
            except SlackApiError as e:
                self._slack_failed(p, e)
                return False
            except (OSError, TimeoutError) as e:  # the post may or may not have landed
                self._retry(p, self._backoff(p), type(e).__name__)
                return False
        with transaction(self.deps.sessions) as s:
            store.handoff_posted(s, handoff_id=p.handoff_id, ts=ts, now=self.deps.clock())
            kept = store.outbox_done(s, outbox_id=p.outbox_id, token=p.token,
                                     now=self.deps.clock())
        if kept:
            log.info("handoff %s delivered to %s (attempt %s)", p.handoff_id, p.channel,
                     p.attempts)
            if p.last_error in PERMANENT:  # sent again after the SDR was told it failed
                self._tell_sdr_posted(p)
        else:
            log.warning("handoff %s delivered, but its lease had run out", p.handoff_id)
        return True

    def _find_posted(self, p: Parcel) -> str | None:
        """The card's ts if an earlier attempt did post it (looked up by its marker)."""
        oldest = f"{p.created_at.timestamp() - 60:.6f}"
        cursor = None
        try:
            for _ in range(HISTORY_PAGES):
                page = self._client(p).conversations_history(channel=p.channel, oldest=oldest,
                                                         limit=200, cursor=cursor)
                for message in page.get("messages") or []:
                    if any(b.get("block_id") == p.marker for b in message.get("blocks") or []):
                        log.info("handoff %s was already posted; recorded, not reposted",
                                 p.handoff_id)
                        return str(message["ts"])
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    return None
        except SlackApiError as e:
            error = slack_error(e)
            if error not in HISTORY_BLIND:
                raise _Unsure(error) from None
            log.warning("cannot search %s for handoff %s (%s); posting it without checking",
                        p.channel, p.handoff_id, error)
        except (OSError, TimeoutError) as e:
            raise _Unsure(type(e).__name__) from None
        return None

    def _slack_failed(self, p: Parcel, e: SlackApiError) -> None:
        status, error = e.response.status_code, slack_error(e)
        if revoked(e):  # the team's token may be gone: read it from the store again
            self.deps.forget_client(p.team_id)
        if status == 429:
            headers: Any = e.response.headers or {}
            after = headers.get("Retry-After") or headers.get("retry-after") or 1
            self._retry(p, float(after), "ratelimited")
        elif status >= 500 or error not in PERMANENT:
            self._retry(p, self._backoff(p), error)
        elif not self._to_sales_channel(p, error):
            self._fail(p, error)
            self._tell_sdr(p, error)

    def _to_sales_channel(self, p: Parcel, error: str) -> bool:
        """A channel a routing rule named refuses the card (gone, archived, the bot not in
        it): the card goes to SALES_CHANNEL instead, the SDR is told, and the card says so."""
        sales = self.deps.sales_channel(p.team_id)
        if p.routed is None or error not in views.CHANNEL_GONE or not sales \
                or p.channel == sales:
            return False
        note = f"<#{p.channel}> refused it ({error}), so it went to <#{sales}>"
        with transaction(self.deps.sessions) as s:
            moved = store.reroute(s, handoff_id=p.handoff_id, channel=sales, note=note)
            if moved:
                store.outbox_retry(s, outbox_id=p.outbox_id, token=p.token,
                                   at=self.deps.clock(), error=error)
        if not moved:
            return False
        log.error("handoff %s: routed channel %s refused it (%s); sent to SALES_CHANNEL",
                  p.handoff_id, p.channel, error)
        try:
            client = self._client(p)
            dm = open_dm(client, p.sdr)
            client.chat_postMessage(channel=dm, **views.rerouted(p.lead, p.channel,
                                                                      sales, error))
        except SlackApiError as e:
            log.warning("could not tell %s that handoff %s was rerouted: %s", p.sdr,
                        p.handoff_id, slack_error(e))
        self.wake()
        return True

    def _tell_sdr(self, p: Parcel, error: str) -> None:
        try:
            client = self._client(p)
            dm = open_dm(client, p.sdr)
            client.chat_postMessage(channel=dm, **views.handoff_undeliverable(
                p.lead, p.channel, error, p.handoff_id))
        except SlackApiError as e:
            log.error("could not tell %s about handoff %s either: %s", p.sdr, p.handoff_id,
                      slack_error(e))

    def _tell_sdr_posted(self, p: Parcel) -> None:
        try:
            client = self._client(p)
            dm = open_dm(client, p.sdr)
            client.chat_postMessage(channel=dm, **views.handoff_posted_now(p.lead,
                                                                                 p.channel))
        except SlackApiError as e:
            log.warning("handoff %s is posted, but %s could not be told: %s", p.handoff_id,
                        p.sdr, slack_error(e))

    # -- the CRM ---------------------------------------------------------------------------
    def _to_crm(self, p: Parcel) -> bool:
        settings = self.deps.team_settings(p.team_id)
        if not settings.crm_webhook_url or not settings.crm_webhook_secret:
            self._fail(p, "webhook_not_configured")
            return False
        result = webhook.deliver(settings.crm_webhook_url, settings.crm_webhook_secret,
                                 delivery_id=f"qualibot-{p.outbox_id}", payload=self._payload(p))
        if result.ok:
            with transaction(self.deps.sessions) as s:
                store.outbox_done(s, outbox_id=p.outbox_id, token=p.token, now=self.deps.clock())
            log.info("handoff %s sent to the CRM webhook (attempt %s)", p.handoff_id, p.attempts)
            return True
        if result.retry:
            self._retry(p, result.retry_after or self._backoff(p), result.error)
        else:
            self._fail(p, result.error)
        return False

    def _payload(self, p: Parcel) -> dict[str, Any]:
        flow = self.deps.flows.get(p.flow_id)
        answers = []
        for question_id, choice_id, typed in p.answers:
            question = flow.question(question_id) if flow else None
            choice = question.choice(choice_id) if question else None
            answers.append({"question": question_id, "criterion": question.criterion
                            if question else None, "choice": choice_id,
                            "label": choice.label if choice else None, "typed": typed})
        return {
            "event": "lead.qualified", "handoff_id": p.handoff_id, "lead": p.lead,
            "sdr_user_id": p.sdr, "qualified_at": p.created_at.isoformat(),
            "flow": {"id": p.flow_id, "name": self.deps.flow_name(p.flow_id),
                     "version": p.score.flow_version},
            "score": {"total": p.score.total, "threshold": p.score.threshold,
                      "max": p.score.max_total, "verdict": p.score.verdict,
                      "items": [i.model_dump(mode="json") for i in p.score.items]},
            "answers": answers,
            # With routing: where it went and to whom, as the card first said (a pass or a
            # reassignment later is on the card and in the export, not sent again).
            "routing": None if p.routed is None else {
                "channel": p.channel, "assigned_to": p.assigned_to,
                "why": routing_why({"why": p.routed})},
        }

    # -- bookkeeping -----------------------------------------------------------------------
    def _backoff(self, p: Parcel) -> float:
        return backoff(p.attempts, self.deps.settings.HANDOFF_RETRY_SECONDS)

    def _retry(self, p: Parcel, seconds: float, error: str) -> None:
        at = self.deps.clock() + timedelta(seconds=seconds)
        with transaction(self.deps.sessions) as s:
            store.outbox_retry(s, outbox_id=p.outbox_id, token=p.token, at=at, error=error)
        log.warning("handoff %s not delivered to %s (%s, attempt %s); retrying in %.1fs",
                    p.handoff_id, p.kind, error, p.attempts, seconds)

    def _fail(self, p: Parcel, error: str) -> None:
        with transaction(self.deps.sessions) as s:
            store.outbox_failed(s, outbox_id=p.outbox_id, token=p.token, error=error)
        log.error("handoff %s to %s failed for good: %s; run `qualibot handoffs retry` once "
                  "fixed", p.handoff_id, p.kind, error)
