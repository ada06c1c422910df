"""Block Kit for the short notices around a qualification: a draft's reminder and expiry,
the pick of a flow, what ``/qualify`` needs or says it started, nothing open, no sales
channel, and a form that could not be taken."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.slack.blocks import (
    CANCEL_ACTION,
    NO_SALES_CHANNEL,
    PICK_FLOW_ACTION,
    RESUME_ACTION,
    SECTION_MAX,
    Message,
    button,
    context,
    cut,
    esc,
    section,
    sections,
    when,
)
from flows.model import Flow


def draft_reminder(qualification_id: int, lead: str, answered: int, total: int,
                   since: datetime) -> Message:
    progress = f"{answered} of {total} answered" if total else f"{answered} answered"
    text = (f":hourglass_flowing_sand: Your qualification of *{esc(lead)}* is still open "
            f"({progress}), untouched since {when(since)}. Pick it up where you left off?")
    value = str(qualification_id)
    return {"text": f"Your qualification of {esc(lead)} is still open.", "blocks": [
        section(text),
        {"type": "actions", "elements": [
            button("Resume", RESUME_ACTION, value, style="primary"),
            button("Cancel", CANCEL_ACTION, value)]},
    ]}


def draft_expired(lead: str, days: float) -> Message:
    text = (f"Your qualification of *{esc(lead)}* expired after {days:g} days without an "
            f"answer; nothing was handed off. `/qualify {esc(cut(lead, 100))}` starts again.")
    return {"text": text, "blocks": [section(text)]}


def pick_flow(lead: str, flows: Sequence[Flow]) -> Message:
    text = f"Which rules should *{esc(lead)}* be qualified with?"
    return {"text": f"Which rules for {esc(lead)}?", "blocks": [
        section(text),
        {"type": "actions", "elements": [
            button(f"Use {f.name}", f"{PICK_FLOW_ACTION}:{i}", f"{f.id}|{lead}"[:2000])
            for i, f in enumerate(flows[:25])]},
        context(" · ".join(f"*{esc(f.name)}*: {esc(f.description)}" for f in flows
                            if f.description)[:SECTION_MAX] or "_"),
    ]}


def flow_picked(lead: str, flow_name: str) -> Message:
    text = f"Qualifying *{esc(lead)}* with the {esc(flow_name)} rules."
    return {"text": text, "blocks": [context(text)]}


def unknown_flow(name: str, enabled: Sequence[str]) -> Message:
    return {"response_type": "ephemeral",
            "text": f"There is no flow “{esc(cut(name, 40))}” in use here; pick one of: "
                    f"{esc(', '.join(enabled))}."}


def usage(text: str) -> Message:
    return {"response_type": "ephemeral", "text": text}


def nothing_open() -> Message:
    return {"text": "There's no qualification open here. Start one with "
                    "`/qualify <lead name>` in any channel."}


def ask_for_lead() -> Message:
    text = ("Which lead? Type the company or person after the command, "
            "for example `/qualify Acme Corp`.")
    return {"response_type": "ephemeral", "text": text}


def no_sales_channel() -> Message:
    """``/qualify`` in a team whose admins have not chosen a sales channel yet."""
    return {"response_type": "ephemeral", "text": NO_SALES_CHANNEL}


def started(lead: str) -> Message:
    return {"response_type": "ephemeral",
            "text": f"Qualifying *{esc(lead)}*: the questions are in your direct messages "
                    "with me (an open draft for this lead picks up where it stopped)."}


def form_not_taken(lines: Sequence[str]) -> Message:
    """A form whose submission failed on our side: what was in it, so that nothing is lost."""
    text = ("Sorry, something went wrong on our side with your form. Here is what you "
            "entered, so nothing is lost; try again in a moment:")
    return {"text": text, "blocks": [section(text),
                                      *sections([cut(x, 2900) for x in lines][:40],
                                                escape=True)]}
