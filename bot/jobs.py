"""Background jobs (APScheduler): housekeeping that runs on every instance.

Each job is idempotent, so running it on several instances at once is safe.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from bot import store
from bot.db import transaction
from bot.deps import Deps

log = logging.getLogger(__name__)
DELIVERY_MEMORY = timedelta(hours=24)  # Slack retries within minutes; a day is plenty


def forget_old_deliveries(deps: Deps) -> int:
    with transaction(deps.sessions) as s:
        n = store.forget_deliveries(s, before=deps.clock() - DELIVERY_MEMORY)
    if n:
        log.info("forgot %s delivery records older than %s", n, DELIVERY_MEMORY)
    return n


class Scheduler:
    def __init__(self, deps: Deps):
        self._scheduler = BackgroundScheduler(timezone="UTC", job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": 300})
        self._scheduler.add_job(forget_old_deliveries, "interval", hours=1, args=[deps],
                                id="forget_old_deliveries")

    def start(self) -> None:
        self._scheduler.start()

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
