"""Block Kit for what a qualification amounts to: the scored summary (the preview under
review, then the result) with what changed since the lead's last score, the review's
buttons, the pick of an answer to change, a cancel, a lead's history and a flow's rules."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.slack.blocks import (
    CANCEL_ACTION,
    EDIT_PICK_ACTION,
    REVIEW_EDIT_ACTION,
    SUBMIT_ACTION,
    Message,
    button,
    context,
    cut,
    esc,
    line_items,
    mention,
    section,
    sections,
    when,
)
from flows.conversation import Review
from flows.model import Answer, Flow, Question, Score
from flows.scoring import explain


@dataclass(frozen=True)
class Changes:
    """The lead's previous score, to show what changed on re-qualification."""

    total: int
    at: datetime
    items: dict[str, dict[str, Any]]  # question_id -> line item, as stored


def _changes(score: Score, changes: Changes) -> str:
    moved = []
    for item in score.items:
        old = changes.items.get(item.question_id)
        if old is not None and old.get("choice_id") != item.choice_id:
            delta = item.points - int(old.get("points", 0))
            moved.append(f"{esc(item.criterion.capitalize())}: {esc(str(old.get('label')))} → "
                         f"{esc(item.label)} ({delta:+d})")
    line = (f"Previously scored {changes.total} on {when(changes.at)}; now {score.total} "
            f"({score.total - changes.total:+d}).")
    return line + (" Changed: " + "; ".join(moved) + "." if moved else " No answer changed.")


def summary(score: Score, lead: str, flow_name: str, sales_channel: str | None,
            changes: Changes | None = None, *, final: bool = True,
            assigned_to: str | None = None) -> Message:
    """The scored summary: the preview under review (``final=False``), or the result
    (``sales_channel``: where it was handed off; ``assigned_to``: the AE routing chose)."""
    name = esc(lead)
    if score.qualified:
        verdict = f":white_check_mark: *{name}* is *qualified*"
        after = (f"Handed off to <#{sales_channel}> for {mention(assigned_to)} to accept."
                 if sales_channel and assigned_to else
                 f"Handed off to <#{sales_channel}> for an account executive to claim."
                 if sales_channel else "It is queued for the sales channel.")
        text = f"{lead}: qualified with {score.total}/{score.max_total} points"
    else:
        tier = score.verdict_label or score.verdict.replace("_", " ")
        verdict = f":no_entry_sign: *{name}* is *not qualified*" + (
            f" ({esc(tier)})" if tier not in ("not qualified", "not_qualified") else " yet")
        after = (f"It needs {score.threshold} points; it is not handed off. "
                 "Qualify it again when something changes.")
        if score.knockout is not None:
            again = (f" Recheck in {score.knockout.recheck_days} days."
                     if score.knockout.recheck_days else "")
            by = "two answers together" if score.knockout.when else "one answer"
            after = (f"Knocked out by {by} ({esc(score.knockout.reason)}), whatever the "
                     f"points; it is not handed off.{again}")
        text = f"{lead}: not qualified ({tier}), {score.total}/{score.max_total} points"
    bar = f"(qualifies at {score.threshold})"
    if not final:  # the verdict's own words appear only once it is final
        text = f"{lead}: {score.total}/{score.max_total} points, not submitted yet"
        verdict = (f"Your answers for *{name}*, scored: "
                   + (":white_check_mark: meets the bar" if score.qualified
                      else ":no_entry_sign: below the bar"))
        bar = f"({score.threshold} needed)"
        after = "Nothing is final yet: submit, change an answer or cancel below."
    blocks = [
        section(f"{verdict}: score *{score.total}* out of {score.max_total} {bar}."),
        section(line_items(score)),
        context(f"{esc(explain(score))} · {esc(flow_name)} rules, version `{score.flow_version}`"),
    ]
    if changes is not None:
        blocks.append(context(_changes(score, changes)))
    blocks.append(section(after))
    return {"text": esc(text), "blocks": blocks}


def review(reply: Review, lead: str, qualification_id: int) -> Message:
    """The buttons that make a reviewed draft final (kept apart from the score above)."""
    if reply.score.qualified:
        ask = f"*Submit* to hand *{esc(lead)}* to the sales channel"
    else:
        ask = "*Submit* to record this score (it is not handed off)"
    text = f"{ask}, change an answer, or cancel."
    if reply.unclear is not None:
        text = f"I didn't get “{esc(cut(reply.unclear.strip(), 80))}”. {text}"
    value = str(qualification_id)
    return {"text": f"Ready to submit {esc(lead)}?", "blocks": [
        section(text),
        {"type": "actions", "block_id": f"review:{qualification_id}", "elements": [
            button("Submit", SUBMIT_ACTION, value, style="primary"),
            button("Change an answer", REVIEW_EDIT_ACTION, value),
            button("Cancel", CANCEL_ACTION, value, style="danger")]},
    ]}


def choose_edit(flow: Flow, answers: Sequence[tuple[Question, Answer]], lead: str,
                qualification_id: int) -> Message:
    buttons = []
    for i, (q, a) in enumerate(answers):
        choice = q.choice(a.choice_id)
        label = f"{q.criterion.capitalize()}: {choice.summary_label if choice else '?'}"
        buttons.append(button(cut(label, 75), f"{EDIT_PICK_ACTION}:{i}",
                               f"{qualification_id}:{q.id}"))
    blocks: list[dict[str, Any]] = [
        section(f"Which answer about *{esc(lead)}* do you want to change?")]
    for start in range(0, len(buttons), 5):
        blocks.append({"type": "actions", "elements": buttons[start:start + 5]})
    return {"text": f"Which answer about {esc(lead)} do you want to change?", "blocks": blocks}


def cancelled(lead: str) -> Message:
    text = (f"Cancelled the qualification of *{esc(lead)}*; nothing was handed off. "
            f"Start again any time with `/qualify {esc(cut(lead, 100))}`.")
    return {"text": text, "blocks": [section(text)]}


def preview_superseded() -> Message:
    return {"text": "Score preview; the final summary is below.",
            "blocks": [context("_Score preview; the final summary is below._")]}


def history(lead_name: str, rows: Sequence[tuple[datetime, str, str, str, int | None,
                                                 int | None, str | None]]) -> Message:
    """rows: (when, SDR, flow, status, total, max, verdict), oldest first."""
    if not rows:
        text = (f"No qualification of “{esc(cut(lead_name, 100))}” yet. "
                f"`/qualify {esc(cut(lead_name, 100))}` starts one.")
        return {"response_type": "ephemeral", "text": text}
    lines = []
    for at, sdr, flow, status, total, most, verdict in rows[-40:]:
        score = f"*{total}*/{most}, {esc(verdict or '')}" if total is not None else status
        lines.append(f"• {when(at)} · {mention(sdr)} · {esc(flow)} · {score}")
    head = f"*{esc(lead_name)}*: {len(rows)} qualification{'s' if len(rows) != 1 else ''}"
    blocks: list[dict[str, Any]] = [section(head)]
    blocks += sections(lines)
    return {"response_type": "ephemeral", "text": head, "blocks": blocks}


def rules(lines: Sequence[str]) -> Message:
    head, *rest = lines
    blocks: list[dict[str, Any]] = [section(f"*{esc(head)}*")]
    blocks += sections(list(rest), escape=True)
    return {"response_type": "ephemeral", "text": esc(head), "blocks": blocks[:50]}
