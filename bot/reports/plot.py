"""``qualibot report --plot``: the score distribution and the funnel, as one PNG.

matplotlib is an optional extra (``pip install 'qualibot[plot]'``) and is imported only
here, only when a plot is asked for, with the Agg backend (no display needed).
"""
from __future__ import annotations

from pathlib import Path

from bot.reports.weekly import Report

FIGSIZE = (10.0, 4.0)  # inches
DPI = 100
SIZE = (int(FIGSIZE[0] * DPI), int(FIGSIZE[1] * DPI))  # 1000 × 400 pixels
INSTALL_HINT = ("--plot needs matplotlib: pip install 'qualibot[plot]' "
                "(scripts/serve installs it in .venv)")


class PlotUnavailable(Exception):
    """matplotlib is not installed."""


def plot(report: Report, path: Path) -> tuple[int, int]:
    """Write the figure to ``path`` (PNG); returns its size in pixels."""
    try:
        import matplotlib
    except ImportError:
        raise PlotUnavailable(INSTALL_HINT) from None
    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
    scores, funnel = fig.subplots(1, 2, width_ratios=(3, 2))
    weeks = len(report.weeks)
    fig.suptitle(f"Qualibot pipeline, {report.first_day:%Y-%m-%d} to {report.last_day:%Y-%m-%d}"
                 f" ({weeks} week{'s' if weeks != 1 else ''})")

    top = max(report.scores + report.thresholds, default=0)
    scores.hist(report.scores, bins=range(0, top + 2), align="left", color="#4a7ebb",
                edgecolor="white")
    for bar in report.thresholds:
        scores.axvline(bar - 0.5, color="#c0392b", linestyle="--",
                       label=f"qualified at {bar}")
    if report.thresholds:
        scores.legend(loc="upper left")
    if report.empty:
        scores.text(0.5, 0.5, "no qualifications yet", ha="center", va="center",
                    transform=scores.transAxes, color="grey")
    scores.set_title("Score distribution")
    scores.set_xlabel("total score")
    scores.set_ylabel("qualifications")
    scores.yaxis.set_major_locator(MaxNLocator(integer=True))

    t = report.total
    stages = ["scored", "handed off", "claimed", "sent back"]
    counts = [t.scored, t.handoffs, t.claims, t.sent_back]
    bars = funnel.barh(stages, counts, color=["#4a7ebb", "#5aa469", "#2e8b57", "#c0392b"])
    funnel.bar_label(bars, padding=3)
    funnel.invert_yaxis()
    funnel.set_xlim(0, max(counts + [1]) * 1.15)
    funnel.set_title("Funnel")
    funnel.set_xlabel("leads")

    fig.savefig(path, format="png", dpi=DPI)
    return SIZE
