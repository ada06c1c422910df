"""Block Kit building blocks shared by the views: escaping, text objects, buttons."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flows.model import Score

Message = dict[str, Any]
SECTION_MAX = 3000
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")

ANSWER_ACTION = "answer"  # action_id prefix of answer buttons
HELP_ACTION = "question_help"
SUBMIT_ACTION = "review_submit"
REVIEW_EDIT_ACTION = "review_edit"  # "Change an answer" on a review
EDIT_PICK_ACTION = "edit_pick"  # action_id prefix: which answer to change
CANCEL_ACTION = "review_cancel"
RESUME_ACTION = "draft_resume"
CONFIRM_ACTION = "proposal_confirm"  # "Did you mean …?" Yes / No (value ends :yes or :no)
NOTES_ACTION = "paste_notes"  # opens the call-notes form
NOTES_VIEW = "notes_form"
PICK_FLOW_ACTION = "pick_flow"  # action_id prefix
CLAIM_ACTION = "handoff_claim"
SEND_BACK_ACTION = "handoff_send_back"
SEND_BACK_VIEW = "handoff_send_back"
PASS_ACTION = "handoff_pass"  # an assigned AE passes the lead on, with a reason
PASS_VIEW = "handoff_pass"
RETRY_HANDOFF_ACTION = "handoff_try_again"  # value: the handoff id (DM message, App Home)
SHARE_ACTION = "define_share"
MESSAGE_SHORTCUT = "qualify_message"  # "Qualify this lead" on a message
GLOBAL_SHORTCUT = "qualify_shortcut"  # "Qualify a lead" in the ⚡ menu
START_VIEW = "qualify_start"  # the form both shortcuts open
FORM_ACTION = "answer_in_form"  # "Answer in a form": every question in one modal
FORM_VIEW = "qualify_answers"
WORKFLOW_STEP = "qualify_lead"  # the Workflow Builder step (a custom function)
SETTINGS_ACTION = "settings_open"  # App Home: an admin opens the team's settings
SETTINGS_VIEW = "team_settings"

NO_SALES_CHANNEL = ("No sales channel is chosen yet, so a qualified lead would have nowhere "
                    "to go. A Qualibot admin must choose one in App Home: open Qualibot's "
                    "*Home* tab, then *Change settings*.")


def esc(text: str) -> str:
    """Escape the three characters Slack reads as markup in mrkdwn and top-level text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Undo Slack's escaping of incoming text (``&lt;`` → ``<``)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def mention(user_id: str) -> str:
    return f"<@{user_id}>" if _USER_ID.match(user_id) else esc(user_id)


def cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return re.sub(r"&[a-z]{0,3}$", "", text[: limit - 1]) + "…"  # never half an &amp;


def plain(text: str, limit: int = 150) -> dict[str, Any]:
    return {"type": "plain_text", "text": cut(text, limit), "emoji": True}


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut(text, SECTION_MAX)}}


def context(text: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": cut(text, SECTION_MAX)}]}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    b: dict[str, Any] = {"type": "button", "text": plain(label, 75), "action_id": action_id,
                         "value": value[:2000]}
    if style:
        b["style"] = style
    return b


def when(at: datetime) -> str:
    fallback = f"{at:%Y-%m-%d %H:%M} UTC"
    return f"<!date^{int(at.timestamp())}^{{date_short_pretty}} at {{time}}|{fallback}>"


def line_items(score: Score) -> str:
    return "\n".join(
        f"• {esc(i.criterion.capitalize())}: {esc(i.label)} — *{i.points}* of {i.max_points}"
        for i in score.items
    )


def sections(lines: list[str], *, escape: bool = False) -> list[dict[str, Any]]:
    """Lines as as few sections as fit Slack's 3000 characters each."""
    out: list[dict[str, Any]] = []
    chunk: list[str] = []
    for line in (esc(x) for x in lines) if escape else lines:
        if chunk and sum(len(x) + 1 for x in chunk) + len(line) > SECTION_MAX - 10:
            out.append(section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        out.append(section("\n".join(chunk)))
    return out


def access_gone() -> Message:
    """Slack refused the workspace's token (uninstalled, revoked, deactivated)."""
    return {"response_type": "ephemeral", "text": (
        "Qualibot can't reach Slack for this workspace any more: it was uninstalled or its "
        "access was revoked. Nothing you entered is lost; ask a Slack admin to install "
        "Qualibot again, then pick up where you stopped.")}


def oops(what: str) -> Message:
    text = (f"Sorry, something went wrong on our side while {what}. "
            "Nothing you entered is lost; try again in a moment.")
    return {"response_type": "ephemeral", "text": text}
