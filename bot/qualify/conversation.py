"""Running a qualification: how each way in starts or resumes a draft, and how a click
or a typed reply becomes a step (Slack in, ``flows.step`` in the middle, stored). What
the step then says in Slack is ``speaking``.

Each answer is committed before anything is posted, so a crash at any moment
loses at most the click in flight; Slack calls happen after the commit.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from sqlalchemy.orm import Session

from bot.core.db import retrying, transaction
from bot.core.deps import Deps
from bot.qualify import forms, notices, steps, store, summaries, verdicts, views, workflow
from bot.qualify.pointers import store_pointers
from bot.qualify.speaking import Outcome, speak
from bot.routing import desk
from bot.slack import blocks, deliveries
from bot.slack.dm import open_dm
from flows.conversation import (
    Confirm,
    Event,
    Fill,
    Finished,
    Notes,
    NotesRead,
    Pick,
    Reply,
    Review,
    Say,
    Start,
    Submit,
    step,
)
from flows.model import Draft, Flow

log = logging.getLogger(__name__)


def begin(deps: Deps, client: WebClient, *, team_id: str, user: str, lead_name: str,
          flow_id: str | None = None, delivery: str | None = None,
          notes: str | None = None, source_url: str | None = None,
          function_execution_id: str | None = None, answers: Fill | None = None) -> None:
    """``/qualify <lead>`` after the ack: resume this SDR's draft for the lead, or start one
    (with the flow named, the only one enabled, or the one the SDR picks). ``delivery``:
    the Slack delivery it came in, taken in with the draft and its first question;
    ``notes``: call notes given with the lead, read into the answers they state;
    ``source_url``: the message it was started from; ``function_execution_id``: the
    Workflow Builder step waiting for its verdict; ``answers``: the answers form's."""
    channel = open_dm(client, user)
    if not deps.sales_channel(team_id):  # a qualified lead would have nowhere to go
        client.chat_postMessage(channel=channel, text=notices.no_sales_channel()["text"])
        if function_execution_id:
            workflow.fail(client, execution_id=function_execution_id,
                          reason=notices.no_sales_channel()["text"])
        return
    now = deps.clock()
    replaced: list[str] = []

    def decide() -> tuple[blocks.Message | None, Outcome | None, bool] | None:
        """What /qualify leads to: a flow picker, or the draft's open question (and
        whether it was resumed); None for a redelivery."""
        with transaction(deps.sessions) as s:
            if not _taken_in(s, delivery, now):
                return None
            lead_id, lead = store.lead_for(s, team_id=team_id, name=lead_name, now=now)
            draft = store.open_draft(s, lead_id=lead_id, sdr=user)
            resumed = draft is not None and draft[1] in deps.flows
            enabled = deps.enabled(team_id)
            if not resumed and flow_id is None and len(enabled) > 1:
                return notices.pick_flow(lead, [deps.flows[f] for f in enabled]), None, False
            if draft is not None and resumed:
                qid = draft[0]  # typed replies in this DM belong to it now
                store.point_dm(s, qualification_id=qid, channel=channel, now=now)
            else:
                if draft is not None:  # its flow is gone: close it, start afresh
                    store.close_draft(s, qualification_id=draft[0])
                flow = deps.flows.get(flow_id or "") or deps.default_flow(team_id)
                qid = store.start_qualification(s, lead_id=lead_id, flow=flow, sdr=user,
                                                now=now, dm_channel=channel)
            older = store.set_source(s, qualification_id=qid, source_url=source_url,
                                     function_execution_id=function_execution_id)
            replaced[:] = [older] if older else []
            row = steps.lock_step(s, qualification_id=qid)
            assert row is not None
            first: Event = answers or (Notes(notes, now.date()) if notes else Start())
            return None, _apply(deps, s, row, first, now), resumed

    decided = retrying(decide)
    for older in replaced:  # a workflow run before this one, on the same draft
        workflow.fail(client, execution_id=older, reason="A later run of the workflow took "
                      "over this qualification.")
    if decided is None:
        return
    picker, outcome, resumed = decided
    if picker is not None:
        client.chat_postMessage(channel=channel, **picker)
        return
    if outcome is not None:
        log.info("qualification %s %s by %s", outcome.qualification_id,
                 "resumed" if resumed else "started", user)
        speak(deps, client, outcome, user=user, clicked_ts=None)


def answer(deps: Deps, client: WebClient, *, qualification_id: int, user: str, event: Event,
           message_ts: str | None = None, delivery: str | None = None,
           team_id: str | None = None) -> None:
    """Apply a click or a typed reply to a qualification and say what comes next
    (``delivery``: the Slack delivery it came in, taken in with the answer; ``team_id``:
    the team the request came from, whose qualification it must be)."""
    if message_ts is None and deps.withdraw_pointers is not None:
        # A typed reply (or notes) answers the message last asked with, if its pointer is
        # stored: one that waits to be stored is stored now, before the step reads it.
        waiting = deps.withdraw_pointers(lambda p: p.qualification_id == qualification_id)
        if waiting:
            store_pointers(deps, client, waiting)
    outcome = retrying(lambda: _decide(deps, qualification_id=qualification_id, user=user,
                                       event=event, delivery=delivery, team_id=team_id,
                                       message_ts=message_ts))
    if outcome is None:
        return
    if outcome.clicked_ts and deps.withdraw_pointers is not None:
        # Its step stored where the message clicked is: its pointer has nothing left to do.
        deps.withdraw_pointers(lambda p: p.qualification_id == outcome.qualification_id
                               and p.ts == outcome.clicked_ts)
    speak(deps, client, outcome, user=user, clicked_ts=message_ts)
    if deps.after_step is not None:  # e.g. a closed draft leaves the SDR's Home tab
        deps.after_step(deps, client, user, outcome.team_id, outcome.reply)


def typed(deps: Deps, client: WebClient, *, user: str, channel: str, text: str,
          team_id: str | None = None) -> None:
    """A message the SDR typed in their DM with the bot."""
    with deps.readers() as s:
        qual = store.latest_draft_in_dm(s, sdr=user, channel=channel, team_id=team_id)
        qid = qual.id if qual else None
    if qid is None:
        client.chat_postMessage(channel=channel, **notices.nothing_open())
        return
    answer(deps, client, qualification_id=qid, user=user, team_id=team_id,
           event=Say(blocks.unescape(text), deps.clock().date()))


def open_notes(deps: Deps, client: WebClient, *, qualification_id: int, user: str,
               trigger_id: str, team_id: str | None = None) -> None:
    """The *Paste call notes* form, for an SDR's own open draft."""
    with deps.readers() as r:
        row = steps.read_step(r, qualification_id=qualification_id)
    if row is None or not _theirs(row, user, team_id) or row.status != "draft":
        log.warning("notes form for qualification %s by %s refused: not an open draft of "
                    "theirs", qualification_id, user)
        return
    client.views_open(trigger_id=trigger_id,
                      view=views.notes_modal(qualification_id, row.lead_name))


def open_form(deps: Deps, client: WebClient, *, qualification_id: int, user: str,
              trigger_id: str, team_id: str | None = None) -> None:
    """*Answer in a form*, for an SDR's own open draft: its answers filled in."""
    with deps.readers() as r:
        row = steps.read_step(r, qualification_id=qualification_id)
    flow = deps.flows.get(row.flow_id) if row is not None else None
    if row is None or flow is None or not _theirs(row, user, team_id) or row.status != "draft":
        log.warning("answers form for qualification %s by %s refused: not an open draft of "
                    "theirs", qualification_id, user)
        return
    client.views_open(trigger_id=trigger_id, view=forms.answers_modal(
        flow=flow, lead=row.lead_name, draft=steps.as_draft(row, flow),
        qualification_id=qualification_id))


def history(deps: Deps, *, team_id: str, lead_name: str,
            flow_id: str | None = None) -> blocks.Message:
    """``/qualify history <lead>``: every qualification of the lead and its score (with
    ``flow_id``, those scored with that flow only)."""
    with deps.readers() as s:
        lead = store.lead_history(s, team_id=team_id, name=lead_name)
        rows = [(q.completed_at or q.created_at, q.sdr_user_id, deps.flow_name(q.flow_id),
                 q.status, q.score.total if q.score else None,
                 q.score.max_total if q.score else None,
                 (q.score.verdict_label or q.score.verdict) if q.score else None)
                for q in (lead.qualifications if lead else [])
                if flow_id is None or q.flow_id == flow_id]
        name = lead.name if lead else lead_name
    return summaries.history(name, rows)


def _theirs(row: steps.StepRow, user: str, team_id: str | None) -> bool:
    """The SDR's own qualification, of the team the request came from (an id forged in a
    button's value or a form's metadata, of another team's draft, is nobody's)."""
    return row.sdr_user_id == user and (team_id is None or row.team_id == team_id)


def _decide(deps: Deps, *, qualification_id: int, user: str, event: Event,
            delivery: str | None = None, team_id: str | None = None,
            message_ts: str | None = None) -> Outcome | None:
    """One step. It is decided on a read that locks nothing, then stored in one short
    transaction with the delivery taken in (``delivery``: a retry of it changes nothing),
    if no other step changed the qualification meanwhile; if one did, it is decided again
    on the locked row. Writers thus hold the lock only to write."""
    now = deps.clock()
    with deps.readers() as r:
        seen = steps.read_step(r, qualification_id=qualification_id)
        if seen is None or not _theirs(seen, user, team_id):
            log.warning("answer for qualification %s by %s ignored: not theirs",
                        qualification_id, user)
            return None
        plan = _plan(deps, r, seen, event, message_ts)
    if plan is None:
        return None
    with transaction(deps.sessions) as s:
        if not _taken_in(s, delivery, now):
            return None
        row = steps.recheck(s, row=seen)
        if row is None:  # another step came first: decide again, on the locked row
            row = steps.lock_step(s, qualification_id=qualification_id)
            return _apply(deps, s, row, event, now, message_ts) if row is not None else None
        return _store(deps, s, row, plan, now)


def _taken_in(s: Session, delivery: str | None, now: datetime) -> bool:
    """Record the Slack delivery in this transaction; False for a redelivery."""
    if delivery is None or deliveries.first_delivery(s, key=delivery, now=now):
        return True
    log.info("redelivery of %s ignored", delivery.split(":", 1)[0])
    return False


@dataclass(frozen=True)
class _Plan:
    """What a step decided, before it is stored."""

    flow: Flow
    before: Draft
    after: Draft
    reply: Reply
    previous: verdicts.PreviousScore | None  # the lead's last score before this one
    notes: str | None = None  # call notes the step read, kept with the qualification
    clicked: tuple[str, str] | None = None  # the message a click answered: ts, what it asked


def _plan(deps: Deps, s: Session, row: steps.StepRow, event: Event,
          message_ts: str | None = None) -> _Plan | None:
    """``flows.step`` on a row (and, for a review, the lead's previous score);
    ``message_ts``: the message clicked, if it was a click."""
    flow = deps.flows.get(row.flow_id)
    if flow is None:
        log.error("qualification %s uses flow '%s', which is no longer configured",
                  row.id, row.flow_id)
        return None
    before = steps.as_draft(row, flow)
    after, reply = step(flow, before, event)
    reviewing = isinstance(reply, Review | Finished) or (
        isinstance(reply, NotesRead) and isinstance(reply.next, Review))
    previous = verdicts.previous_score(s, lead_id=row.lead_id, before_id=row.id) \
        if reviewing else None
    notes = event.text if isinstance(reply, NotesRead) and isinstance(event, Say | Notes) \
        else None
    return _Plan(flow, before, after, reply, previous, notes,
                 _clicked(flow, before, after, reply, event, message_ts))


def _clicked(flow: Flow, before: Draft, after: Draft, reply: Reply, event: Event,
             message_ts: str | None) -> tuple[str, str] | None:
    """The message clicked and what it asked, if the click answered what was open: its
    question's buttons (or Yes under "Did you mean …?") gave that question its answer, or
    Submit on the review made the draft final."""
    opened = steps.asking(flow, before)
    if not message_ts or opened is None:
        return None
    if isinstance(event, Submit):
        return (message_ts, opened) if opened == steps.REVIEW and isinstance(
            reply, Finished) else None
    if not isinstance(event, Pick | Confirm) or event.question_id != opened:
        return None
    now = after.answer_for(opened)
    return (message_ts, opened) if now is not None and now != before.answer_for(opened) \
        else None


def _store(deps: Deps, s: Session, row: steps.StepRow, plan: _Plan,
           now: datetime) -> Outcome:
    """A planned step stored in the caller's transaction, on a row locked and unchanged."""
    updated_at, handoff_id, revision, placed = row.updated_at, None, row.revision, None
    if plan.after != plan.before:
        steps.save_step(s, row=row, flow=plan.flow, draft=plan.after, now=now,
                        clicked=plan.clicked)
        updated_at, revision = now, row.revision + 1
    if plan.notes:
        store.keep_notes(s, qualification_id=row.id, notes=plan.notes[:10_000])
    if isinstance(plan.reply, Finished):
        score = plan.reply.score
        team = deps.team_settings(row.team_id)
        sales = team.sales_channel or None
        if deps.routing is not None and score.qualified and deps.routing.serves(row.team_id):
            placed = desk.place(s, routing=deps.routing, flow=plan.flow, score=score,
                                answers={a.question_id: a.choice_id for a in plan.after.answers},
                                sales_channel=sales, now=now, team_id=row.team_id,
                                unavailable=deps.unavailable())
        handoff_id = verdicts.record_score(s, qualification_id=row.id, score=score,
                                        now=now, sales_channel=sales,
                                        webhook=team.crm_webhook, placed=placed)
    routed = (placed.channel, placed.assigned_to) if placed is not None else None
    return Outcome(row.id, row.lead_name, row.flow_id, plan.before, plan.after, plan.reply,
                   row.dm_channel, row.question_ts, row.asked_question_id,
                   row.preview_ts, updated_at, plan.previous, handoff_id, revision,
                   row.function_execution_id, routed, row.team_id,
                   plan.clicked[0] if plan.clicked and plan.after != plan.before else None)


def _apply(deps: Deps, s: Session, row: steps.StepRow, event: Event,
           now: datetime, message_ts: str | None = None) -> Outcome | None:
    """``flows.step`` on a locked row, its result stored in the caller's transaction."""
    plan = _plan(deps, s, row, event, message_ts)
    return _store(deps, s, row, plan, now) if plan is not None else None

