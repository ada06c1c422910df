"""The App Home tab (a ``home`` view: at most 100 blocks, sections up to 3000 characters)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.reports.views import ae_line, tally_line
from bot.reports.weekly import Report, week_label
from bot.slack.blocks import (
    NO_SALES_CHANNEL,
    RESUME_ACTION,
    RETRY_HANDOFF_ACTION,
    SETTINGS_ACTION,
    button,
    context,
    cut,
    esc,
    mention,
    plain,
    section,
    sections,
    when,
)


# What the tab shows, gathered by ``bot.home.tab`` from the database.
@dataclass(frozen=True)
class OpenDraft:
    qualification_id: int
    lead: str
    flow: str
    answered: int
    questions: int
    last_activity: datetime


@dataclass(frozen=True)
class Recent:
    lead: str
    at: datetime
    flow: str
    total: int
    max_total: int
    verdict: str
    handed_off: bool
    claimed_by: str | None
    sent_back_by: str | None


@dataclass(frozen=True)
class NotPosted:
    """A handoff whose card could not be posted to the sales channel."""

    handoff_id: int
    lead: str
    sdr: str
    channel: str
    error: str | None
    at: datetime  # when it was qualified


@dataclass(frozen=True)
class ChangeShown:
    """A settings change as the history lists it (values already in mrkdwn, escaped)."""

    setting: str
    before: str
    after: str
    by: str
    at: datetime


@dataclass(frozen=True)
class SettingsShown:
    """The team's settings in effect, for an admin: (label, value in mrkdwn) each, and
    the latest changes."""

    lines: tuple[tuple[str, str], ...]
    changes: tuple[ChangeShown, ...]


@dataclass(frozen=True)
class HomeData:
    user: str
    drafts: tuple[OpenDraft, ...]
    more_drafts: int  # open beyond those listed
    recent: tuple[Recent, ...]
    week: Report  # the team's, this ISO week
    not_posted: tuple[NotPosted, ...] = ()  # the SDR's own; everyone's for an admin
    more_not_posted: int = 0
    admin: bool = False
    settings: SettingsShown | None = None  # an admin's: the team's settings
    no_sales_channel: bool = False  # the team has none yet: /qualify cannot hand off


VIEW_BLOCKS = 100
SETTINGS_BLOCKS = 8  # the settings section's most: kept whatever else the tab lists
AES_SHOWN = 5  # the AEs with the most leads this week; /qualify stats lists more
HOME_VIEW = "qualibot_home"


def _header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(text)}


def _fate(r: Recent) -> str:
    if r.sent_back_by:
        return f"sent back by {mention(r.sent_back_by)}"
    if r.claimed_by:
        return f"claimed by {mention(r.claimed_by)}"
    return "handed off, waiting for a claim" if r.handed_off else "not handed off"


def _not_posted(data: HomeData) -> list[dict[str, Any]]:
    """Handoffs whose card could not be posted, each with Try again (first, when any)."""
    if not data.not_posted:
        return []
    blocks: list[dict[str, Any]] = [_header(
        "Handoffs not posted (everyone's)" if data.admin else "Your handoffs not posted")]
    for n in data.not_posted:
        by = f" by {mention(n.sdr)}" if data.admin else ""
        blocks.append(dict(
            section(f":warning: *{esc(cut(n.lead, 200))}*{by}, qualified {when(n.at)}: "
                     f"couldn't post it to <#{n.channel}> (`{esc(n.error or 'unknown')}`)"),
            block_id=f"not_posted:{n.handoff_id}",
            accessory=button("Try again", RETRY_HANDOFF_ACTION, str(n.handoff_id))))
    if data.more_not_posted:
        blocks.append(context(f"…and {data.more_not_posted} more."))
    blocks += [context("Inviting me back to the sales channel posts them all at once."),
               {"type": "divider"}]
    return blocks


def _settings(data: HomeData) -> list[dict[str, Any]]:
    """An admin's: the team's settings in effect, *Change settings*, the latest changes."""
    if data.settings is None:
        return []
    listed = "\n".join(f"*{label}*: {value}" for label, value in data.settings.lines)
    blocks: list[dict[str, Any]] = [
        {"type": "divider"}, _header("Team settings"),
        dict(section(cut(listed, 2900)), block_id="settings",
             accessory=button("Change settings", SETTINGS_ACTION, "open")),
        context("Only Qualibot admins see this: workspace admins and owners, and the admins "
                "named in the settings. Changes apply at once.")]
    if data.settings.changes:
        blocks += sections(["*Latest changes*", *(
            f"• {when(c.at)}, {mention(c.by)} changed *{esc(c.setting)}*: "
            f"{c.before} → {c.after}" for c in data.settings.changes)])
    return blocks[:SETTINGS_BLOCKS]


def home(data: HomeData) -> dict[str, Any]:
    """Handoffs not posted (if any, each with Try again), the SDR's open drafts (each with
    Resume), recent qualifications, the team's week and, for an admin, its settings."""
    blocks: list[dict[str, Any]] = [*_not_posted(data), _header("Your open qualifications")]
    if data.no_sales_channel:
        blocks.insert(0, section(f":warning: {NO_SALES_CHANNEL}"))
    if not data.drafts:
        blocks.append(section("No open drafts. `/qualify <lead>` in any channel starts one."))
    for d in data.drafts:
        progress = f"{d.answered} of {d.questions} answered" if d.questions \
            else f"{d.answered} answered"
        # The value is the reminder's (render.draft_reminder): the qualification id.
        blocks.append(dict(
            section(f"*{esc(cut(d.lead, 200))}* · {esc(d.flow)} · {progress}\n"
                     f"Last activity {when(d.last_activity)}"),
            block_id=f"draft:{d.qualification_id}",
            accessory=button("Resume", RESUME_ACTION, str(d.qualification_id),
                              style="primary")))
    if data.more_drafts:
        blocks.append(context(f"…and {data.more_drafts} older open draft"
                               f"{'s' if data.more_drafts != 1 else ''}: `/qualify <lead>` "
                               "resumes any of them."))

    blocks += [{"type": "divider"}, _header("Your recent qualifications")]
    if data.recent:
        blocks += sections([f"• *{esc(cut(r.lead, 200))}* · *{r.total}*/{r.max_total}, "
                            f"{esc(r.verdict)} · {_fate(r)} · {esc(r.flow)}, {when(r.at)}"
                            for r in data.recent])
    else:
        blocks.append(section("None yet: your submitted qualifications show here."))

    monday, week = data.week.weeks[-1]
    blocks += [{"type": "divider"}, _header("The team's week in numbers"),
               section(f"*{week_label(monday)}* (from {monday:%a %d %b}): "
                        f"{tally_line(data.week, week)}")]
    mine = dict(data.week.sdrs).get(data.user)
    if mine is not None:
        blocks.append(context(f"You: {tally_line(data.week, mine)}"))
    if data.week.aes:  # leads routed to AEs this week
        aes = dict(data.week.aes)
        if data.user in aes:
            blocks.append(context(f"You, as an AE: {ae_line(aes[data.user])}"))
        blocks += sections(["*By AE this week*", *(
            f"• {mention(ae)}: {ae_line(t)}" for ae, t in data.week.aes[:AES_SHOWN])])
    if data.week.unclaimed:
        blocks += sections(["*Waiting for a claim*", *(
            f"• *{esc(cut(u.lead, 100))}* ({u.total}) by {mention(u.sdr)}, posted "
            f"{when(u.posted_at)}" for u in data.week.unclaimed)])
    blocks.append(context("`/qualify stats` has the last 4 weeks, by SDR; "
                           "`qualibot report` the full tables."))
    settings = _settings(data)
    room = VIEW_BLOCKS - len(settings)
    if len(blocks) > room:  # cannot happen with the caps above; never send a bad view
        blocks = blocks[:room - 1] + [context("…")]
    return {"type": "home", "callback_id": HOME_VIEW, "blocks": blocks + settings}
