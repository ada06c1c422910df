"""``qualibot report`` as plain-text tables, one row per week or per SDR."""
from __future__ import annotations

from collections.abc import Sequence

from bot.reports.weekly import Report, Tally, duration, week_label

BY = ("week", "sdr", "both")


def _columns(report: Report) -> list[str]:
    return ["scored", *report.tiers, "handoffs", "claims", "sent back", "median to claim"]


def _cells(report: Report, t: Tally) -> list[str]:
    return [str(t.scored), *(str(t.of(tier)) for tier in report.tiers), str(t.handoffs),
            str(t.claims), str(t.sent_back), duration(t.claim_seconds)]


def _table(head: str, rows: Sequence[tuple[str, list[str]]], columns: list[str]) -> list[str]:
    first = max([len(head)] + [len(name) for name, _ in rows])
    widths = [max([len(c)] + [len(cells[i]) for _, cells in rows])
              for i, c in enumerate(columns)]

    def line(name: str, cells: Sequence[str]) -> str:
        return "  ".join([name.ljust(first)] + [c.rjust(w) for c, w in zip(cells, widths,
                                                                             strict=True)])
    out = [line(head, columns)]
    out += [line(name, cells) for name, cells in rows[:-1]]
    out.append("-" * len(out[0]))
    out.append(line(*rows[-1]))
    return out


def text(report: Report, *, by: str = "both") -> list[str]:
    """The report as lines; with no qualification scored, one friendly line."""
    weeks = len(report.weeks)
    span = f"{report.first_day:%Y-%m-%d} to {report.last_day:%Y-%m-%d}"
    if report.empty:
        return [f"No qualifications yet in the last {weeks} week{'s' if weeks != 1 else ''} "
                f"({span}). Qualify a lead with /qualify <lead> in Slack."]
    columns = _columns(report)
    total = ("total", _cells(report, report.total))
    out = [f"Pipeline, {weeks} ISO week{'s' if weeks != 1 else ''} (UTC, Monday start), "
           f"{span}.",
           "Each lead counts in the week it was scored; 'scored' = completed "
           "qualifications; time to claim runs from the card being posted."]
    if by in ("week", "both"):
        rows = [(week_label(m), _cells(report, t)) for m, t in report.weeks]
        out += ["", *_table("week", [*rows, total], columns)]
    if by in ("sdr", "both"):
        rows = [(sdr, _cells(report, t)) for sdr, t in report.sdrs]
        out += ["", *_table("SDR", [*rows, total], columns)]
    if report.aes:
        out += ["", *ae_table(report)]
    return out


def ae_table(report: Report) -> list[str]:
    """The handoffs by AE: routing's assignments, accepts, and leads that moved on."""
    columns = ["leads", "assigned", "accepted", "passed or timed out", "median to accept"]
    rows = [(ae, [str(t.leads), str(t.assigned), str(t.accepted), str(t.let_go),
                  duration(t.accept_seconds)]) for ae, t in report.aes]
    total = ("total", [str(sum(t.leads for _, t in report.aes)),
                       str(sum(t.assigned for _, t in report.aes)),
                       str(sum(t.accepted for _, t in report.aes)),
                       f"{report.moved_on} lead(s) moved on", ""])
    return ["Handoffs by AE (leads they hold or took; time to accept runs from the "
            "assignment, or from the card for leads open to claim):",
            *_table("AE", [*rows, total], columns)]
