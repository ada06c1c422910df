"""Running a qualification: Slack in, ``flows.step`` in the middle, Slack out.

Each answer is committed before anything is posted, so a crash at any moment
loses at most the click in flight; Slack calls happen after the commit.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import render, store
from bot.db import transaction
from bot.deps import Deps
from bot.errors import describe
from flows.conversation import Ask, Event, Finished, Reply, Say, Stale, Start, step
from flows.model import Answer, Draft, Flow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What a step decided, copied out of the transaction for the Slack side."""

    qualification_id: int
    lead: str
    flow_id: str
    before: Draft
    after: Draft
    reply: Reply
    dm_channel: str | None
    question_ts: str | None
    asked_question_id: str | None
    previous_total: int | None = None
    handoff_id: int | None = None


def begin(deps: Deps, client: WebClient, *, team_id: str, user: str, lead_name: str) -> None:
    """``/qualify <lead>`` after the ack: resume this SDR's draft for the lead, or start one."""
    channel = client.conversations_open(users=user)["channel"]["id"]
    now = deps.clock()
    with transaction(deps.sessions) as s:
        lead = store.get_or_create_lead(s, team_id=team_id, name=lead_name, now=now)
        qual = store.open_draft(s, lead=lead, sdr=user)
        resumed = qual is not None and qual.flow_id in deps.flows
        if not resumed:
            if qual is not None:  # its flow is gone: close it, start on the default flow
                qual.status = "cancelled"
                s.flush()
            qual = store.start_qualification(s, lead=lead, flow=deps.default_flow, sdr=user,
                                             now=now)
        qual.dm_channel, qual.updated_at = channel, now  # typed replies here now belong to it
        qid = qual.id
    log.info("qualification %s %s by %s", qid, "resumed" if resumed else "started", user)
    answer(deps, client, qualification_id=qid, user=user, event=Start())


def answer(deps: Deps, client: WebClient, *, qualification_id: int, user: str, event: Event,
           message_ts: str | None = None) -> None:
    """Apply a click or a typed reply to a qualification and say what comes next."""
    outcome = _decide(deps, qualification_id=qualification_id, user=user, event=event)
    if outcome is None:
        return
    _speak(deps, client, outcome, user=user, clicked_ts=message_ts)


def typed(deps: Deps, client: WebClient, *, user: str, channel: str, text: str) -> None:
    """A message the SDR typed in their DM with the bot."""
    with deps.readers() as s:
        qual = store.latest_draft_in_dm(s, sdr=user, channel=channel)
        qid = qual.id if qual else None
    if qid is None:
        client.chat_postMessage(channel=channel, text=(
            "There's no qualification open here. Start one with `/qualify <lead name>` "
            "in any channel."))
        return
    answer(deps, client, qualification_id=qid, user=user, event=Say(render.unescape(text)))


def _decide(deps: Deps, *, qualification_id: int, user: str, event: Event) -> Outcome | None:
    now = deps.clock()
    with transaction(deps.sessions) as s:
        qual = store.lock_qualification(s, qualification_id=qualification_id)
        if qual is None or qual.sdr_user_id != user:
            log.warning("answer for qualification %s by %s ignored: not theirs",
                        qualification_id, user)
            return None
        flow = deps.flows.get(qual.flow_id)
        if flow is None:
            log.error("qualification %s uses flow '%s', which is no longer configured",
                      qual.id, qual.flow_id)
            return None
        before = store.as_draft(qual, flow)
        after, reply = step(flow, before, event)
        previous_total = handoff_id = None
        if after != before:
            store.save_draft(s, qual=qual, flow=flow, draft=after, now=now)
        if isinstance(reply, Finished):
            handoff = store.record_score(s, qual=qual, score=reply.score, now=now,
                                         sales_channel=deps.settings.SALES_CHANNEL,
                                         webhook=bool(deps.settings.CRM_WEBHOOK_URL))
            handoff_id = handoff.id if handoff else None
            previous = store.previous_scores(s, lead=qual.lead, before_id=qual.id)
            previous_total = previous[0].total if previous else None
        return Outcome(qual.id, qual.lead.name, qual.flow_id, before, after, reply,
                       qual.dm_channel, qual.question_ts, qual.asked_question_id, previous_total,
                       handoff_id)


def _speak(deps: Deps, client: WebClient, o: Outcome, *, user: str,
           clicked_ts: str | None) -> None:
    channel = o.dm_channel or client.conversations_open(users=user)["channel"]["id"]
    flow = deps.flows[o.flow_id]
    reply = o.reply
    if isinstance(reply, Stale):
        number = reply.current.number if reply.current else None
        client.chat_postEphemeral(channel=channel, user=user, **render.stale(number))
        return

    if isinstance(reply, Ask):
        _post_question(deps, client, channel=channel, qualification_id=o.qualification_id,
                       lead=o.lead, ask=reply)
    elif isinstance(reply, Finished):
        log.info("qualification %s scored %s/%s: %s", o.qualification_id, reply.score.total,
                 reply.score.max_total, reply.score.verdict.value)
        if o.handoff_id is not None:
            deps.wake_courier()
        client.chat_postMessage(channel=channel, **render.summary(
            reply.score, o.lead, flow.name, deps.settings.SALES_CHANNEL, o.previous_total))

    # Then tidy the message answered (or re-asked): nice to have, so never in the way.
    new_answers = o.after.answers[len(o.before.answers):]
    try:
        if new_answers:
            a = new_answers[-1]
            # A click names its message; a typed reply answers the message we last asked
            # with, if its ts is stored yet (otherwise _post_question tidies it once it is).
            ts = clicked_ts or (o.question_ts if o.asked_question_id == a.question_id else None)
            if ts:
                _show_answered(client, flow, channel=channel, ts=ts, lead=o.lead, answer=a)
        elif (isinstance(reply, Ask) and reply.unclear is not None and o.question_ts
              and o.asked_question_id == reply.question.id):
            client.chat_update(channel=channel, ts=o.question_ts, **render.asked_again())
    except SlackApiError as e:
        log.warning("could not tidy an answered question in %s: %s", channel, describe(e))


def _show_answered(client: WebClient, flow: Flow, *, channel: str, ts: str, lead: str,
                   answer: Answer) -> None:
    q = flow.question(answer.question_id)
    choice = q.choice(answer.choice_id) if q else None
    if q and choice:
        client.chat_update(channel=channel, ts=ts, **render.answered(
            q, choice, lead, flow.index(q.id) + 1, len(flow.questions), answer.typed))


def _post_question(deps: Deps, client: WebClient, *, channel: str, qualification_id: int,
                   lead: str, ask: Ask) -> None:
    posted = client.chat_postMessage(channel=channel,
                                     **render.question(ask, lead, qualification_id))
    with transaction(deps.sessions) as s:
        qual = store.set_question_ts(s, qualification_id=qualification_id, channel=channel,
                                     ts=posted["ts"], question_id=ask.question.id,
                                     now=deps.clock())
        early = store.as_draft(qual).answer_for(ask.question.id) if qual else None
        flow_id = qual.flow_id if qual else ""
    if early is not None and flow_id in deps.flows:  # a quick typed reply beat the ts
        try:
            _show_answered(client, deps.flows[flow_id], channel=channel, ts=posted["ts"],
                           lead=lead, answer=early)
        except SlackApiError as e:
            log.warning("could not tidy an answered question in %s: %s", channel, describe(e))
