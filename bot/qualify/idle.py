"""Idle drafts: a reminder with a Resume button, then expiry.

Every instance runs these jobs; each reminder or expiry is first claimed in the
database (a conditional update), so it is sent once however many instances run.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import describe
from bot.qualify import store, views, workflow
from bot.slack.dm import open_dm

log = logging.getLogger(__name__)


def remind_idle(deps: Deps, client: WebClient) -> int:
    hours = deps.settings.DRAFT_REMIND_AFTER_HOURS
    if hours <= 0:
        return 0
    now = deps.clock()
    with deps.readers() as s:
        due = [(q.id, q.updated_at, q.sdr_user_id, q.dm_channel, q.lead.name, len(q.answers),
                len(deps.flows[q.flow_id].questions) if q.flow_id in deps.flows else 0)
               for q in store.idle_drafts(s, idle_since=now - timedelta(hours=hours))]
    sent = 0
    for qid, seen, sdr, channel, lead, answered, total in due:
        with transaction(deps.sessions) as s:
            if not store.mark_draft_reminded(s, qualification_id=qid, seen=seen, now=now):
                continue
        try:
            where = channel or open_dm(client, sdr)
            client.chat_postMessage(channel=where, **views.draft_reminder(
                qid, lead, answered, total, seen))
            sent += 1
        except SlackApiError as e:
            log.error("reminder for draft %s not sent: %s", qid, describe(e))
    return sent


def expire_idle(deps: Deps, client: WebClient) -> int:
    days = deps.settings.DRAFT_EXPIRE_AFTER_DAYS
    if days <= 0:
        return 0
    now = deps.clock()
    idle_since = now - timedelta(days=days)
    with deps.readers() as s:
        due = [(q.id, q.sdr_user_id, q.dm_channel, q.lead.name, q.function_execution_id)
               for q in store.stale_drafts(s, idle_since=idle_since)]
    expired = 0
    for qid, sdr, channel, lead, execution_id in due:
        with transaction(deps.sessions) as s:
            if not store.expire_draft(s, qualification_id=qid, idle_since=idle_since, now=now):
                continue
        expired += 1
        log.info("draft %s expired after %s days idle", qid, days)
        if execution_id:
            workflow.fail(client, execution_id=execution_id, reason=(
                f"The qualification of {lead} expired: the SDR did not finish it within "
                f"{days:g} days."))
        try:
            where = channel or open_dm(client, sdr)
            client.chat_postMessage(channel=where, **views.draft_expired(lead, days))
        except SlackApiError as e:
            log.error("expiry notice for draft %s not sent: %s", qid, describe(e))
    return expired
