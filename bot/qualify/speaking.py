"""What a stored step says in Slack: the next question or the review posted (and its
pointer handed on), a stale click answered, the summary and the verdict, a cancel, the
Workflow Builder step told, and the messages answered tidied.

Called after the step's commit; nothing here decides a step.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.db import transaction
from bot.core.deps import Deps
from bot.core.errors import describe
from bot.core.pointer import Pointer
from bot.qualify import steps, summaries, verdicts, views, workflow
from bot.qualify.pointers import answered, store_pointers, tidy
from bot.slack import blocks
from bot.slack.dm import open_dm
from flows.conversation import (
    Ask,
    Cancelled,
    ChooseEdit,
    Explain,
    Finished,
    NotesRead,
    Reply,
    Review,
    Stale,
)
from flows.model import Draft

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
    clicked_ts: str | None = None  # the message a click answered, stored as the pointer


def speak(deps: Deps, client: WebClient, o: Outcome, *, user: str,
          clicked_ts: str | None) -> None:
    """Say in the SDR's DM what the step ``o`` replied (``clicked_ts``: the message clicked,
    if it was a click)."""
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
            client.chat_postMessage(channel=channel, **summaries.choose_edit(
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
                tidy(client, channel, was, answered(flow, o.lead, answer_now)
                     if answer_now is not None else views.asked_again())
            return
        case Finished(score=score):
            log.info("qualification %s submitted: %s/%s, %s", o.qualification_id, score.total,
                     score.max_total, score.verdict)
            if o.handoff_id is not None:
                deps.wake_courier()
            channel_to, ae = o.routed or (deps.sales_channel(o.team_id), None)
            final = summaries.summary(score, o.lead, flow.name, channel_to, _changes(o),
                                  final=True, assigned_to=ae)
            review_ts = clicked_ts or (o.question_ts if o.asked == steps.REVIEW else None)
            final_ts = _replace_or_post(client, channel, review_ts, final)
            tidy(client, channel, o.preview_ts, summaries.preview_superseded())
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
            _replace_or_post(client, channel, current, summaries.cancelled(o.lead))
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
            tidy(client, channel, ts, answered(flow, o.lead, new_answer))
    elif (isinstance(reply, Ask | Review) and (
            getattr(reply, "unclear", None) is not None
            or getattr(reply, "proposal", None) is not None or getattr(reply, "rejected", False))
          and (clicked_ts or (o.question_ts and o.asked == steps.asking(flow, o.after)))):
        tidy(client, channel, clicked_ts or o.question_ts, views.asked_again())


def _step_told(deps: Deps, o: Outcome) -> None:
    """The Workflow Builder step knows the outcome (else ``idle.tell_steps`` tells it)."""
    assert o.function_execution_id is not None
    with transaction(deps.sessions) as s:
        verdicts.step_done(s, qualification_id=o.qualification_id,
                        execution_id=o.function_execution_id, now=deps.clock())


def _changes(o: Outcome) -> summaries.Changes | None:
    if o.previous is None:
        return None
    return summaries.Changes(o.previous.total, o.previous.created_at,
                          {i["question_id"]: i for i in o.previous.items})


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
            preview = client.chat_postMessage(channel=channel, **summaries.summary(
                reply.score, o.lead, flow.name, deps.sales_channel(o.team_id),
                _changes(o), final=False))
        message, asked = summaries.review(reply, o.lead, o.qualification_id), steps.REVIEW
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
