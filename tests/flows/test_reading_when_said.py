"""Times as SDRs around the world write them: other languages' months, seasons and years,
halves and semesters, holidays and the monsoon; "by summer" (before it, or by its end?),
a deadline set by an event ("before the new tax year starts 1 March"), and a deferral ("ask
me next week"), which is no time at all. Today is 3 December 2026."""
from __future__ import annotations

from datetime import date

import pytest

from tests.flows.reads import read_on

TODAY = date(2026, 12, 3)


def read(where: str, text: str) -> tuple[str | None, str]:
    return read_on(TODAY, where, text)


@pytest.mark.parametrize(("where", "text", "expect"), [
    ("bant.timing", "en marzo", ("within_6_months", "sure")),
    ("bant.timing", "a finales de junio", ("within_year", "sure")),
    ("bant.timing", "em março", ("within_6_months", "sure")),
    ("bant.timing", "i mars", ("within_6_months", "sure")),
    ("bant.timing", "im März", ("within_6_months", "sure")),
    ("bant.timing", "bis Ende Juni", ("within_year", "sure")),
    ("bant.timing", "do końca czerwca", ("within_year", "sure")),
    ("bant.timing", "w kwietniu", ("within_6_months", "sure")),
    ("gpctba.timeline", "septiembre", ("year", "sure")),
    ("gpctba.timeline", "después del verano", ("year", "likely")),
    ("gpctba.timeline", "efter sommaren", ("year", "likely")),
    ("anum.urgency", "nach Ostern", ("half", "sure")),
    ("bant.timing", "Anfang 2027", ("within_6_months", "likely")),  # as "early 2027"
    ("bant.timing", "primer trimestre", ("within_6_months", "sure")),
    ("bant.timing", "2nd semester 2027", ("year_or_later", "likely")),
    # "next year" in another language reads as "next year" does
    ("bant.timing", "el año que viene", ("year_or_later", "likely")),
    ("bant.timing", "nächstes Jahr", ("year_or_later", "likely")),
    ("bant.timing", "w przyszłym roku", ("year_or_later", "likely")),
    # a name is no month
    ("bant.timing", "Marco wants it by Q3", ("within_year", "sure")),
    ("bant.timing", "Marco says Q3", ("within_year", "sure")),
    ("bant.timing", "Jane says Q3", ("within_year", "sure")),
])
def test_times_in_other_languages(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the monsoon is June to September: after it, by November
    ("bant.timing", "post-monsoon", ("within_year", "likely")),
    ("anum.urgency", "after the monsoon", ("later", "likely")),
    ("anum.urgency", "after golden week", ("half", "sure")),
    ("anum.urgency", "after the holidays", ("quarter", "sure")),
    ("bant.timing", "in the new year", ("within_6_months", "sure")),
    ("bant.timing", "not before 2028", ("year_or_later", "sure")),
    ("bant.timing", "18+ months", ("year_or_later", "sure")),
    ("gpctba.timeline", "by spring 2028", ("later", "likely")),
    ("gpctba.timeline", "summer 2027", ("year", "likely")),
    # "H2" said in December: the weeks left of this one, or next year's? Asked
    ("bant.timing", "H2", (None, "unclear")),
    ("bant.timing", "segundo semestre", (None, "unclear")),
    ("bant.timing", "H2 next year", ("year_or_later", "likely")),
    # (a quarter alone is this one while it lasts)
    ("bant.timing", "Q4", ("within_6_months", "sure")),
    ("bant.timing", "Q4 2027", ("year_or_later", "likely")),
    ("bant.timing", "Q1", ("within_6_months", "sure")),
    ("bant.timing", "H1", ("within_year", "likely")),
])
def test_seasons_holidays_and_halves(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # "by summer": before June, or by the end of August? Asked where they fall apart
    ("gpctba.timeline", "by summer", (None, "unclear")),
    ("bant.timing", "by summer 27", (None, "unclear")),
    ("gpctba.timeline", "by the summer", (None, "unclear")),
    ("bant.timing", "by spring", ("within_6_months", "likely")),
    ("gpctba.timeline", "before summer", ("quarter", "likely")),
    ("gpctba.timeline", "by end of summer", ("year", "likely")),
    # another time in the reply is the purchase; the season is something else's
    ("gpctba.timeline", "buying in the next 3 months, live by summer", ("quarter", "likely")),
])
def test_by_a_season(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a deadline set by an event on the 1st: by the end of the month before
    ("anum.urgency", "before the new tax year starts 1 March", ("quarter", "sure")),
    ("anum.urgency", "before their fiscal year begins on the 1st of April", ("half", "sure")),
    ("bant.timing", "before go-live on July 1st", ("within_year", "sure")),
    # when to ask again is no time to buy
    ("meddic.process", "ask me next week lol", (None, "unclear")),
    ("bant.timing", "check back in jan", (None, "unclear")),
    ("anum.urgency", "he'll know more next week", (None, "unclear")),
    ("gpctba.timeline", "ping me in feb, she's on leave", (None, "unclear")),
    ("bant.timing", "will confirm dates after xmas", (None, "unclear")),
    # ...but a decision or a purchase that comes with it is
    ("meddic.process", "decision next week", ("soon", "sure")),
    ("meddic.process", "they'll get back to us next week with a decision", ("soon", "sure")),
    ("meddic.process", "will get back to me with their answer in january", ("soon", "sure")),
    ("meddic.process", "they'll get back to us next week", (None, "unclear")),
])
def test_deadlines_and_deferrals(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # dates day first, as Europe writes them, where the day cannot be a month
    ("bant.timing", "15/01", ("within_6_months", "sure")),
    ("bant.timing", "31/3", ("within_6_months", "sure")),
    ("bant.timing", "15.01.2027", ("within_6_months", "sure")),
    ("bant.timing", "bis 30.06.2027", ("within_year", "sure")),
    ("bant.timing", "hasta junio", ("within_year", "sure")),
    ("bant.timing", "12/15", ("within_6_months", "sure")),
    # the time the SDR settles on after a "but", not the wish before it
    ("bant.timing", "ASAP but realistically Q2", ("within_year", "likely")),
    ("bant.timing", "they want it asap but realistically march", ("within_6_months", "sure")),
    ("gpctba.timeline", "Q1 but probably Q3", ("year", "likely")),
    ("anum.urgency", "ASAP but more like 2028", ("later", "sure")),
])
def test_european_dates_and_a_settled_time(where: str, text: str,
                                          expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # shorthand for quarters and calendar years
    ("anum.urgency", "this qtr", ("quarter", "sure")),
    ("anum.urgency", "next qtr", ("half", "likely")),
    ("anum.urgency", "27Q1", ("half", "likely")),
    ("gpctba.timeline", "CY28", ("later", "sure")),
    # holidays of other calendars, and the festive season
    ("anum.urgency", "after the festive season", ("quarter", "sure")),
    ("anum.urgency", "right after Tet", ("quarter", "sure")),
    ("bant.timing", "after Songkran", ("within_6_months", "sure")),
    ("bant.timing", "after obon", ("within_year", "sure")),
])
def test_shorthand_and_holidays(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # before an event in a month: by the end of the month before
    ("anum.urgency", "before the busy season in march", ("quarter", "sure")),
    ("bant.timing", "before their peak in July", ("within_year", "sure")),
    ("gpctba.timeline", "ASAP, before the audit in march", ("quarter", "sure")),
    # a day of the week: within a week or two
    ("meddic.process", "by Friday", ("soon", "sure")),
    ("meddic.process", "next monday", ("soon", "sure")),
])
def test_before_an_event_and_weekdays(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the summer in French and Italian, its article run in: after it, by October (proposed,
    # as "after the summer" is); la rentrée is early September
    ("gpctba.timeline", "plutôt après l'été", ("year", "likely")),
    ("anum.urgency", "dopo l'estate probabilmente", ("later", "likely")),
    ("bant.timing", "prima dell'estate", ("within_6_months", "likely")),
    ("bant.timing", "prima di marzo", ("within_6_months", "sure")),
    ("gpctba.timeline", "entro l'estate", (None, "unclear")),  # as "by summer"
    ("truly_qualified.timing", "à la rentrée", ("within_year", "sure")),
    ("bant.timing", "la prima cosa è il budget", (None, "unclear")),
    # Ramadan and the Eids move with the moon: read from this year's and next year's
    # dates (a day either way with the sighting: proposed a day or two from a band's edge)
    ("anum.urgency", "they want it live before Ramadan", ("quarter", "sure")),
    ("gpctba.timeline", "setelah lebaran", ("quarter", "sure")),
    ("bant.timing", "sebelum lebaran", ("within_6_months", "sure")),
    ("meddic.process", "before Eid al-Adha", ("this_half", "sure")),
    # the lunar new year in Vietnamese
    ("anum.urgency", "trước Tết", ("quarter", "sure")),
    ("bant.timing", "sau Tết nguyên đán", ("within_6_months", "sure")),
    # a holiday's deadline with its reason after it
    ("bant.timing", "by Ramadan, their busy season starts right after",
     ("within_6_months", "sure")),
])
def test_french_italian_summers_and_the_moons_holidays(where: str, text: str,
                                                       expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


def test_a_moon_holiday_near_a_bands_edge_is_proposed() -> None:
    # 8 November: Ramadan 2027 starts about three months on, on the edge of "quarter"
    assert read_on(date(2026, 11, 8), "anum.urgency", "before Ramadan") == ("quarter", "likely")


@pytest.mark.parametrize(("where", "text", "expect"), [
    # the contact not specific, or nothing given, is no time to take or propose
    ("gpctba.timeline", "next year at some point, he wasn't specific", (None, "unclear")),
    ("bant.timing", "2027 sometime, they weren't very specific", (None, "unclear")),
    ("anum.urgency", "dates not given", (None, "unclear")),
    # ...while a time said outright with no such words is read as ever
    ("gpctba.timeline", "next year at some point", ("later", "likely")),
])
def test_a_time_not_specified_is_asked(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # a weekday said as the deadline after other words: within a week
    ("meddic.process", "final decision by Thursday", ("soon", "sure")),
    ("anum.urgency", "they want the contract signed by this friday", ("quarter", "sure")),
    # a weekday that dates something else is no deadline
    ("meddic.process", "demo was on tuesday, went well", (None, "unclear")),
])
def test_a_weekday_deadline_within_a_reply(where: str, text: str,
                                           expect: tuple[str, str]) -> None:
    assert read(where, text) == expect


@pytest.mark.parametrize(("where", "text", "expect"), [
    # no time given is nothing told; "no timeline" is the flows' own word for the later answer
    ("bant.timing", "no timeframe mentioned on the call", (None, "unclear")),
    ("gpctba.timeline", "no dates given", (None, "unclear")),
    ("gpctba.timeline", "no timeline", ("later", "sure")),
    # ...where "we don't know yet" is an answer, it is that one
    ("meddic.process", "no target date mentioned, dunno", ("later", "sure")),
])
def test_no_time_given_is_not_told(where: str, text: str, expect: tuple[str, str]) -> None:
    assert read(where, text) == expect
