"""What a new team is told: the welcome DM to whoever installed Qualibot."""
from __future__ import annotations

from bot.slack.blocks import Message, context, section


def home_link(team: str | None, app_id: str | None) -> str:
    """The app's Home tab, as a link in a message (or its name, without the ids)."""
    return f"<slack://app?team={team}&id={app_id}&tab=home|Home tab>" if team and app_id \
        else "*Home* tab (click my name, then *Home*)"


def welcome(*, installer: str, sales_channel: str | None, team: str | None = None,
            app_id: str | None = None) -> Message:
    home = home_link(team, app_id)
    where = (f"Qualified leads go to <#{sales_channel}> for now; a Slack admin can choose "
             f"another sales channel in my {home}."
             if sales_channel else
             "*One thing first:* a Slack admin chooses the sales channel that receives "
             f"qualified leads, in my {home}. Until then `/qualify` says so instead of "
             "starting.")
    text = (f"Thanks for installing Qualibot, <@{installer}>! I help your SDRs qualify leads "
            "with the team's own written, scored rules, and hand qualified ones to sales.")
    return {"text": text, "blocks": [
        section(text),
        section("• `/qualify Acme Corp` asks the qualification questions in a DM, one at a "
                "time, scores the answers and posts a qualified lead to the sales channel "
                "for an AE to claim.\n"
                "• `/define prospect` shows the team's agreed definition of a sales term "
                "(`/define` alone lists them all)."),
        section(where),
        context("Type `/qualify help` for everything else."),
    ]}
