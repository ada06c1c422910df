"""Idle drafts: a reminder with a Resume button, then expiry.

Every instance runs these jobs; each reminder or expiry is first claimed in the
database (a conditional update), so it is sent once however many instances run.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import describe
from bot.qualify import notices, store, verdicts, workflow
from bot.slack.dm import open_dm
from bot.slack.workspaces import team_client

log = logging.getLogger(__name__)


def remind_idle(deps: Deps, default: WebClient) -> int:
    """Each team's idle drafts, after its own reminder time (App Home's, or the default)."""
    now = deps.clock()
    with deps.readers() as s:
        teams = store.teams_with_drafts(s)
    due = []
    for team in teams:
        hours = deps.team_settings(team).draft_remind_hours
        if hours <= 0:
            continue
        with deps.readers() as s:
            due += [(q.id, q.updated_at, q.sdr_user_id, q.dm_channel, q.lead.name,
                     len(q.answers),
                     len(deps.flows[q.flow_id].questions) if q.flow_id in deps.flows else 0,
                     q.lead.team_id)
                    for q in store.idle_drafts(s, idle_since=now - timedelta(hours=hours),
                                               team_id=team)]
    sent = 0
    for qid, seen, sdr, channel, lead, answered, total, team in due:
        client = team_client(deps, team, default)
        if client is None:
            continue
        with transaction(deps.sessions) as s:
            if not store.mark_draft_reminded(s, qualification_id=qid, seen=seen, now=now):
                continue
        try:
            where = channel or open_dm(client, sdr)
            client.chat_postMessage(channel=where, **notices.draft_reminder(
                qid, lead, answered, total, seen))
            sent += 1
        except SlackApiError as e:
            log.error("reminder for draft %s not sent: %s", qid, describe(e))
    return sent


def expire_idle(deps: Deps, default: WebClient) -> int:
    """Each team's drafts idle longer than its own expiry (App Home's, or the default)."""
    now = deps.clock()
    with deps.readers() as s:
        teams = store.teams_with_drafts(s)
    expired = 0
    for team in teams:
        days = deps.team_settings(team).draft_expire_days
        if days > 0:
            expired += _expire(deps, default, team, days, now)
    return expired


def _expire(deps: Deps, default: WebClient, team: str, days: float, now: datetime) -> int:
    idle_since = now - timedelta(days=days)
    with deps.readers() as s:
        due = [(q.id, q.sdr_user_id, q.dm_channel, q.lead.name, q.function_execution_id,
                q.lead.team_id) for q in store.stale_drafts(s, idle_since=idle_since, team_id=team)]
    expired = 0
    for qid, sdr, channel, lead, execution_id, _ in due:
        client = team_client(deps, team, default)
        if client is None:
            continue  # kept as a draft: expired once the team installs Qualibot again
        with transaction(deps.sessions) as s:
            if not store.expire_draft(s, qualification_id=qid, idle_since=idle_since, now=now):
                continue
        expired += 1
        log.info("draft %s expired after %s days idle", qid, days)
        if execution_id and workflow.fail(client, execution_id=execution_id,
                                          reason=workflow.expired(lead, days)):
            with transaction(deps.sessions) as s:
                verdicts.step_done(s, qualification_id=qid, execution_id=execution_id,
                                now=deps.clock())
        try:
            where = channel or open_dm(client, sdr)
            client.chat_postMessage(channel=where, **notices.draft_expired(lead, days))
        except SlackApiError as e:
            log.error("expiry notice for draft %s not sent: %s", qid, describe(e))
    return expired


STEP_GRACE = timedelta(minutes=2)  # the instance that ended it tells the step first


def tell_steps(deps: Deps, default: WebClient) -> int:
    """Tell each Workflow Builder step whose qualification ended how it ended, if that was
    never done (Slack out of reach, a restart between the verdict and the call)."""
    now = deps.clock()
    with deps.readers() as s:
        due = [(q.id, q.function_execution_id or "", q.status, q.lead.name,
                verdicts.score_of(q.score) if q.score is not None else None, q.dm_channel,
                q.question_ts, q.lead.team_id)
               for q in verdicts.steps_untold(s, ended_before=now - STEP_GRACE)]
    told = 0
    for qid, execution_id, status, lead, score, channel, ts, team in due:
        client = team_client(deps, team, default)
        if client is None:
            continue
        if status == "completed" and score is not None:
            ok = workflow.complete(client, execution_id=execution_id, score=score,
                                   url=workflow.permalink(client, channel, ts))
        else:
            ok = workflow.fail(client, execution_id=execution_id, reason=(
                workflow.expired(lead) if status == "expired" else workflow.cancelled(lead)))
        if ok:
            with transaction(deps.sessions) as s:
                verdicts.step_done(s, qualification_id=qid, execution_id=execution_id, now=now)
            told += 1
    return told
