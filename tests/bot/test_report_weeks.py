"""The report's arithmetic on plain data: ISO weeks in UTC, medians, what counts where."""
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.reports.weekly import Fact, duration, monday, summarise, week_label

NOW = datetime(2027, 1, 6, 12, tzinfo=UTC)  # a Wednesday of 2027-W01


def fact(at: datetime, *, sdr: str = "U0A", tier: str = "qualified", total: int = 25,
         posted: datetime | None = None, claimed: datetime | None = None,
         sent_back: bool = False) -> Fact:
    return Fact(sdr=sdr, lead="Lead", scored_at=at, total=total, threshold=20, tier=tier,
                handed_off=posted is not None, posted_at=posted, claimed_at=claimed,
                sent_back=sent_back)


@pytest.mark.parametrize(("at", "week"), [
    (datetime(2027, 1, 4, 0, 0, tzinfo=UTC), "2027-W01"),  # Monday 00:00 UTC
    (datetime(2027, 1, 3, 23, 59, tzinfo=UTC), "2026-W53"),  # Sunday night: the week before
    (datetime(2027, 1, 4, 1, 0, tzinfo=timezone(timedelta(hours=2))), "2026-W53"),  # 23:00 UTC
    (datetime(2026, 12, 28, 9, tzinfo=UTC), "2026-W53"),
    (datetime(2026, 1, 1, 9, tzinfo=UTC), "2026-W01"),  # a Thursday: ISO week 1 of 2026
])
def test_weeks_are_iso_weeks_in_utc(at: datetime, week: str) -> None:
    assert week_label(monday(at)) == week


def test_every_week_is_listed_and_older_facts_are_left_out() -> None:
    facts = [fact(NOW), fact(NOW - timedelta(days=9), tier="nurture", total=12),
             fact(NOW - timedelta(weeks=5))]
    r = summarise(facts, now=NOW, weeks=3, order=("qualified", "nurture"))
    assert [week_label(m) for m, _ in r.weeks] == ["2026-W52", "2026-W53", "2027-W01"]
    assert [t.scored for _, t in r.weeks] == [0, 1, 1]
    assert r.total.scored == 2 and r.total.tiers == (("qualified", 1), ("nurture", 1))
    assert r.scores == (25, 12) and r.thresholds == (20,)
    assert (r.first_day, r.last_day) == (date(2026, 12, 21), date(2027, 1, 10))


def test_claims_median_from_the_post_and_unclaimed_leads() -> None:
    at = NOW - timedelta(hours=5)
    facts = [fact(at, posted=at, claimed=at + timedelta(minutes=10)),
             fact(at, posted=at, claimed=at + timedelta(minutes=30)),
             fact(at, posted=at, claimed=at + timedelta(hours=2)),
             fact(at, sdr="U0B", posted=at, sent_back=True),
             fact(at, sdr="U0B", posted=at - timedelta(hours=1)),
             fact(at, sdr="U0B", tier="disqualified", total=3)]
    r = summarise(facts, now=NOW, weeks=1)
    assert (r.total.handoffs, r.total.claims, r.total.sent_back) == (5, 3, 1)
    assert r.total.claim_seconds == 30 * 60
    assert [(sdr, t.scored, t.claim_seconds) for sdr, t in r.sdrs] == [
        ("U0A", 3, 30 * 60), ("U0B", 3, None)]
    assert [u.posted_at for u in r.unclaimed] == [at - timedelta(hours=1)]  # not sent back


def test_an_empty_report_still_has_its_weeks() -> None:
    r = summarise([], now=NOW, weeks=0)
    assert r.empty and len(r.weeks) == 1 and r.total.claim_seconds is None


@pytest.mark.parametrize(("seconds", "text"), [
    (None, "–"), (-3, "0s"), (45, "45s"), (12 * 60 + 5, "12m"), (3 * 3600 + 5 * 60, "3h 05m"),
    (2 * 86400 + 4 * 3600 + 59, "2d 4h"),
])
def test_durations_read_short(seconds: float | None, text: str) -> None:
    assert duration(seconds) == text


def test_home_and_stats_stay_within_block_kit_limits() -> None:
    from bot.home import views as home_views
    from bot.home.views import HomeData, OpenDraft, Recent
    from bot.reports import views as reports_views
    from tests.fakeslack import block_errors

    name = "<!channel> " * 20  # 220 characters of markup
    facts = [fact(NOW, sdr=f"U0SDR{i:03d}", posted=NOW) for i in range(120)]
    report = summarise(facts, now=NOW, weeks=4)
    drafts = tuple(OpenDraft(i, name, "BANT", 2, 5, NOW) for i in range(40))
    recent = tuple(Recent(name, NOW, "BANT", 25, 25, "qualified", True, None, None)
                   for _ in range(10))
    view = home_views.home(HomeData("U0SDR001", drafts, 500, recent, report))
    assert view["type"] == "home" and block_errors(view["blocks"], most=100) == []
    assert "<!channel>" not in str(view) and "…and 500 older open drafts" in str(view)
    message = reports_views.stats(summarise([replace(f, lead=name) for f in facts], now=NOW,
                                     weeks=4))
    assert block_errors(message["blocks"]) == [] and "<!channel>" not in str(message)
    assert "…and 80 more SDRs" in str(message)
