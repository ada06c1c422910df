"""Background jobs (APScheduler): housekeeping that runs on every instance.

Each job is idempotent, so running it on several instances at once is safe.
"""
from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger
from slack_sdk import WebClient

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.handoff import claims, reassign
from bot.qualify import idle
from bot.routing.presence import Presence
from bot.slack import deliveries

log = logging.getLogger(__name__)
DELIVERY_MEMORY = timedelta(hours=24)  # Slack retries within minutes; a day is plenty


def forget_old_deliveries(deps: Deps) -> int:
    with transaction(deps.sessions) as s:
        n = deliveries.forget_deliveries(s, before=deps.clock() - DELIVERY_MEMORY)
    if n:
        log.info("forgot %s delivery records older than %s", n, DELIVERY_MEMORY)
    return n


SLA_CHECK_SECONDS = 30
REASSIGN_CHECK_SECONDS = 30  # assigned leads not accepted within their rule's window
PRESENCE_SECONDS = 60  # who left the workspace (and who is away, if routing.yaml asks)


def _every(**interval: float) -> IntervalTrigger:
    """The trigger itself, rather than its name: APScheduler would otherwise look the
    name up among its plugins and import the trigger's module in each web worker."""
    return IntervalTrigger(**interval, timezone="UTC")


class Scheduler:
    def __init__(self, deps: Deps, client: WebClient, presence: Presence | None = None):
        self._scheduler = BackgroundScheduler(timezone="UTC", job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": 300})
        self._scheduler.add_job(forget_old_deliveries, _every(hours=1), args=[deps],
                                id="forget_old_deliveries")
        every = deps.settings.DRAFT_CHECK_SECONDS
        self._scheduler.add_job(idle.remind_idle, _every(seconds=every),
                                args=[deps, client], id="draft_reminders")
        self._scheduler.add_job(idle.expire_idle, _every(seconds=every),
                                args=[deps, client], id="draft_expiry")
        self._scheduler.add_job(idle.tell_steps, _every(seconds=every),
                                args=[deps, client], id="workflow_steps")
        # Every team has its own SLA (App Home), so the job runs even if the default is off.
        self._scheduler.add_job(claims.remind_overdue, _every(seconds=SLA_CHECK_SECONDS),
                                args=[deps, client], id="handoff_sla")

        if presence is not None:  # first at once, then every minute
            self._scheduler.add_job(presence.refresh, _every(seconds=PRESENCE_SECONDS),
                                    args=[client], id="routing_presence",
                                    next_run_time=datetime.now(UTC))
        if deps.routing is not None:
            self._scheduler.add_job(reassign.reassign_overdue,
                                    _every(seconds=REASSIGN_CHECK_SECONDS), args=[deps, client],
                                    id="routing_reassign")

    def start(self) -> None:
        self._scheduler.start()

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
