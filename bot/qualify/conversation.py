"""Running a qualification: Slack in, ``flows.step`` in the middle, Slack out.

Each answer is committed before anything is posted, so a crash at any moment
loses at most the click in flight; Slack calls happen after the commit.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot.core.db import retrying, transaction
from bot.core.deps import Deps
from bot.core.errors import describe
from bot.core.pointer import Pointer
from bot.qualify import forms, steps, store, verdicts, views, workflow
from bot.routing import desk
from bot.slack import blocks, deliveries
from bot.slack.dm import open_dm
from bot.slack.workspaces import team_client
from flows.conversation import (
    Ask,
    Cancelled,
    ChooseEdit,
    Event,
    Explain,
    Fill,
    Finished,
    Notes,
    NotesRead,
    Reply,
    Review,
    Say,
    Stale,
    Start,
    step,
)
from flows.model import Answer, Draft, Flow, Kind

log = logging.getLogger(__name__)
REPOST_AFTER = 5.0  # a stale click re-posts the open question only if it never appeared


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
    asked: str | None  # what the message at question_ts asks (a question id, or REVIEW)
    preview_ts: str | None
    updated_at: datetime
    previous: verdicts.PreviousScore | None = None
    handoff_id: int | None = None
    revision: int | None = None  # the qualification's, once this step is stored
    function_execution_id: str | None = None  # a Workflow Builder step waiting for it
    routed: tuple[str, str | None] | None = None  # routing: the channel and the AE, if any
    team_id: str = ""  # the lead's workspace


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
        client.chat_postMessage(channel=channel, text=views.no_sales_channel()["text"])
        if function_execution_id:
            workflow.fail(client, execution_id=function_execution_id,
                          reason=views.no_sales_channel()["text"])
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
                return views.pick_flow(lead, [deps.flows[f] for f in enabled]), None, False
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
        _speak(deps, client, outcome, user=user, clicked_ts=None)


def answer(deps: Deps, client: WebClient, *, qualification_id: int, user: str, event: Event,
           message_ts: str | None = None, delivery: str | None = None,
           team_id: str | None = None) -> None:
    """Apply a click or a typed reply to a qualification and say what comes next
    (``delivery``: the Slack delivery it came in, taken in with the answer; ``team_id``:
    the team the request came from, whose qualification it must be)."""
    outcome = retrying(lambda: _decide(deps, qualification_id=qualification_id, user=user,
                                       event=event, delivery=delivery, team_id=team_id))
    if outcome is None:
        return
    _speak(deps, client, outcome, user=user, clicked_ts=message_ts)
    if deps.after_step is not None:  # e.g. a closed draft leaves the SDR's Home tab
        deps.after_step(deps, client, user, outcome.team_id, outcome.reply)


def typed(deps: Deps, client: WebClient, *, user: str, channel: str, text: str,
          team_id: str | None = None) -> None:
    """A message the SDR typed in their DM with the bot."""
    with deps.readers() as s:
        qual = store.latest_draft_in_dm(s, sdr=user, channel=channel, team_id=team_id)
        qid = qual.id if qual else None
    if qid is None:
        client.chat_postMessage(channel=channel, **views.nothing_open())
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
    return views.history(name, rows)


def _theirs(row: steps.StepRow, user: str, team_id: str | None) -> bool:
    """The SDR's own qualification, of the team the request came from (an id forged in a
    button's value or a form's metadata, of another team's draft, is nobody's)."""
    return row.sdr_user_id == user and (team_id is None or row.team_id == team_id)


def _decide(deps: Deps, *, qualification_id: int, user: str, event: Event,
            delivery: str | None = None, team_id: str | None = None) -> Outcome | None:
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
        plan = _plan(deps, r, seen, event)
    if plan is None:
        return None
    with transaction(deps.sessions) as s:
        if not _taken_in(s, delivery, now):
            return None
        row = steps.recheck(s, row=seen)
        if row is None:  # another step came first: decide again, on the locked row
            row = steps.lock_step(s, qualification_id=qualification_id)
            return _apply(deps, s, row, event, now) if row is not None else None
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


def _plan(deps: Deps, s: Session, row: steps.StepRow, event: Event) -> _Plan | None:
    """``flows.step`` on a row (and, for a review, the lead's previous score)."""
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
    return _Plan(flow, before, after, reply, previous, notes)


def _store(deps: Deps, s: Session, row: steps.StepRow, plan: _Plan,
           now: datetime) -> Outcome:
    """A planned step stored in the caller's transaction, on a row locked and unchanged."""
    updated_at, handoff_id, revision, placed = row.updated_at, None, row.revision, None
    if plan.after != plan.before:
        steps.save_step(s, row=row, flow=plan.flow, draft=plan.after, now=now)
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
                   row.function_execution_id, routed, row.team_id)


def _apply(deps: Deps, s: Session, row: steps.StepRow, event: Event,
           now: datetime) -> Outcome | None:
    """``flows.step`` on a locked row, its result stored in the caller's transaction."""
    plan = _plan(deps, s, row, event)
    return _store(deps, s, row, plan, now) if plan is not None else None


def _speak(deps: Deps, client: WebClient, o: Outcome, *, user: str,
           clicked_ts: str | None) -> None:
    channel = o.dm_channel or open_dm(client, user)
    flow = deps.flows[o.flow_id]
    reply = o.reply
    match reply:
        case Stale(current=current):
            number = current.number if isinstance(current, Ask) else None
            client.chat_postEphemeral(channel=channel, user=user, **views.stale(
                number, reviewing=isinstance(current, Review)))
            quiet = (deps.clock() - o.updated_at).total_seconds() > REPOST_AFTER
            if current is not None and o.asked != steps.asking(flow, o.after) and quiet:
                _post_open(deps, client, o, channel, current)  # its message was never posted
            return
        case Explain(question=question):
            term = deps.terms(o.team_id).get(question.help_term or question.criterion)
            client.chat_postEphemeral(channel=channel, user=user,
                                      **views.question_help(question, term))
            return
        case ChooseEdit(answers=answers):
            client.chat_postMessage(channel=channel, **views.choose_edit(
                flow, answers, o.lead, o.qualification_id))
            return
        case Ask() | Review():
            _post_open(deps, client, o, channel, reply)
        case NotesRead(next=following):
            log.info("qualification %s: notes filled %d answer(s), proposed %d",
                     o.qualification_id, len(reply.filled), len(reply.proposed))
            client.chat_postMessage(channel=channel, **views.notes_read(reply, o.lead))
            _post_open(deps, client, o, channel, following)
            was = clicked_ts or (o.question_ts if o.asked == steps.asking(flow, o.before)
                                 else None)
            asked = steps.asking(flow, o.before)
            answer_now = o.after.answer_for(asked) if asked else None
            if was and o.asked != steps.REVIEW:
                _tidy(client, channel, was, _answered(flow, o.lead, answer_now)
                      if answer_now is not None else views.asked_again())
            return
        case Finished(score=score):
            log.info("qualification %s submitted: %s/%s, %s", o.qualification_id, score.total,
                     score.max_total, score.verdict)
            if o.handoff_id is not None:
                deps.wake_courier()
            channel_to, ae = o.routed or (deps.sales_channel(o.team_id), None)
            final = views.summary(score, o.lead, flow.name, channel_to, _changes(o),
                                  final=True, assigned_to=ae)
            review_ts = clicked_ts or (o.question_ts if o.asked == steps.REVIEW else None)
            final_ts = _replace_or_post(client, channel, review_ts, final)
            _tidy(client, channel, o.preview_ts, views.preview_superseded())
            if o.function_execution_id and workflow.complete(
                    client, execution_id=o.function_execution_id, score=score,
                    url=workflow.permalink(client, channel, final_ts)):
                _step_told(deps, o)
        case Cancelled():
            log.info("qualification %s cancelled", o.qualification_id)
            # Replace the open message only if it is the one that was open (a typed cancel
            # may beat the pointer to the newest question).
            current = clicked_ts or (o.question_ts if o.asked == steps.asking(flow, o.before)
                                     else None)
            _replace_or_post(client, channel, current, views.cancelled(o.lead))
            if o.function_execution_id and workflow.fail(
                    client, execution_id=o.function_execution_id,
                    reason=workflow.cancelled(o.lead)):
                _step_told(deps, o)

    # Then tidy the message answered (or re-asked): nice to have, so never in the way.
    new_answer = next((a for a in o.after.answers if a not in o.before.answers), None)
    if new_answer is not None:
        # A click names its message; a typed reply answers the message we last asked
        # with, if its ts is stored yet (otherwise _post_open tidies it once it is).
        ts = clicked_ts or (o.question_ts if o.asked == new_answer.question_id else None)
        if ts:
            _tidy(client, channel, ts, _answered(flow, o.lead, new_answer))
    elif (isinstance(reply, Ask | Review) and (
            getattr(reply, "unclear", None) is not None
            or getattr(reply, "proposal", None) is not None or getattr(reply, "rejected", False))
          and (clicked_ts or (o.question_ts and o.asked == steps.asking(flow, o.after)))):
        _tidy(client, channel, clicked_ts or o.question_ts, views.asked_again())


def _step_told(deps: Deps, o: Outcome) -> None:
    """The Workflow Builder step knows the outcome (else ``idle.tell_steps`` tells it)."""
    assert o.function_execution_id is not None
    with transaction(deps.sessions) as s:
        verdicts.step_done(s, qualification_id=o.qualification_id,
                        execution_id=o.function_execution_id, now=deps.clock())


def _changes(o: Outcome) -> views.Changes | None:
    if o.previous is None:
        return None
    return views.Changes(o.previous.total, o.previous.created_at,
                          {i["question_id"]: i for i in o.previous.items})


def _answered(flow: Flow, lead: str, a: Answer) -> blocks.Message | None:
    q = flow.question(a.question_id)
    choice = q.choice(a.choice_id) if q else None
    if q is None or (choice is None and q.kind is not Kind.TEXT):
        return None
    return views.answered(q, choice, lead, flow.index(q.id) + 1, len(flow.questions), a.typed,
                           a.source)


def _clicked(a: Answer) -> bool:
    """An answer picked by a click on one of its question's buttons (nothing typed, not
    read from notes): the click names that message, and its step tidies it. (A choice made
    in the answers form is one too, but that form takes seconds: by then the pointer of
    the question it answers is long stored.)"""
    return a.typed is None and a.source is None


def _tidy(client: WebClient, channel: str, ts: str | None,
          message: blocks.Message | None) -> None:
    if not ts or message is None:
        return
    try:
        client.chat_update(channel=channel, ts=ts, **message)
    except (SlackApiError, OSError) as e:  # OSError: Slack unreachable
        log.warning("could not tidy an earlier message in %s: %s", channel, describe(e))


def _replace_or_post(client: WebClient, channel: str, ts: str | None,
                     message: blocks.Message) -> str | None:
    """The message at ``ts`` replaced, or a new one posted; its ts."""
    if ts:
        try:
            client.chat_update(channel=channel, ts=ts, **message)
            return ts
        except SlackApiError as e:
            log.warning("could not update message in %s (%s); posting anew", channel,
                        describe(e))
    return client.chat_postMessage(channel=channel, **message).get("ts")


def _post_open(deps: Deps, client: WebClient, o: Outcome, channel: str,
               reply: Ask | Review) -> None:
    """Post what the SDR must answer now and remember its message."""
    flow = deps.flows[o.flow_id]
    preview = None
    if isinstance(reply, Review):
        if reply.unclear is None:
            preview = client.chat_postMessage(channel=channel, **views.summary(
                reply.score, o.lead, flow.name, deps.sales_channel(o.team_id),
                _changes(o), final=False))
        message, asked = views.review(reply, o.lead, o.qualification_id), steps.REVIEW
    else:
        message = views.question(reply, o.lead, o.qualification_id)
        asked = reply.question.id
    posted = client.chat_postMessage(channel=channel, **message)
    pointer = Pointer(o.qualification_id, o.flow_id, o.lead, channel, posted["ts"], asked,
                      preview["ts"] if preview is not None else None,
                      (o.revision, o.updated_at) if o.revision is not None else None)
    if deps.remember is not None:
        deps.remember(pointer)  # stored with others posted meanwhile, off this thread
    else:
        store_pointers(deps, client, [pointer])


def store_pointers(deps: Deps, client: WebClient, pointers: list[Pointer]) -> None:
    """Store the pointers in one transaction. One that comes too late (a quick typed reply
    answered its question first) moves nothing back; its message is shown answered, unless
    a click on its own buttons answered it: that click's step shows it answered already."""
    answered: list[tuple[Pointer, blocks.Message | None, str]] = []
    with transaction(deps.sessions) as s:
        # In the order of their rows (a stable sort: a qualification's later pointer still
        # comes last), so that two batches never wait for each other's rows.
        for p in sorted(pointers, key=lambda p: p.qualification_id):
            flow = deps.flows.get(p.flow_id)
            if flow is None:
                continue
            row, kept = steps.set_question_ts(s, qualification_id=p.qualification_id,
                                              flow=flow, channel=p.channel, ts=p.ts,
                                              asked=p.asked, seen=p.seen)
            if kept and p.preview_ts is not None:
                steps.set_preview_ts(s, qualification_id=p.qualification_id, ts=p.preview_ts)
            if row is not None and not kept and p.asked != steps.REVIEW:
                a = steps.as_draft(row, flow).answer_for(p.asked)
                if a is None or not _clicked(a):
                    answered.append((p, _answered(flow, p.lead, a) if a else None,
                                     row.team_id))
    for p, message, team in answered:  # after the commit; _tidy reports its own failures
        theirs = team_client(deps, team, client)
        if theirs is not None:
            _tidy(theirs, p.channel, p.ts, message)
