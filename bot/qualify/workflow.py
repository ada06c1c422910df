"""The Workflow Builder step "Qualify a lead" (a Slack custom function): its inputs
checked, and its end: ``functions.completeSuccess`` with outputs a workflow can branch on,
or ``functions.completeError`` with the reason.

The step's ``function_execution_id`` is stored with the qualification, so the step is
completed by whichever instance sees the SDR's Submit (or the draft's cancel or expiry),
however long after, restarts in between included.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.errors import describe
from flows.model import Score
from flows.scoring import explain

log = logging.getLogger(__name__)
LEAD_MAX = 200
NOTES_MAX = 10_000
_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


@dataclass(frozen=True)
class StepInputs:
    lead: str
    sdr: str
    notes: str | None
    flow_id: str


def check_inputs(inputs: dict[str, Any], *, enabled: list[str]) -> StepInputs | str:
    """The step's inputs, or what is wrong with them (said to the workflow's builder)."""
    lead = " ".join(str(inputs.get("lead_name") or "").split())
    sdr = str(inputs.get("sdr") or "").strip()
    notes = str(inputs.get("notes") or "").strip()
    flow = str(inputs.get("flow") or "").strip().lower()
    if not lead:
        return "The lead's name is empty: map the step's Lead input to some text."
    if len(lead) > LEAD_MAX:
        return f"The lead's name is {len(lead)} characters; keep it under {LEAD_MAX}."
    if not _USER.match(sdr):
        return "The SDR input must be a person in this workspace."
    if flow and flow not in enabled:
        return f"There is no flow “{flow[:40]}” in use here; use one of: {', '.join(enabled)}."
    return StepInputs(lead, sdr, notes[:NOTES_MAX] or None, flow or enabled[0])


def outputs(score: Score, *, url: str) -> dict[str, Any]:
    """What the step hands the workflow: the verdict and the score, the line items as
    text, and a link to the result in the SDR's DM."""
    lines = [f"{i.criterion.capitalize()}: {i.label} ({i.points} of {i.max_points})"
             for i in score.items]
    return {"verdict": score.verdict, "qualified": score.qualified, "score": score.total,
            "max_score": score.max_total, "summary": "\n".join([*lines, explain(score)]),
            "qualification_url": url}


def complete(client: WebClient, *, execution_id: str, score: Score, url: str) -> bool:
    try:
        client.functions_completeSuccess(function_execution_id=execution_id,
                                         outputs=outputs(score, url=url))
        return True
    except (SlackApiError, OSError) as e:
        log.error("workflow step %s not completed: %s", execution_id, describe(e))
        return False


def fail(client: WebClient, *, execution_id: str, reason: str) -> bool:
    try:
        client.functions_completeError(function_execution_id=execution_id, error=reason)
        return True
    except (SlackApiError, OSError) as e:
        log.error("workflow step %s not ended (%s): %s", execution_id, reason, describe(e))
        return False


def cancelled(lead: str) -> str:
    return f"The SDR cancelled the qualification of {lead}."


def expired(lead: str, days: float | None = None) -> str:
    within = f" within {days:g} days" if days else ""
    return f"The qualification of {lead} expired: the SDR did not finish it{within}."


def permalink(client: WebClient, channel: str | None, ts: str | None) -> str:
    """A message's permalink, or "" if Slack does not give one."""
    if not channel or not ts:
        return ""
    try:
        link = str(client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
                   or "")
    except (SlackApiError, OSError) as e:
        log.warning("no permalink for a message in %s: %s", channel, describe(e))
        return ""
    return link if safe_url(link) else ""


def safe_url(url: str) -> bool:
    """A link Slack's markup can carry as it is (``<url|label>``)."""
    return url.startswith("https://") and not re.search(r"[\s<>|]", url) and len(url) <= 500
