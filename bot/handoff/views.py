"""Block Kit for the handoff card in the sales channel, its form and reminders."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.core.models import Handoff
from bot.qualify.verdicts import score_of
from bot.slack.blocks import (
    CLAIM_ACTION,
    PASS_ACTION,
    PASS_VIEW,
    RETRY_HANDOFF_ACTION,
    SEND_BACK_ACTION,
    SEND_BACK_VIEW,
    Message,
    button,
    context,
    cut,
    esc,
    line_items,
    mention,
    plain,
    section,
    when,
)
from flows.model import Score
from flows.scoring import explain


def handoff_marker(handoff_id: int) -> str:
    """The card's first block_id: how a retry finds a card that did get posted."""
    return f"qualibot-handoff-{handoff_id}"


def handoff_card(*, handoff_id: int, lead: str, score: Score, sdr: str, flow_name: str,
                 claimed_by: str | None = None, claimed_at: datetime | None = None,
                 sent_back_by: str | None = None, sent_back_reason: str | None = None,
                 source_url: str | None = None, assigned_to: str | None = None,
                 routed: str | None = None) -> Message:
    """The card; ``source_url`` is the message the qualification was started from; with
    routing, ``assigned_to`` is the AE it is for until accepted (Accept, Pass) and
    ``routed`` the routing decision explained (mentions and channel links are ours;
    nothing typed is in it)."""
    name = esc(lead)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "block_id": handoff_marker(handoff_id),
         "text": plain(f"Qualified lead: {lead}")},
        section(f"*{name}* scored *{score.total}* out of {score.max_total} "
                 f"(qualifies at {score.threshold}), qualified by {mention(sdr)}."),
        section(line_items(score)),
        context(f"{esc(explain(score))} · {esc(flow_name)} `{score.flow_version}`"),
    ]
    if source_url and _linkable(source_url):
        blocks.append(context(f":speech_balloon: From a message: <{source_url}|see where the "
                               "lead showed up>"))
    if routed:
        blocks.append(context(f":twisted_rightwards_arrows: Routed by {cut(routed, 2500)}"))
    buttons = []
    if sent_back_by:
        reason = esc(cut(sent_back_reason or "", 1500))
        blocks.append(section(f":leftwards_arrow_with_hook: Sent back to {mention(sdr)} by "
                               f"{mention(sent_back_by)}: {reason}"))
    elif claimed_by:
        on = f" on {when(claimed_at)}" if claimed_at else ""
        blocks.append(section(f":handshake: Claimed by {mention(claimed_by)}{on}."))
        buttons.append(button("Send back", SEND_BACK_ACTION, str(handoff_id)))
    elif assigned_to:
        blocks.append(section(f":dart: For {mention(assigned_to)}: accept it, or pass it on "
                               "with a reason."))
        buttons += [button("Accept", CLAIM_ACTION, str(handoff_id), style="primary"),
                    button("Pass", PASS_ACTION, str(handoff_id)),
                    button("Send back", SEND_BACK_ACTION, str(handoff_id))]
    else:
        buttons += [button("Claim this lead", CLAIM_ACTION, str(handoff_id), style="primary"),
                    button("Send back", SEND_BACK_ACTION, str(handoff_id))]
    if buttons:
        blocks.append({"type": "actions", "block_id": f"handoff:{handoff_id}",
                       "elements": buttons})
    text = f"Qualified lead: {lead}, {score.total}/{score.max_total} points, from "
    unclaimed = assigned_to and not (claimed_by or sent_back_by)
    return {"text": esc(text) + mention(sdr) + (f", for {mention(assigned_to)}" if unclaimed
                                                else ""), "blocks": blocks}


def card_of(h: Handoff, flow_name: str) -> Message:
    """A stored handoff's card as it should look now."""
    q = h.qualification
    assert q.score is not None, f"handoff {h.id} has no score"
    why = (h.route or {}).get("why")
    return handoff_card(
        handoff_id=h.id, lead=q.lead.name, score=score_of(q.score), sdr=q.sdr_user_id,
        flow_name=flow_name, claimed_by=h.claimed_by, claimed_at=h.claimed_at,
        sent_back_by=h.sent_back_by, sent_back_reason=h.sent_back_reason,
        source_url=q.source_url, assigned_to=h.assigned_to, routed=str(why) if why else None)


def _linkable(url: str) -> bool:
    """A stored permalink that Slack's link markup carries as it is."""
    return url.startswith("https://") and not any(c in url for c in " \t\n<>|")


def claimed_already(owner: str) -> Message:
    return {"text": f"{mention(owner)} has already claimed this lead.",
            "response_type": "ephemeral", "replace_original": False}


def assigned_elsewhere(owner: str) -> Message:
    return {"text": f"This lead is for {mention(owner)}: only they can accept it or pass it on.",
            "response_type": "ephemeral", "replace_original": False}


def pass_modal(handoff_id: int, lead: str, card: tuple[str, str] | None = None
               ) -> dict[str, Any]:
    """Why the assigned AE passes the lead on; the next AE of the group gets it."""
    return _reason_modal(
        PASS_VIEW, handoff_id, card, title="Pass a lead on", submit="Pass it on",
        intro=f"*{esc(lead)}* goes to the next AE of the group, with your reason.",
        question="Why pass it on?",
        example="e.g. conflicts with an account I own; out tomorrow")


def passed_on(by: str, reason: str, to: str | None) -> Message:
    """Said in the card's thread: who passed it, why, and to whom it went."""
    where = f"now for {mention(to)}" if to else "open to the first to claim it"
    text = (f":arrow_right: {mention(by)} passed this lead on ({esc(cut(reason, 1500))}): "
            f"{where}.")
    return {"text": text, "blocks": [section(text)]}


def reassigned(after_minutes: float | None, was: str, to: str | None,
               escalate_to: Sequence[str]) -> Message:
    """Said in the card's thread when the window ran out."""
    within = f" within {after_minutes:g} min" if after_minutes else ""
    if to:
        text = (f":arrows_counterclockwise: Not accepted by {mention(was)}{within}: now for "
                f"{mention(to)}.")
    else:
        who = " ".join(f"<!subteam^{x}>" if x.startswith("S") else mention(x)
                       for x in escalate_to)
        text = (f":rotating_light: Not accepted by {mention(was)}{within}, and nobody is left "
                f"to reassign it to: open to anyone now." + (f" {who}: can someone take it?"
                                                             if who else ""))
    return {"text": text, "blocks": [section(text)]}


def send_back_modal(handoff_id: int, lead: str, card: tuple[str, str] | None = None
                    ) -> dict[str, Any]:
    """The reason form; ``card`` (channel, ts) is the card clicked, kept for the submit."""
    return _reason_modal(
        SEND_BACK_VIEW, handoff_id, card, title="Send back a lead", submit="Send back",
        intro=f"*{esc(lead)}* goes back to the SDR who qualified it, with your reason.",
        question="Why is it not ready?",
        example="e.g. not the decision maker; budget is next year's")


def _reason_modal(callback_id: str, handoff_id: int, card: tuple[str, str] | None, *,
                  title: str, submit: str, intro: str, question: str,
                  example: str) -> dict[str, Any]:
    """A form asking why, about one card: the handoff and the card clicked (channel, ts)
    ride in its metadata to the submit."""
    meta = f"{handoff_id}:{card[0]}:{card[1]}" if card else str(handoff_id)
    return {
        "type": "modal", "callback_id": callback_id, "private_metadata": meta,
        "title": plain(title, 24), "submit": plain(submit, 24), "close": plain("Cancel", 24),
        "blocks": [
            section(intro),
            {"type": "input", "block_id": "reason", "label": plain(question),
             "element": {"type": "plain_text_input", "action_id": "text", "multiline": True,
                         "min_length": 3, "max_length": 1500,
                         "placeholder": plain(example)}},
        ],
    }


def sent_back_to_sdr(lead: str, by: str, reason: str) -> Message:
    text = (f":leftwards_arrow_with_hook: {mention(by)} sent *{esc(lead)}* back: "
            f"{esc(cut(reason, 1500))}\nWhen it's ready, qualify it again with "
            f"`/qualify {esc(cut(lead, 100))}`; its score history is kept.")
    return {"text": text, "blocks": [section(text)]}


def sla_reminder(*, after_minutes: float, escalate_to: Sequence[str], reminder: int) -> Message:
    who = " ".join(f"<!subteam^{x}>" if x.startswith("S") else mention(x) for x in escalate_to)
    hours = f"{after_minutes / 60:g} h" if after_minutes >= 60 else f"{after_minutes:g} min"
    text = (f":alarm_clock: Still unclaimed after {hours}"
            + (f" (reminder {reminder})" if reminder > 1 else "")
            + (f". {who}: can someone take it?" if who else ". Can someone take it?"))
    return {"text": text, "blocks": [section(text)]}


# Slack's answers when the bot cannot post in the channel any more: inviting it back
# (or fixing the channel) is the remedy, and the card is sent again when it is invited.
CHANNEL_GONE = frozenset({"not_in_channel", "channel_not_found", "is_archived",
                          "channel_is_archived"})


def handoff_undeliverable(lead: str, channel: str, error: str, handoff_id: int) -> Message:
    """Told to the SDR: the card could not be posted, with *Try again*."""
    remedy = (f"Invite me back to <#{channel}> (`/invite @qualibot`) and I'll post it at "
              "once, or click *Try again* once the channel is fixed"
              if error in CHANNEL_GONE else "Click *Try again* once it's fixed")
    text = (f":warning: *{esc(lead)}* is qualified, but I couldn't post it to <#{channel}> "
            f"(`{esc(error)}`). {remedy}; an admin can also run `qualibot handoffs retry`. "
            "The lead is kept until then.")
    return {"text": text, "blocks": [
        section(text),
        {"type": "actions", "block_id": f"handoff_retry:{handoff_id}",
         "elements": [button("Try again", RETRY_HANDOFF_ACTION, str(handoff_id),
                              style="primary")]},
    ]}


def rerouted(lead: str, channel: str, sales: str, error: str) -> Message:
    """Told to the SDR: the channel routing chose refused the card; the sales channel has it."""
    text = (f":warning: *{esc(lead)}* is qualified, but <#{channel}>, where the routing rules "
            f"send it, refused it (`{esc(error)}`): I've posted it to <#{sales}> instead. "
            "Ask an admin to fix the channel or the routing rules.")
    return {"text": text, "blocks": [section(text)]}


def sending_again(lead: str, channel: str) -> Message:
    text = (f":arrows_counterclockwise: Sending *{esc(lead)}* to <#{channel}> again. If it "
            "fails again, I'll tell you here.")
    return {"text": text, "blocks": [section(text)]}


def handoff_posted_now(lead: str, channel: str) -> Message:
    """Told to the SDR once a card that had failed is posted after all."""
    text = f":white_check_mark: *{esc(lead)}* is posted in <#{channel}> now."
    return {"text": text, "blocks": [section(text)]}


def not_failed(lead: str, status: str) -> Message:
    """A Try again for a card that is not failed (a second click, say)."""
    text = (f"*{esc(lead)}* is already posted in the sales channel." if status == "done" else
            f"*{esc(lead)}* is already on its way to the sales channel.")
    return {"text": text, "blocks": [section(text)]}


def not_yours(sdr: str) -> Message:
    text = (f"Only {mention(sdr)}, who qualified this lead, or a workspace admin can send "
            "it again. Nothing was changed.")
    return {"text": text, "blocks": [section(text)]}
