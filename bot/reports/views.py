"""``/qualify stats``: the pipeline report (bot.reports.weekly) as an ephemeral message."""
from __future__ import annotations

from typing import Any

from bot.reports.weekly import AeTally, Report, Tally, duration, week_label
from bot.slack.blocks import Message, context, cut, esc, mention, section, sections, when

SDRS_SHOWN = 40


def tally_line(report: Report, t: Tally) -> str:
    """``5 scored (3 qualified · 2 nurture) · 3 handed off · 2 claimed · …`` in mrkdwn."""
    if not t.scored:
        return "nothing scored"
    tiers = " · ".join(f"{n} {esc(tier)}" for tier, n in t.tiers)
    claim = f" · {duration(t.claim_seconds)} median to claim" if t.claim_seconds is not None \
        else ""
    return (f"*{t.scored}* scored ({tiers}) · *{t.handoffs}* handed off · *{t.claims}* claimed"
            f" · *{t.sent_back}* sent back{claim}")


def ae_line(t: AeTally) -> str:
    """What routing gave one AE and what they did with it, in a line."""
    return (f"*{t.leads}* lead(s) · {t.assigned} assigned · *{t.accepted}* accepted · "
            f"{t.let_go} passed or timed out"
            + (f" · {duration(t.accept_seconds)} median to accept"
               if t.accept_seconds is not None else ""))


def _span(report: Report) -> str:
    weeks = len(report.weeks)
    return f"last {weeks} week{'s' if weeks != 1 else ''}"


def stats(report: Report) -> Message:
    """This week, each of the report's weeks, each SDR, and the leads waiting for a claim."""
    span = _span(report)
    if report.empty:
        return {"response_type": "ephemeral",
                "text": f"No qualifications yet in the {span} "
                        f"({report.first_day:%d %b} to {report.last_day:%d %b}). "
                        "`/qualify <lead>` starts one."}
    this_monday, this_week = report.weeks[-1]
    head = (f"*This week* ({week_label(this_monday)}, from {this_monday:%a %d %b}): "
            f"{tally_line(report, this_week)}")
    blocks: list[dict[str, Any]] = [section(head)]
    weeks = [f"• {week_label(m)}: {tally_line(report, t)}" for m, t in reversed(report.weeks)]
    blocks += sections([f"*The {span}, newest first*", *weeks])
    people = [f"• {mention(sdr)}: {tally_line(report, t)}"
              for sdr, t in report.sdrs[:SDRS_SHOWN]]
    if len(report.sdrs) > SDRS_SHOWN:
        people.append(f"…and {len(report.sdrs) - SDRS_SHOWN} more SDRs: `qualibot report "
                      "--by sdr` lists them all.")
    blocks += sections([f"*By SDR, {span}*", *people])
    if report.aes:
        aes = [f"• {mention(ae)}: {ae_line(t)}" for ae, t in report.aes[:SDRS_SHOWN]]
        blocks += sections([f"*By AE, {span}* ({report.moved_on} lead(s) moved on)", *aes])
    if report.unclaimed:
        waiting = [f"• *{esc(cut(u.lead, 100))}* ({u.total}) by {mention(u.sdr)}, "
                   f"posted {when(u.posted_at)}" for u in report.unclaimed]
        blocks += sections(["*Waiting for a claim*", *waiting])
    blocks.append(context("Each lead counts in the week it was scored (ISO weeks, UTC). "
                           "`/qualify stats 12` looks further back."))
    return {"response_type": "ephemeral",
            "text": f"Pipeline this week: {this_week.scored} scored, "
                    f"{this_week.handoffs} handed off, {this_week.claims} claimed.",
            "blocks": blocks[:50]}
